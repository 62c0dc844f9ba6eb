"""The console on a busy shift (issue 15), in real Chromium against the real stack with 300 chats
waiting: the emergency is on screen and announced, "Claim next" takes it in one key, new messages
in other chats change the title and the unread counts (which survive a reload), a citizen's quick
exit reaches the agent, a reconnect keeps presence and chats, the return button is absent on an
emergency (and the API refuses it), a transfer note reaches the receiver, and a keyboard-only
agent gets from login to a first reply in under 20 keys. axe-core in every new state."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import CitizenPage, ConsolePage, describe_violations, run_axe
from tests.support.busy import seed_busy_queue
from tests.support.stack import PASSWORD, Stack

pytestmark = pytest.mark.browser

WAITING = 300
KNIFE = "he's back outside now with a knife"


@pytest.fixture(scope="module")
def busy(stack: Stack) -> Iterator[list[str]]:
    """300 chats waiting for the whole module; closed afterwards so other tests see a calm queue."""
    ids = seed_busy_queue(stack.database_url, WAITING)
    yield ids

    async def close_all() -> None:
        from sqlalchemy import update

        from handoff.adapters.database import create_engine, session_factory
        from handoff.adapters.orm import ConversationRow

        engine = create_engine(stack.database_url)
        try:
            async with session_factory(engine)() as session:
                await session.execute(
                    update(ConversationRow)
                    .where(ConversationRow.id.in_(ids), ConversationRow.status == "queued")
                    .values(status="closed", outcome="duplicate", closed_at=ConversationRow.queued_at)
                )
                await session.commit()
        finally:
            await engine.dispose()

    thread = threading.Thread(target=lambda: asyncio.run(close_all()))
    thread.start()
    thread.join()


class Axe:
    def __init__(self) -> None:
        self.found: dict[str, list[dict[str, Any]]] = {}

    def check(self, page: Page, state: str) -> None:
        violations = run_axe(page, state)
        if violations:
            self.found[state] = violations

    def assert_clean(self) -> None:
        assert not self.found, "axe found serious or critical violations:\n" + describe_violations(self.found)


def escalated_emergency(citizen: CitizenPage) -> str:
    """A citizen waiting for a person whose next message is an emergency (escalated in the queue)."""
    citizen.open()
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat is not None
    citizen.say(KNIFE)
    return chat["id"]


def title_count(page: Page) -> int:
    found = re.match(r"^\((\d+)\) ", page.title())
    return int(found.group(1)) if found else 0


def csrf(page: Page) -> str:
    return str(page.evaluate("fetch('/api/agent/me').then((r) => r.json()).then((b) => b.csrf_token)"))


def in_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
               return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }""",
            selector,
        )
    )


