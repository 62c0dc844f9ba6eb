"""The audit log: who viewed, claimed, messaged, transferred and closed what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
