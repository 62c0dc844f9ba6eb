"""Operations endpoints: liveness and readiness."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from handoff.adapters.database import database_answers
from handoff.web.context import gateway

#: How long readiness waits for the database's SELECT 1.
DATABASE_CHECK_SECONDS = 2.0

ops = Blueprint("ops")


@ops.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@ops.get("/readyz")
async def readyz(request: Request) -> HTTPResponse:
    """200 only when the database answers, Rasa has a model loaded and the action server answers;
    names the loaded model."""
    assistant = gateway(request).citizen.assistant
    checks = {
        "database": await database_answers(request.app.ctx.engine, DATABASE_CHECK_SECONDS),
        **await assistant.ready(),
    }
    ready = all(checks.values())
    model = await assistant.loaded_model() if checks.get("rasa_model_loaded") else None
    return json(
        {"status": "ready" if ready else "not ready", "checks": checks, "model": model},
        status=200 if ready else 503,
    )
