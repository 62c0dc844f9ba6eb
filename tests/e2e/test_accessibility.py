"""Accessibility in the real browser: axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) on every page
in every state a person meets it in, and a keyboard walk through each page checking that every
stop shows a focus indicator and is not hidden under the sticky bars (WCAG 2.4.7, 2.4.11).

axe's full results go to results/axe/<state>.json; serious and critical violations fail the test.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import CitizenPage, ConsolePage, describe_violations, run_axe
from tests.support.stack import Stack

pytestmark = pytest.mark.browser

# Where the focused element is, whether it shows a ring, and whether any of it can be seen (a grid
# of points over its on-screen part, each of which must land on the element, not on a sticky bar).
FOCUS_PROBE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {label: null};
  if (window.focusWalkStart === el) return {label: null, again: true};
  window.focusWalkStart = window.focusWalkStart || el;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const ring = outline || style.boxShadow !== "none";
  const r = el.getBoundingClientRect();
  const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
  let seen = false;
  for (let i = 1; i < 6 && !seen; i++) {
    for (let j = 1; j < 4 && !seen; j++) {
      const hit = document.elementFromPoint(left + (right - left) * i / 6, top + (bottom - top) * j / 4);
      seen = hit !== null && (hit === el || el.contains(hit));
    }
  }
  const label = (el.id ? "#" + el.id : el.tagName.toLowerCase()) + " " +
    (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 40);
  return {label, ring, seen: seen && right > left && bottom > top};
}"""


class Axe:
    """Runs axe in each state and keeps the serious and critical violations for one assertion."""

    def __init__(self) -> None:
        self.found: dict[str, list[dict[str, Any]]] = {}
        self.states: list[str] = []

    def check(self, page: Page, state: str) -> None:
        self.states.append(state)
        violations = run_axe(page, state)
        if violations:
            self.found[state] = violations

    def assert_clean(self) -> None:
        assert not self.found, "axe found serious or critical violations:\n" + describe_violations(self.found)


def walk_focus(page: Page, limit: int = 80) -> list[str]:
    """Tabs through the whole page from the top; returns every stop without a visible focus."""
    page.evaluate("window.focusWalkStart = null")
    problems: list[str] = []
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_PROBE)
        if stop.get("again"):
            break  # round the whole page and back to the first stop
        if stop["label"] is None:
            continue  # between the end of the page and its start
        seen.append(stop["label"])
        if not stop["ring"]:
            problems.append(f"no focus indicator: {stop['label']}")
        if not stop["seen"]:
            problems.append(f"focused but hidden: {stop['label']}")
    else:
        raise AssertionError(f"Tab did not come back round within {limit} presses: {seen}")
    assert len(seen) > 3, f"the keyboard reached almost nothing: {seen}"
    return problems


def test_the_citizen_pages_have_no_serious_violations_in_any_state(
    citizen: CitizenPage, new_context: Any, stack: Stack
) -> None:
    axe = Axe()
    page = citizen.open().page
    axe.check(page, "citizen-idle")
    citizen.say("someone stole my bike from outside the library last night")
    expect(page.locator("#log .msg__buttons button:enabled").first).to_be_visible()
    axe.check(page, "citizen-in-conversation")
    citizen.ask_for_a_person()
    expect(page.locator("#status")).to_contain_text("in the queue")
    axe.check(page, "citizen-waiting-for-a-person")
    page.goto(f"{citizen.base_url}/privacy")
    axe.check(page, "privacy")

    narrow = CitizenPage(new_context(viewport={"width": 320, "height": 640}).new_page(), stack.gateway_url)
    axe.check(narrow.open().page, "citizen-idle-320px")
    narrow.say("my car was scratched in the car park")
    axe.check(narrow.page, "citizen-in-conversation-320px")

    urgent = CitizenPage(new_context().new_page(), stack.gateway_url).open()
    urgent.say("someone is breaking into my neighbour's house right now")
    expect(urgent.page.locator("#emergency")).to_have_class(re.compile(r"emergency--alert"))
    axe.check(urgent.page, "citizen-emergency")
    axe.assert_clean()


def test_the_agent_console_has_no_serious_violations_in_any_state(
    citizen: CitizenPage, console: ConsolePage, new_context: Any, stack: Stack, make_user: Any
) -> None:
    axe = Axe()
    page = console.open().page
    axe.check(page, "agent-login")
    page.fill("#username", "nobody")
    page.fill("#password", "wrong password")
    page.press("#password", "Enter")
    expect(page.locator("#login-error")).to_be_visible()
    axe.check(page, "agent-login-error")

    citizen.open()
    citizen.say("my car was scratched in the car park yesterday")
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat is not None
    console.log_in(make_user(display="Jo Bloggs"))
    console.set_available()
    expect(console.queue_item(chat["id"])).to_be_visible()
    axe.check(page, "agent-queue")
    console.claim(chat["id"])
    console.reply("Hello, I'm Jo. Which car park was it?")
    expect(page.locator("#fields dt").first).to_be_visible()
    axe.check(page, "agent-conversation")
    expect(citizen.page.locator("#status")).to_contain_text("You're talking to Jo Bloggs.")
    axe.check(citizen.page, "citizen-talking-to-an-agent")

    supervisor = ConsolePage(new_context().new_page(), stack.gateway_url)
    supervisor.open().log_in(make_user(display="Sue Smith", role="supervisor"))
    expect(supervisor.page.locator("#overview")).to_be_visible()
    expect(supervisor.page.locator("#agents tr").first).to_be_visible()
    axe.check(supervisor.page, "supervisor-overview")
    axe.assert_clean()


def test_every_keyboard_stop_shows_its_focus_and_is_not_hidden(
    citizen: CitizenPage, console: ConsolePage, make_user: Any
) -> None:
    page = citizen.open().page
    citizen.say("someone stole my bike from outside the library last night")
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat is not None
    problems = [f"citizen: {p}" for p in walk_focus(page)]
    page.goto(f"{citizen.base_url}/privacy")
    problems += [f"privacy: {p}" for p in walk_focus(page)]

    console.open()
    problems += [f"login: {p}" for p in walk_focus(console.page)]
    console.log_in(make_user())
    console.claim(chat["id"])
    problems += [f"console: {p}" for p in walk_focus(console.page)]
    assert problems == []
