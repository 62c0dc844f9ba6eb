"""Text no database can store, and a database that fails (issue #11, item 4): NUL bytes and
lone surrogates are cleaned, the safety rules run before anything is stored, and neither the
text nor the SQL parameters reach the logs."""

from __future__ import annotations

import logging

import httpx
import pytest
from sqlalchemy import text

from handoff.adapters.database import create_engine
from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user

KNIFE = "there is a man with a knife in my house right now"


async def _post_raw(http: httpx.AsyncClient, citizen: Citizen, raw_json: str) -> httpx.Response:
    """The body exactly as a client may send it (``\\ud800`` is legal JSON, not legal UTF-8)."""
    return await http.post(
        f"/api/chat/conversations/{citizen.conversation_id}/messages",
        content=raw_json.encode(),
        headers={**citizen.auth, "Content-Type": "application/json"},
    )


async def test_a_nul_byte_in_an_emergency_is_dropped_and_the_citizen_gets_999(gateway: Gateway) -> None:
    gateway.assistant.down = True  # the gateway's own rule layer answers
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        response = await _post_raw(http, citizen, '{"text": "' + KNIFE + '\\u0000"}')
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["state"]["emergency"] is True
        assert any("999" in m["text"] and m["sender"] == "system" for m in body["messages"])
        said = [m["text"] for m in (await citizen.transcript())["messages"] if m["sender"] == "citizen"]
        assert said == [KNIFE]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ('"x\\ud800y"', "x\ufffdy"),
        ('"\\udfff help"', "\ufffd help"),
        ('"ok \\ud83d\\ude00"', "ok \U0001f600"),  # a valid pair is one character, kept
        ('"a\\u0007b\\u001bc\\td"', "abc\td"),
    ],
)
async def test_lone_surrogates_and_control_characters_are_made_storable(
    gateway: Gateway, raw: str, stored: str
) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        response = await _post_raw(http, citizen, '{"text": ' + raw + "}")
        assert response.status_code == 200, response.text
        said = [m["text"] for m in (await citizen.transcript())["messages"] if m["sender"] == "citizen"]
        assert said == [stored]


async def test_text_that_is_only_nul_is_blank(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        response = await _post_raw(http, citizen, '{"text": "\\u0000\\u0000"}')
        assert response.status_code == 422
        assert response.json()["error"] == '"text" must not be blank'


async def test_agents_and_logins_with_such_text_are_not_500(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        weird = await http.post(
            "/api/agent/login",
            content=b'{"username": "jo\\ud800\\u0000", "password": "x\\ud800"}',
            headers={"Content-Type": "application/json"},
        )
        assert weird.status_code == 401
        citizen = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
        agent = await Agent.login(http, "jo", PASSWORD)
        await citizen.press("/request_human")
        await agent.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
        sent = await http.post(
            f"/api/agent/conversations/{citizen.conversation_id}/messages",
            content=b'{"text": "hello\\u0000 \\udc00"}',
            headers={"Content-Type": "application/json", "X-CSRF-Token": agent.csrf},
        )
        assert sent.status_code == 200, sent.text
        assert sent.json()["message"]["text"] == "hello \ufffd"


async def test_a_nul_in_the_address_is_400(gateway: Gateway) -> None:
    async with gateway.client() as http:
        for url in ("/api/analyst/review?intent=%00", "/api/chat/conversations/ab%00cd"):
            response = await http.get(url)
            assert response.status_code == 400, url
            assert response.json() == {"error": "the address contains a NUL character"}


async def _break_storage(gateway: Gateway) -> None:
    engine = create_engine(gateway.settings.database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "DROP TABLE messages CASCADE"
                    if "postgres" in engine.url.drivername
                    else "DROP TABLE messages"
                )
            )
    finally:
        await engine.dispose()


async def test_when_storing_fails_an_emergency_still_gets_999_and_nothing_is_logged(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        other = await Citizen.start(http)
        await _break_storage(gateway)
        caplog.set_level(logging.DEBUG)
        urgent = await citizen.say(KNIFE, expect=503)
        assert urgent["emergency"] is True
        assert urgent["error"].startswith("This sounds like an emergency. Please call 999 now.")
        assert "having trouble" in urgent["error"]
        assert [m["sender"] for m in urgent["messages"]] == ["system", "system"]
        calm = await other.say("my bike was stolen from outside the library on Mill Road", expect=503)
        assert calm["emergency"] is False
        assert "having trouble" in calm["error"] and "999" in calm["error"]
    logged = caplog.text
    assert "knife" not in logged and "Mill Road" not in logged
    assert "storing a message" in logged  # the failure itself is logged, by type


async def test_engines_hide_statement_parameters(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            with pytest.raises(Exception) as raised:
                await connection.execute(
                    text("INSERT INTO users (id, username) VALUES (:id, :name)"),
                    {"id": "not a number", "name": "a secret citizen sentence"},
                )
        assert "a secret citizen sentence" not in str(raised.value)
    finally:
        await engine.dispose()
