"""Engine and session factories. Nothing is created at import time: callers pass the URL."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

DEFAULT_DATABASE_URL = "sqlite:///var/triage.db"


def async_url(url: str) -> str:
    """Map a plain ``sqlite:///`` / ``postgresql://`` URL to the async driver this project uses."""
    parsed = make_url(url)
    driver = {
        "sqlite": "sqlite+aiosqlite",
        "postgresql": "postgresql+asyncpg",
        "postgres": "postgresql+asyncpg",
    }
    if parsed.drivername in driver:
        parsed = parsed.set(drivername=driver[parsed.drivername])
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    # A failing statement's parameters are citizens' words: never in an exception or a log line.
    kwargs.setdefault("hide_parameters", True)
    full = make_url(async_url(url))
    if full.get_backend_name() == "sqlite":
        # aiosqlite logs every statement with its parameters at DEBUG: never let it, whatever
        # level the root logger is at.
        logging.getLogger("aiosqlite").setLevel(logging.INFO)
        if full.database and full.database != ":memory:":
            Path(full.database).parent.mkdir(parents=True, exist_ok=True)
        # The action server and the gateway write the same file: wait for locks instead of failing.
        kwargs.setdefault("connect_args", {"timeout": 30})
        engine = create_async_engine(full, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(full, **kwargs)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
