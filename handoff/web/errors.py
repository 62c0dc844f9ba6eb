"""Every error is JSON ``{"error": "<human readable>", ...}`` with a 4xx (or 500) status."""

from __future__ import annotations

import logging
from typing import Any

from sanic import Request, Sanic
from sanic.exceptions import SanicException
from sanic.response import HTTPResponse, json

from handoff.domain import (
    OUTCOMES,
    AlreadyClaimed,
    DomainError,
    IllegalTransition,
    InvalidOutcome,
    UnsafeMove,
)
from handoff.domain.report import DecisionInvalid, ReportAlreadyClaimed
from handoff.service import wording
from handoff.service.agents import (
    BadRequest,
    Conflict,
    Forbidden,
    LoginFailed,
    LoginThrottled,
    NotFound,
    TooLong,
)
from handoff.service.citizen import (
    UNAVAILABLE_ERRORS,
    ConversationClosed,
    ConversationNotFound,
    IdempotencyConflict,
    InvalidMessage,
    MessageTooLong,
    StorageTrouble,
)
from triage import intents
from triage.safety import SafetyHit

logger = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(
        self, status: int, message: str, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.extra = extra


def error(status: int, message: str, headers: dict[str, str] | None = None, **extra: Any) -> HTTPResponse:
    return json({"error": message, **extra}, status=status, headers=headers)


def _system(text: str) -> dict[str, Any]:
    """A notice shaped like a Message; never stored (the database is what failed)."""
    return {"id": None, "sender": "system", "text": text, "buttons": [], "created_at": None}


def storage_trouble(safety: SafetyHit | None = None) -> HTTPResponse:
    """503 with the "we're having trouble" notice and the 999 routes; for an emergency the rule
    layer found in the text, the "call 999 now" notice first."""
    notices = []
    if safety is not None and safety.category == intents.EMERGENCY:
        notices.append(wording.emergency_notice(safety.concern))
    elif safety is not None:
        notices.append(wording.safeguarding_notice(safety.concern))
    notices.append(wording.TROUBLE)
    return error(
        503,
        "\n".join(notices),
        {"Retry-After": "30"},
        emergency=bool(safety is not None and safety.category == intents.EMERGENCY),
        messages=[_system(text) for text in notices],
    )


def _handle(request: Request, exc: Exception) -> HTTPResponse:
    if isinstance(exc, StorageTrouble):
        return storage_trouble(exc.safety)
    if isinstance(exc, UNAVAILABLE_ERRORS):
        # The type only: a driver's message can quote what was being stored.
        logger.error("database unavailable on %s %s: %s", request.method, request.path, type(exc).__name__)
        return storage_trouble()
    if isinstance(exc, ApiError):
        return error(exc.status, exc.message, exc.headers, **exc.extra)
    if isinstance(exc, IdempotencyConflict):
        return error(422, "this Idempotency-Key was already used for a different message")
    if isinstance(exc, MessageTooLong | TooLong):
        return error(413, str(exc), limit=exc.limit)
    if isinstance(exc, InvalidMessage | BadRequest):
        return error(422, str(exc))
    if isinstance(exc, ConversationNotFound | NotFound):
        return error(
            404, "no such conversation" if isinstance(exc, ConversationNotFound) else str(exc) or "not found"
        )
    if isinstance(exc, ConversationClosed):
        return error(409, "this conversation is closed")
    if isinstance(exc, ReportAlreadyClaimed):
        return error(409, "someone else has already claimed this report", claimed_by=exc.held_by)
    if isinstance(exc, DecisionInvalid):
        return error(422, str(exc), field=exc.field)
    if isinstance(exc, IllegalTransition) and exc.detail == "a decided report is final":
        return error(409, "this report has already been decided")
    if isinstance(exc, AlreadyClaimed):
        return error(409, "another agent has already claimed this chat", claimed_by=exc.held_by)
    if isinstance(exc, InvalidOutcome):
        return error(422, str(exc), allowed_outcomes=list(OUTCOMES))
    if isinstance(exc, UnsafeMove):
        return error(409, f"this chat cannot go back to the assistant: {exc.detail}", reason=exc.detail)
    if isinstance(exc, IllegalTransition | Conflict):
        return error(409, str(exc))
    if isinstance(exc, DomainError):
        return error(422, str(exc))
    if isinstance(exc, Forbidden):
        return error(403, str(exc))
    if isinstance(exc, LoginFailed):
        return error(401, "wrong username or password")
    if isinstance(exc, LoginThrottled):
        wait = exc.retry_after
        return error(
            429,
            f"too many failed logins from here; try again in {wait} seconds",
            headers={"Retry-After": str(wait)},
            retry_after=wait,
        )
    if isinstance(exc, SanicException):
        status = exc.status_code
        message = {
            400: "the body is not valid JSON",
            404: "not found",
            405: "method not allowed",
            413: "the request is too large",
        }.get(status, str(exc) or "request failed")
        if status == 400 and "json" not in str(exc).lower():
            message = str(exc) or "bad request"
        return error(status, message)
    logger.exception("unhandled error on %s %s", request.method, request.path)
    return error(500, "internal error")


def install(app: Sanic[Any, Any]) -> None:
    app.error_handler.add(Exception, _handle)
