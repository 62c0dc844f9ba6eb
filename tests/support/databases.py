"""A fresh, migrated database per test: a SQLite file, or a new PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg

from handoff.adapters.migrate import upgrade

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(_dsn(POSTGRES_ADMIN_URL))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """Yields a migrated database URL; PostgreSQL databases are dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'triage.db'}"
        upgrade(url)
        yield url
        return
    name = f"triage_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    url = f"{base}/{name}"
    try:
        upgrade(url)
        yield url
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
