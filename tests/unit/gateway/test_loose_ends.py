"""Loose ends (issue #11, item 10): Idempotency-Key on citizen messages, security headers on
every response, private SQLite files, caps on sockets and transcript reads, analyst URLs that
used to 500."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import MessageRow
from tests.support.server import Agent, Citizen, Socket
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def stored_messages(gateway: Gateway) -> int:
    engine = create_engine(gateway.settings.database_url)
    try:
        async with session_factory(engine)() as session:
            return int((await session.execute(select(func.count()).select_from(MessageRow))).scalar_one())
    finally:
        await engine.dispose()


async def send(citizen: Citizen, body: dict[str, str], key: str | None) -> httpx.Response:
    headers = {**citizen.auth, **({"Idempotency-Key": key} if key else {})}
    return await citizen.http.post(
        f"/api/chat/conversations/{citizen.conversation_id}/messages", json=body, headers=headers
    )


# --- Idempotency-Key -----------------------------------------------------------------------------


async def test_a_repeat_with_the_same_key_gets_the_first_answer_and_stores_nothing(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        first = await send(citizen, {"text": "my bike was stolen"}, "retry-1")
        assert first.status_code == 200
        count = await stored_messages(gateway)
        sent = len(gateway.assistant.sent)
        for _ in range(3):
            again = await send(citizen, {"text": "my bike was stolen"}, "retry-1")
            assert again.status_code == 200 and again.json() == first.json()
        assert await stored_messages(gateway) == count
        assert len(gateway.assistant.sent) == sent  # the assistant did not see it twice
        # Another key is another message.
        assert (await send(citizen, {"text": "my bike was stolen"}, "retry-2")).status_code == 200
        assert await stored_messages(gateway) == count + 2


async def test_repeats_while_the_first_is_still_answering_wait_for_its_answer(gateway: Gateway) -> None:
    gateway.assistant.delay = 0.5
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        before = await stored_messages(gateway)
        first = asyncio.create_task(send(citizen, {"text": "hello"}, "same"))
        for _ in range(200):  # until the first is stored and in the assistant
            if gateway.assistant.sent:
                break
            await asyncio.sleep(0.01)
        repeats = await asyncio.gather(*(send(citizen, {"text": "hello"}, "same") for _ in range(4)))
        answer = await first
        assert answer.status_code == 200 and answer.json()["messages"]
        assert [r.json() for r in repeats] == [answer.json()] * 4
        assert await stored_messages(gateway) == before + 2  # one citizen message, one reply
        assert len(gateway.assistant.sent) == 1


async def test_a_key_reused_for_another_message_is_refused(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        assert (await send(citizen, {"text": "first"}, "k")).status_code == 200
        clash = await send(citizen, {"text": "something else"}, "k")
        assert clash.status_code == 422 and "Idempotency-Key" in clash.json()["error"]
        for bad in ("", "has space", "x" * 256, "caf\u00e9"):
            response = await http.post(
                f"/api/chat/conversations/{citizen.conversation_id}/messages",
                json={"text": "hi"},
                headers=[*citizen.auth.items(), ("Idempotency-Key", bad.encode())],
            )
            assert response.status_code == 400, bad


async def test_a_retry_after_the_first_attempt_died_stores_nothing_new(gateway: Gateway) -> None:
    """The gateway crashed after storing the message (the key with it) but before answering."""
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        service = gateway.running.app.ctx.gateway.citizen
        from handoff.service.citizen import CitizenInput

        await service._store_citizen_message(citizen.conversation_id, CitizenInput(text="hello"), "crash")
        count = await stored_messages(gateway)
        retry = await send(citizen, {"text": "hello"}, "crash")
        assert retry.status_code == 200
        assert retry.json()["messages"] == [] and retry.json()["state"]["status"] == "bot"
        assert await stored_messages(gateway) == count


# --- headers -------------------------------------------------------------------------------------


async def test_every_response_carries_the_security_headers(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        agent = await Agent.login(http, "jo", PASSWORD)
        responses = [
            await http.post("/api/chat/conversations"),
            await http.get(f"/api/chat/conversations/{citizen.conversation_id}", headers=citizen.auth),
            await http.get(f"/api/chat/conversations/{citizen.conversation_id}"),  # 401
            await http.get("/api/chat/conversations/nope", headers=citizen.auth),  # 404
            await http.get("/api/agent/queue"),
            await agent.post("/api/agent/presence", {"presence": "nonsense"}),  # 422
            await http.put("/api/agent/queue"),  # 405
            await http.get("/api/no/such/route"),  # 404
            await http.post("/api/agent/login", content=b"{", headers={"Content-Type": "application/json"}),
            await http.get("/healthz"),
            await http.get("/readyz"),
        ]
        page = await http.get("/")
    for response in responses:
        where = f"{response.request.method} {response.request.url.path} -> {response.status_code}"
        assert response.headers.get("content-type", "").startswith("application/json"), where
        assert response.headers["Cache-Control"] == "no-store", where
        assert response.headers["X-Content-Type-Options"] == "nosniff", where
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], where
        assert response.headers["Referrer-Policy"] == "no-referrer", where
        assert "Strict-Transport-Security" not in response.headers, where
    assert (
        page.headers["Cache-Control"] == "no-store"
        and "script-src 'self'" in page.headers["Content-Security-Policy"]
    )


async def test_hsts_behind_tls(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(cookie_secure=True)  # type: ignore[operator]
    async with gateway.client() as http:
        response = await http.get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


# --- files ---------------------------------------------------------------------------------------


def test_sqlite_files_are_private(tmp_path: Path) -> None:
    from handoff.adapters.migrate import upgrade

    database = tmp_path / "fresh" / "triage.db"
    upgrade(f"sqlite:///{database}")
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    loose = tmp_path / "old.db"
    loose.touch(mode=0o644)
    loose.chmod(0o644)
    upgrade(f"sqlite:///{loose}")
    for file in tmp_path.glob("old.db*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


# --- caps ----------------------------------------------------------------------------------------


async def test_sockets_per_conversation_are_capped(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(max_sockets_per_conversation=2)  # type: ignore[operator]
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
    url = (
        f"{gateway.running.ws_url}/api/chat/conversations/{citizen.conversation_id}/ws?token={citizen.token}"
    )
    async with Socket.open(url) as one, Socket.open(url) as two:
        assert (await one.next())["type"] == "state" and (await two.next())["type"] == "state"
        async with Socket.open(url) as three:
            refusal = await three.next()
            assert refusal["status"] == 429 and "too many open connections" in refusal["error"]


async def test_transcript_reads_are_capped_without_stopping_messages(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(transcript_reads=3)  # type: ignore[operator]
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        path = f"/api/chat/conversations/{citizen.conversation_id}"
        statuses = [(await http.get(path, headers=citizen.auth)).status_code for _ in range(5)]
        assert statuses == [200, 200, 200, 429, 429]
        limited = await http.get(path, headers=citizen.auth)
        assert int(limited.headers["Retry-After"]) >= 1
        await citizen.say("still here")  # writing has its own limit


# --- analyst URLs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/api/analyst/review?since=99999999d", 422),
        ("GET", "/api/analyst/review?since=9999999999999999999999d", 422),
        ("GET", "/api/analyst/review?limit=99999999999999999999", 200),
        ("POST", "/api/analyst/review/99999999999999999999", 404),
        ("POST", "/api/analyst/review/2147483648", 404),
        ("GET", "/api/analyst/dashboard?from=0001-01-01&to=0001-01-02", 422),
        ("GET", "/api/analyst/dashboard?from=9999-12-30&to=9999-12-31", 422),
        ("GET", "/api/analyst/charts/conversations.png?from=9999-12-30&to=9999-12-31", 422),
        ("GET", "/api/analyst/dashboard?days=99999999999999999999", 422),
    ],
)
async def test_analyst_urls_that_used_to_500(gateway: Gateway, method: str, url: str, status: int) -> None:
    await add_user(gateway.settings, "ana", role="analyst")
    async with gateway.client() as http:
        analyst = await Agent.login(http, "ana", PASSWORD)
        if method == "GET":
            response = await http.get(url)
        else:
            response = await analyst.post(url, {"intent": "greet"})
    assert response.status_code == status, response.text
