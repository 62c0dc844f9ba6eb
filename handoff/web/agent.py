"""Agent and supervisor API: session cookie after login, X-CSRF-Token on every state change."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json as jsonlib
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sanic import Blueprint, Request, Websocket
from sanic.exceptions import BadRequest as SanicBadRequest
from sanic.response import HTTPResponse, json

from handoff.adapters.hub import Staff
from handoff.adapters.sessions import session_id
from handoff.domain import OUTCOMES, THRIVE_ITEMS, THRIVE_LEVELS, Permission
from handoff.service.agents import Actor
from handoff.web.context import client_ip, gateway
from handoff.web.errors import ApiError

agent = Blueprint("agent", url_prefix="/api/agent")
supervisor = Blueprint("supervisor", url_prefix="/api/supervisor")

SESSION_COOKIE = "triage_session"
CSRF_HEADER = "X-CSRF-Token"

Handler = TypeVar("Handler", bound=Callable[..., Awaitable[HTTPResponse]])


def read_body(request: Request) -> dict[str, Any]:
    try:
        body = request.json
    except SanicBadRequest:
        raise ApiError(400, "the body is not valid JSON") from None
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ApiError(422, "the body must be a JSON object")
    return body


async def session_of(request: Request) -> tuple[Actor, str] | None:
    """The signed-in staff member and their CSRF token, from the session cookie; None without one."""
    token = request.cookies.get(SESSION_COOKIE)
    return await gateway(request).agents.authenticate(token) if token else None


async def _actor(request: Request) -> tuple[Actor, str]:
    found = await session_of(request)
    if found is None:
        raise ApiError(401, "please log in")
    return found


def staff(*, changes_state: bool = True) -> Callable[[Handler], Handler]:
    """Requires a session; state-changing requests must also echo the session's CSRF token."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            actor, csrf = await _actor(request)
            if changes_state and not hmac.compare_digest(request.headers.get(CSRF_HEADER, ""), csrf):
                raise ApiError(403, "missing or invalid CSRF token")
            request.ctx.actor = actor
            return await handler(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def me(request: Request) -> Actor:
    actor: Actor = request.ctx.actor
    return actor


# --- session -------------------------------------------------------------------------------------


def _login_request_is_ours(request: Request) -> None:
    """Login CSRF: a cross-site form can post text/plain without a preflight, so the login takes
    JSON only, and refuses a request a browser marks as coming from another site."""
    media_type = (request.content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise ApiError(415, "send the login as JSON (Content-Type: application/json)")
    if not _same_origin(request) or request.headers.get("sec-fetch-site") == "cross-site":
        raise ApiError(403, "cross-site login refused")


@agent.post("/login")
async def login(request: Request) -> HTTPResponse:
    _login_request_is_ours(request)
    body = read_body(request)
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
        raise ApiError(422, '"username" and "password" (strings) are required')
    gw = gateway(request)
    done = await gw.agents.login(username, password, client_ip(request))
    response = json(
        {
            "csrf_token": done.session.csrf_token,
            "user": {
                "id": done.user.id,
                "username": done.user.username,
                "display_name": done.user.display_name,
                "role": done.user.role,
            },
        }
    )
    response.add_cookie(
        SESSION_COOKIE,
        done.session.token,
        httponly=True,
        samesite="Strict",
        secure=gw.settings.cookie_secure,
        path="/",
        max_age=gw.settings.session_hours * 3600,
    )
    return response


@agent.post("/logout")
@staff()
async def logout(request: Request) -> HTTPResponse:
    token = request.cookies.get(SESSION_COOKIE) or ""
    gw = gateway(request)
    await gw.agents.logout(token, me(request))
    # The console's live socket ends with the session: nothing more is pushed to it.
    await gw.hub.end_sessions({session_id(token)}, "logged out")
    response = json({"ok": True})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@agent.get("/me")
@staff(changes_state=False)
async def whoami(request: Request) -> HTTPResponse:
    # The console reloads without re-typing the password: it needs the CSRF token again.
    actor, csrf = await _actor(request)
    return json(
        {
            "csrf_token": csrf,
            "user": {
                "id": actor.user_id,
                "username": actor.username,
                "display_name": actor.display_name,
                "role": actor.role,
                # A reload or a reconnect keeps the presence the agent had (never silently Away).
                "presence": await gateway(request).agents.presence_of(actor.user_id),
            },
        }
    )


@agent.post("/presence")
@staff()
async def presence(request: Request) -> HTTPResponse:
    value = read_body(request).get("presence")
    if not isinstance(value, str):
        raise ApiError(422, '"presence" must be one of: available, away, offline')
    return json({"user": await gateway(request).agents.set_presence(me(request), value)})


# --- queue and conversations ---------------------------------------------------------------------


@agent.get("/queue")
@staff(changes_state=False)
async def queue(request: Request) -> HTTPResponse:
    return json({"conversations": await gateway(request).agents.queue(me(request))})


@agent.get("/conversations")
@staff(changes_state=False)
async def mine(request: Request) -> HTTPResponse:
    return json({"conversations": await gateway(request).agents.mine(me(request))})


@agent.get("/conversations/<conversation_id:str>")
@staff(changes_state=False)
async def view(request: Request, conversation_id: str) -> HTTPResponse:
    return json(await gateway(request).agents.view(me(request), conversation_id))


@agent.post("/claim-next")
@staff()
async def claim_next(request: Request) -> HTTPResponse:
    """The most urgent chat waiting (emergencies first, then the longest wait): one key in the console."""
    return json({"conversation": await gateway(request).agents.claim_next(me(request))})


@agent.post("/conversations/<conversation_id:str>/handover/accept")
@staff()
async def accept_handover(request: Request, conversation_id: str) -> HTTPResponse:
    return json({"handover": await gateway(request).agents.accept_handover(me(request), conversation_id)})


@agent.post("/conversations/<conversation_id:str>/notes")
@staff()
async def add_note(request: Request, conversation_id: str) -> HTTPResponse:
    text = read_body(request).get("text")
    return json(
        {"note": await gateway(request).agents.add_note(me(request), conversation_id, text)}, status=201
    )


@agent.post("/conversations/<conversation_id:str>/read")
@staff()
async def mark_read(request: Request, conversation_id: str) -> HTTPResponse:
    await gateway(request).agents.mark_read(
        me(request), conversation_id, read_body(request).get("message_id")
    )
    return json({"ok": True})


@agent.post("/conversations/<conversation_id:str>/typing")
@staff()
async def typing(request: Request, conversation_id: str) -> HTTPResponse:
    return json({"sent": await gateway(request).agents.typing(me(request), conversation_id)})


@agent.post("/conversations/<conversation_id:str>/claim")
@staff()
async def claim(request: Request, conversation_id: str) -> HTTPResponse:
    return json({"conversation": await gateway(request).agents.claim(me(request), conversation_id)})


@agent.post("/conversations/<conversation_id:str>/messages")
@staff()
async def message(request: Request, conversation_id: str) -> HTTPResponse:
    text = read_body(request).get("text")
    return json({"message": await gateway(request).agents.send_message(me(request), conversation_id, text)})


@agent.post("/conversations/<conversation_id:str>/release")
@staff()
async def release(request: Request, conversation_id: str) -> HTTPResponse:
    return json({"conversation": await gateway(request).agents.release(me(request), conversation_id)})


@agent.post("/conversations/<conversation_id:str>/transfer")
@staff()
async def transfer(request: Request, conversation_id: str) -> HTTPResponse:
    body = read_body(request)
    return json(
        {
            "conversation": await gateway(request).agents.transfer(
                me(request), conversation_id, body.get("to"), body.get("note")
            )
        }
    )


@agent.post("/conversations/<conversation_id:str>/return-to-bot")
@staff()
async def return_to_bot(request: Request, conversation_id: str) -> HTTPResponse:
    return json({"conversation": await gateway(request).agents.return_to_bot(me(request), conversation_id)})


@agent.post("/conversations/<conversation_id:str>/close")
@staff()
async def close(request: Request, conversation_id: str) -> HTTPResponse:
    body = read_body(request)
    return json(
        {
            "conversation": await gateway(request).agents.close(
                me(request),
                conversation_id,
                body.get("outcome"),
                body.get("thrive"),
                body.get("incident_reference"),
            )
        }
    )


@agent.get("/outcomes")
@staff(changes_state=False)
async def outcomes(request: Request) -> HTTPResponse:
    return json(
        {
            "outcomes": list(OUTCOMES),
            "thrive": {"items": list(THRIVE_ITEMS), "levels": list(THRIVE_LEVELS)},
            "incident_reference_pattern": gateway(request).settings.incident_reference_pattern,
        }
    )


@agent.get("/canned-responses")
@staff(changes_state=False)
async def canned(request: Request) -> HTTPResponse:
    me(request).require(Permission.CONVERSATION_MESSAGE)
    return json({"canned_responses": gateway(request).canned})


@agent.get("/colleagues")
@staff(changes_state=False)
async def colleagues(request: Request) -> HTTPResponse:
    return json({"agents": await gateway(request).agents.staff(me(request))})


@supervisor.get("/audit")
@staff(changes_state=False)
async def audit(request: Request) -> HTTPResponse:
    """?conversation_id=…&user=<username>: who saw, claimed, wrote, closed, when (newest first)."""
    entries = await gateway(request).agents.audit_view(
        me(request), request.args.get("conversation_id"), request.args.get("user")
    )
    return json({"entries": entries})


@supervisor.get("/conversations/<conversation_id:str>/watch")
@staff(changes_state=False)
async def watch(request: Request, conversation_id: str) -> HTTPResponse:
    """A read-only view of any chat as it happens, audited as "watch"."""
    return json(await gateway(request).agents.watch(me(request), conversation_id))


@supervisor.get("/overview")
@staff(changes_state=False)
async def overview(request: Request) -> HTTPResponse:
    gw = gateway(request)
    return json(await gw.agents.overview(me(request), gw.hub.connected_staff_ids()))


# --- websocket -----------------------------------------------------------------------------------


def _same_origin(request: Request) -> bool:
    """Cross-site websocket hijacking guard: browsers always send Origin on websocket upgrades."""
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser (tests, tools): the session cookie still has to be valid
    return bool(urlsplit(origin).netloc == request.headers.get("host", ""))


@agent.websocket("/ws")
async def socket(request: Request, ws: Websocket) -> None:
    gw = gateway(request)
    try:
        if not _same_origin(request):
            raise ApiError(403, "cross-site websocket refused")
        actor, _ = await _actor(request)
        actor.require(Permission.QUEUE_VIEW)
    except Exception as problem:
        status = problem.status if isinstance(problem, ApiError) else 403
        await ws.close(code=4000 + status, reason=str(problem))
        return
    cookie = request.cookies.get(SESSION_COOKIE) or ""
    gw.hub.join_staff(ws, Staff(user_id=actor.user_id, role=actor.role, session_id=session_id(cookie)))
    try:
        await ws.send(
            jsonlib.dumps({"type": "queue", "conversations": await gw.agents.queue(actor)}, default=str)
        )
        await ws.send(
            jsonlib.dumps({"type": "mine", "conversations": await gw.agents.mine(actor)}, default=str)
        )
        if actor.oversees:
            overview_ = await gw.agents.overview(actor, gw.hub.connected_staff_ids())
            await ws.send(jsonlib.dumps({"type": "overview", **overview_}, default=str))
        released = await gw.agents.released_while_away(actor.user_id)
        if released:
            # Past the grace period these went back to the queue: the console says which.
            await ws.send(jsonlib.dumps({"type": "released", "conversation_ids": released}))
        while True:
            received = await ws.recv()
            if received is None:
                break
            if received == "ping":
                await ws.send('{"type":"pong"}')
    finally:
        gw.hub.leave_staff(ws)
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await ws.close()
