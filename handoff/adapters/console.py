"""The console's own records: private notes, handover notes, read marks, and the per-chat facts
the cards show (latest citizen message, unread counts, the agent's last reply)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.adapters.orm import HandoverRow, MessageRow, PrivateNoteRow, ReadMarkRow
from handoff.domain.handover import Handover, HandoverStatus

PREVIEW_CHARS = 140


def preview(text: str | None) -> str | None:
    """One line of a message for a card: whitespace collapsed, cut at a word."""
    if not text:
        return None
    line = " ".join(text.split())
    if len(line) <= PREVIEW_CHARS:
        return line
    return line[:PREVIEW_CHARS].rsplit(" ", 1)[0] + "…"


class ConsoleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- what the cards show ----------------------------------------------------------------------

    async def latest_citizen_messages(self, ids: Iterable[str]) -> dict[str, MessageRow]:
        wanted = list(ids)
        if not wanted:
            return {}
        latest = (
            select(MessageRow.conversation_id, func.max(MessageRow.id).label("last_id"))
            .where(MessageRow.conversation_id.in_(wanted), MessageRow.sender == "citizen")
            .group_by(MessageRow.conversation_id)
            .subquery()
        )
        result = await self.session.execute(
            select(MessageRow).join(latest, MessageRow.id == latest.c.last_id)
        )
        return {row.conversation_id: row for row in result.scalars()}

    async def last_agent_reply(self, ids: Iterable[str]) -> dict[str, datetime]:
        wanted = list(ids)
        if not wanted:
            return {}
        result = await self.session.execute(
            select(MessageRow.conversation_id, func.max(MessageRow.created_at))
            .where(MessageRow.conversation_id.in_(wanted), MessageRow.sender == "agent")
            .group_by(MessageRow.conversation_id)
        )
        return {cid: at for cid, at in result.all() if at is not None}

    async def unread(self, user_id: int, ids: Iterable[str]) -> dict[str, int]:
        """Citizen messages after this person's read mark, per chat."""
        wanted = list(ids)
        if not wanted:
            return {}
        result = await self.session.execute(
            select(MessageRow.conversation_id, func.count())
            .outerjoin(
                ReadMarkRow,
                and_(
                    ReadMarkRow.conversation_id == MessageRow.conversation_id, ReadMarkRow.user_id == user_id
                ),
            )
            .where(
                MessageRow.conversation_id.in_(wanted),
                MessageRow.sender == "citizen",
                MessageRow.id > func.coalesce(ReadMarkRow.message_id, 0),
            )
            .group_by(MessageRow.conversation_id)
        )
        return {cid: int(n) for cid, n in result.all()}

    async def mark_read(self, user_id: int, conversation_id: str, message_id: int) -> None:
        row = await self.session.get(ReadMarkRow, (user_id, conversation_id))
        if row is None:
            self.session.add(
                ReadMarkRow(user_id=user_id, conversation_id=conversation_id, message_id=message_id)
            )
        elif message_id > row.message_id:
            row.message_id = message_id
        await self.session.flush()

    async def already_said(self, conversation_id: str, text: str) -> bool:
        """Whether this chat already has a system message with exactly this text."""
        result = await self.session.execute(
            select(MessageRow.id)
            .where(
                MessageRow.conversation_id == conversation_id,
                MessageRow.sender == "system",
                MessageRow.text == text,
            )
            .limit(1)
        )
        return result.first() is not None

    # --- private notes ------------------------------------------------------------------------------

    async def add_note(self, conversation_id: str, user_id: int, text: str, now: datetime) -> PrivateNoteRow:
        row = PrivateNoteRow(conversation_id=conversation_id, user_id=user_id, text=text, created_at=now)
        self.session.add(row)
        await self.session.flush()
        return row

    async def notes(self, conversation_id: str) -> list[PrivateNoteRow]:
        result = await self.session.execute(
            select(PrivateNoteRow)
            .where(PrivateNoteRow.conversation_id == conversation_id)
            .order_by(PrivateNoteRow.id)
        )
        return list(result.scalars())

    # --- handovers ----------------------------------------------------------------------------------

    async def add_handover(self, handover: Handover) -> HandoverRow:
        row = HandoverRow(
            conversation_id=handover.conversation_id,
            from_user_id=int(handover.from_agent),
            to_user_id=int(handover.to_agent),
            note=handover.note,
            status=handover.status.value,
            written_at=handover.written_at,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def pending_handover(self, conversation_id: str) -> HandoverRow | None:
        result = await self.session.execute(
            select(HandoverRow)
            .where(
                HandoverRow.conversation_id == conversation_id,
                HandoverRow.status == HandoverStatus.PENDING.value,
            )
            .order_by(HandoverRow.id.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def latest_handover(self, conversation_id: str) -> HandoverRow | None:
        result = await self.session.execute(
            select(HandoverRow)
            .where(HandoverRow.conversation_id == conversation_id)
            .order_by(HandoverRow.id.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def pending_for(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        result = await self.session.execute(
            select(HandoverRow.conversation_id).where(
                HandoverRow.conversation_id.in_(wanted), HandoverRow.status == HandoverStatus.PENDING.value
            )
        )
        return {cid for (cid,) in result.all()}

    async def save_handover(self, row: HandoverRow, handover: Handover) -> None:
        row.status = handover.status.value
        row.accepted_at = handover.accepted_at
        await self.session.flush()

    async def supersede_pending(self, conversation_id: str) -> None:
        await self.session.execute(
            update(HandoverRow)
            .where(
                HandoverRow.conversation_id == conversation_id,
                HandoverRow.status == HandoverStatus.PENDING.value,
            )
            .values(status=HandoverStatus.SUPERSEDED.value)
            .execution_options(synchronize_session=False)
        )


def handover_of(row: HandoverRow) -> Handover:
    return Handover(
        conversation_id=row.conversation_id,
        from_agent=str(row.from_user_id),
        to_agent=str(row.to_user_id),
        note=row.note,
        written_at=row.written_at,
        status=HandoverStatus(row.status),
        accepted_at=row.accepted_at,
    )