def test_the_emergency_is_on_screen_announced_and_one_key_away(
    busy: list[str], citizen: CitizenPage, console: ConsolePage, make_user: Any, stack: Stack
) -> None:
    axe = Axe()
    page = console.open().log_in(make_user(display="Jo Bloggs")).page
    console.set_available()
    expect(page.locator("#queue-count")).to_have_text(re.compile(r"\((30\d|3[1-9]\d)\)"))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 900, f"the console grew to {height} px with {WAITING} waiting"
    axe.check(page, "busy-queue")

    emergency = escalated_emergency(citizen)
    card = f"#queue > li[data-id='{emergency}']"
    expect(page.locator(card)).to_have_class(re.compile(r"card--emergency"))
    expect(page.locator(card)).to_have_class(re.compile(r"card--escalated"))
    expect(page.locator(card)).to_contain_text(KNIFE)
    assert in_viewport(page, card), "the emergency must be visible without scrolling"
    assert page.evaluate("window.scrollY") == 0
    expect(page.locator("#announce-urgent")).to_contain_text("Emergency chat waiting")
    expect(page.locator("[data-filter='emergency'] .filter__count")).not_to_have_text("0")
    axe.check(page, "busy-emergency-waiting")

    # One key: the most urgent chat (the first card: an emergency, this one or an older one
    # another test left waiting) is claimed, opened, and the reply box has the focus.
    first = page.evaluate("document.querySelector('#queue > li').dataset.id")
    expect(page.locator(f"#queue > li[data-id='{first}']")).to_have_class(re.compile(r"card--emergency"))
    page.keyboard.press("Alt+Shift+C")
    expect(page.locator(f"#mine button[data-chat='{first}'][aria-current='true']")).to_be_visible()
    expect(page.locator("#reply")).to_be_focused()
    expect(page.locator("#conversation-heading")).to_contain_text("emergency")
    if first != emergency:
        console.claim(emergency)

    # Safe moves: no return button on an emergency, and the API refuses it with a reason.
    expect(page.locator("#return-to-bot")).to_be_hidden()
    expect(page.locator("#return-why")).to_contain_text("emergency")
    refused = page.request.post(
        f"{stack.gateway_url}/api/agent/conversations/{emergency}/return-to-bot",
        headers={"X-CSRF-Token": csrf(page)},
    )
    assert refused.status == 409 and "emergency" in refused.json()["reason"]
    axe.check(page, "busy-emergency-open")

    # Release asks first; cancelling changes nothing.
    page.click("#release")
    expect(page.locator("#confirm")).to_be_visible()
    expect(page.locator("#confirm-yes")).to_be_focused()
    axe.check(page, "busy-confirm")
    page.keyboard.press("Escape")
    expect(page.locator("#confirm")).to_be_hidden()
    expect(page.locator(f"#mine button[data-chat='{emergency}']")).to_be_visible()
    assert console.errors == [] and console.dialogs == []
    axe.assert_clean()


def test_a_message_in_another_chat_changes_the_title_and_the_unread_count(
    busy: list[str], new_context: Any, console: ConsolePage, make_user: Any, stack: Stack
) -> None:
    axe = Axe()
    first = CitizenPage(new_context().new_page(), stack.gateway_url).open()
    first.ask_for_a_person()
    second = CitizenPage(new_context().new_page(), stack.gateway_url).open()
    second.ask_for_a_person()
    a, b = first.chat, second.chat
    assert a and b
    page = console.open().log_in(make_user()).page
    console.claim(a["id"])
    console.claim(b["id"])  # b is open now; a is in "My chats"
    # The title counts what waits for me (emergencies other tests left in the queue count too).
    page.wait_for_timeout(500)
    before = title_count(page)
    first.say("he's trying the door handle now, I'm in the bathroom")
    item = page.locator(f"#mine button[data-chat='{a['id']}']")
    expect(item.locator(".mine__unread")).to_have_text("1 new")
    expect(item).to_contain_text("trying the door handle")
    expect(page).to_have_title(re.compile(rf"^\({before + 1}\) Agent console"))
    axe.check(page, "busy-unread")
    # The count survives a reload (the server keeps read marks).
    page.reload()
    expect(page.locator(f"#mine button[data-chat='{a['id']}'] .mine__unread")).to_have_text("1 new")
    page.click(f"#mine button[data-chat='{a['id']}']")
    expect(page.locator(f"#mine button[data-chat='{a['id']}'] .mine__unread")).to_have_count(0)
    axe.assert_clean()


def test_a_quick_exit_shows_in_the_agents_chat(
    busy: list[str], citizen: CitizenPage, console: ConsolePage, make_user: Any
) -> None:
    citizen.open()
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat
    page = console.open().log_in(make_user()).page
    console.claim(chat["id"])
    citizen.page.keyboard.press("Escape")  # the quick exit
    expect(page.locator("#citizen-left")).to_be_visible()
    console.wait_for_transcript("The citizen left the chat with the quick exit button.")
    expect(page.locator(f"#mine button[data-chat='{chat['id']}']")).to_contain_text("Citizen left")
    axe = Axe()
    axe.check(page, "busy-citizen-left")
    page.click("#close-abandoned")  # one step
    expect(page.locator(f"#mine button[data-chat='{chat['id']}']")).to_have_count(0)
    axe.assert_clean()


