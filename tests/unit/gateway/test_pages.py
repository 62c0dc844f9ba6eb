"""The pages and their assets: server-rendered safety wording, headers, caching, branding, escaping."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from handoff.web.branding import DEFAULT_EXIT_URL, contrast, load_branding
from handoff.web.pages import ASSETS
from tests.support.databases import fresh_database
from tests.unit.gateway.conftest import Gateway
from triage.copy import BOT_DISCLOSURE, CALL_999_NOW, EMERGENCY_ROUTES

PAGES = ["/", "/agent", "/privacy"]
JS = ASSETS / "js"


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """Pages do not depend on the database engine: SQLite only."""
    with fresh_database("sqlite", tmp_path) as url:
        yield url


def text_of(page: str) -> str:
    """The visible-ish text of a page: tags dropped, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def section(page: str, element_id: str) -> str:
    match = re.search(rf'<section[^>]*id="{element_id}".*?</section>', page, re.S)
    assert match, f"no section #{element_id}"
    return match.group(0)


async def test_the_citizen_page_carries_the_999_block_and_the_disclosure_without_javascript(
    gateway: Gateway,
) -> None:
    async with gateway.client() as http:
        response = await http.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    block = text_of(section(page, "emergency"))
    for label, route in EMERGENCY_ROUTES:
        assert label in block
        assert route.lower() in block.lower()
    assert block.index("999") < block.index("Non-emergency")
    assert BOT_DISCLOSURE in text_of(page)
    assert html.escape(CALL_999_NOW) in page
    assert 'href="/privacy"' in page
    # The live region wraps the list (an <ol role="log"> would hide its <li> items' list semantics).
    assert re.search(r'<div[^>]*role="log"[^>]*aria-live="polite"[^>]*>\s*<ol class="log" id="log">', page)
    assert '<label class="composer__label" for="message">' in page
    assert 'id="quick-exit" href="https://www.bbc.co.uk/weather"' in page
    assert "{{" not in page and "}}" not in page


@pytest.mark.parametrize("path", PAGES)
async def test_no_page_has_inline_script_or_style(gateway: Gateway, path: str) -> None:
    async with gateway.client() as http:
        page = (await http.get(path)).text
    assert "<style" not in page
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"\son[a-z]+=", page)
    for script in re.findall(r"<script[^>]*>", page):
        assert 'src="/static/' in script and 'type="module"' in script


@pytest.mark.parametrize("path", [*PAGES, "/static/js/citizen/main.js", "/branding.css", "/branding/logo"])
async def test_every_page_and_asset_has_a_strict_policy(gateway: Gateway, path: str) -> None:
    async with gateway.client() as http:
        response = await http.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    host = gateway.url.removeprefix("http://")
    assert directives["connect-src"] == f"'self' ws://{host} wss://{host}"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


async def test_a_forged_host_header_does_not_reach_the_policy(gateway: Gateway) -> None:
    async with gateway.client() as http:
        response = await http.get("/", headers={"Host": "evil.example; script-src *"})
    csp = response.headers["content-security-policy"]
    assert "evil" not in csp and "connect-src 'self';" in csp


