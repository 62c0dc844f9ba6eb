"""A database that is down or silent (issue #11, item 6): /readyz says so, and a citizen hears
"we're having trouble" with the 999 routes within 5 s (the clients here give up at 5 s), not a
500 or a minute's wait."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from handoff.settings import Settings
from handoff.web.app import create_app
from tests.support.fakes import FakeAssistant
from tests.support.server import Citizen, Running, serve_app, unique_name
from tests.support.stack import free_port

DEADLINE = 5.0  # seconds: the citizen's client gives up after this
KNIFE = "a man with a knife is trying to get into my flat right now"


@asynccontextmanager
async def silent_server() -> AsyncIterator[int]:
    """Accepts TCP connections and never says a word (a hung database host)."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()


def base_settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="outage-secret",
        rasa_timeout_seconds=0.5,
        branding_path=tmp_path / "no-branding.yml",
    )


@asynccontextmanager
async def gateway_on(settings: Settings) -> AsyncIterator[Running]:
    async with serve_app(create_app(settings, assistant=FakeAssistant(), name=unique_name())) as running:
        yield running


async def _readiness_and_start(running: Running) -> None:
    async with httpx.AsyncClient(base_url=running.base_url, timeout=DEADLINE) as http:
        ready = await http.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["checks"] == {"database": False, "rasa_model_loaded": True, "action_server": True}
        started = await http.post("/api/chat/conversations")
        assert started.status_code == 503
        body = started.json()
        assert "having trouble" in body["error"] and "999" in body["error"] and "101" in body["error"]
        assert body["emergency"] is False


@pytest.mark.postgres
async def test_a_wrong_port_is_not_ready_and_citizens_hear_why(tmp_path: Path) -> None:
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/nothing_here"
    async with gateway_on(base_settings(tmp_path, url)) as running:
        await _readiness_and_start(running)


async def test_a_silent_database_is_not_ready_and_citizens_hear_why_within_seconds(tmp_path: Path) -> None:
    async with silent_server() as port:
        url = f"postgresql://postgres@127.0.0.1:{port}/hung"
        async with gateway_on(base_settings(tmp_path, url)) as running:
            await _readiness_and_start(running)


async def test_an_emergency_sent_while_the_database_is_silent_gets_call_999_now(
    tmp_path: Path, database_url: str
) -> None:
    """The chat was started while all was well; then the database hung."""
    settings = base_settings(tmp_path, database_url)
    async with gateway_on(settings) as running, httpx.AsyncClient(base_url=running.base_url) as http:
        citizen = await Citizen.start(http)
    async with silent_server() as port:
        hung = replace(settings, database_url=f"postgresql://postgres@127.0.0.1:{port}/hung")
        async with (
            gateway_on(hung) as running,
            httpx.AsyncClient(base_url=running.base_url, timeout=DEADLINE) as http,
        ):
            citizen.http = http
            reply = await citizen.say(KNIFE, expect=503)
            assert reply["emergency"] is True
            assert reply["error"].startswith("This sounds like an emergency. Please call 999 now.")
            # A forged token learns nothing: the usual 503, no reading of the text.
            citizen.token = "forged"
            forged = await citizen.say(KNIFE, expect=503)
            assert forged["emergency"] is False


async def test_ready_when_the_database_answers(tmp_path: Path, database_url: str) -> None:
    async with (
        gateway_on(base_settings(tmp_path, database_url)) as running,
        httpx.AsyncClient(base_url=running.base_url, timeout=DEADLINE) as http,
    ):
        ready = await http.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["database"] is True


@pytest.mark.parametrize("name", ["DATABASE_CONNECT_TIMEOUT_SECONDS", "DATABASE_STATEMENT_TIMEOUT_SECONDS"])
def test_timeouts_are_configurable_and_checked(name: str) -> None:
    assert getattr(Settings.from_env({name: "1.5"}), name.lower()) == 1.5
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: "soon"})
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: "0"})
