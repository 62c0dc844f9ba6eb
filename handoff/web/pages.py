"""The citizen page (/) and the agent console (/agent): static files served by the gateway."""

from __future__ import annotations

from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, file

STATIC = Path(__file__).resolve().parent.parent / "static"

pages = Blueprint("pages")


@pages.get("/")
async def citizen_page(request: Request) -> HTTPResponse:
    return await file(STATIC / "index.html", mime_type="text/html; charset=utf-8")


@pages.get("/agent")
async def agent_console(request: Request) -> HTTPResponse:
    return await file(STATIC / "agent.html", mime_type="text/html; charset=utf-8")
