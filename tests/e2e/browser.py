"""Driving the real pages in headless Debian Chromium: launch options, the citizen page and the agent
console as small page objects, axe-core, and the stub for the quick-exit site (there is no internet).

Shared by the browser tests and by ``tests/e2e/screenshots.py``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Response

from handoff.web.branding import DEFAULT_EXIT_URL
from tests.support.scripts import answer_for
from tests.support.stack import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RESULTS = ROOT / "results" / "axe"
NEUTRAL_SITE = "Weather forecast (stub)"
RECEIPT = re.compile(r"WEB-[0-9A-Z]{4}-[0-9A-Z]{4}")


def launch(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM}: run `make chromium`")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def stub_neutral_site(context: BrowserContext) -> None:
    """The quick exit goes to a real news site; with no internet, a local stub answers for it."""
    origin = re.match(r"https?://[^/]+", DEFAULT_EXIT_URL)
    assert origin
    context.route(
        f"{origin.group(0)}/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body=f"<!doctype html><title>{NEUTRAL_SITE}</title><h1>{NEUTRAL_SITE}</h1>",
        ),
    )


# --- axe-core ----------------------------------------------------------------------------------------


def run_axe(page: Page, state: str) -> list[dict[str, Any]]:
    """Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now; saves the full result
    under results/axe/<state>.json and returns the serious and critical violations."""
    if not AXE.exists():
        raise RuntimeError("axe-core is not installed: run `make axe`")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's own CSP (no inline scripts) stays on.
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            const slim = (list) => list.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary}))}));
            return {violations: slim(r.violations), incomplete: slim(r.incomplete), passes: r.passes.length};
        }""",
        AXE_TAGS,
    )
    AXE_RESULTS.mkdir(parents=True, exist_ok=True)
    (AXE_RESULTS / f"{state}.json").write_text(json.dumps({"url": page.url, **result}, indent=2))
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe_violations(found: dict[str, list[dict[str, Any]]]) -> str:
    """{state: violations} as readable lines for an assertion message."""
    lines = []
    for state, violations in found.items():
        for v in violations:
            lines.append(f"[{state}] {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                summary = " ".join(str(node.get("summary") or "").split())
                lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


# --- keyboard ----------------------------------------------------------------------------------------


def tab_until(page: Page, predicate: str, limit: int = 60, key: str = "Tab") -> None:
    """Presses Tab (or Shift+Tab) until ``predicate`` (a JS expression over ``el``, the focused
    element) holds: how a keyboard user gets somewhere."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({predicate}); }})()"):
            return
    raise AssertionError(f"nothing matching {predicate!r} within {limit} presses of {key}")


# --- pages under watch ------------------------------------------------------------------------------


@dataclass
class WatchedPage:
    """A page whose alert/confirm dialogs (dismissed, so nothing blocks) and script errors are
    recorded, so a test can assert that nothing ran that should not have."""

    page: Page
    base_url: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Also count console.error lines. The citizen page logs none in normal use; the console asks
    #: /api/agent/me before login, and Chromium logs that expected 401 as a console error.
    console_errors: ClassVar[bool] = False

    def __post_init__(self) -> None:
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        if self.console_errors:
            self.page.on(
                "console", lambda message: message.type == "error" and self.errors.append(message.text)
            )


# --- the citizen page ------------------------------------------------------------------------------


@dataclass
class CitizenPage(WatchedPage):
    console_errors: ClassVar[bool] = True

    def open(self) -> CitizenPage:
        self.page.goto(f"{self.base_url}/")
        self.page.wait_for_selector("#message")
        return self

    @property
    def chat(self) -> dict[str, str] | None:
        raw = self.page.evaluate("sessionStorage.getItem('chat')")
        return json.loads(raw) if raw else None

    def message_ids(self) -> list[int]:
        return [
            int(i) for i in self.page.eval_on_selector_all("#log > li", "els => els.map(e => e.dataset.id)")
        ]

    def texts(self, sender: str | None = None) -> list[str]:
        selector = f"#log > li.msg--{sender} .msg__text" if sender else "#log > li .msg__text"
        return [
            str(t) for t in self.page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")
        ]

    def wait_for_ids(self, ids: list[int]) -> None:
        self.page.wait_for_function(
            "ids => ids.every((id) => document.querySelector(`#log > li[data-id='${id}']`))", arg=ids
        )

    def _turn(self, act: Any) -> dict[str, Any]:
        """Does something that posts a message; waits until every reply is on the page."""

        def is_post(response: Response) -> bool:
            return response.request.method == "POST" and response.url.endswith("/messages")

        with self.page.expect_response(is_post) as posted:
            act()
        reply = dict(posted.value.json())
        self.wait_for_ids([m["id"] for m in reply.get("messages", [])])
        return reply

    def type_and_send(self, text: str) -> dict[str, Any]:
        """Types into the message box (which has the focus) and presses Enter."""
        assert self.page.evaluate("document.activeElement.id") == "message"

        def act() -> None:
            self.page.keyboard.type(text)
            self.page.keyboard.press("Enter")

        return self._turn(act)

    def say(self, text: str) -> dict[str, Any]:
        self.page.focus("#message")
        return self.type_and_send(text)

    def press_by_keyboard(self, payload: str) -> dict[str, Any]:
        """From the message box, Shift+Tab back to the bot's button with this payload, then Enter."""
        for _ in range(12):
            self.page.keyboard.press("Shift+Tab")
            if self.page.evaluate("document.activeElement.value") == payload:
                return self._turn(lambda: self.page.keyboard.press("Enter"))
        raise AssertionError(f"no button with payload {payload} reachable by Shift+Tab")

    def answer_until_receipt(self, first: dict[str, Any]) -> dict[str, Any]:
        """Answers the crime form (tests/support/scripts.py) by keyboard until the receipt."""
        reply = first
        for _ in range(25):
            if reply["state"]["report_reference"]:
                return reply
            question = " ".join(m["text"] for m in reply["messages"])
            step = answer_for(question)
            assert step is not None, f"unexpected question: {question!r}"
            reply = self.press_by_keyboard(step.send) if step.is_payload else self.type_and_send(step.send)
        raise AssertionError("no receipt after 25 turns")

    def ask_for_a_person(self) -> dict[str, Any]:
        return self._turn(lambda: self.page.click("#ask-person"))

    def status(self) -> str:
        return str(self.page.inner_text("#status"))


# --- the agent console ----------------------------------------------------------------------------


@dataclass
class ConsolePage(WatchedPage):
    def open(self) -> ConsolePage:
        self.page.goto(f"{self.base_url}/agent")
        self.page.wait_for_selector("#login:not([hidden]), #workspace:not([hidden])")
        return self

    def log_in(self, username: str, password: str = PASSWORD) -> ConsolePage:
        self.page.fill("#username", username)
        self.page.fill("#password", password)
        self.page.press("#password", "Enter")
        self.page.wait_for_selector("#session:not([hidden])")
        return self

    def set_available(self) -> None:
        toggle = self.page.locator("#presence")
        if toggle.get_attribute("aria-pressed") != "true":
            with self.page.expect_response(lambda r: r.url.endswith("/api/agent/presence")):
                toggle.click()
        self.page.wait_for_selector("#presence[aria-pressed='true']")

    def queue_item(self, conversation_id: str) -> Any:
        return self.page.locator(f"#queue > li[data-id='{conversation_id}']")

    def claim(self, conversation_id: str) -> None:
        item = self.queue_item(conversation_id)
        item.wait_for()
        item.get_by_role("button").click()
        self.page.wait_for_selector(f"#mine button[data-chat='{conversation_id}'][aria-current='true']")
        self.page.wait_for_selector("#conversation:not([hidden])")
        self.page.wait_for_function("() => document.querySelector('#reply').disabled === false")

    def reply(self, text: str) -> None:
        self.page.fill("#reply", text)
        self.page.press("#reply", "Enter")
        self.wait_for_transcript(text)

    def transcript_texts(self) -> list[str]:
        return [
            str(t)
            for t in self.page.eval_on_selector_all(
                "#transcript > li .msg__text", "els => els.map(e => e.textContent)"
            )
        ]

    def wait_for_transcript(self, text: str) -> None:
        self.page.wait_for_function(
            "text => [...document.querySelectorAll('#transcript > li .msg__text')]"
            ".some((e) => e.textContent === text)",
            arg=text,
        )
