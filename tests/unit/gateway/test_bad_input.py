"""Bad input gets a clear JSON error, stores nothing, and the conversation keeps working."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import AuditRow
from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def message_count(citizen: Citizen) -> int:
    return len((await citizen.transcript())["messages"])


async def post_raw(citizen: Citizen, **kwargs: object) -> tuple[int, dict[str, object]]:
    response = await citizen.http.post(
        f"/api/chat/conversations/{citizen.conversation_id}/messages",
        **kwargs,  # type: ignore[arg-type]
    )
    return response.status_code, response.json()


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"content": b"{not json", "headers_extra": {"Content-Type": "application/json"}}, 400),
        ({"json": {"text": "   "}}, 422),
        ({"json": {"text": 42}}, 422),
        ({"json": {"text": None}}, 422),
        ({"json": {}}, 422),
        ({"json": ["a list"]}, 422),
        ({"json": {"text": "hi", "payload": "/greet"}}, 422),
        ({"json": {"payload": "not a payload"}}, 422),
        ({"json": {"text": "x" * 2001}}, 413),
    ],
)
async def test_bad_messages_are_refused_and_nothing_is_stored(
    gateway: Gateway, kwargs: dict[str, object], status: int
) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        before = await message_count(citizen)
        headers = {**citizen.auth, **kwargs.pop("headers_extra", {})}  # type: ignore[dict-item]
        code, body = await post_raw(citizen, headers=headers, **kwargs)
        assert code == status
        assert isinstance(body["error"], str) and body["error"]
        assert await message_count(citizen) == before
        assert gateway.assistant.sent == []
        # ...and the conversation still works.
        assert (await citizen.say("hello"))["state"]["status"] == "bot"


async def test_exactly_the_limit_is_accepted(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        await citizen.say("x" * 2000)


async def test_tokens_missing_forged_or_for_another_conversation(gateway: Gateway) -> None:
    async with gateway.client() as http:
        mine = await Citizen.start(http)
        other = await Citizen.start(http)
        path = f"/api/chat/conversations/{other.conversation_id}"
        missing = await http.get(path)
        assert missing.status_code == 401 and missing.json()["error"]
        forged = await http.get(path, headers={"Authorization": "Bearer " + other.token[:-2] + "xx"})
        assert forged.status_code == 401
        borrowed = await http.get(path, headers=mine.auth)
        assert borrowed.status_code == 403 and borrowed.json()["error"]
        posted = await http.post(f"{path}/messages", json={"text": "hi"}, headers=mine.auth)
        assert posted.status_code == 403
        assert len((await other.transcript())["messages"]) == 1


async def test_unknown_conversation_is_404(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        response = await http.post(
            "/api/chat/conversations/00000000-0000-4000-8000-000000000000/messages",
            json={"text": "hi"},
            headers=citizen.auth,
        )
        assert response.status_code == 404 and response.json() == {"error": "no such conversation"}


async def test_unknown_route_and_wrong_method_are_json(gateway: Gateway) -> None:
    async with gateway.client() as http:
        assert (await http.get("/api/nothing-here")).json()["error"]
        wrong = await http.delete("/api/chat/conversations")
        assert wrong.status_code == 405 and wrong.json()["error"]


async def test_per_conversation_rate_limit_is_429_with_retry_after(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(conversation_rate=3)  # type: ignore[operator]
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        for _ in range(3):
            await citizen.say("hello")
        before = await message_count(citizen)
        code, body = await post_raw(citizen, json={"text": "one too many"}, headers=citizen.auth)
        assert code == 429 and body["error"]
        assert await message_count(citizen) == before
        other = await Citizen.start(http)
        await other.say("a different conversation is not limited")


async def test_per_ip_rate_limit_covers_starting_conversations(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(ip_rate=2)  # type: ignore[operator]
    async with gateway.client() as http:
        await Citizen.start(http)
        await Citizen.start(http)
        response = await http.post("/api/chat/conversations")
        assert response.status_code == 429 and int(response.headers["Retry-After"]) >= 1


async def test_closed_conversation_refuses_messages_with_409(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
        await citizen.say("person please")
        jo = await Agent.login(http, "jo", PASSWORD)
        await jo.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
        await jo.post(f"/api/agent/conversations/{citizen.conversation_id}/close", {"outcome": "resolved"})
        code, body = await post_raw(citizen, json={"text": "hello?"}, headers=citizen.auth)
        assert code == 409 and body["error"] == "this conversation is closed"


async def test_agent_bad_input(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        bad_login = await http.post("/api/agent/login", json={"username": "jo"})
        assert bad_login.status_code == 422
        garbage = await http.post(
            "/api/agent/login", content=b"{{", headers={"Content-Type": "application/json"}
        )
        assert garbage.status_code == 400
        jo = await Agent.login(http, "jo", PASSWORD)
        citizen = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
        await citizen.say("person please")
        base = f"/api/agent/conversations/{citizen.conversation_id}"
        assert (await jo.post(f"{base}/messages", {"text": "hi"})).status_code == 409  # not claimed yet
        await jo.post(f"{base}/claim")
        assert (await jo.post(f"{base}/messages", {"text": ""})).status_code == 422
        assert (await jo.post(f"{base}/messages", {"text": "x" * 2001})).status_code == 413
        assert (await jo.post("/api/agent/conversations/nope/claim")).status_code == 404
        assert (await jo.post("/api/agent/presence", {"presence": "asleep"})).status_code == 422
        assert (await jo.post(f"{base}/transfer", {"to": "nobody"})).status_code == 404
        assert (await jo.post(f"{base}/messages", {"text": "still works"})).status_code == 200


async def test_the_audit_log_records_who_viewed_claimed_messaged_and_closed(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
        await citizen.say("person please")
        jo = await Agent.login(http, "jo", PASSWORD)
        base = f"/api/agent/conversations/{citizen.conversation_id}"
        await http.get(base)
        await jo.post(f"{base}/claim")
        await jo.post(f"{base}/messages", {"text": "a private detail"})
        await jo.post(f"{base}/close", {"outcome": "resolved"})
    engine = create_engine(gateway.settings.database_url)
    async with session_factory(engine)() as session:
        rows = (await session.execute(select(AuditRow).order_by(AuditRow.id))).scalars().all()
    await engine.dispose()
    trail = [(r.action, r.conversation_id) for r in rows if r.conversation_id]
    assert trail == [(a, citizen.conversation_id) for a in ("view", "claim", "message", "close")]
    assert all(r.user_id == jo.user["id"] for r in rows if r.conversation_id)
    assert "a private detail" not in str([r.detail for r in rows])
