"""Agent API with a fake assistant: login, CSRF, roles, the queue, claim races, relay, close."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen, Socket
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def queued_citizen(gateway: Gateway, http: httpx.AsyncClient, reason: str = "requested") -> Citizen:
    citizen = await Citizen.start(http)
    gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff=reason))
    await citizen.say("I want a person")
    return citizen


async def test_login_sets_a_strict_httponly_cookie_and_returns_a_csrf_token(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo", display="Jo Bloggs")
    async with gateway.client() as http:
        response = await http.post("/api/agent/login", json={"username": "jo", "password": PASSWORD})
        assert response.status_code == 200
        assert response.json()["user"] == {
            "id": response.json()["user"]["id"],
            "username": "jo",
            "display_name": "Jo Bloggs",
            "role": "agent",
        }
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
        assert len(response.json()["csrf_token"]) >= 32


async def test_wrong_password_is_401_and_repeated_failures_are_throttled(gateway: Gateway) -> None:
    await add_user(gateway.settings, "sam")
    async with gateway.client() as http:
        for _ in range(gateway.settings.login_max_failures):
            response = await http.post(
                "/api/agent/login", json={"username": "sam", "password": "wrong password!"}
            )
            assert response.status_code == 401 and response.json()["error"]
        blocked = await http.post("/api/agent/login", json={"username": "sam", "password": PASSWORD})
        assert blocked.status_code == 429 and "Retry-After" in blocked.headers


async def test_agent_endpoints_need_a_login_and_state_changes_need_csrf(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await queued_citizen(gateway, http)
        anonymous = await http.get("/api/agent/queue")
        assert anonymous.status_code == 401 and anonymous.json()["error"]
        agent = await Agent.login(http, "jo", PASSWORD)
        no_csrf = await http.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
        assert no_csrf.status_code == 403 and "CSRF" in no_csrf.json()["error"]
        wrong_csrf = await http.post(
            f"/api/agent/conversations/{citizen.conversation_id}/claim", headers={"X-CSRF-Token": "nope"}
        )
        assert wrong_csrf.status_code == 403
        # Nothing changed: the chat is still waiting, and a proper claim works.
        assert [c["conversation_id"] for c in await agent.queue()] == [citizen.conversation_id]
        assert (
            await agent.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
        ).status_code == 200


async def test_analysts_cannot_see_the_queue_or_claim(gateway: Gateway) -> None:
    await add_user(gateway.settings, "ana", role="analyst")
    async with gateway.client() as http:
        citizen = await queued_citizen(gateway, http)
        analyst = await Agent.login(http, "ana", PASSWORD)
        assert (await http.get("/api/agent/queue")).status_code == 403
        assert (
            await analyst.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
        ).status_code == 403
        assert (await http.get("/api/supervisor/overview")).status_code == 403


async def test_queue_is_most_urgent_first_then_oldest(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        normal_old = await queued_citizen(gateway, http, "requested")
        normal_new = await queued_citizen(gateway, http, "requested")
        safeguarding = await queued_citizen(gateway, http, "safeguarding")
        emergency = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("Call 999 now.", intent="emergency", emergency=True))
        await emergency.say("someone is attacking my neighbour right now")
        agent = await Agent.login(http, "jo", PASSWORD)
        queue = await agent.queue()
        assert [c["conversation_id"] for c in queue] == [
            emergency.conversation_id,
            safeguarding.conversation_id,
            normal_old.conversation_id,
            normal_new.conversation_id,
        ]
        assert [c["priority_label"] for c in queue] == ["emergency", "safeguarding", "normal", "normal"]
        assert queue[0]["reason"] == "emergency" and queue[0]["emergency"] is True
        assert all(isinstance(c["waiting_seconds"], int) for c in queue)


async def test_two_agents_claiming_at_once_exactly_one_wins(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    await add_user(gateway.settings, "sam")
    async with gateway.client() as http, gateway.client() as http2:
        citizen = await queued_citizen(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        sam = await Agent.login(http2, "sam", PASSWORD)
        path = f"/api/agent/conversations/{citizen.conversation_id}/claim"
        results = await asyncio.gather(jo.post(path), sam.post(path))
        assert sorted(r.status_code for r in results) == [200, 409]
        loser = next(r for r in results if r.status_code == 409)
        assert loser.json()["error"]


async def test_the_concurrency_limit_stops_a_fourth_claim(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(agent_concurrency=2)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        chats = [await queued_citizen(gateway, http) for _ in range(3)]
        agent = await Agent.login(http, "jo", PASSWORD)
        codes = [
            (await agent.post(f"/api/agent/conversations/{c.conversation_id}/claim")).status_code
            for c in chats
        ]
        assert codes == [200, 200, 409]


async def test_messages_flow_both_ways_over_both_websockets_then_close(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo", display="Jo Bloggs")
    async with gateway.client() as http:
        citizen = await queued_citizen(gateway, http)
        agent = await Agent.login(http, "jo", PASSWORD)
        cookie = f"triage_session={http.cookies.get('triage_session')}"
        citizen_url = (
            f"{gateway.running.ws_url}/api/chat/conversations/{citizen.conversation_id}/ws"
            f"?token={citizen.token}"
        )
        async with (
            Socket.open(f"{gateway.running.ws_url}/api/agent/ws", {"Cookie": cookie}) as agent_ws,
            Socket.open(citizen_url) as citizen_ws,
        ):
            queue = await agent_ws.wait_for(lambda e: e["type"] == "queue")
            assert queue["conversations"][0]["conversation_id"] == citizen.conversation_id
            claimed = await agent.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
            assert claimed.status_code == 200
            joined = await citizen_ws.wait_for(
                lambda e: e["type"] == "state" and e["state"]["status"] == "agent"
            )
            assert joined["state"]["agent_name"] == "Jo Bloggs"

            sent = await agent.post(
                f"/api/agent/conversations/{citizen.conversation_id}/messages",
                {"text": "Hello, I'm Jo. How can I help?"},
            )
            assert sent.status_code == 200
            pushed = await citizen_ws.wait_for(
                lambda e: e["type"] == "message" and e["message"]["sender"] == "agent"
            )
            assert pushed["message"]["text"] == "Hello, I'm Jo. How can I help?"
            assert pushed["message"]["agent_name"] == "Jo Bloggs"

            reply = await citizen.say("my neighbour's car alarm has gone off for hours")
            assert reply["messages"] == [] and reply["state"]["status"] == "agent"
            relayed = await agent_ws.wait_for(
                lambda e: e["type"] == "message" and e["message"]["sender"] == "citizen"
            )
            assert relayed["message"]["text"] == "my neighbour's car alarm has gone off for hours"

            closed = await agent.post(
                f"/api/agent/conversations/{citizen.conversation_id}/close", {"outcome": "advice_given"}
            )
            assert closed.status_code == 200
            await citizen_ws.wait_for(lambda e: e["type"] == "state" and e["state"]["status"] == "closed")
        after = await citizen.say("thanks", expect=409)
        assert after["error"]
        transcript = await citizen.transcript()
        senders = [m["sender"] for m in transcript["messages"]]
        assert {"bot", "citizen", "agent", "system"} <= set(senders)


async def test_agent_view_has_the_transcript_triage_and_report_fields(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    fields = {"crime_when": {"label": "When", "display": "Friday 27 November 2026, at night"}}
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        gateway.assistant.queue(
            channel_reply(
                "Is anyone at risk?",
                intent="report_crime",
                slots={"report_fields": fields},
                active_form="crime_report_form",
            )
        )
        await citizen.say("my bike was nicked last night")
        gateway.assistant.queue(
            channel_reply(
                "passing you on", intent="request_human", handoff="requested", slots={"report_fields": fields}
            )
        )
        await citizen.say("actually can I talk to someone")
        agent = await Agent.login(http, "jo", PASSWORD)
        view = (await http.get(f"/api/agent/conversations/{citizen.conversation_id}")).json()
        assert view["report_fields"] == [
            {"slot": "crime_when", "label": "When", "display": "Friday 27 November 2026, at night"}
        ]
        assert view["triage"] == {"intent": "request_human", "confidence": 0.97}
        citizen_msgs = [m for m in view["messages"] if m["sender"] == "citizen"]
        assert citizen_msgs[0]["intent"] == "report_crime"
        assert "claim" in view["allowed_moves"]
        assert agent.user["role"] == "agent"


async def test_release_transfer_and_return_to_bot(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    await add_user(gateway.settings, "sam", display="Sam Smith")
    async with gateway.client() as http, gateway.client() as http2:
        citizen = await queued_citizen(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        sam = await Agent.login(http2, "sam", PASSWORD)
        base = f"/api/agent/conversations/{citizen.conversation_id}"
        assert (await jo.post(f"{base}/claim")).status_code == 200
        # Sam is not available yet: a transfer to him is refused and nothing changes.
        assert (await jo.post(f"{base}/transfer", {"to": "sam", "note": "over to you"})).status_code == 409
        assert (await sam.post("/api/agent/presence", {"presence": "available"})).status_code == 200
        moved = await jo.post(
            f"{base}/transfer", {"to": "sam", "note": "Bike theft, D lock cut; asked about CCTV."}
        )
        assert moved.status_code == 200 and moved.json()["conversation"]["agent_name"] == "Sam Smith"
        # Jo no longer holds it.
        assert (await jo.post(f"{base}/messages", {"text": "hi"})).status_code == 403
        assert (await sam.post(f"{base}/release")).status_code == 200
        assert (await citizen.transcript())["state"]["status"] == "queued"
        assert (await jo.post(f"{base}/claim")).status_code == 200
        assert (await jo.post(f"{base}/return-to-bot")).status_code == 200
        assert (await citizen.transcript())["state"]["status"] == "bot"
        gateway.assistant.queue(channel_reply("Hello again", intent="greet"))
        reply = await citizen.say("hello")
        assert reply["messages"][0]["text"] == "Hello again"


async def test_close_needs_a_known_outcome(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await queued_citizen(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        base = f"/api/agent/conversations/{citizen.conversation_id}"
        await jo.post(f"{base}/claim")
        bad = await jo.post(f"{base}/close", {"outcome": "whatever"})
        assert bad.status_code == 422 and "advice_given" in bad.json()["allowed_outcomes"]
        missing = await jo.post(f"{base}/close", {})
        assert missing.status_code == 422
        assert (await citizen.transcript())["state"]["status"] == "agent"


async def test_an_agent_gone_past_the_grace_period_loses_their_chats_to_the_queue(
    gateway_factory: object,
) -> None:
    gateway: Gateway = await gateway_factory(agent_grace_seconds=1)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await queued_citizen(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        cookie = f"triage_session={http.cookies.get('triage_session')}"
        async with Socket.open(f"{gateway.running.ws_url}/api/agent/ws", {"Cookie": cookie}) as ws:
            await ws.next()
            assert (
                await jo.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
            ).status_code == 200
        for _ in range(60):
            if (await citizen.transcript())["state"]["status"] == "queued":
                break
            await asyncio.sleep(0.1)
        state = (await citizen.transcript())["state"]
        assert state["status"] == "queued" and state["queue_position"] == 1


async def test_supervisor_overview_shows_queue_and_agent_load(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    await add_user(gateway.settings, "sue", role="supervisor")
    async with gateway.client() as http, gateway.client() as http2:
        first = await queued_citizen(gateway, http)
        await queued_citizen(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        await jo.post(f"/api/agent/conversations/{first.conversation_id}/claim")
        await Agent.login(http2, "sue", PASSWORD)
        overview = (await http2.get("/api/supervisor/overview")).json()
        assert overview["queue_length"] == 1
        assert overview["longest_wait_seconds"] >= 0
        loads = {a["username"]: a["load"] for a in overview["agents"]}
        assert loads == {"jo": 1, "sue": 0}


@pytest.mark.parametrize("path", ["/api/agent/queue", "/api/agent/conversations", "/api/supervisor/overview"])
async def test_reads_without_a_session_are_401(gateway: Gateway, path: str) -> None:
    async with gateway.client() as http:
        response = await http.get(path)
        assert response.status_code == 401 and response.json() == {"error": "please log in"}
