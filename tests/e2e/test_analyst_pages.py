"""The analyst pages in a real browser against the real stack: the server-side role check (login
form, 403 for agents, the pages for analysts), a low-confidence message from the real assistant
corrected by keyboard and read back through the API, the dashboard's period forms, axe-core on every
state with data present, focus, and reflow at 320 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page

from tests.e2e.browser import run_axe
from tests.support.stack import PASSWORD, Stack

pytestmark = pytest.mark.browser

# Texts the served model reads with confidence below 0.7 (checked on the model when written); the
# first that still does is used, so a retrained model only has to find one of them hard.
LOW_CONFIDENCE = [
    "a question about the letter I got, my number is 07700 900123",
    "what about the form thing, call 07700 900123",
    "what about the form thing",
    "question about the letter",
]
PHONE = "07700 900123"
CORRECTED = "out_of_scope"


# --- helpers -----------------------------------------------------------------------------------------


def low_confidence_message(stack: Stack) -> dict[str, Any]:
    """A conversation through the real citizen API whose first message the assistant is unsure of."""
    seen = []
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as http:
        for text in LOW_CONFIDENCE:
            started = http.post("/api/chat/conversations")
            assert started.status_code == 201, started.text
            chat = started.json()
            reply = http.post(
                f"/api/chat/conversations/{chat['conversation_id']}/messages",
                json={"text": text},
                headers={"Authorization": f"Bearer {chat['token']}"},
            )
            assert reply.status_code == 200, reply.text
            triage = reply.json()["state"]["triage"]
            seen.append((text, triage))
            if triage and triage["confidence"] is not None and triage["confidence"] <= 0.7:
                return {"conversation_id": chat["conversation_id"], "text": text, "triage": triage}
    raise AssertionError(f"the served model is confident about every candidate: {seen}")


@contextmanager
def api_session(stack: Stack, username: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as http:
        response = http.post("/api/agent/login", json={"username": username, "password": PASSWORD})
        assert response.status_code == 200, response.text
        http.headers["X-CSRF-Token"] = response.json()["csrf_token"]
        yield http


def review_rows(stack: Stack, username: str) -> list[dict[str, Any]]:
    with api_session(stack, username) as http:
        response = http.get("/api/analyst/review", params={"max_confidence": "0.7", "limit": "200"})
        assert response.status_code == 200, response.text
        return list(response.json()["messages"])


def watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def log_in(page: Page, username: str) -> None:
    """On the analyst login page, by keyboard: type the name, Tab, the password, Enter."""
    page.wait_for_selector("#login-form")
    assert page.evaluate("document.activeElement.id") == "username"
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def open_logged_in(page: Page, base_url: str, path: str, username: str) -> None:
    page.goto(f"{base_url}{path}")
    assert page.url.startswith(f"{base_url}/analyst/login?next=")
    log_in(page, username)
    page.wait_for_url(re.compile(re.escape(f"{base_url}{path.split('?')[0]}")))


def assert_accessible(page: Page, state: str) -> None:
    serious = run_axe(page, state)
    assert serious == [], serious


def wait_for_review(page: Page) -> None:
    page.wait_for_function("() => document.querySelector('#status').textContent !== 'Loading…'")


def wait_for_dashboard(page: Page) -> None:
    page.wait_for_selector("#figures:not([hidden])")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.chart__image')].every((i) => i.complete && i.naturalWidth > 0)"
    )


@pytest.fixture
def analyst(make_user: Any) -> str:
    return str(make_user("Ana Lyst", role="analyst"))


@pytest.fixture
def seeded(stack: Stack) -> dict[str, Any]:
    return low_confidence_message(stack)


@pytest.fixture
def context(new_context: Any) -> Iterator[BrowserContext]:
    yield new_context()


# --- the role check ------------------------------------------------------------------------------------


def test_an_agent_gets_403_and_cannot_see_the_data(
    stack: Stack, context: BrowserContext, make_user: Any, seeded: dict[str, Any]
) -> None:
    page = context.new_page()
    errors = watch_errors(page)
    agent = make_user("Jo Bloggs", role="agent")
    open_logged_in(page, stack.gateway_url, "/analyst/review", agent)
    for path in ("/analyst/review", "/analyst/dashboard"):
        response = page.goto(f"{stack.gateway_url}{path}")
        assert response is not None and response.status == 403, path
        assert page.inner_text("h1") == "You cannot open the analyst pages"
        assert "agent" in page.inner_text("#main")
        body = page.content()
        assert seeded["text"] not in body and PHONE not in body and "[PHONE]" not in body
        assert page.locator("nav[aria-label='Analyst pages']").count() == 0
    assert_accessible(page, "analyst-403")
    # The API the pages would have used refuses the agent too, from inside the page.
    statuses = page.evaluate(
        """async () => Promise.all(["/api/analyst/review", "/api/analyst/dashboard",
            "/api/analyst/charts/outcomes.png"].map(async (url) => {
              const r = await fetch(url); return [r.status, await r.text()];
            }))"""
    )
    for status, text in statuses:
        assert status == 403 and seeded["text"] not in text
    assert errors == []


def test_without_a_session_the_pages_show_the_login_form(stack: Stack, context: BrowserContext) -> None:
    page = context.new_page()
    for path in ("/analyst/review", "/analyst/dashboard?days=7"):
        page.goto(f"{stack.gateway_url}{path}")
        assert page.url.startswith(f"{stack.gateway_url}/analyst/login?next=")
        assert page.is_visible("#login-form")
        assert page.evaluate("document.activeElement.id") == "username"
    # An empty submit says what is missing, in an alert, and marks the field.
    page.keyboard.press("Enter")
    page.wait_for_selector("#login-error:not([hidden])")
    assert page.inner_text("#login-error") == "Enter your username and password."
    assert page.get_attribute("#username", "aria-invalid") == "true"
    page.fill("#username", "nobody")
    page.fill("#password", "wrong password here")
    page.press("#password", "Enter")
    page.wait_for_function("() => document.querySelector('#login-error').textContent.startsWith('Wrong')")
    assert_accessible(page, "analyst-login-error")


# --- the review queue ------------------------------------------------------------------------------------


def test_an_analyst_corrects_a_low_confidence_message_by_keyboard(
    stack: Stack, context: BrowserContext, analyst: str, seeded: dict[str, Any]
) -> None:
    page = context.new_page()
    errors = watch_errors(page)
    open_logged_in(page, stack.gateway_url, "/analyst/review", analyst)
    wait_for_review(page)
    assert page.get_attribute("nav a[aria-current='page']", "href") == "/analyst/review"

    # The message is there, redacted, with the assistant's reading.
    [row] = [r for r in review_rows(stack, analyst) if r["conversation_id"] == seeded["conversation_id"]]
    item = page.locator(f"#review > li[data-message-id='{row['message_id']}']")
    item.wait_for()
    shown = item.locator(".review__text").inner_text()
    assert shown == row["text"]
    if PHONE in seeded["text"]:
        assert "[PHONE]" in shown
    assert PHONE not in page.content()
    assert seeded["triage"]["intent"] in item.locator(".review__facts").inner_text()
    assert f"{round(seeded['triage']['confidence'] * 100)}%" in item.inner_text()
    # In context: the bot's question it answered, and the conversation around it (redacted).
    assert item.locator(".review__question").inner_text() == (
        f"Answering: {row['question']}" if row["question"] else "The first message of the conversation."
    )
    item.locator(".context summary").focus()
    page.keyboard.press("Enter")
    around = item.locator(".context__message")
    assert around.count() == len(row["context"]) >= 2
    assert item.locator(".context__message--this").inner_text().endswith(row["text"])
    assert PHONE not in item.locator(".context").inner_text()
    # Nothing is preselected: the analyst chooses.
    assert item.locator("select").input_value() == ""
    assert_accessible(page, "analyst-review")

    # The control is a labelled select; reach it and the Save button with the keyboard.
    select = item.locator("select")
    label = page.evaluate(
        "id => document.getElementById(id).labels[0].textContent", select.get_attribute("id")
    )
    assert label.startswith("Correct intent for message")
    options = select.evaluate("s => [...s.options].map((o) => o.value)")
    assert CORRECTED in options and "report_crime" in options
    select.focus()
    select.select_option(CORRECTED)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('li').dataset.messageId") == str(row["message_id"])
    assert page.evaluate("document.activeElement.type") == "submit"
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring not in ("", "none")
    page.keyboard.press("Enter")
    item.locator(".review__saved", has_text=f"Saved: {CORRECTED}.").wait_for()
    assert item.locator(f"#corrected-{row['message_id']}").inner_text() == CORRECTED
    assert page.evaluate("document.activeElement.type") == "submit"  # focus stays put
    assert_accessible(page, "analyst-review-corrected")

    # The correction is in the review data the API (and the CSV export) read.
    [again] = [r for r in review_rows(stack, analyst) if r["message_id"] == row["message_id"]]
    assert again["corrected_intent"] == CORRECTED
    assert again["history"][-1]["to"] == CORRECTED and again["history"][-1]["source"] == "web"
    page.reload()
    wait_for_review(page)
    assert item.locator(f"#corrected-{row['message_id']}").inner_text() == CORRECTED
    assert f"→ {CORRECTED} by" in item.locator(f"#history-{row['message_id']}").inner_text()
    assert errors == []


def test_the_review_filters_work_by_keyboard(stack: Stack, context: BrowserContext, analyst: str) -> None:
    page = context.new_page()
    open_logged_in(page, stack.gateway_url, "/analyst/review", analyst)
    wait_for_review(page)
    page.select_option("#since", "24h")
    page.select_option("#max-confidence", "1")
    page.focus("#intent")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Show messages"
    with page.expect_response(lambda r: "/api/analyst/review?" in r.url):
        page.keyboard.press("Enter")
    wait_for_review(page)
    assert "since=24h" in page.url and "max_confidence=1" in page.url
    assert page.evaluate("document.activeElement.id") == "messages-heading"
    assert "100% (every message)" in page.inner_text("#status") or "No messages" in page.inner_text("#status")
    assert_accessible(page, "analyst-review-filtered")


# --- the dashboard --------------------------------------------------------------------------------------


def test_the_dashboard_shows_charts_with_text_tables_over_a_chosen_period(
    stack: Stack, context: BrowserContext, analyst: str, seeded: dict[str, Any]
) -> None:
    page = context.new_page()
    errors = watch_errors(page)
    open_logged_in(page, stack.gateway_url, "/analyst/dashboard", analyst)
    wait_for_dashboard(page)
    with api_session(stack, analyst) as http:
        board = http.get("/api/analyst/dashboard").json()
    assert board["totals"]["conversations"] >= 1

    # Every chart has alt text and a text table beside it, labelled by its caption.
    for name in board["charts"]:
        image = page.locator(f"#chart-{name}")
        alt = image.get_attribute("alt") or ""
        assert "chart" in alt.lower() and len(alt) > 40, (name, alt)
        region = page.locator(f"#table-{name}")
        assert region.get_attribute("role") == "region"
        assert region.locator("table caption").inner_text() == page.inner_text(
            f"#{region.get_attribute('aria-labelledby')}"
        )
    outcomes = page.inner_text("#table-outcomes")
    assert re.search(rf"Conversations\s+{board['totals']['conversations']}\b", outcomes)
    assert re.search(rf"Emergencies\s+{board['totals']['emergencies']}\b", outcomes)
    assert "Contained (finished without a person)" in outcomes and "Handed off to a person" in outcomes
    assert "Median wait" in page.inner_text("#table-queue-wait")
    conversations = page.inner_text("#table-conversations")
    assert re.search(rf"Total(\s+\d+)*\s+{board['totals']['conversations']}\s*$", conversations)
    alt = page.get_attribute("#chart-outcomes", "alt") or ""
    assert f"{board['totals']['contained']} contained" in alt
    assert_accessible(page, "analyst-dashboard")

    # Last N days, by keyboard.
    page.fill("#days", "7")
    with page.expect_response(lambda r: "/api/analyst/dashboard?days=7" in r.url):
        page.press("#days", "Enter")
    page.wait_for_function("() => document.activeElement.id === 'figures-heading'")
    wait_for_dashboard(page)
    assert page.url.endswith("/analyst/dashboard?days=7")
    assert page.locator("#table-reports tbody tr").count() == 7
    assert "days=7" in (page.get_attribute("#chart-reports", "src") or "")

    # A wrong number is refused in the page, named, and focused.
    page.fill("#days", "0")
    page.press("#days", "Enter")
    page.wait_for_selector("#period-error:not([hidden])")
    assert "whole number of days from 1 to 366" in page.inner_text("#period-error")
    assert page.get_attribute("#days", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "days"
    assert_accessible(page, "analyst-dashboard-error")

    # Two dates: backwards is refused; a real range is shown day by day.
    page.fill("#from", "2026-11-10")
    page.fill("#to", "2026-11-01")
    page.press("#to", "Enter")
    page.wait_for_function("() => document.querySelector('#period-error').textContent.includes('after')")
    to = board["to"]
    page.fill("#from", board["from"])
    page.fill("#to", to)
    with page.expect_response(
        lambda r: f"from={board['from']}" in r.url and "/api/analyst/dashboard" in r.url
    ):
        page.press("#to", "Enter")
    wait_for_dashboard(page)
    assert page.is_hidden("#period-error")
    assert page.get_attribute("#days", "aria-invalid") is None
    assert page.locator("#table-conversations tbody tr").count() == len(board["by_day"])
    assert errors == []


# --- small screens, navigation ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/analyst/review", "/analyst/dashboard"])
def test_the_pages_reflow_at_320_pixels(
    stack: Stack, new_context: Any, analyst: str, seeded: dict[str, Any], path: str
) -> None:
    context = new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    open_logged_in(page, stack.gateway_url, path, analyst)
    if path.endswith("review"):
        wait_for_review(page)
    else:
        wait_for_dashboard(page)
    # No sideways scrolling of the page itself (data tables may scroll inside their own region).
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')].filter((e) => {
             if (e.closest('.table-wrap')) return false;
             const r = e.getBoundingClientRect(); return r.width > 0 && r.right > 321;
           }).map((e) => e.tagName + '#' + e.id + '.' + e.className)"""
    )
    assert wide == []
    assert_accessible(page, f"analyst-{path.rsplit('/', 1)[1]}-320px")


