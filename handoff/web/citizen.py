"""Public chat API (DESIGN.md "Public contract", citizen part)."""

from __future__ import annotations

import asyncio
import contextlib
import json as jsonlib
import re
from datetime import timedelta
from typing import Any

from sanic import Blueprint, Request, Websocket
from sanic.exceptions import BadRequest as SanicBadRequest
from sanic.response import HTTPResponse, json

from handoff.service.citizen import STORAGE_ERRORS, CitizenInput, ConversationNotFound, StorageTrouble
from handoff.web.context import client_ip, gateway
from handoff.web.errors import ApiError

citizen = Blueprint("citizen", url_prefix="/api/chat")


def _rate_limit(request: Request, conversation_id: str | None = None, *, reading: bool = False) -> None:
    """Every citizen request counts per address; messages per conversation; transcript reads
    (and socket connections) per conversation on their own limit, so reading never stops
    anyone writing."""
    gw = gateway(request)
    now = gw.monotonic()
    checks = [(gw.ip_limit, f"ip:{client_ip(request)}")]
    if conversation_id:
        limiter = gw.transcript_limit if reading else gw.conversation_limit
        checks.append((limiter, f"conversation:{conversation_id}"))
    for limiter, key in checks:
        retry = limiter.hit(key, now)
        if retry:
            raise ApiError(
                429, "too many messages; please wait a moment", {"Retry-After": str(retry)}, retry_after=retry
            )


async def _authorise(request: Request, conversation_id: str, token: str | None) -> None:
    """404 for an unknown chat, 401 without a valid token (or once the chat has been closed
    for longer than CITIZEN_TOKEN_GRACE_SECONDS), 403 for another chat's token."""
    gw = gateway(request)
    try:
        closed_at = await gw.citizen.closed_at(conversation_id)
    except ConversationNotFound:
        raise ApiError(404, "no such conversation") from None
    if not token:
        raise ApiError(401, "a bearer token is required", {"WWW-Authenticate": "Bearer"})
    owner = gw.tokens.conversation_of(token)
    if owner is None:
        raise ApiError(401, "the token is not valid", {"WWW-Authenticate": "Bearer"})
    if owner != conversation_id:
        raise ApiError(403, "this token belongs to a different conversation")
    grace = timedelta(seconds=gw.settings.citizen_token_grace_seconds)
    if closed_at is not None and gw.clock() >= closed_at + grace:
        raise ApiError(401, "this chat has ended; you can start a new one", {"WWW-Authenticate": "Bearer"})


#: How long a citizen socket may stay open before it says who it is.
AUTH_WAIT_SECONDS = 5.0


async def _socket_token(request: Request, ws: Websocket) -> str | None:
    """The token, from the socket's first message ``{"type": "auth", "token": ...}``: never in
    the URL, which proxies and browsers log and keep. DESIGN.md's contract still names
    ``?token=``; it is accepted for existing clients only (the page does not use it)."""
    token = request.args.get("token")
    if token:
        return str(token)
    try:
        first = await asyncio.wait_for(ws.recv(), AUTH_WAIT_SECONDS)
        message = jsonlib.loads(first) if first else None
    except (TimeoutError, ValueError):
        return None
    if isinstance(message, dict) and message.get("type") == "auth" and isinstance(message.get("token"), str):
        return str(message["token"])
    return None


async def refuse(ws: Websocket, problem: ApiError) -> None:
    """The handshake is done by now: say why in a JSON event, then close with 4000 + the HTTP
    status the same request would have got (4401, 4403, 4404)."""
    with contextlib.suppress(Exception):
        await ws.send(jsonlib.dumps({"type": "error", "status": problem.status, "error": problem.message}))
    await ws.close(code=4000 + problem.status, reason=problem.message)


_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def _idempotency_key(request: Request) -> str | None:
    raw = request.headers.get("idempotency-key")
    if raw is None:
        return None
    if not _IDEMPOTENCY_KEY.match(raw):
        raise ApiError(400, "Idempotency-Key must be 1-255 printable ASCII characters without spaces")
    return str(raw)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _json_body(request: Request) -> Any:
    try:
        return request.json
    except SanicBadRequest:
        raise ApiError(400, "the body is not valid JSON") from None


