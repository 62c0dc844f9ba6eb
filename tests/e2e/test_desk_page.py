"""The reports desk page (/desk) in Chromium against the real stack: axe-core in each state a
desk officer meets (0 serious or critical), and a report claimed, assessed (THRIVE) and decided
with the keyboard alone."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from handoff.domain.thrive import THRIVE_ITEMS
from tests.e2e.browser import ConsolePage, describe_violations, run_axe, tab_until
from tests.support.scripts import answer_for
from tests.support.stack import PASSWORD, Stack

pytestmark = pytest.mark.browser


def report_through_the_chat(stack: Stack) -> str:
    """A crime report made through the public API (the citizen's side is not under test here)."""
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as http:
        started = http.post("/api/chat/conversations").json()
        auth = {"Authorization": f"Bearer {started['token']}"}
        url = f"/api/chat/conversations/{started['conversation_id']}/messages"
        reply = http.post(
            url, json={"text": "my bike was stolen from outside the library last night"}, headers=auth
        ).json()
        for _ in range(20):
            if reply["state"]["report_reference"]:
                return str(reply["state"]["report_reference"])
            step = answer_for(" ".join(m["text"] for m in reply["messages"]))
            assert step is not None, reply["messages"]
            body = {"payload": step.send} if step.is_payload else {"text": step.send}
            reply = http.post(url, json=body, headers=auth).json()
    raise AssertionError("no receipt")


def log_in_by_keyboard(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/desk")
    page.wait_for_selector("#login:not([hidden])")
    tab_until(page, "el.id === 'username'")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#workspace")).to_be_visible()


def test_the_desk_is_accessible_and_works_by_keyboard_alone(
    console: ConsolePage, stack: Stack, make_user: Any
) -> None:
    reference = report_through_the_chat(stack)
    name = make_user(display="Dee Desk", role="desk")
    page = console.page
    found: dict[str, list[dict[str, Any]]] = {}

    page.goto(f"{console.base_url}/desk")
    page.wait_for_selector("#login:not([hidden])")
    found["desk-login"] = run_axe(page, "desk-login")
    log_in_by_keyboard(page, console.base_url, name)
    item = page.locator("#reports button", has_text=reference)
    expect(item).to_be_visible()
    found["desk-list"] = run_axe(page, "desk-list")

    # Open the report: Tab to it, Enter. The heading takes the focus.
    tab_until(page, f"el.closest('#reports') && el.textContent.includes({reference!r})")
    page.keyboard.press("Enter")
    expect(page.locator("#report-heading")).to_contain_text(reference)
    expect(page.locator("#report-heading")).to_be_focused()
    expect(page.locator("#fields")).to_contain_text("outside the library")
    found["desk-report"] = run_axe(page, "desk-report")

    # Claim by keyboard.
    tab_until(page, "el.id === 'claim'")
    page.keyboard.press("Enter")
    expect(page.locator("#claim")).to_be_hidden()
    expect(page.locator("#report-meta")).to_contain_text("Claimed by Dee Desk")

    # THRIVE by keyboard: each group's first radio, then arrow keys to the level.
    # The claim puts the cursor on the assessment's first choice.
    expect(page.locator("input[name='thrive-threat']").first).to_be_focused()
    for item, steps in zip(THRIVE_ITEMS, [0, 1, 0, 2, 0, 1], strict=True):
        if item != THRIVE_ITEMS[0]:
            tab_until(page, f"el.name === 'thrive-{item}'")
        page.keyboard.press("Space")
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
    # The outcome, without the crime reference first: the error names it and takes the cursor there.
    tab_until(page, "el.id === 'outcome'")
    page.keyboard.press("ArrowDown")  # crime_recorded, the first outcome
    tab_until(page, "el.id === 'decide'")
    page.keyboard.press("Enter")
    expect(page.locator("#decision-error")).to_contain_text("crime_reference")
    expect(page.locator("#crime-reference")).to_be_focused()
    found["desk-decision-error"] = run_axe(page, "desk-decision-error")
    page.keyboard.type("CR/5150/26")
    tab_until(page, "el.id === 'decide'")
    page.keyboard.press("Enter")
    expect(page.locator("#decided")).to_be_visible()
    expect(page.locator("#decided-fields")).to_contain_text("CR/5150/26")
    expect(page.locator("#decided-fields")).to_contain_text("Medium")
    found["desk-decided"] = run_axe(page, "desk-decided")

    assert not any(found.values()), describe_violations(found)
    assert console.errors == [] and console.dialogs == []


def test_a_role_without_the_desk_is_told_so(console: ConsolePage, make_user: Any) -> None:
    agent = make_user(role="agent")
    page = console.page
    page.goto(f"{console.base_url}/desk")
    page.wait_for_selector("#login:not([hidden])")
    page.fill("#username", agent)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    expect(page.locator("#no-access")).to_contain_text("does not use the reports desk")
    found = {"desk-no-access": run_axe(page, "desk-no-access")}
    assert not any(found.values()), describe_violations(found)
