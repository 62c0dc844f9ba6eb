"""Citizen tokens (issue #11, item 8): refused once a closed chat's grace period is over, and
sent over the websocket as a subprotocol instead of in the URL."""

from __future__ import annotations

import json

import httpx
import websockets

from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen, Socket
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def closed_chat(gateway: Gateway, http: httpx.AsyncClient) -> Citizen:
    await add_user(gateway.settings, "sue", role="supervisor")
    citizen = await Citizen.start(http)
    gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
    await citizen.say("a person please")
    async with httpx.AsyncClient(base_url=gateway.url) as staff_http:
        supervisor = await Agent.login(staff_http, "sue", PASSWORD)
        closed = await supervisor.post(
            f"/api/agent/conversations/{citizen.conversation_id}/close", {"outcome": "no_further_action"}
        )
        assert closed.status_code == 200, closed.text
    return citizen


def socket_url(gateway: Gateway, citizen: Citizen) -> str:
    return f"{gateway.running.ws_url}/api/chat/conversations/{citizen.conversation_id}/ws"


async def test_a_closed_chats_token_reads_during_the_grace_period(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await closed_chat(gateway, http)
        assert (await citizen.transcript())["state"]["status"] == "closed"


async def test_a_closed_chats_token_is_refused_after_the_grace_period(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(citizen_token_grace_seconds=0)  # type: ignore[operator]
    async with gateway.client() as http:
        citizen = await closed_chat(gateway, http)
        response = await http.get(f"/api/chat/conversations/{citizen.conversation_id}", headers=citizen.auth)
        assert response.status_code == 401
        assert response.json() == {"error": "this chat has ended; you can start a new one"}
        async with websockets.connect(socket_url(gateway, citizen)) as ws:
            await ws.send(json.dumps({"type": "auth", "token": citizen.token}))
            refused = await ws.recv()
            assert '"status": 401' in str(refused)
            try:
                await ws.recv()
            except websockets.ConnectionClosed as closed:
                assert closed.rcvd is not None and closed.rcvd.code == 4401
        # An open chat's token is untouched.
        other = await Citizen.start(http)
        assert (await other.transcript())["state"]["status"] == "bot"


async def test_the_websocket_takes_its_token_in_the_first_message(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
    async with Socket.open(socket_url(gateway, citizen)) as socket:
        await socket.connection.send(json.dumps({"type": "auth", "token": citizen.token}))
        first = await socket.next()
        assert first["type"] == "state" and first["state"]["status"] == "bot"
        await socket.connection.send("ping")
        assert (await socket.next())["type"] == "pong"
    for hello in (
        json.dumps({"type": "auth", "token": "x" + citizen.token[1:]}),
        "hello",
        '{"type": "ping"}',
    ):
        async with Socket.open(socket_url(gateway, citizen)) as socket:
            await socket.connection.send(hello)
            assert (await socket.next())["status"] == 401, hello


async def test_a_socket_that_never_says_who_it_is_is_closed(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
    async with Socket.open(socket_url(gateway, citizen)) as socket:
        refusal = await socket.next(wait=8)
        assert refusal["status"] == 401


async def test_the_query_string_token_still_works_for_existing_clients(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
    async with Socket.open(f"{socket_url(gateway, citizen)}?token={citizen.token}") as socket:
        assert (await socket.next())["type"] == "state"
