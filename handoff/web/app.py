"""``create_app(settings)``: the gateway. Fakes (assistant, clock) are wired in here and only here."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from sanic import Request, Sanic
from sanic.response import HTTPResponse
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.delivery import MailSender, Sender, WebhookSender
from handoff.adapters.hub import Hub
from handoff.adapters.rasa import Assistant, RasaClient
from handoff.adapters.ratelimit import RateLimiter
from handoff.adapters.sessions import SessionRepository
from handoff.adapters.tokens import CitizenTokens
from handoff.domain.outbox import EMAIL, WEBHOOK, Backoff
from handoff.service.agents import AgentService
from handoff.service.analyst import AnalystService
from handoff.service.citizen import CitizenService
from handoff.service.desk import DeskService
from handoff.service.notify import Notifier
from handoff.service.outbox import OutboxWorker
from handoff.settings import Settings
from handoff.web import errors, headers, inputs
from handoff.web.agent import agent, supervisor
from handoff.web.analyst import analyst
from handoff.web.analyst_pages import analyst_pages
from handoff.web.citizen import citizen
from handoff.web.context import Gateway
from handoff.web.desk import desk
from handoff.web.ops import ops
from handoff.web.pages import pages

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 5.0
#: The outbox's backoff jitter: each wait is 75-100 % of its exponential step (README "Delivery").
OUTBOX_JITTER = 0.25


def _utcnow() -> datetime:
    return datetime.now(UTC)


def load_list(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text()) or []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValueError(f"{path} must be a YAML list of mappings")
    return data


def load_mapping(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text()) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path} must be a YAML mapping")
    return data


def create_app(
    settings: Settings,
    *,
    assistant: Assistant | None = None,
    clock: Callable[[], datetime] = _utcnow,
    monotonic: Callable[[], float] = time.monotonic,
    name: str = "triage_gateway",
) -> Sanic[Any, Any]:
    # Every JSON body is cleaned as it is parsed (NUL, lone surrogates): handoff/web/inputs.py.
    app = Sanic(name, env_prefix="TRIAGE_GATEWAY_SANIC_", loads=inputs.loads)
    # Citizen messages are capped at settings.max_message_chars (413 with a JSON error); the
    # transport cap only stops absurd bodies before they are read.
    app.config.REQUEST_MAX_SIZE = 256 * 1024
    app.config.WEBSOCKET_MAX_SIZE = 64 * 1024
    app.config.WEBSOCKET_PING_INTERVAL = 20
    app.config.FALLBACK_ERROR_FORMAT = "json"
    # The client address (handoff.web.context.client_ip): only X-Forwarded-For, counted from the
    # right; no Forwarded or X-Real-IP header is believed, whatever the environment says.
    app.config.PROXIES_COUNT = settings.trusted_proxy_hops
    app.config.REAL_IP_HEADER = None
    app.config.FORWARDED_SECRET = None
    errors.install(app)
    headers.install(app, behind_tls=settings.cookie_secure)

    @app.on_request
    async def refuse_unstorable_urls(request: Request) -> HTTPResponse | None:
        if inputs.unstorable_url(request.path, request.query_string):
            return errors.error(400, "the address contains a NUL character")
        return None

    for blueprint in (citizen, agent, supervisor, analyst, ops, pages, analyst_pages, desk):
        app.blueprint(blueprint)

    @app.before_server_start
    async def start(app: Sanic[Any, Any]) -> None:
        engine = create_engine(
            settings.database_url,
            connect_timeout=settings.database_connect_timeout_seconds,
            statement_timeout=settings.database_statement_timeout_seconds,
        )
        sessions = session_factory(engine)
        hub = Hub(monotonic)
        notifier = Notifier(hub, sessions, settings, clock)
        bot = assistant or RasaClient(
            settings.rasa_url,
            channel_token=settings.rasa_channel_token,
            auth_token=settings.rasa_auth_token,
            action_server_url=settings.action_server_url,
            timeout_seconds=settings.rasa_timeout_seconds,
        )
        desk_service = DeskService(sessions, settings, notifier, clock)
        worker = outbox_worker(sessions, settings, notifier, clock)
        notifier.outbox_wake = worker.wake
        app.ctx.engine = engine
        app.ctx.gateway = Gateway(
            settings=settings,
            citizen=CitizenService(sessions, settings, bot, notifier, clock, desk=desk_service),
            agents=AgentService(sessions, settings, notifier, clock, bot),
            analyst=AnalystService(sessions, settings.nlu_dir, clock),
            hub=hub,
            tokens=CitizenTokens(settings.secret_key),
            ip_limit=RateLimiter(settings.ip_rate),
            conversation_limit=RateLimiter(settings.conversation_rate),
            transcript_limit=RateLimiter(settings.transcript_reads),
            clock=clock,
            monotonic=monotonic,
            canned=load_list(settings.canned_responses_path),
            branding=load_mapping(settings.branding_path),
            desk=desk_service,
            outbox=worker,
        )
        worker.start()
        # A plain task (not app.add_task): it works the same under `triage serve` and under a
        # server started with create_server in someone else's event loop (the tests).
        app.ctx.sweeper = asyncio.get_running_loop().create_task(_sweep(app.ctx.gateway))

    @app.after_server_stop
    async def stop(app: Sanic[Any, Any]) -> None:
        await app.ctx.gateway.outbox.stop()
        app.ctx.sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app.ctx.sweeper
        await app.ctx.gateway.citizen.assistant.close()
        app.ctx.gateway.agents.passwords.close()
        await app.ctx.engine.dispose()

    return app


def outbox_worker(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    notifier: Notifier,
    clock: Callable[[], datetime],
) -> OutboxWorker:
    """The delivery worker, with a sender per configured channel (none: it never runs)."""
    senders: dict[str, Sender] = {}
    if settings.report_webhook_url:
        senders[WEBHOOK] = WebhookSender(
            settings.report_webhook_url,
            settings.report_webhook_secret,
            settings.report_webhook_timeout_seconds,
        )
    if settings.smtp_url:
        senders[EMAIL] = MailSender(
            settings.smtp_url, settings.smtp_from, settings.report_webhook_timeout_seconds
        )
    return OutboxWorker(
        sessions,
        senders,
        clock=clock,
        backoff=Backoff(settings.outbox_backoff_seconds, settings.outbox_backoff_cap_seconds, OUTBOX_JITTER),
        max_attempts=settings.report_webhook_max_attempts,
        poll_seconds=settings.outbox_poll_seconds,
        send_timeout_seconds=settings.report_webhook_timeout_seconds,
        notifier=notifier,
    )


async def _sweep(gw: Gateway) -> None:
    """Every few seconds: agents gone longer than the grace period lose their chats to the queue;
    stale rate-limit entries are dropped; sockets whose session ended are closed."""
    interval = min(SWEEP_SECONDS, max(0.5, gw.settings.agent_grace_seconds / 2))
    while True:
        await asyncio.sleep(interval)
        try:
            now = gw.monotonic()
            for user_id in gw.hub.gone_longer_than(gw.settings.agent_grace_seconds, now):
                gw.hub.forget_departure(user_id)
                released = await gw.agents.release_disconnected(user_id)
                logger.info(
                    "agent %s offline past the grace period: %d chats back to the queue", user_id, released
                )
            for conversation_id in gw.hub.citizens_gone_longer_than(gw.settings.citizen_offline_seconds, now):
                try:
                    await gw.citizen.leave(conversation_id, "offline")
                except Exception:
                    logger.exception("marking a citizen as gone failed")
            gw.ip_limit.prune(now)
            gw.conversation_limit.prune(now)
            gw.transcript_limit.prune(now)
            await _end_lapsed_sessions(gw)
        except Exception:
            logger.exception("sweeper pass failed")


async def _end_lapsed_sessions(gw: Gateway) -> None:
    """Close the staff sockets whose session no longer holds: expired, revoked or its account
    disabled (``triage users ...`` runs in another process, and a logout may have been served by
    another gateway), so a socket never outlives its session by more than one sweep."""
    opened = gw.hub.staff_sessions()
    if not opened:
        return
    async with gw.agents.sessions() as session:
        live = await SessionRepository(session).live(opened, gw.clock())
    ended = await gw.hub.end_sessions(opened - live)
    if ended:
        logger.info("closed %d staff socket(s) whose session ended", ended)
