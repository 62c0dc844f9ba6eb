"""Security headers on every response the gateway sends, pages, assets and JSON alike, set in
one app-level hook (``install``): a strict Content-Security-Policy (no inline script or style),
``nosniff``, ``no-referrer``, no framing, and ``Cache-Control: no-store`` on the APIs (a chat
transcript must never sit in a shared computer's cache). Handlers that chose a Cache-Control
keep it (pages are ``no-store`` anyway; assets revalidate)."""

from __future__ import annotations

import re
from typing import Any

from sanic import Request, Sanic
from sanic.response import HTTPResponse

_HOST = re.compile(r"^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?$")
NO_STORE_PREFIXES = ("/api/", "/healthz", "/readyz")
HSTS = "max-age=31536000; includeSubDomains"


def content_security_policy(host: str | None) -> str:
    """No inline script or style anywhere; websockets only to this host."""
    connect = "'self'"
    if host and _HOST.match(host):
        connect += f" ws://{host} wss://{host}"
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src {connect}",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def security_headers(request: Request) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(request.headers.get("host")),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def install(app: Sanic[Any, Any], *, behind_tls: bool) -> None:
    """``behind_tls`` (COOKIE_SECURE): also send HSTS."""

    @app.on_response
    async def add_security_headers(request: Request, response: HTTPResponse) -> None:
        for name, value in security_headers(request).items():
            response.headers.setdefault(name, value)
        if request.path.startswith(NO_STORE_PREFIXES):
            response.headers.setdefault("Cache-Control", "no-store")
        if behind_tls:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