async def test_pages_are_never_cached_and_assets_revalidate(gateway: Gateway) -> None:
    async with gateway.client() as http:
        for path in PAGES:
            assert (await http.get(path)).headers["cache-control"] == "no-store"
        first = await http.get("/static/css/base.css")
        assert first.headers["content-type"].startswith("text/css")
        assert first.headers["cache-control"] == "no-cache"
        etag = first.headers["etag"]
        again = await http.get("/static/css/base.css", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        module = await http.get("/static/js/shared/socket.js")
        assert module.headers["content-type"].startswith("text/javascript")


@pytest.mark.parametrize(
    "path",
    [
        "/static/nothing.js",
        "/static/js/%2e%2e/%2e%2e/templates/citizen.html",
        "/static/%2e%2e/%2e%2e/web/pages.py",
        "/static/js/citizen",
        "/static/css/base.css.map",
    ],
)
async def test_only_known_asset_files_are_served(gateway: Gateway, path: str) -> None:
    async with gateway.client() as http:
        response = await http.get(path)
    assert response.status_code == 404
    assert response.json()["error"]


async def test_branding_comes_from_the_configuration_and_is_escaped(
    gateway_factory: object, tmp_path: Path
) -> None:
    logo = tmp_path / "crest.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    config = tmp_path / "branding.yml"
    config.write_text(
        "force_name: '<script>alert(1)</script> & Co Police'\n"
        "service_name: Web chat\n"
        f"logo: {logo}\n"
        "logo_alt: 'Crest of \"Co\"'\n"
        "quick_exit_url: 'javascript:alert(1)'\n"
        "phone_numbers:\n  - {label: Switchboard, number: '+44 (0)1234 567890'}\n"
        "colours:\n  brand: '#123456'\n  link: 'red;} body {display:none'\n"
    )
    gateway = await gateway_factory(branding_path=config)  # type: ignore[operator]
    async with gateway.client() as http:
        page = (await http.get("/")).text
        css = (await http.get("/branding.css")).text
        served_logo = await http.get("/branding/logo")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co Police" in page
    assert 'alt="Crest of &quot;Co&quot;"' in page
    assert f'href="{DEFAULT_EXIT_URL}"' in page and "javascript:" not in page
    assert '<a href="tel:+4401234567890">+44 (0)1234 567890</a>' in page
    assert "--brand: #123456;" in css
    assert "display:none" not in css and "--link: #1a4fa3;" in css
    assert served_logo.headers["content-type"] == "image/png"
    assert served_logo.content.startswith(b"\x89PNG")


async def test_the_privacy_notice_states_the_configured_retention(gateway_factory: object) -> None:
    gateway = await gateway_factory(retention_days=30)  # type: ignore[operator]
    async with gateway.client() as http:
        page = text_of((await http.get("/privacy")).text)
    assert "kept for 30 days after the chat's last message" in page
    for topic in ("What we keep", "Why we keep it", "How long we keep it", "Transcript", "report"):
        assert topic.lower() in page.lower()
    assert "In an emergency call 999" in page  # the 999 block is on every public page


def test_the_default_colours_meet_wcag_aa() -> None:
    colours = load_branding({}).colours
    for text, background in (("brand_text", "brand"), ("emergency_text", "emergency"), ("exit_text", "exit")):
        ratio = contrast(colours[text], colours[background])
        assert ratio is not None and ratio >= 4.5, (text, background, ratio)
    link = contrast(colours["link"], "#ffffff")
    assert link is not None and link >= 4.5


def test_low_contrast_branding_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    load_branding({"colours": {"brand": "#ffff00", "brand_text": "#ffffff"}})
    assert "below WCAG AA" in caplog.text


def code_of(path: Path) -> str:
    """A script without its comments (which may well mention what the code must not do)."""
    source = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    return re.sub(r"^\s*//.*$", "", source, flags=re.M)


def test_scripts_never_write_html() -> None:
    """Every message is rendered with textContent: no innerHTML, outerHTML, insertAdjacentHTML,
    document.write or eval anywhere in the page code."""
    forbidden = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(")
    for path in JS.rglob("*.js"):
        assert not forbidden.search(code_of(path)), path


def test_scripts_keep_the_chat_out_of_local_storage() -> None:
    for path in JS.rglob("*.js"):
        assert "localStorage" not in code_of(path), path


def test_every_relative_module_import_resolves() -> None:
    """No build step: the browser loads these files as they are, so every import must exist."""
    for path in JS.rglob("*.js"):
        for target in re.findall(r'from "(\.{1,2}/[^"]+)"', path.read_text()):
            assert (path.parent / target).resolve().is_file(), f"{path}: {target}"
