"""The console for a busy shift, through the API (issue 15): safe moves, handover notes, need to
know, private notes, close details, claim next, the citizen leaving, unread counts, supervisors'
audit and watch views, and helpline blocks said once."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen, Socket
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user

CHAT = "/api/agent/conversations"


async def queued(
    gateway: Gateway, http: httpx.AsyncClient, reason: str = "requested", **reply: object
) -> Citizen:
    citizen = await Citizen.start(http)
    gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff=reason, **reply))  # type: ignore[arg-type]
    await citizen.say("I want a person")
    return citizen


async def test_an_emergency_or_safeguarding_chat_cannot_go_back_to_the_assistant(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        jo = await Agent.login(http, "jo", PASSWORD)
        for reason in ("emergency", "safeguarding"):
            citizen = await queued(gateway, http, reason)
            base = f"{CHAT}/{citizen.conversation_id}"
            assert (await jo.post(f"{base}/claim")).status_code == 200
            view = (await http.get(base)).json()
            assert "return_to_bot" not in view["allowed_moves"] and "release" in view["allowed_moves"]
            assert view["unsafe_to_return"]
            refused = await jo.post(f"{base}/return-to-bot")
            assert refused.status_code == 409, refused.text
            assert reason in refused.json()["reason"] and "assistant" in refused.json()["error"]
            state = (await citizen.transcript())["state"]
            assert state["status"] == "agent", "nothing changed"
            assert (await jo.post(f"{base}/close", {"outcome": "resolved"})).status_code == 200


async def test_return_to_the_assistant_resumes_the_unfinished_form(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        gateway.assistant.queue(
            channel_reply("Where did it happen?", intent="report_crime", active_form="crime_report_form")
        )
        await citizen.say("my bike was stolen")
        gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
        await citizen.say("can I talk to a person")
        jo = await Agent.login(http, "jo", PASSWORD)
        card = next(c for c in await jo.queue() if c["conversation_id"] == citizen.conversation_id)
        assert card["report_started"] and card["active_form"] == "crime_report_form"
        assert card["preview"] == "can I talk to a person"
        base = f"{CHAT}/{citizen.conversation_id}"
        await jo.post(f"{base}/claim")
        assert (await jo.post(f"{base}/return-to-bot")).status_code == 200
        assert gateway.assistant.resumed == [(citizen.conversation_id, "crime_report_form")]
        texts = [m["text"] for m in (await citizen.transcript())["messages"]]
        assert texts[-1] == "Resuming crime_report_form: what is the next answer?"
        assert "back with the automated assistant" in texts[-2]


async def test_a_transfer_carries_a_handover_note_the_receiver_accepts(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo", display="Jo Bloggs")
    await add_user(gateway.settings, "sam", display="Sam Smith")
    async with gateway.client() as http, gateway.client() as http2:
        citizen = await queued(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        sam = await Agent.login(http2, "sam", PASSWORD)
        await sam.post("/api/agent/presence", {"presence": "available"})
        base = f"{CHAT}/{citizen.conversation_id}"
        await jo.post(f"{base}/claim")
        blank = await jo.post(f"{base}/transfer", {"to": "sam", "note": "  "})
        assert blank.status_code == 422 and "handover note" in blank.json()["error"]
        assert (await http.get(base)).json()["conversation"]["agent_name"] == "Jo Bloggs", "nothing moved"
        note = "Caller's ex is outside; she has locked the door. Wants a call back."
        assert (await jo.post(f"{base}/transfer", {"to": "sam", "note": note})).status_code == 200
        mine = (await http2.get(CHAT)).json()["conversations"]
        assert [c["handover_pending"] for c in mine] == [True]
        view = (await http2.get(base)).json()
        assert view["handover"]["note"] == note and view["handover"]["status"] == "pending"
        assert view["handover"]["from_name"] == "Jo Bloggs"
        assert (await jo.post(f"{base}/handover/accept")).status_code == 422, "only the receiver accepts"
        accepted = await sam.post(f"{base}/handover/accept")
        assert accepted.status_code == 200 and accepted.json()["handover"]["status"] == "accepted"
        assert (await sam.post(f"{base}/handover/accept")).status_code == 409
        assert not (await http2.get(CHAT)).json()["conversations"][0]["handover_pending"]
        # the note never reaches the citizen
        assert note not in str(await citizen.transcript())


async def test_need_to_know_and_the_audit_view(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    await add_user(gateway.settings, "sam")
    await add_user(gateway.settings, "sue", role="supervisor", display="Sue Super")
    async with gateway.client() as http, gateway.client() as http2, gateway.client() as http3:
        citizen = await queued(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        sam = await Agent.login(http2, "sam", PASSWORD)
        sue = await Agent.login(http3, "sue", PASSWORD)
        base = f"{CHAT}/{citizen.conversation_id}"
        assert (await http2.get(base)).status_code == 200, "a queued chat: anyone on duty may look"
        await jo.post(f"{base}/claim")
        assert (await http.get(base)).status_code == 200
        refused = await http2.get(base)
        assert refused.status_code == 403 and "chats you held" in refused.json()["error"]
        assert (await sam.post(f"{base}/notes", {"text": "x"})).status_code == 403
        assert (await http3.get(base)).status_code == 200, "supervisors see any chat"
        watched = await http3.get(f"/api/supervisor/conversations/{citizen.conversation_id}/watch")
        assert watched.status_code == 200 and watched.json()["read_only"] is True
        await jo.post(f"{base}/close", {"outcome": "advice_given"})
        assert (await http.get(base)).status_code == 200, "a chat I held"
        assert (await http2.get("/api/supervisor/audit")).status_code == 403
        entries = (
            await http3.get("/api/supervisor/audit", params={"conversation_id": citizen.conversation_id})
        ).json()["entries"]
        actions = [(e["action"], e["user_name"]) for e in reversed(entries)]
        assert ("claim", "Jo") in actions and ("view_refused", "Sam") in actions
        assert ("watch", "Sue Super") in actions and ("close", "Jo") in actions
        by_sam = (await http3.get("/api/supervisor/audit", params={"user": "sam"})).json()["entries"]
        assert {e["user_name"] for e in by_sam} == {"Sam"}
        assert (await http3.get("/api/supervisor/audit", params={"user": "nobody"})).status_code == 404
        del sue


async def test_private_notes_and_close_details(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await queued(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        base = f"{CHAT}/{citizen.conversation_id}"
        await jo.post(f"{base}/claim")
        written = await jo.post(f"{base}/notes", {"text": "Sounds scared; background shouting."})
        assert written.status_code == 201
        assert (await jo.post(f"{base}/notes", {"text": " "})).status_code == 422
        view = (await http.get(base)).json()
        assert [n["text"] for n in view["private_notes"]] == ["Sounds scared; background shouting."]
        assert "background shouting" not in str(await citizen.transcript()), "never shown to the citizen"
        bad = await jo.post(f"{base}/close", {"outcome": "resolved", "incident_reference": "hello"})
        assert bad.status_code == 422 and "format" in bad.json()["error"]
        bad = await jo.post(f"{base}/close", {"outcome": "resolved", "thrive": {"threat": "severe"}})
        assert bad.status_code == 422
        assert (await citizen.transcript())["state"]["status"] == "agent", "nothing lost"
        done = await jo.post(
            f"{base}/close",
            {
                "outcome": "report_taken",
                "thrive": {"threat": "high", "vulnerability": "medium"},
                "incident_reference": "cad 4521",
            },
        )
        assert done.status_code == 200, done.text
        closed = done.json()["conversation"]
        assert closed["thrive"] == {"threat": "high", "vulnerability": "medium"}
        assert closed["incident_reference"] == "CAD 4521"
        outcomes = (await http.get("/api/agent/outcomes")).json()
        assert outcomes["thrive"]["items"][0] == "threat" and outcomes["thrive"]["levels"] == [
            "low",
            "medium",
            "high",
        ]


async def test_claim_next_takes_the_most_urgent(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        jo = await Agent.login(http, "jo", PASSWORD)
        assert (await jo.post("/api/agent/claim-next")).status_code == 409, "nobody waiting"
        first = await queued(gateway, http)
        urgent = await queued(gateway, http, "emergency")
        taken = await jo.post("/api/agent/claim-next")
        assert (
            taken.status_code == 200
            and taken.json()["conversation"]["conversation_id"] == urgent.conversation_id
        )
        taken = await jo.post("/api/agent/claim-next")
        assert taken.json()["conversation"]["conversation_id"] == first.conversation_id


async def test_the_citizen_leaving_reaches_the_agent_and_unread_counts_survive(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await queued(gateway, http)
        other = await queued(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        for c in (citizen, other):
            await jo.post(f"{CHAT}/{c.conversation_id}/claim")
        await http.get(f"{CHAT}/{other.conversation_id}")  # opened: read up to here
        await other.say("he's trying the door handle now")
        await other.say("I'm in the bathroom")
        cards = {c["conversation_id"]: c for c in (await http.get(CHAT)).json()["conversations"]}
        assert cards[other.conversation_id]["unread"] == 2
        assert cards[other.conversation_id]["preview"] == "I'm in the bathroom"
        await http.get(f"{CHAT}/{other.conversation_id}")
        cards = {c["conversation_id"]: c for c in (await http.get(CHAT)).json()["conversations"]}
        assert cards[other.conversation_id]["unread"] == 0

        left = await http.post(
            f"/api/chat/conversations/{citizen.conversation_id}/leave",
            json={"how": "exit"},
            headers=citizen.auth,
        )
        assert left.status_code == 200 and left.json()["changed"] is True
        again = await http.post(
            f"/api/chat/conversations/{citizen.conversation_id}/leave",
            json={"how": "exit"},
            headers=citizen.auth,
        )
        assert again.json()["changed"] is False
        bad = await http.post(
            f"/api/chat/conversations/{citizen.conversation_id}/leave",
            json={"how": "x"},
            headers=citizen.auth,
        )
        assert bad.status_code == 422
        assert (
            await http.post(f"/api/chat/conversations/{citizen.conversation_id}/leave", json={})
        ).status_code == 401
        cards = {c["conversation_id"]: c for c in (await http.get(CHAT)).json()["conversations"]}
        assert cards[citizen.conversation_id]["citizen_left_at"]
        view = (await http.get(f"{CHAT}/{citizen.conversation_id}")).json()
        assert view["messages"][-1]["text"] == "The citizen left the chat with the quick exit button."
        assert (
            await jo.post(f"{CHAT}/{citizen.conversation_id}/close", {"outcome": "abandoned"})
        ).status_code == 200


async def test_abandoned_and_duplicate_closes_are_not_handling_time(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        jo = await Agent.login(http, "jo", PASSWORD)
        for _ in range(4):
            c = await queued(gateway, http)
            await jo.post(f"{CHAT}/{c.conversation_id}/claim")
            await jo.post(f"{CHAT}/{c.conversation_id}/close", {"outcome": "abandoned"})
        waiting = [await queued(gateway, http) for _ in range(6)]
        state = (await waiting[-1].transcript())["state"]
        # Nobody available; the default handling time (300 s) counts, not four ~0 s closes:
        # 30 + 6 × 300 / 3 = 630.
        assert state["queue_position"] == 6 and state["estimated_wait_seconds"] == 630


async def test_a_helpline_block_is_said_once_per_chat(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await queued(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        await jo.post(f"{CHAT}/{citizen.conversation_id}/claim")
        first = await citizen.say("my stepdad hits me and I'm 14")
        said = [m["text"] for m in first["messages"] if m["sender"] == "system"]
        assert len(said) == 1 and "Childline" in said[0] and "0800 1111" in said[0]
        second = await citizen.say("my stepdad hits me when mum is out, I'm 14")
        assert [m for m in second["messages"] if m["sender"] == "system"] == []


async def test_the_supervisor_overview_lists_held_chats_waits_and_alerts(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(emergency_alert_seconds=0)  # type: ignore[operator]
    await add_user(gateway.settings, "jo", display="Jo")
    await add_user(gateway.settings, "sue", role="supervisor")
    async with gateway.client() as http, gateway.client() as http2:
        jo = await Agent.login(http, "jo", PASSWORD)
        held = await queued(gateway, http)
        await jo.post(f"{CHAT}/{held.conversation_id}/claim")
        urgent = await queued(gateway, http, "emergency")
        await Agent.login(http2, "sue", PASSWORD)
        overview = (await http2.get("/api/supervisor/overview")).json()
        assert [a["conversation_id"] for a in overview["alerts"]] == [urgent.conversation_id]
        by_label = {w["priority_label"]: w["waiting"] for w in overview["waits_by_priority"]}
        assert by_label == {"emergency": 1, "safeguarding": 0, "normal": 0}
        agent = next(a for a in overview["agents"] if a["username"] == "jo")
        assert [c["conversation_id"] for c in agent["chats"]] == [held.conversation_id]
        assert agent["chats"][0]["replied"] is False and agent["chats"][0]["seconds_since_reply"] >= 0


async def test_after_the_grace_period_the_agent_is_told_which_chats_went_back(
    gateway_factory: object,
) -> None:
    gateway: Gateway = await gateway_factory(agent_grace_seconds=1)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await queued(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        cookie = {"Cookie": f"triage_session={http.cookies.get('triage_session')}"}
        async with Socket.open(f"{gateway.running.ws_url}/api/agent/ws", cookie) as ws:
            await ws.next()
            assert (await jo.post(f"{CHAT}/{citizen.conversation_id}/claim")).status_code == 200
        for _ in range(60):
            if (await citizen.transcript())["state"]["status"] == "queued":
                break
            await asyncio.sleep(0.1)
        assert (await citizen.transcript())["state"]["status"] == "queued"
        async with Socket.open(f"{gateway.running.ws_url}/api/agent/ws", cookie) as ws:
            told = await ws.wait_for(lambda e: e.get("type") == "released")
            assert told["conversation_ids"] == [citizen.conversation_id]
        async with Socket.open(f"{gateway.running.ws_url}/api/agent/ws", cookie) as ws:
            await ws.wait_for(lambda e: e.get("type") == "mine")
            with pytest.raises(TimeoutError):
                await ws.wait_for(lambda e: e.get("type") == "released", wait=1.0)  # told once


async def test_typing_goes_both_ways_without_the_text_and_a_page_offline_too_long_has_left(
    gateway_factory: object,
) -> None:
    gateway: Gateway = await gateway_factory(citizen_offline_seconds=1, agent_grace_seconds=1)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await queued(gateway, http)
        jo = await Agent.login(http, "jo", PASSWORD)
        base = f"{CHAT}/{citizen.conversation_id}"
        await jo.post(f"{base}/claim")
        cookie = {"Cookie": f"triage_session={http.cookies.get('triage_session')}"}
        page = f"{gateway.running.ws_url}/api/chat/conversations/{citizen.conversation_id}/ws"
        async with Socket.open(f"{gateway.running.ws_url}/api/agent/ws", cookie) as agent_ws:
            await agent_ws.wait_for(lambda e: e.get("type") == "mine")
            async with Socket.open(page) as citizen_ws:
                await citizen_ws.connection.send(json.dumps({"type": "auth", "token": citizen.token}))
                await citizen_ws.wait_for(lambda e: e.get("type") == "state")
                assert (await jo.post(f"{base}/typing")).json() == {"sent": True}
                assert (await jo.post(f"{base}/typing")).json() == {"sent": False}, "throttled"
                event = await citizen_ws.wait_for(lambda e: e.get("type") == "typing")
                assert event == {"type": "typing", "sender": "agent"}
                await citizen_ws.connection.send("typing")
                event = await agent_ws.wait_for(lambda e: e.get("type") == "typing")
                assert event == {
                    "type": "typing",
                    "conversation_id": citizen.conversation_id,
                    "sender": "citizen",
                }
            # The page closed: after CITIZEN_OFFLINE_SECONDS the agent is told.
            event = await agent_ws.wait_for(
                lambda e: e.get("type") == "message" and "offline" in e["message"]["text"], wait=15
            )
            assert event["conversation_id"] == citizen.conversation_id
        card = (await http.get(CHAT)).json()["conversations"][0]
        assert card["citizen_left_at"]
        # They come back and write: no longer "left".
        await citizen.say("sorry, my phone died")
        assert (await http.get(CHAT)).json()["conversations"][0]["citizen_left_at"] is None
