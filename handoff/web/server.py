"""``triage serve``: run the gateway with Sanic's own server (one process)."""

from __future__ import annotations

import logging

from sanic import Sanic

from handoff.settings import Settings
from handoff.web.app import create_app
from triage.privacy import install_log_redaction


def serve(settings: Settings) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO (readiness polls, Rasa calls): noise, not news.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # aiosqlite would log statements with their parameters (citizens' words) at DEBUG.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    app = create_app(settings)
    # After create_app: Sanic adds its own handlers then. Every handler scrubs personal data
    # (phone numbers, emails, postcodes, plates...) from log lines, as a second line of defence.
    install_log_redaction()
    app.prepare(host=settings.host, port=settings.port, single_process=True, access_log=False, motd=False)
    Sanic.serve_single(app)
