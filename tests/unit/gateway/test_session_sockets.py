"""A staff socket lives only as long as its session (issue #11, item 3): logout, expiry and a
disabled account close it, and nothing more is pushed to it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import websockets
from sqlalchemy import update

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import SessionRow, UserRow
from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen, Socket
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def _write(gateway: Gateway, statement: object) -> None:
    engine = create_engine(gateway.settings.database_url)
    try:
        async with session_factory(engine)() as session:
            await session.execute(statement)  # type: ignore[call-overload]
            await session.commit()
    finally:
        await engine.dispose()


async def _closed_code(socket: Socket, wait: float = 5.0) -> int | None:
    """Read until the server closes the socket; its close code."""
    try:
        while True:
            await socket.next(wait)
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


async def _end_and_check(gateway: Gateway, end: Callable[[Agent], Awaitable[None]]) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        agent = await Agent.login(http, "jo", PASSWORD)
        cookie = f"triage_session={http.cookies.get('triage_session')}"
        async with Socket.open(f"{gateway.running.ws_url}/api/agent/ws", {"Cookie": cookie}) as socket:
            await socket.wait_for(lambda e: e["type"] == "mine")
            await end(agent)
            assert await _closed_code(socket) == 4401
            # A citizen's message now reaches no one on that socket: it is gone from the hub.
            citizen = await Citizen.start(http)
            gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="x"))
            await citizen.say("my address is 12 Mill Road, call me on 07700 900123")
            assert gateway.running.app.ctx.gateway.hub.staff_sessions() == set()


async def test_logout_closes_the_agents_socket_at_once(gateway: Gateway) -> None:
    async def logout(agent: Agent) -> None:
        assert (await agent.post("/api/agent/logout")).status_code == 200

    await _end_and_check(gateway, logout)


async def test_an_expired_session_closes_its_socket(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(agent_grace_seconds=1)  # type: ignore[operator]

    async def expire(agent: Agent) -> None:
        past = datetime.now(UTC) - timedelta(seconds=1)
        await _write(gateway, update(SessionRow).values(expires_at=past))

    await _end_and_check(gateway, expire)


async def test_a_disabled_account_loses_its_socket(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(agent_grace_seconds=1)  # type: ignore[operator]

    async def disable(agent: Agent) -> None:
        await _write(gateway, update(UserRow).where(UserRow.username == "jo").values(active=False))

    await _end_and_check(gateway, disable)


async def test_other_sessions_keep_their_sockets(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(agent_grace_seconds=1)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as first_http, gateway.client() as second_http:
        first = await Agent.login(first_http, "jo", PASSWORD)
        await Agent.login(second_http, "jo", PASSWORD)
        url = f"{gateway.running.ws_url}/api/agent/ws"
        first_cookie = f"triage_session={first_http.cookies.get('triage_session')}"
        second_cookie = f"triage_session={second_http.cookies.get('triage_session')}"
        async with (
            Socket.open(url, {"Cookie": first_cookie}) as one,
            Socket.open(url, {"Cookie": second_cookie}) as two,
        ):
            await one.wait_for(lambda e: e["type"] == "mine")
            await two.wait_for(lambda e: e["type"] == "mine")
            assert (await first.post("/api/agent/logout")).status_code == 200
            assert await _closed_code(one) == 4401
            await asyncio.sleep(1.5)  # three sweeps
            await two.connection.send("ping")
            assert (await two.next())["type"] == "pong"
