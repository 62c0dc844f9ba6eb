"""`make screenshots`: docs/citizen.png and docs/agent-console.png, taken from the real stack.

Starts Rasa, the action server and the gateway on free ports (tests/support/stack.py) with a fresh
SQLite database, plays one conversation through headless Debian Chromium — a citizen starts a bike
theft report with the assistant, asks for a person, and an agent claims the chat and replies —
then photographs both sides. The console is photographed on a busy shift: 300 other chats are
waiting (tests/support/busy.py) and one of them has just been escalated to an emergency.
Run it from the repository root with PYTHONPATH set to it (make does).
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.e2e.browser import ROOT, CitizenPage, ConsolePage, launch, stub_neutral_site
from tests.support.busy import seed_busy_queue
from tests.support.scripts import answer_for
from tests.support.stack import Stack, start_stack

DOCS = ROOT / "docs"
CITIZEN_VIEWPORT = {"width": 1100, "height": 860}
CONSOLE_VIEWPORT = {"width": 1280, "height": 900}
AGENT = ("jo", "Jo Bloggs")
OPENING = "Someone stole my bike from outside the library last night"
ASSISTANT_TURNS = 3  # answers to the assistant's questions before asking for a person
AGENT_REPLY = "Hello, I'm Jo. I can see what you've told the assistant so far. Did anyone see it happen?"
CITIZEN_REPLY = "I don't think so, but the library has CCTV over the bike racks."


def play(browser: Browser, stack: Stack) -> tuple[CitizenPage, ConsolePage]:
    citizen_context = browser.new_context(viewport=CITIZEN_VIEWPORT)  # type: ignore[arg-type]
    stub_neutral_site(citizen_context)
    citizen = CitizenPage(citizen_context.new_page(), stack.gateway_url).open()
    reply = citizen.say(OPENING)
    for _ in range(ASSISTANT_TURNS):
        step = answer_for(" ".join(m["text"] for m in reply["messages"]))
        if step is None:
            break
        reply = citizen.press_by_keyboard(step.send) if step.is_payload else citizen.type_and_send(step.send)
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat is not None

    seed_busy_queue(stack.database_url, 300)
    # Someone waiting in the queue whose next message is an emergency: escalated, top of the queue.
    other = CitizenPage(citizen_context.new_page(), stack.gateway_url).open()
    other.ask_for_a_person()
    other.say("he's back outside now with a knife")

    console_context = browser.new_context(viewport=CONSOLE_VIEWPORT)  # type: ignore[arg-type]
    console = ConsolePage(console_context.new_page(), stack.gateway_url).open().log_in(AGENT[0])
    console.set_available()
    expect(console.page.locator("#queue > li.card--emergency")).to_be_visible()
    console.claim(chat["id"])
    console.reply(AGENT_REPLY)
    expect(citizen.page.locator("#status")).to_contain_text(f"You're talking to {AGENT[1]}.")
    expect(citizen.page.locator("#log > li.msg--agent .msg__text").last).to_have_text(AGENT_REPLY)
    citizen.say(CITIZEN_REPLY)
    console.wait_for_transcript(CITIZEN_REPLY)
    expect(console.page.locator("#fields dt").first).to_be_visible()
    return citizen, console


def photograph(citizen: CitizenPage, console: ConsolePage) -> list[Path]:
    DOCS.mkdir(exist_ok=True)
    shots: list[tuple[Page, Path]] = [
        (citizen.page, DOCS / "citizen.png"),
        (console.page, DOCS / "agent-console.png"),
    ]
    for page, _ in shots:  # no focus ring or hover in the pictures
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.mouse.move(0, 0)
    citizen.page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    for page, path in shots:
        page.screenshot(path=str(path), animations="disabled", caret="hide")
    return [path for _, path in shots]


def main() -> int:
    expect.set_options(timeout=15_000)  # a loaded machine running Rasa can be slow to answer
    with tempfile.TemporaryDirectory(prefix="screenshots-") as workdir, ExitStack() as resources:
        # The stack first: Playwright's sync API keeps an event loop running in this thread.
        stack = start_stack("sqlite", Path(workdir), resources)
        stack.add_user(AGENT[0], role="agent", display=AGENT[1])
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                saved = photograph(*play(browser, stack))
            finally:
                browser.close()
    for path in saved:
        print(f"==> {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
