"""Gateway unit tests: the real app and a real database (SQLite and PostgreSQL), a fake assistant."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sanic import Sanic

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.users import UserRepository
from handoff.settings import Settings
from handoff.web.app import create_app
from tests.support.databases import fresh_database
from tests.support.fakes import FakeAssistant
from tests.support.server import Running, serve_app, unique_name

PASSWORD = "correct horse battery staple"

# Many apps start in one process here; Sanic's test mode keeps its start-up code rewriting
# ("touchup") and app registry from tripping over the second one.
Sanic.test_mode = True


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret",
        rasa_timeout_seconds=0.5,
        conversation_rate=1000,
        ip_rate=10_000,
        agent_grace_seconds=60,
        canned_responses_path=Path("config/canned_responses.yml"),
        branding_path=tmp_path / "no-branding.yml",
    )


@dataclass
class Gateway:
    running: Running
    assistant: FakeAssistant
    settings: Settings

    @property
    def url(self) -> str:
        return self.running.base_url

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url, timeout=10)


async def add_user(settings: Settings, name: str, role: str = "agent", display: str | None = None) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session:
            await UserRepository(session).add(
                name,
                role=role,
                password=PASSWORD,
                display_name=display or name.title(),
                now=datetime.now(UTC),
            )
            await session.commit()
    finally:
        await engine.dispose()


@pytest.fixture
async def gateway_factory(settings: Settings) -> AsyncIterator[object]:
    """Start a gateway with optional settings changes; all are stopped at the end of the test."""
    stack: list[object] = []

    async def start(clock: Callable[[], datetime] | None = None, **changes: object) -> Gateway:
        chosen = replace(settings, **changes)  # type: ignore[arg-type]
        assistant = FakeAssistant()
        extra = {"clock": clock} if clock is not None else {}
        app = create_app(chosen, assistant=assistant, name=unique_name(), **extra)  # type: ignore[arg-type]
        context = serve_app(app)
        running = await context.__aenter__()
        stack.append(context)
        return Gateway(running=running, assistant=assistant, settings=chosen)

    yield start
    for context in reversed(stack):
        await context.__aexit__(None, None, None)  # type: ignore[attr-defined]
    await asyncio.sleep(0)


@pytest.fixture
async def gateway(gateway_factory: object) -> Gateway:
    return await gateway_factory()  # type: ignore[operator, no-any-return]
