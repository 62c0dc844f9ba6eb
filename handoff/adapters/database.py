"""Engine and session factories. Nothing is created at import time: callers pass the URL."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
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


def create_engine(
    url: str,
    *,
    connect_timeout: float | None = None,
    statement_timeout: float | None = None,
    **kwargs: Any,
) -> AsyncEngine:
    """``connect_timeout``: seconds to open a connection (and to wait for one from the pool);
    ``statement_timeout``: seconds one statement may take (SQLite: how long to wait for a lock).
    None keeps the drivers' own (long) waits, for tools that may wait; the gateway sets both, so
    a database that is down or silent gives a citizen an answer in seconds, not a minute."""
    # A failing statement's parameters are citizens' words: never in an exception or a log line.
    kwargs.setdefault("hide_parameters", True)
    full = make_url(async_url(url))
    if full.get_backend_name() == "sqlite":
        # aiosqlite logs every statement with its parameters at DEBUG: never let it, whatever
        # level the root logger is at.
        logging.getLogger("aiosqlite").setLevel(logging.INFO)
        if full.database and full.database != ":memory:":
            private_sqlite_file(Path(full.database))
        # The action server and the gateway write the same file: wait for locks instead of failing.
        busy = 30.0 if statement_timeout is None else statement_timeout
        kwargs.setdefault("connect_args", {"timeout": busy})
        engine = create_async_engine(full, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy * 1000)}")
            cursor.close()

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if full.get_backend_name() == "postgresql":
        connect_args = dict(kwargs.pop("connect_args", {}))
        if connect_timeout is not None:
            connect_args.setdefault("timeout", connect_timeout)  # asyncpg: connecting
            kwargs.setdefault("pool_timeout", connect_timeout)  # waiting for a pooled connection
        if statement_timeout is not None:
            connect_args.setdefault("command_timeout", statement_timeout)  # asyncpg: each statement
        kwargs["connect_args"] = connect_args
    return create_async_engine(full, **kwargs)


async def database_answers(engine: AsyncEngine, seconds: float) -> bool:
    """``SELECT 1`` within ``seconds`` (readiness)."""
    try:
        async with asyncio.timeout(seconds), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure means not ready; the probe says which check failed
        return False


def private_sqlite_file(path: Path) -> None:
    """Transcripts are personal data: the database file (and its -wal and -shm files, which
    SQLite creates with the database's own mode) is readable by its owner only."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
