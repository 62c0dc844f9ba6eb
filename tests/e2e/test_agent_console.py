"""The citizen page and the real agent console side by side, in two browser contexts (two people):
the handoff from waiting to talking, both ways, by keyboard; and markup typed by a citizen is
shown as text in the console, never run."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Request, expect

from tests.e2e.browser import CitizenPage, ConsolePage, tab_until
from tests.support.stack import PASSWORD

pytestmark = pytest.mark.browser

WAITING = re.compile(r"You're number \d+ in the queue for a person\.")
ESTIMATE = re.compile(r"The estimated wait is (about \d+ minutes?|over an hour)\.")
MARKUP = "<img src=x onerror=alert(1)>"


def log_in_by_keyboard(console: ConsolePage, username: str, password: str) -> None:
    page = console.open().page
    tab_until(page, "el.id === 'username'")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(page.locator("#session")).to_be_visible()


def claim_by_keyboard(console: ConsolePage, conversation_id: str) -> None:
    """Tabs into the queue (one Tab stop), arrows down to this chat's card and presses Enter."""
    page = console.page
    expect(console.queue_item(conversation_id)).to_be_visible()
    tab_until(page, "el.closest('#queue > li') && el.tagName === 'BUTTON'")
    target = f"#queue > li[data-id='{conversation_id}']"
    for _ in range(400):
        if page.evaluate("(sel) => Boolean(document.activeElement.closest(sel))", target):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator(f"#mine button[data-chat='{conversation_id}'][aria-current='true']")).to_be_visible()
    expect(page.locator("#reply")).to_be_enabled()


def test_a_citizen_asks_for_a_person_and_an_agent_claims_and_replies(
    citizen: CitizenPage, console: ConsolePage, make_user: Any
) -> None:
    name = make_user(display="Jo Bloggs")
    citizen.open()
    citizen.say("someone stole my bike from outside the library last night")
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat is not None
    status = citizen.page.locator("#status")
    expect(status).to_contain_text(WAITING)
    expect(status).to_contain_text(ESTIMATE)

    log_in_by_keyboard(console, name, PASSWORD)
    console.set_available()
    claim_by_keyboard(console, chat["id"])
    console_page = console.page
    # What the assistant collected before the handoff is beside the transcript.
    expect(console_page.locator("#fields")).to_contain_text("someone stole my bike")
    expect(console_page.locator("#triage")).to_contain_text("request_human")
    console.wait_for_transcript("someone stole my bike from outside the library last night")

    expect(status).to_contain_text("You're talking to Jo Bloggs.")
    console.reply("Hello, I'm Jo. Was the bike locked?")  # typed, then Enter
    agent_said = citizen.page.locator("#log > li.msg--agent").last
    expect(agent_said.locator(".msg__who")).to_have_text("Jo Bloggs (police staff)")
    expect(agent_said.locator(".msg__text")).to_have_text("Hello, I'm Jo. Was the bike locked?")

    citizen.say("Yes, with a D lock. It was cut.")
    expect(citizen.page.locator("#log > li.msg--citizen .msg__text").last).to_have_text(
        "Yes, with a D lock. It was cut."
    )
    console.wait_for_transcript("Yes, with a D lock. It was cut.")
    assert citizen.errors == [] and console.errors == []
    assert citizen.dialogs == [] and console.dialogs == []


def test_markup_typed_by_a_citizen_is_shown_literally_and_runs_nothing(
    citizen: CitizenPage, console: ConsolePage, make_user: Any
) -> None:
    name = make_user()
    fetched: list[str] = []  # what src=x would load, if an <img> were ever made of the text

    def watch(request: Request) -> None:
        if request.url.rstrip("/").endswith("/x"):
            fetched.append(request.url)

    citizen.page.on("request", watch)
    console.page.on("request", watch)

    citizen.open()
    citizen.ask_for_a_person()
    citizen.say(MARKUP)
    chat = citizen.chat
    assert chat is not None

    console.open().log_in(name)
    console.claim(chat["id"])
    console.wait_for_transcript(MARKUP)
    transcript = console.page.locator("#transcript")
    expect(transcript.locator(".msg--citizen .msg__text").last).to_have_text(MARKUP)
    expect(transcript.locator("img")).to_have_count(0)

    # and the other way: what an agent types is text on the citizen page too
    console.reply(MARKUP)
    agent_said = citizen.page.locator("#log > li.msg--agent .msg__text").last
    expect(agent_said).to_have_text(MARKUP)
    expect(citizen.page.locator("#log img")).to_have_count(0)
    expect(citizen.page.locator("#log > li.msg--citizen .msg__text").last).to_have_text(MARKUP)

    assert console.dialogs == [] and citizen.dialogs == []
    assert console.errors == [] and citizen.errors == []
    assert fetched == [], "an <img src=x> was created somewhere"
