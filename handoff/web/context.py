"""What the handlers reach through ``request.app.ctx``, built once at server start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sanic import Request

from handoff.adapters.hub import Hub
from handoff.adapters.ratelimit import RateLimiter
from handoff.adapters.tokens import CitizenTokens
from handoff.service.agents import AgentService
from handoff.service.analyst import AnalystService
from handoff.service.citizen import CitizenService
from handoff.service.desk import DeskService
from handoff.service.outbox import OutboxWorker
from handoff.settings import Settings


@dataclass
class Gateway:
    settings: Settings
    citizen: CitizenService
    agents: AgentService
    analyst: AnalystService
    hub: Hub
    tokens: CitizenTokens
    ip_limit: RateLimiter
    conversation_limit: RateLimiter
    transcript_limit: RateLimiter
    clock: Callable[[], datetime]
    monotonic: Callable[[], float]
    canned: list[dict[str, Any]]
    branding: dict[str, Any]
    desk: DeskService
    outbox: OutboxWorker


def gateway(request: Request) -> Gateway:
    return request.app.ctx.gateway  # type: ignore[no-any-return]


def client_ip(request: Request) -> str:
    """The client's address, for rate limits, login throttling and the audit log.

    With ``TRUSTED_PROXY_HOPS=N`` (Sanic's ``PROXIES_COUNT``, set in create_app) it is the Nth
    ``X-Forwarded-For`` entry from the right: the one our outermost proxy wrote. Entries further
    left were written by the client and are never used. With fewer entries than N (the request
    did not come through every proxy) or N = 0, it is the peer address of the connection."""
    return request.client_ip or "unknown"
