"""Submitted reports: written by the action server, read by the gateway and the agent console."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.orm import ReportRow

# No 0/O, 1/I/L: the reference is read out over the phone and typed from a screen.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "WEB"


def new_reference(token: str | None = None) -> str:
    """A receipt reference like ``WEB-7K3D-9QX2``: plainly not a crime reference number."""
    body = token or "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX}-{body[:4]}-{body[4:8]}"


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_reference(self, reference: str) -> ReportRow | None:
        result = await self.session.execute(select(ReportRow).where(ReportRow.reference == reference))
        return result.scalar_one_or_none()

    async def for_conversation(self, conversation_id: str) -> list[ReportRow]:
        result = await self.session.execute(
            select(ReportRow).where(ReportRow.conversation_id == conversation_id).order_by(ReportRow.id)
        )
        return list(result.scalars())


async def save_report(
    sessions: async_sessionmaker[AsyncSession],
    *,
    conversation_id: str,
    kind: str,
    fields: dict[str, Any],
    now: datetime,
    attempts: int = 5,
) -> str:
    """Store a report under a fresh unique reference and return the reference.

    References are random; a collision with an existing one (vanishingly rare) is retried with a
    new reference rather than failing the citizen's report.
    """
    for _ in range(attempts):
        reference = new_reference()
        async with sessions() as session:
            session.add(
                ReportRow(
                    reference=reference,
                    conversation_id=conversation_id,
                    kind=kind,
                    fields=fields,
                    created_at=now,
                )
            )
            try:
                await session.commit()
            except IntegrityError:
                await session.rollback()
                continue
        return reference
    raise RuntimeError("could not allocate a unique report reference")
