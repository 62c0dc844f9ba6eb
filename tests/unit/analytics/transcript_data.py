"""Rows for the transcript export and purge tests, written straight to a migrated database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import Base, ConversationRow, MessageRow, UserRow

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def user(user_id: int = 1, name: str = "jo") -> UserRow:
    return UserRow(
        id=user_id,
        username=name,
        display_name=name.title(),
        role="agent",
        password_hash="not-a-real-hash",
        presence="offline",
        active=True,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def conversation(
    cid: str, created: datetime, *, status: str = "bot", updated: datetime | None = None, **fields: Any
) -> ConversationRow:
    return ConversationRow(
        id=cid,
        status=status,
        emergency=fields.pop("emergency", False),
        collected=fields.pop("collected", {}),
        created_at=created,
        updated_at=updated or created,
        version=0,
        **fields,
    )


def message(
    cid: str,
    at: datetime,
    text: str,
    *,
    sender: str = "citizen",
    intent: str | None = None,
    confidence: float | None = None,
    message_id: int | None = None,
) -> MessageRow:
    row = MessageRow(
        conversation_id=cid,
        sender=sender,
        text=text,
        buttons=[],
        created_at=at,
        intent=intent,
        confidence=confidence,
    )
    if message_id is not None:
        row.id = message_id
    return row


async def _add(url: str, batches: Iterable[list[Base]]) -> None:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            for batch in batches:  # in order: parents before the rows that point at them
                session.add_all(batch)
                await session.flush()
            await session.commit()
    finally:
        await engine.dispose()


def add(url: str, *batches: list[Base]) -> None:
    asyncio.run(_add(url, batches))


async def _count(url: str, table: type[Base]) -> int:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return int(await session.scalar(select(func.count()).select_from(table)) or 0)
    finally:
        await engine.dispose()


def count(url: str, table: type[Base]) -> int:
    return asyncio.run(_count(url, table))


async def _ids(url: str, column: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return sorted((await session.scalars(select(column))).all())
    finally:
        await engine.dispose()


def ids(url: str, column: Any) -> list[Any]:
    return asyncio.run(_ids(url, column))
