"""Keys and pixels to reach the most urgent chat with 300 waiting: main's console and this one,
measured in the same run (issue #15).

For each console (``before``: the ``main`` branch, extracted with ``git archive``; ``after``: this
checkout) the gateway runs on its own SQLite database (``triage serve``, no Rasa needed: the queue
is read from the database) with 300 chats waiting and one **escalated emergency** ("he's back
outside now with a knife") that entered the queue as a normal chat half-way through the night.
Headless Debian Chromium at 1280×900 logs in as an agent and measures:

* **page height** (``document.documentElement.scrollHeight``);
* **pixels**: how far the page and every scroll region around the card must scroll to bring the
  most urgent chat's card fully into view (0 = on screen after login), and the newest chat's;
* **keys**: key presses from the top of the page to the most urgent chat's Claim button by
  keyboard alone (Tab, or the console's own keys: arrow keys, Home/End, shortcuts — whichever
  the console offers; the fewest that work), the same for the newest chat, and from the login
  form to a first reply sent in the most urgent chat (typing not counted, only keys pressed).

Run from the repository root (figures on stdout and in bench/out/console_reach.json)::

    .venv/bin/python bench/console_reach.py [--waiting 300] [--before main]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.e2e.browser import launch  # noqa: E402
from tests.support.stack import PASSWORD, Process, free_port  # noqa: E402

OUT = ROOT / "bench" / "out"
VIEWPORT = {"width": 1280, "height": 900}
KNIFE = "he's back outside now with a knife"
LINES = (
    "someone keyed my car outside work yesterday",
    "my bike was nicked from the station racks",
    "I want to ask about a speeding letter I got",
    "there's people dealing outside the shop every night",
)
MAX_TABS = 1200


def extract(ref: str, into: Path) -> Path:
    """The source of ``ref`` (handoff/, triage/, config/) in a directory of its own."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "handoff", "triage", "config"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def triage(source: Path, database: Path, *args: str, stdin: str | None = None) -> None:
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "handoff.cli", *args],
        input=stdin,
        text=True,
        check=True,
        capture_output=True,
        cwd=source,
        env={**os.environ, "PYTHONPATH": str(source), "DATABASE_URL": f"sqlite:///{database}"},
    )


