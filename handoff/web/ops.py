"""Operations endpoints: liveness and readiness."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from handoff.web.context import gateway

ops = Blueprint("ops")


@ops.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@ops.get("/readyz")
async def readyz(request: Request) -> HTTPResponse:
    """200 only when Rasa has a model loaded and the action server answers; names the model."""
    assistant = gateway(request).citizen.assistant
    checks = await assistant.ready()
    ready = all(checks.values())
    model = await assistant.loaded_model() if checks.get("rasa_model_loaded") else None
    return json(
        {"status": "ready" if ready else "not ready", "checks": checks, "model": model},
        status=200 if ready else 503,
    )
