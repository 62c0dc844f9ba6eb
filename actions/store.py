"""The action server's database access, built on first use from ``DATABASE_URL``.

Reading the environment and creating the engine happen lazily (not at import), so importing the
actions package in a test touches nothing; tests swap the store with ``use_store``.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.database import DEFAULT_DATABASE_URL, create_engine, session_factory
from handoff.adapters.reports import save_report


class ReportStore(Protocol):
    async def save(
        self, *, conversation_id: str, kind: str, fields: dict[str, Any], now: datetime
    ) -> str: ...


class DatabaseReportStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    @classmethod
    def from_url(cls, url: str) -> DatabaseReportStore:
        return cls(session_factory(create_engine(url)))

    async def save(self, *, conversation_id: str, kind: str, fields: dict[str, Any], now: datetime) -> str:
        return await save_report(
            self.sessions, conversation_id=conversation_id, kind=kind, fields=fields, now=now
        )


_store: ReportStore | None = None


def get_store() -> ReportStore:
    global _store
    if _store is None:
        _store = DatabaseReportStore.from_url(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    return _store


def use_store(store: ReportStore | None) -> None:
    """Replace the store (tests); ``None`` goes back to the environment's database."""
    global _store
    _store = store
