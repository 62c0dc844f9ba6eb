"""Idempotency keys of citizen messages (DESIGN.md: a repeat with the same key gets the first
answer and stores nothing new)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handoff.adapters.orm import IdempotencyKeyRow


class IdempotencyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, conversation_id: str, key: str) -> IdempotencyKeyRow | None:
        return await self.session.get(IdempotencyKeyRow, (conversation_id, key))

    async def add(
        self, conversation_id: str, key: str, fingerprint: str, message_id: int, now: datetime
    ) -> None:
        self.session.add(
            IdempotencyKeyRow(
                conversation_id=conversation_id,
                key=key,
                fingerprint=fingerprint,
                message_id=message_id,
                response=None,
                created_at=now,
            )
        )
        await self.session.flush()

    async def answered(self, conversation_id: str, key: str, response: dict[str, Any]) -> None:
        row = await self.get(conversation_id, key)
        if row is not None:
            row.response = response