def test_a_reconnect_within_the_grace_period_keeps_presence_and_chats(
    busy: list[str], citizen: CitizenPage, console: ConsolePage, make_user: Any
) -> None:
    citizen.open()
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat
    page = console.open().log_in(make_user()).page
    console.set_available()
    console.claim(chat["id"])
    # The connection drops: the agent is told, and never silently turned Away.
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    page.wait_for_timeout(300)
    page.context.set_offline(False)
    expect(page.locator("#presence")).to_have_attribute("aria-pressed", "true")
    # A reload (or a new tab) within the grace period: presence and the open chat as they were.
    page.reload()
    expect(page.locator("#presence")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#mine button[data-chat='{chat['id']}'][aria-current='true']")).to_be_visible()
    expect(page.locator("#conversation")).to_be_visible()
    expect(page.locator("#reply")).to_be_enabled()
    expect(page.locator("#connection")).to_be_hidden()
    assert console.errors == []


def test_a_transfer_note_reaches_the_receiving_agent(
    busy: list[str],
    citizen: CitizenPage,
    console: ConsolePage,
    new_context: Any,
    make_user: Any,
    stack: Stack,
) -> None:
    axe = Axe()
    citizen.open()
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat
    sam_name = make_user(display="Sam Smith")
    sam = ConsolePage(new_context().new_page(), stack.gateway_url).open().log_in(sam_name)
    sam.set_available()
    page = console.open().log_in(make_user(display="Jo Bloggs")).page
    console.claim(chat["id"])
    page.focus("#colleague")
    expect(page.locator(f"#colleague option[value='{sam_name}']")).to_have_count(1)
    page.select_option("#colleague", sam_name)
    page.click("#transfer")
    expect(page.locator("#moves-error")).to_contain_text("handover note")
    note = "Caller's ex is outside; she has locked the door. Asked her to keep the line open."
    page.fill("#handover-text", note)
    page.click("#transfer")
    expect(page.locator(f"#mine button[data-chat='{chat['id']}']")).to_have_count(0)

    other = sam.page
    mine = other.locator(f"#mine button[data-chat='{chat['id']}']")
    expect(mine).to_contain_text("Handover to accept")
    mine.click()
    expect(other.locator("#handover")).to_be_visible()
    expect(other.locator("#handover-note")).to_have_text(note)
    expect(other.locator("#handover-heading")).to_be_focused()
    axe.check(other, "busy-handover")
    other.click("#accept-handover")
    expect(other.locator("#handover")).to_be_hidden()
    expect(other.locator("#reply")).to_be_focused()
    axe.assert_clean()


def test_keyboard_only_from_login_to_first_reply_in_under_20_keys(
    busy: list[str], citizen: CitizenPage, console: ConsolePage, make_user: Any
) -> None:
    name = make_user()
    page = console.open().page
    keys = 0

    def press(key: str) -> None:
        nonlocal keys
        keys += 1
        page.keyboard.press(key)

    expect(page.locator("#username")).to_be_focused()  # the login form starts where you type
    page.keyboard.type(name)
    press("Tab")
    page.keyboard.type(PASSWORD)
    press("Enter")
    expect(page.locator("#session")).to_be_visible()
    expect(page.locator("#queue > li").first).to_be_visible()
    press("Alt+Shift+C")  # claim the most urgent
    expect(page.locator("#reply")).to_be_focused()
    page.keyboard.type("Hello, I'm from the police contact centre. Are you safe right now?")
    press("Enter")
    console.wait_for_transcript("Hello, I'm from the police contact centre. Are you safe right now?")
    assert keys < 20, keys
    assert keys == 4