@citizen.post("/conversations")
async def start(request: Request) -> HTTPResponse:
    _rate_limit(request)
    gw = gateway(request)
    conversation_id, messages = await gw.citizen.start()
    return json(
        {"conversation_id": conversation_id, "token": gw.tokens.issue(conversation_id), "messages": messages},
        status=201,
    )


@citizen.get("/conversations/<conversation_id:str>")
async def transcript(request: Request, conversation_id: str) -> HTTPResponse:
    await _authorise(request, conversation_id, _bearer(request))
    _rate_limit(request, conversation_id, reading=True)
    return json(await gateway(request).citizen.transcript(conversation_id))


@citizen.post("/conversations/<conversation_id:str>/messages")
async def post_message(request: Request, conversation_id: str) -> HTTPResponse:
    gw = gateway(request)
    token = _bearer(request)
    try:
        await _authorise(request, conversation_id, token)
    except STORAGE_ERRORS:
        # The database cannot say whether the chat exists, but a valid token says it does: the
        # safety rules still read the message, so an emergency gets "call 999 now".
        if not token or gw.tokens.conversation_of(token) != conversation_id:
            raise
        given = CitizenInput.parse(_json_body(request), gw.settings.max_message_chars)
        raise StorageTrouble(gw.citizen.safety_reading(given)) from None
    given = CitizenInput.parse(_json_body(request), gw.settings.max_message_chars)
    key = _idempotency_key(request)
    if key:
        # A finished first answer goes straight back; one still in progress in this process is
        # waited for inside post() (the conversation's lock), a dead one is answered there.
        again = await gw.citizen.repeat(conversation_id, key, given, finished_only=True)
        if again is not None:  # the first answer; nothing stored, not counted against the limit
            return json({"messages": again.messages, "state": again.state})
    _rate_limit(request, conversation_id)
    posted = await gw.citizen.post(conversation_id, given, client=client_ip(request), idempotency_key=key)
    return json({"messages": posted.messages, "state": posted.state})


LEAVE_HOW = ("exit", "closed")


@citizen.post("/conversations/<conversation_id:str>/leave")
async def leave(request: Request, conversation_id: str) -> HTTPResponse:
    """The citizen left: the quick exit (``{"how": "exit"}``) or the page being closed
    (``"closed"``, sent with ``fetch(..., {keepalive: true})``). The agent sees it at once."""
    await _authorise(request, conversation_id, _bearer(request))
    _rate_limit(request, conversation_id, reading=True)
    body = _json_body(request) or {}
    how = body.get("how", "closed") if isinstance(body, dict) else None
    if how not in LEAVE_HOW:
        raise ApiError(422, '"how" must be "exit" or "closed"')
    changed = await gateway(request).citizen.leave(conversation_id, str(how))
    return json({"ok": True, "changed": changed})


@citizen.websocket("/conversations/<conversation_id:str>/ws")
async def socket(request: Request, ws: Websocket, conversation_id: str) -> None:
    gw = gateway(request)
    try:
        await _authorise(request, conversation_id, await _socket_token(request, ws))
        _rate_limit(request, conversation_id, reading=True)
        if gw.hub.citizen_sockets(conversation_id) >= gw.settings.max_sockets_per_conversation:
            raise ApiError(429, "too many open connections to this chat; close another tab")
    except ApiError as problem:
        await refuse(ws, problem)
        return
    gw.hub.join_citizen(conversation_id, ws)
    try:
        await ws.send(
            jsonlib.dumps({"type": "state", "state": await gw.citizen.state(conversation_id)}, default=str)
        )
        while True:
            received = await ws.recv()
            if received is None:
                break
            if received == "ping":
                await ws.send('{"type":"pong"}')
            elif received == "typing":
                # Only that the citizen is typing, never what (throttled in the service).
                await gw.citizen.typing(conversation_id)
    finally:
        gw.hub.leave_citizen(conversation_id, ws)
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await ws.close()
