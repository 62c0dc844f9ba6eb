"""End to end through the public API: real gateway, real Rasa with the served model, real action
server, real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import MessageRow, ReportRow
from tests.support.scripts import answer_for
from tests.support.server import Agent, Citizen, Socket
from tests.support.stack import PASSWORD, Stack

pytestmark = pytest.mark.integration


async def rows(url: str, model: Any, **where: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            query = select(model).filter_by(**where)
            return list((await session.execute(query)).scalars())
    finally:
        await engine.dispose()


async def report_crime(citizen: Citizen, opening: str) -> dict[str, Any]:
    """Answer every question until the receipt arrives; returns the final reply."""
    reply = await citizen.say(opening)
    for _ in range(20):
        if reply["state"]["report_reference"]:
            return reply
        question = " ".join(m["text"] for m in reply["messages"])
        step = answer_for(question)
        assert step is not None, f"unexpected question: {question!r}"
        reply = await (citizen.press(step.send) if step.is_payload else citizen.say(step.send))
    raise AssertionError("no receipt after 20 turns")


async def test_a_crime_report_ends_with_a_receipt_and_a_stored_row(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http:
        citizen = await Citizen.start(http)
        final = await report_crime(citizen, "someone nicked my bike from outside the library last night")
        reference = final["state"]["report_reference"]
        assert reference.startswith("WEB-")
        receipt = " ".join(m["text"] for m in final["messages"])
        assert reference in receipt and "not a crime reference number" in receipt
        transcript = await citizen.transcript()
        citizen_turns = [m for m in transcript["messages"] if m["sender"] == "citizen"]
        assert citizen_turns[0]["text"] == "someone nicked my bike from outside the library last night"

    [report] = await rows(stack.database_url, ReportRow, reference=reference)
    assert report.conversation_id == citizen.conversation_id and report.kind == "crime"
    fields = report.fields
    # The first message already said where and what was taken: not asked again.
    assert fields["crime_location"]["value"] == "outside the library"
    assert fields["crime_property"]["value"] == "my bike"
    assert fields["crime_value"]["value"] == 300.0
    assert fields["contact_details"]["value"] == {"kind": "phone", "value": "+447700900123"}
    assert fields["crime_when"]["value"].endswith(("+00:00", "+01:00"))
    # Analysts get the assistant's reading of every citizen message.
    stored = await rows(
        stack.database_url, MessageRow, conversation_id=citizen.conversation_id, sender="citizen"
    )
    assert stored[0].intent == "report_crime" and stored[0].confidence is not None


async def test_an_emergency_halfway_through_a_form_interrupts_it(stack: Stack) -> None:
    name = f"emerg{id(stack) % 100000}{stack.backend[:2]}"
    stack.add_user(name)
    async with (
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http,
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as staff,
    ):
        citizen = await Citizen.start(http)
        await citizen.say("my shed was broken into over the weekend")
        reply = await citizen.say("oh god he's back in the garden right now with a knife")
        text = " ".join(m["text"] for m in reply["messages"])
        assert "call 999 now" in text.lower() and "press 55" in text
        state = reply["state"]
        assert state["emergency"] is True and state["status"] == "queued"
        assert state["triage"]["intent"] == "emergency"
        # The top of the queue: other tests on this shared stack may have left older emergencies
        # waiting, but nothing that is not an emergency is ahead of this chat.
        queue = await (await Agent.login(staff, name, PASSWORD)).queue()
        ids = [c["conversation_id"] for c in queue]
        ahead = queue[: ids.index(citizen.conversation_id)]
        assert state["queue_position"] == len(ahead) + 1
        assert all(c["priority"] == queue[ids.index(citizen.conversation_id)]["priority"] for c in ahead)


async def test_a_person_on_request_with_messages_both_ways_over_both_websockets(stack: Stack) -> None:
    name = f"agent{id(stack) % 100000}{stack.backend[:2]}"
    stack.add_user(name, display="Jo Bloggs")
    async with (
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http,
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as staff,
    ):
        citizen = await Citizen.start(http)
        reply = await citizen.say("I want to talk to a real person please")
        assert reply["state"]["status"] == "queued"
        assert reply["state"]["queue_position"] >= 1 and reply["state"]["estimated_wait_seconds"] > 0

        agent = await Agent.login(staff, name, PASSWORD)
        queue = await agent.queue()
        assert citizen.conversation_id in [c["conversation_id"] for c in queue]
        ws_base = stack.gateway_url.replace("http://", "ws://")
        cookie = f"triage_session={staff.cookies.get('triage_session')}"
        citizen_url = f"{ws_base}/api/chat/conversations/{citizen.conversation_id}/ws?token={citizen.token}"
        async with (
            Socket.open(f"{ws_base}/api/agent/ws", {"Cookie": cookie}) as agent_ws,
            Socket.open(citizen_url) as citizen_ws,
        ):
            await agent_ws.wait_for(lambda e: e["type"] == "queue")
            claimed = await agent.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
            assert claimed.status_code == 200
            await citizen_ws.wait_for(lambda e: e["type"] == "state" and e["state"]["status"] == "agent")

            await agent.post(
                f"/api/agent/conversations/{citizen.conversation_id}/messages",
                {"text": "Hello, this is Jo from the contact centre."},
            )
            got = await citizen_ws.wait_for(
                lambda e: e["type"] == "message" and e["message"]["sender"] == "agent"
            )
            assert got["message"]["text"] == "Hello, this is Jo from the contact centre."

            await citizen.say("thanks, it's about a parcel stolen from my doorstep")
            relayed = await agent_ws.wait_for(
                lambda e: e["type"] == "message" and e["message"]["sender"] == "citizen"
            )
            assert relayed["message"]["text"] == "thanks, it's about a parcel stolen from my doorstep"

            closed = await agent.post(
                f"/api/agent/conversations/{citizen.conversation_id}/close", {"outcome": "report_taken"}
            )
            assert closed.status_code == 200
            await citizen_ws.wait_for(lambda e: e["type"] == "state" and e["state"]["status"] == "closed")
        view = (await staff.get(f"/api/agent/conversations/{citizen.conversation_id}")).json()
        assert view["conversation"]["outcome"] == "report_taken"
        assert [m["sender"] for m in view["messages"]].count("agent") == 1


async def test_two_agents_claiming_at_once_exactly_one_gets_it(stack: Stack) -> None:
    first, second = f"race1{stack.backend}", f"race2{stack.backend}"
    stack.add_user(first)
    stack.add_user(second)
    async with (
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http,
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as a,
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as b,
    ):
        citizen = await Citizen.start(http)
        await citizen.say("can I speak to someone")
        one, two = await Agent.login(a, first, PASSWORD), await Agent.login(b, second, PASSWORD)
        path = f"/api/agent/conversations/{citizen.conversation_id}/claim"
        results = await asyncio.gather(one.post(path), two.post(path))
        assert sorted(r.status_code for r in results) == [200, 409]


async def test_tokens_and_agent_auth_are_enforced(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http:
        mine, other = await Citizen.start(http), await Citizen.start(http)
        borrowed = await http.post(
            f"/api/chat/conversations/{other.conversation_id}/messages",
            json={"text": "hello"},
            headers=mine.auth,
        )
        assert borrowed.status_code == 403
        assert (await http.get("/api/agent/queue")).status_code == 401
        assert (await http.post(f"/api/agent/conversations/{other.conversation_id}/claim")).status_code == 401
        stack.add_user(f"csrf{stack.backend}")
        await Agent.login(http, f"csrf{stack.backend}", PASSWORD)
        assert (await http.post(f"/api/agent/conversations/{other.conversation_id}/claim")).status_code == 403


@pytest.mark.parametrize(
    ("body", "status"),
    [({"text": ""}, 422), ({"text": 7}, 422), ({"text": "x" * 2001}, 413), ({"nope": 1}, 422)],
)
async def test_bad_input_against_the_real_stack(stack: Stack, body: dict[str, Any], status: int) -> None:
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http:
        citizen = await Citizen.start(http)
        response = await http.post(
            f"/api/chat/conversations/{citizen.conversation_id}/messages", json=body, headers=citizen.auth
        )
        assert response.status_code == status and response.json()["error"]
        malformed = await http.post(
            f"/api/chat/conversations/{citizen.conversation_id}/messages",
            content=b"{",
            headers={**citizen.auth, "Content-Type": "application/json"},
        )
        assert malformed.status_code == 400
        assert len((await citizen.transcript())["messages"]) == 1
        assert (await citizen.say("hello"))["state"]["status"] == "bot"
