"""The audit log: who viewed, claimed, messaged, transferred and closed what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.adapters.orm import AuditRow


class AuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self,
        action: str,
        now: datetime,
        *,
        user_id: int | None,
        conversation_id: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        # ``detail`` holds ids, outcomes and reasons, never message text (that is in the transcript).
        self.session.add(
            AuditRow(
                at=now, user_id=user_id, action=action, conversation_id=conversation_id, detail=detail or {}
            )
        )
        await self.session.flush()

    async def entries(
        self, *, conversation_id: str | None = None, user_id: int | None = None, limit: int = 200
    ) -> list[AuditRow]:
        """The newest entries first, for one chat, one person, or both."""
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if conversation_id is not None:
            query = query.where(AuditRow.conversation_id == conversation_id)
        if user_id is not None:
            query = query.where(AuditRow.user_id == user_id)
        return list((await self.session.execute(query)).scalars())