def test_the_skip_link_and_navigation_work_by_keyboard(
    stack: Stack, context: BrowserContext, analyst: str
) -> None:
    page = context.new_page()
    open_logged_in(page, stack.gateway_url, "/analyst/review", analyst)
    wait_for_review(page)
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Dashboard":
            break
    else:
        raise AssertionError("the Dashboard link is not reachable by Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{stack.gateway_url}/analyst/dashboard"
    wait_for_dashboard(page)


def test_the_console_links_analysts_to_their_pages(
    stack: Stack, context: BrowserContext, analyst: str
) -> None:
    page = context.new_page()
    page.goto(f"{stack.gateway_url}/agent")
    page.fill("#username", analyst)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    link = page.get_by_role("link", name="Review queue")
    link.wait_for()
    assert page.get_by_role("link", name="Dashboard").is_visible()
    with page.expect_navigation():
        link.click()
    assert page.url == f"{stack.gateway_url}/analyst/review"
    wait_for_review(page)
    assert page.inner_text("h1") == "Review queue"


def test_agents_see_no_analyst_links_in_the_console(
    stack: Stack, context: BrowserContext, make_user: Any
) -> None:
    page = context.new_page()
    agent = make_user("Jo Bloggs", role="agent")
    page.goto(f"{stack.gateway_url}/agent")
    page.fill("#username", agent)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_selector("#workspace:not([hidden])")
    assert page.get_by_role("link", name="Review queue").count() == 0
