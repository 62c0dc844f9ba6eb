"""Browser tests: headless Debian Chromium (Playwright, sync API) against the real stack — Rasa with
the served model, the action server and the gateway — on SQLite, one stack for the session."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

from tests.e2e.browser import CitizenPage, ConsolePage, launch, stub_neutral_site
from tests.support.stack import Stack, start_stack

DESKTOP = {"width": 1280, "height": 900}
# expect() retries until this long: the assistant and the queue answer within a second or two, but
# a loaded 2-core machine running Rasa can be slower than Playwright's default of 5 s.
expect.set_options(timeout=15_000)
_names = itertools.count(1)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with ExitStack() as resources:
        yield start_stack("sqlite", tmp_path_factory.mktemp("browser-stack"), resources)


@pytest.fixture(scope="session")
def browser(stack: Stack) -> Iterator[Browser]:
    # After the stack: Playwright's sync API keeps an event loop running in this thread, and the
    # stack's database set-up uses asyncio.run().
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[object]:
    """Fresh browser contexts (separate cookies and storage: one per person), closed after the test."""
    opened: list[BrowserContext] = []

    def make(**options: object) -> BrowserContext:
        context = browser.new_context(**{"viewport": DESKTOP, **options})  # type: ignore[arg-type]
        stub_neutral_site(context)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def citizen(new_context: object, stack: Stack) -> CitizenPage:
    context = new_context()  # type: ignore[operator]
    return CitizenPage(context.new_page(), stack.gateway_url)


@pytest.fixture
def console(new_context: object, stack: Stack) -> ConsolePage:
    context = new_context()  # type: ignore[operator]
    return ConsolePage(context.new_page(), stack.gateway_url)


@pytest.fixture
def make_user(stack: Stack) -> object:
    """Creates a fresh account (each agent has their own concurrency limit); returns the username."""

    def make(display: str = "Jo Bloggs", role: str = "agent") -> str:
        name = f"{role}{next(_names)}"
        stack.add_user(name, role=role, display=display)
        return name

    return make