def stamp(at: datetime) -> str:
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def seed(database: Path, waiting: int) -> tuple[str, str]:
    """``waiting`` normal chats (20 s apart) and one escalated emergency among them; returns the
    emergency's id and the newest chat's id. Plain SQL: both schemas have these columns."""
    now = datetime.now(UTC)
    rows = []
    for i in range(waiting):
        at = now - timedelta(seconds=20 * (waiting - i) + 60)
        rows.append((str(uuid.uuid4()), at, False, 2, "requested", LINES[i % len(LINES)]))
    emergency_at = now - timedelta(seconds=20 * (waiting // 2) + 60)
    emergency = (str(uuid.uuid4()), emergency_at, True, 0, "emergency", KNIFE)
    with sqlite3.connect(database) as db:
        for cid, at, flagged, priority, reason, text in [*rows, emergency]:
            db.execute(
                "INSERT INTO conversations (id, status, emergency, priority, reason, queued_at,"
                " first_queued_at, collected, created_at, updated_at, version)"
                " VALUES (?, 'queued', ?, ?, ?, ?, ?, '{}', ?, ?, 2)",
                (cid, flagged, priority, reason, stamp(at), stamp(at), stamp(at), stamp(at)),
            )
            db.execute(
                "INSERT INTO messages (conversation_id, sender, text, buttons, created_at)"
                " VALUES (?, 'citizen', ?, '[]', ?)",
                (cid, text, stamp(at + timedelta(seconds=5))),
            )
    return emergency[0], rows[-1][0]


def start(source: Path, workdir: Path) -> tuple[Process, str]:
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(source),
        "DATABASE_URL": f"sqlite:///{workdir / 'triage.db'}",
        "GATEWAY_HOST": "127.0.0.1",
        "GATEWAY_PORT": str(port),
        "SECRET_KEY": "bench-console-reach",
        "RASA_URL": f"http://127.0.0.1:{free_port()}",
    }
    process = Process(
        "gateway",
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "handoff.cli", "serve"],
        env,
        workdir / "gateway.log",
    )
    process.popen = subprocess.Popen(
        process.command,
        cwd=source,
        env=env,
        stdout=process.log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        time.sleep(0.2)
    raise RuntimeError(f"gateway did not start:\n{process.tail()}")


# --- measuring in the page ------------------------------------------------------------------------

SCROLL_NEEDED = """(sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const scrollers = [document.scrollingElement];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (/(auto|scroll)/.test(s.overflowY) && p.scrollHeight > p.clientHeight) scrollers.push(p);
  }
  const before = scrollers.map((s) => s.scrollTop);
  el.scrollIntoView({block: "nearest"});
  const moved = scrollers.reduce((sum, s, i) => sum + Math.abs(s.scrollTop - before[i]), 0);
  scrollers.forEach((s, i) => { s.scrollTop = before[i]; });
  return moved;
}"""


FOCUSED_IN = """(sel) => {
  const el = document.activeElement;
  return Boolean(el && el.closest(sel) && el.tagName === "BUTTON");
}"""


def focused_in(page: Page, selector: str) -> bool:
    return bool(page.evaluate(FOCUSED_IN, selector))


START = """() => {
  let mark = document.getElementById("bench-start");
  if (!mark) {
    mark = document.createElement("span");
    mark.id = "bench-start";
    mark.tabIndex = -1;
    document.body.prepend(mark);
  }
  mark.focus();
  window.scrollTo(0, 0);
}"""


def from_the_top(page: Page) -> None:
    """Focus at the very start of the page (Chromium's Tab continues from the last focused spot)."""
    page.evaluate(START)


def tabs_to(page: Page, selector: str) -> int | None:
    """Tab presses from the top of the page until a button inside ``selector`` has the focus."""
    from_the_top(page)
    for count in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if focused_in(page, selector):
            return count
    return None


def queue_keys_to(page: Page, selector: str, key: str) -> int | None:
    """Tab into the queue (its first Claim button), then ``key`` (Home/End) if the console has
    its own keys for the list: the total presses, if that lands on ``selector``."""
    first = tabs_to(page, "#queue > li")
    if first is None:
        return None
    if focused_in(page, selector):
        return first
    page.keyboard.press(key)
    return first + 1 if focused_in(page, selector) else None


def measure(name: str, source: Path, workdir: Path, waiting: int, browser: Any) -> dict[str, Any]:
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "triage.db"
    triage(source, database, "db", "upgrade")
    triage(
        source, database, "users", "add", "jo", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    emergency, newest = seed(database, waiting)
    process, url = start(source, workdir)
    try:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(f"{url}/agent")
        page.wait_for_selector("#username")
        login_keys = 0
        if page.evaluate("document.activeElement && document.activeElement.id") != "username":
            from_the_top(page)
            while page.evaluate("document.activeElement && document.activeElement.id") != "username":
                page.keyboard.press("Tab")
                login_keys += 1
        page.keyboard.type("jo")
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        login_keys += 2
        page.wait_for_selector(f"#queue > li[data-id='{emergency}']", state="attached")
        page.wait_for_function(f"() => document.querySelectorAll('#queue > li').length >= {waiting + 1}")
        page.wait_for_timeout(500)
        urgent_card = f"#queue > li[data-id='{emergency}']"
        newest_card = f"#queue > li[data-id='{newest}']"
        result: dict[str, Any] = {
            "page_height_px": page.evaluate("document.documentElement.scrollHeight"),
            "most_urgent_first_in_queue": page.evaluate("document.querySelector('#queue > li').dataset.id")
            == emergency,
            "most_urgent_scroll_px": page.evaluate(SCROLL_NEEDED, urgent_card),
            "newest_scroll_px": page.evaluate(SCROLL_NEEDED, newest_card),
        }
        tabs_urgent = tabs_to(page, urgent_card)
        tabs_newest = tabs_to(page, newest_card)
        own_urgent = queue_keys_to(page, urgent_card, "Home")
        own_newest = queue_keys_to(page, newest_card, "End")
        shortcut = page.evaluate("Boolean(document.querySelector('#claim-next'))")
        jump_urgent = jump_newest = None
        if shortcut:
            # The console's own keys: Alt+Shift+Q puts the focus in the queue, End goes to its end.
            from_the_top(page)
            page.keyboard.press("Alt+Shift+Q")
            jump_urgent = 1 if focused_in(page, urgent_card) else None
            page.keyboard.press("End")
            jump_newest = 2 if focused_in(page, newest_card) else None
        urgent_ways = [k for k in (tabs_urgent, own_urgent, jump_urgent) if k is not None]
        newest_ways = [k for k in (tabs_newest, own_newest, jump_newest) if k is not None]
        result.update(
            {
                "most_urgent_tabs": tabs_urgent,
                "newest_tabs": tabs_newest,
                "most_urgent_keys": min(urgent_ways, default=None),
                "newest_keys": min(newest_ways, default=None),
                # Reaching it and claiming it: its Claim button and Enter, or "Claim next" (one key).
                "most_urgent_keys_to_claim": 1 if shortcut else (tabs_urgent or MAX_TABS) + 1,
            }
        )
        # Login to a first reply in the most urgent chat, by keyboard.
        if shortcut:
            from_the_top(page)
            page.keyboard.press("Alt+Shift+C")
            claim_keys = 1
        else:
            claim_keys = (tabs_to(page, urgent_card) or MAX_TABS) + 1
            page.keyboard.press("Enter")
        page.wait_for_selector(f"#mine button[data-chat='{emergency}']")
        page.wait_for_function("() => document.querySelector('#reply').disabled === false")
        page.wait_for_timeout(300)
        reply_keys = 0
        while (
            page.evaluate("document.activeElement && document.activeElement.id") != "reply"
            and reply_keys < 200
        ):
            page.keyboard.press("Tab")
            reply_keys += 1
        page.keyboard.type("Are you safe right now? Call 999 if you can.")
        page.keyboard.press("Enter")
        reply_keys += 1
        page.wait_for_function(
            "() => [...document.querySelectorAll('#transcript .msg--agent .msg__text')]"
            ".some((e) => e.textContent.startsWith('Are you safe'))"
        )
        result["claimed_the_most_urgent"] = True
        result["login_to_first_reply_keys"] = login_keys + claim_keys + reply_keys
        result["login_to_first_reply_detail"] = {
            "login": login_keys,
            "claim": claim_keys,
            "to_reply_and_send": reply_keys,
        }
        context.close()
        return result
    finally:
        process.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waiting", type=int, default=300)
    parser.add_argument("--before", default="main", help="git ref of the console to compare with")
    args = parser.parse_args()
    results: dict[str, Any] = {"waiting": args.waiting, "viewport": VIEWPORT, "before_ref": args.before}
    with tempfile.TemporaryDirectory(prefix="console-reach-") as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        before_source = extract(args.before, work / "before-src")
        browser = launch(playwright)
        try:
            for name, source in (("before", before_source), ("after", ROOT)):
                results[name] = measure(name, source, work / name, args.waiting, browser)
                print(f"{name}: {json.dumps(results[name])}", flush=True)
        finally:
            browser.close()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "console_reach.json").write_text(json.dumps(results, indent=2))
    print(f"==> {OUT / 'console_reach.json'}")


if __name__ == "__main__":
    main()
