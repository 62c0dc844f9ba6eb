"""The citizen page (/), the agent console (/agent), the reports desk (/desk), the privacy notice
(/privacy) and their assets.

The pages are server-rendered from small templates (handoff/static/templates/) so the 999 guidance,
the assistant disclosure and the force's branding are there without JavaScript; everything else
is plain ES modules and CSS under /static/, with ETags. Every response (pages, assets, JSON) gets
the security headers from one app-level hook (handoff/web/headers.py).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import html as html_response

from handoff.service.wording import WELCOME_BUTTONS
from handoff.web.branding import STATIC, Branding, load_branding
from handoff.web.context import gateway
from handoff.web.errors import ApiError
from handoff.web.headers import content_security_policy, security_headers

__all__ = ["content_security_policy", "security_headers"]  # their home is handoff.web.headers
from triage.copy import BOT_DISCLOSURE, CALL_999_NOW, EMERGENCY_ROUTES

TEMPLATES = STATIC / "templates"
ASSETS = STATIC / "assets"
ASSET_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
}
# Assets revalidate on every use (cheap 304s): no build step means no content-hashed file names,
# and a deploy must never leave a browser with yesterday's JavaScript.
ASSET_CACHE = "no-cache"
LOGO_CACHE = "public, max-age=3600"
PAGE_CACHE = "no-store"  # the chat page may be on a shared computer: never keep it in a cache

_PLACEHOLDER = re.compile(r"\{\{\s*([^}\s]+)\s*\}\}")

pages = Blueprint("pages")


# --- templates -----------------------------------------------------------------------------------


def render(template: str, values: dict[str, str]) -> str:
    """``{{ name }}`` -> values[name]. Values are HTML already (escaped by the callers).
    Templates are read through the assets' cache (re-read only when the file changes)."""
    source = read_asset(TEMPLATES / template).body.decode("utf-8")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], source)


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def emergency_block() -> str:
    """triage.copy.EMERGENCY_ROUTES as the page's permanent 999 block (the wording is not retyped)."""
    (first_label, first_route), *rest = EMERGENCY_ROUTES
    items = []
    for label, route in rest:
        joined = f"{route[:1].upper()}{route[1:]}" if label.endswith("?") else route
        separator = "" if label.endswith("?") else ":"
        items.append(f'<li><strong class="emergency__label">{e(label)}{separator}</strong> {e(joined)}</li>')
    return (
        '<section class="emergency" id="emergency" aria-labelledby="emergency-heading">'
        f'<h2 class="emergency__heading" id="emergency-heading">{e(first_label)} {e(first_route)}</h2>'
        f'<ul class="emergency__routes">{"".join(items)}</ul>'
        "</section>"
    )


def phone_list(brand: Branding) -> str:
    if not brand.phone_numbers:
        return ""
    items = "".join(
        f'<li>{e(n.label)}: <a href="tel:{e(n.tel)}">{e(n.number)}</a></li>' for n in brand.phone_numbers
    )
    return (
        '<section class="numbers" aria-labelledby="numbers-heading">'
        '<h2 class="numbers__heading" id="numbers-heading">Other ways to contact us</h2>'
        f'<ul class="numbers__list">{items}</ul></section>'
    )


def start_buttons() -> str:
    return "".join(
        f'<li><button type="button" class="button button--secondary" data-payload="{e(b["payload"])}"'
        f' data-title="{e(b["title"])}">{e(b["title"])}</button></li>'
        for b in WELCOME_BUTTONS
    )


def common_values(brand: Branding) -> dict[str, str]:
    return {
        "force_name": e(brand.force_name),
        "service_name": e(brand.service_name),
        "logo_alt": e(brand.logo_alt),
        "exit_url": e(brand.quick_exit_url),
        "emergency_block": emergency_block(),
    }


@dataclass(frozen=True)
class Asset:
    body: bytes
    etag: str
    mtime_ns: int


_assets: dict[Path, Asset] = {}


def read_asset(path: Path) -> Asset:
    mtime = path.stat().st_mtime_ns
    cached = _assets.get(path)
    if cached is None or cached.mtime_ns != mtime:
        body = path.read_bytes()
        cached = Asset(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', mtime)
        _assets[path] = cached
    return cached


def branding(request: Request) -> Branding:
    ctx = request.app.ctx
    found: Branding | None = getattr(ctx, "page_branding", None)
    if found is None:
        found = load_branding(gateway(request).branding)
        ctx.page_branding = found
    return found


def page(body: str) -> HTTPResponse:
    return html_response(body, headers={"Cache-Control": PAGE_CACHE})


def cached(request: Request, body: bytes, etag: str, content_type: str, cache: str) -> HTTPResponse:
    headers = {"ETag": etag, "Cache-Control": cache}
    if request.headers.get("if-none-match") == etag:
        return HTTPResponse(status=304, headers=headers)
    return HTTPResponse(body, headers=headers, content_type=content_type)


# --- routes --------------------------------------------------------------------------------------


@pages.get("/")
async def citizen_page(request: Request) -> HTTPResponse:
    brand = branding(request)
    values = {
        **common_values(brand),
        "bot_disclosure": e(BOT_DISCLOSURE),
        "call_999_now": e(CALL_999_NOW),
        "start_buttons": start_buttons(),
        "phone_numbers": phone_list(brand),
    }
    return page(render("citizen.html", values))


@pages.get("/agent")
async def agent_console(request: Request) -> HTTPResponse:
    return page(render("agent.html", common_values(branding(request))))


@pages.get("/desk")
async def reports_desk(request: Request) -> HTTPResponse:
    return page(render("desk.html", common_values(branding(request))))


@pages.get("/privacy")
async def privacy_notice(request: Request) -> HTTPResponse:
    brand = branding(request)
    days = gateway(request).settings.retention_days
    contact = (
        "<p>To ask about your information, or to ask for a copy of it, contact "
        f"{e(brand.privacy_contact)}.</p>"
        if brand.privacy_contact
        else f"<p>To ask about your information, or to ask for a copy of it, contact {e(brand.force_name)}'s"
        " data protection officer.</p>"
    )
    values = {
        **common_values(brand),
        "retention_days": e(days),
        "retention_unit": "day" if days == 1 else "days",
        "privacy_contact": contact,
        "phone_numbers": phone_list(brand),
    }
    return page(render("privacy.html", values))


@pages.get("/branding.css")
async def branding_css(request: Request) -> HTTPResponse:
    body = branding(request).css().encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return cached(request, body, etag, "text/css; charset=utf-8", ASSET_CACHE)


@pages.get("/branding/logo")
async def logo(request: Request) -> HTTPResponse:
    brand = branding(request)
    asset = read_asset(brand.logo)
    return cached(request, asset.body, asset.etag, brand.logo_type, LOGO_CACHE)


@pages.get("/static/<path:path>")
async def static_asset(request: Request, path: str) -> HTTPResponse:
    root = ASSETS.resolve()
    target = (root / path).resolve()
    content_type = ASSET_TYPES.get(target.suffix.lower())
    if content_type is None or not target.is_relative_to(root) or not target.is_file():
        raise ApiError(404, "not found")
    asset = read_asset(target)
    return cached(request, asset.body, asset.etag, content_type, ASSET_CACHE)
