"""``triage serve``: run the gateway with Sanic's own server (one process)."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import replace
from pathlib import Path

from sanic import Sanic

from handoff.settings import Settings
from handoff.web.app import create_app
from triage.privacy import install_log_redaction

SECRET_FILE = Path("var/secret_key")


def persistent_secret(path: Path = SECRET_FILE) -> str:
    """SECRET_KEY when set; else a key generated once and kept in var/ (so citizen tokens survive
    a restart of `make run`)."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def serve(settings: Settings) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO (readiness polls, Rasa calls): noise, not news.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if not os.environ.get("SECRET_KEY"):
        settings = replace(settings, secret_key=persistent_secret())
    app = create_app(settings)
    # After create_app: Sanic adds its own handlers then. Every handler scrubs personal data
    # (phone numbers, emails, postcodes, plates...) from log lines, as a second line of defence.
    install_log_redaction()
    app.prepare(host=settings.host, port=settings.port, single_process=True, access_log=False, motd=False)
    Sanic.serve_single(app)
