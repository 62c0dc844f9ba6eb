"""The citizen page in a real browser against the real stack: a report by keyboard alone, quick exit,
reload and network drops without duplicates, the 999 block on a small screen, save a copy."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest
from playwright.sync_api import Response, expect

from handoff.web.branding import DEFAULT_EXIT_URL
from tests.e2e.browser import NEUTRAL_SITE, RECEIPT, CitizenPage
from tests.support.stack import PASSWORD, Stack
from triage.copy import EMERGENCY_ROUTES

pytestmark = pytest.mark.browser


def transcript_ids(stack: Stack, chat: dict[str, str]) -> list[int]:
    response = httpx.get(
        f"{stack.gateway_url}/api/chat/conversations/{chat['id']}",
        headers={"Authorization": f"Bearer {chat['token']}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return [m["id"] for m in response.json()["messages"]]


def test_a_stolen_bike_is_reported_by_keyboard_alone_to_a_receipt(citizen: CitizenPage) -> None:
    page = citizen.open().page
    # Tab from the top of the page: the first stop is the skip link to the message box.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "message"

    first = citizen.type_and_send("someone nicked my bike from outside the library last night")
    final = citizen.answer_until_receipt(first)

    reference = final["state"]["report_reference"]
    assert RECEIPT.fullmatch(reference)
    page.wait_for_function(
        "ref => document.querySelector('#status').textContent.includes(ref)", arg=reference
    )
    assert f"Your receipt reference: {reference}" in citizen.status()
    assert any(reference in text for text in citizen.texts("bot"))
    assert citizen.texts("citizen")[0] == "someone nicked my bike from outside the library last night"
    assert len(citizen.message_ids()) == len(set(citizen.message_ids()))
    assert citizen.errors == [] and citizen.dialogs == []


def start_a_chat_from_the_privacy_page(citizen: CitizenPage) -> None:
    """History: /privacy, then the chat (so Back has somewhere on this site to go)."""
    page = citizen.page
    page.goto(f"{citizen.base_url}/privacy")
    page.click("text=Back to the chat >> nth=0")
    page.wait_for_url(f"{citizen.base_url}/")
    citizen.say("hello")
    assert citizen.chat is not None


# Runs in the chat page: when the browser starts to leave, reports what the page looked like then.
LEAVING_PROBE = """() => addEventListener("beforeunload", () => window.reportLeaving({
    exiting: document.documentElement.classList.contains("exiting"),
    children: document.body.childElementCount,
    storage: sessionStorage.length,
    title: document.title,
}), {capture: true})"""


@pytest.mark.parametrize("how", ["button", "escape", "shift three times"])
def test_quick_exit_leaves_at_once_and_back_does_not_return_to_the_chat(
    citizen: CitizenPage, how: str
) -> None:
    start_a_chat_from_the_privacy_page(citizen)
    page = citizen.page
    leaving: list[dict[str, Any]] = []
    page.expose_function("reportLeaving", lambda state: leaving.append(state))
    page.evaluate(LEAVING_PROBE)

    with page.expect_navigation(url=DEFAULT_EXIT_URL):
        if how == "button":
            page.click("#quick-exit")
        elif how == "escape":
            page.keyboard.press("Escape")
        else:
            for _ in range(3):
                page.keyboard.press("Shift")
    expect(page).to_have_title(NEUTRAL_SITE)
    # The chat was already blank, and forgotten by the tab, when the browser started to leave.
    assert leaving == [{"exiting": True, "children": 0, "storage": 0, "title": ""}]

    page.go_back()
    expect(page).to_have_url(f"{citizen.base_url}/privacy")  # the chat's entry was replaced
    assert page.evaluate("sessionStorage.length") == 0
    citizen.open()
    expect(page.locator("#intro")).to_be_visible()
    expect(page.locator("#log")).to_be_hidden()
    assert citizen.message_ids() == []


def test_shift_with_other_keys_in_between_does_not_exit(citizen: CitizenPage) -> None:
    page = citizen.open().page
    page.focus("#message")
    page.keyboard.press("Shift")
    page.keyboard.type("Hi")  # Shift+H counts as typing, not as a third press
    page.keyboard.press("Shift")
    # The exit runs synchronously inside the key handler: had it fired, the page would be blank now.
    assert page.evaluate("document.documentElement.classList.contains('exiting')") is False
    assert page.url == f"{citizen.base_url}/"
    assert page.input_value("#message") == "Hi"


def test_a_reload_keeps_the_conversation_without_duplicates(citizen: CitizenPage, stack: Stack) -> None:
    citizen.open()
    citizen.say("my car was scratched in the car park")
    citizen.say("yesterday afternoon")
    chat = citizen.chat
    assert chat is not None
    before = citizen.message_ids()
    reads = itertools.count()

    def second_read(response: Response) -> bool:
        """The page reads the transcript on load, and again once its websocket is open."""
        is_read = response.request.method == "GET" and response.url.endswith(f"/conversations/{chat['id']}")
        return is_read and next(reads) == 1

    with citizen.page.expect_response(second_read):
        citizen.page.reload()
    citizen.wait_for_ids(before)
    after = citizen.message_ids()
    assert after == sorted(set(after)) == transcript_ids(stack, chat)
    assert citizen.chat == chat
    # and the chat goes on where it was
    citizen.say("in the Tesco car park")
    assert citizen.message_ids() == transcript_ids(stack, chat)


def test_a_network_drop_reconnects_and_shows_what_was_missed(
    citizen: CitizenPage, stack: Stack, make_user: Any
) -> None:
    name = make_user(display="Sam Patel")
    citizen.open()
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat is not None
    expect(citizen.page.locator("#status")).to_contain_text("in the queue")

    gateway = stack.processes["gateway"]
    gateway.stop()  # every websocket drops
    citizen.page.wait_for_selector("#connection:not([hidden])", timeout=15000)
    gateway.start()
    stack.wait_ready()

    with httpx.Client(base_url=stack.gateway_url, timeout=30) as staff:
        login = staff.post("/api/agent/login", json={"username": name, "password": PASSWORD})
        csrf = {"X-CSRF-Token": login.json()["csrf_token"]}
        assert staff.post(f"/api/agent/conversations/{chat['id']}/claim", headers=csrf).status_code == 200
        sent = staff.post(
            f"/api/agent/conversations/{chat['id']}/messages",
            json={"text": "Hello, Sam here. Sorry about the wait."},
            headers=csrf,
        )
        assert sent.status_code == 200
    citizen.wait_for_ids([sent.json()["message"]["id"]])
    citizen.page.wait_for_selector("#connection", state="hidden", timeout=40000)
    expect(citizen.page.locator("#status")).to_contain_text("Sam Patel")
    assert "Sam Patel (police staff)" in citizen.page.inner_text(
        f"#log > li[data-id='{sent.json()['message']['id']}']"
    )
    ids = citizen.message_ids()
    assert ids == sorted(set(ids)) == transcript_ids(stack, chat)


def test_the_999_block_stays_visible_at_320_pixels_without_horizontal_scrolling(
    new_context: Any, stack: Stack
) -> None:
    context = new_context(viewport={"width": 320, "height": 640})
    citizen = CitizenPage(context.new_page(), stack.gateway_url).open()
    page = citizen.page

    def check() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        box = page.locator("#emergency").bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 640 and box["width"] <= 320
        text = page.inner_text("#emergency")
        for label, route in EMERGENCY_ROUTES:
            assert label in text and route.lower() in text.lower()
        assert page.is_visible("#quick-exit")

    check()
    for line in ("my bike was stolen", "no", "last night", "a very long message " * 30):
        citizen.say(line.strip())
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    check()
    page.evaluate("window.scrollTo(0, 0)")
    check()


def test_save_a_copy_downloads_the_transcript_as_text(citizen: CitizenPage) -> None:
    citizen.open()
    citizen.say("how do speed awareness courses work?")
    with citizen.page.expect_download() as download_info:
        citizen.page.click("#save-copy")
    download = download_info.value
    assert download.suggested_filename.startswith("transcript-")
    assert download.suggested_filename.endswith(".txt")
    text = download.path().read_bytes().decode("utf-8")  # as saved: CRLF line ends
    assert "You:\r\nhow do speed awareness courses work?" in text
    assert "Assistant:" in text and "Example Police" in text


def test_the_api_token_lives_only_in_session_storage(citizen: CitizenPage) -> None:
    sockets: list[str] = []
    citizen.page.on("websocket", lambda ws: sockets.append(ws.url))
    citizen.open()
    citizen.say("hello")
    storage: dict[str, Any] = citizen.page.evaluate(
        "({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})"
    )
    assert storage == {"local": [], "session": ["chat"]}
    assert citizen.page.context.cookies() == []
    # The live socket carries the token in its first message, never in its URL.
    citizen.page.wait_for_function("() => !document.querySelector('#connection:not([hidden])')")
    assert sockets and all("token" not in url for url in sockets), sockets


def test_a_closed_chat_offers_a_new_one(citizen: CitizenPage, stack: Stack, make_user: Any) -> None:
    name = make_user()
    citizen.open()
    citizen.ask_for_a_person()
    chat = citizen.chat
    assert chat is not None
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as staff:
        csrf = {
            "X-CSRF-Token": staff.post(
                "/api/agent/login", json={"username": name, "password": PASSWORD}
            ).json()["csrf_token"]
        }
        staff.post(f"/api/agent/conversations/{chat['id']}/claim", headers=csrf)
        closed = staff.post(
            f"/api/agent/conversations/{chat['id']}/close", json={"outcome": "advice_given"}, headers=csrf
        )
        assert closed.status_code == 200
    page = citizen.page
    page.wait_for_selector("#new-chat:not([hidden])")
    assert "This chat has ended" in citizen.status()
    assert page.is_disabled("#message")
    page.click("#new-chat")
    assert page.is_visible("#intro") and citizen.chat is None
