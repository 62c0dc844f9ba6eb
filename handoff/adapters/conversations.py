"""Conversations and their messages: rows <-> domain entities, loading with a row lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from handoff.adapters.orm import AssignmentRow, ConversationRow, MessageRow
from handoff.domain import Conversation, Outcome, Status

#: Closes that are not handling time (the wait estimate, handoff.domain.wait).
NOT_HANDLING = (Outcome.ABANDONED.value, Outcome.DUPLICATE.value)


class ConcurrentUpdate(Exception):
    """Another request changed the conversation between our read and our write."""


@dataclass(frozen=True)
class Triage:
    intent: str | None
    confidence: float | None
    # For a retrieval intent, the answer chosen ("signpost/fraud"): kept on the message for
    # analysts (topics per day, corrections by key); the public triage shows the intent.
    answer_key: str | None = None


def to_domain(row: ConversationRow) -> Conversation:
    return Conversation(
        id=row.id,
        created_at=row.created_at,
        status=Status(row.status),
        emergency=row.emergency,
        priority=row.priority,  # type: ignore[arg-type]  # normalised by Conversation.__post_init__
        reason=row.reason,
        queued_at=row.queued_at,
        agent_id=str(row.agent_id) if row.agent_id is not None else None,
        claimed_at=row.claimed_at,
        closed_at=row.closed_at,
        outcome=row.outcome,
        report_reference=row.report_reference,
        version=row.version,
    )


class ConversationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, conversation: Conversation, now: datetime) -> ConversationRow:
        row = ConversationRow(
            id=conversation.id,
            status=conversation.status.value,
            emergency=conversation.emergency,
            created_at=conversation.created_at,
            updated_at=now,
            collected={},
            version=conversation.version,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def row(self, conversation_id: str, *, lock: bool = False) -> ConversationRow | None:
        query = select(ConversationRow).where(ConversationRow.id == conversation_id)
        if lock:
            # PostgreSQL serialises writers on the row; SQLite ignores FOR UPDATE and relies on the
            # version check below plus its single-writer lock.
            query = query.with_for_update()
        result = await self.session.execute(query.execution_options(populate_existing=True))
        return result.scalar_one_or_none()

    async def save(self, row: ConversationRow, conversation: Conversation, now: datetime) -> None:
        """Write the entity's state back, only if nobody else wrote since we read ``row``.

        The UPDATE carries ``WHERE version = <the version we read>``; zero rows updated means a
        concurrent writer won (two agents claiming at once), and the caller rolls back.
        """
        values: dict[str, Any] = {
            "status": conversation.status.value,
            "emergency": conversation.emergency,
            "priority": int(conversation.priority) if conversation.priority is not None else None,
            "reason": conversation.reason,
            "queued_at": conversation.queued_at,
            "agent_id": int(conversation.agent_id) if conversation.agent_id is not None else None,
            "claimed_at": conversation.claimed_at,
            "closed_at": conversation.closed_at,
            "outcome": conversation.outcome,
            "report_reference": conversation.report_reference,
            "updated_at": now,
            "version": conversation.version,
        }
        if conversation.status is Status.QUEUED and row.first_queued_at is None:
            values["first_queued_at"] = conversation.queued_at or now
        if (
            row.status in (Status.QUEUED.value, Status.AGENT.value)
            and conversation.status in (Status.QUEUED, Status.AGENT)
            and row.priority is not None
            and conversation.priority is not None
            and int(conversation.priority) < row.priority
        ):
            values["escalated_at"] = now  # the console marks an escalated card
        if conversation.version == row.version:
            return
        result = await self.session.execute(
            update(ConversationRow)
            .where(ConversationRow.id == row.id, ConversationRow.version == row.version)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(row.id)
        for key, value in values.items():
            set_committed_value(row, key, value)

    async def set_assistant_view(
        self,
        row: ConversationRow,
        *,
        triage: Triage | None,
        active_form: str | None,
        collected: dict[str, Any] | None,
        now: datetime,
    ) -> None:
        """The assistant's latest reading and the report fields it holds (no state change)."""
        values: dict[str, Any] = {"active_form": active_form, "updated_at": now}
        values["triage_intent"] = triage.intent if triage else None
        values["triage_confidence"] = triage.confidence if triage else None
        if collected is not None:
            values["collected"] = collected
        await self.session.execute(
            update(ConversationRow)
            .where(ConversationRow.id == row.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        for key, value in values.items():
            set_committed_value(row, key, value)

    async def queued(self) -> list[ConversationRow]:
        result = await self.session.execute(
            select(ConversationRow).where(ConversationRow.status == Status.QUEUED.value)
        )
        return list(result.scalars())

    async def assigned_to(self, agent_id: int) -> list[ConversationRow]:
        result = await self.session.execute(
            select(ConversationRow)
            .where(ConversationRow.status == Status.AGENT.value, ConversationRow.agent_id == agent_id)
            .order_by(ConversationRow.claimed_at)
        )
        return list(result.scalars())

    async def with_agents(self) -> list[ConversationRow]:
        result = await self.session.execute(
            select(ConversationRow).where(ConversationRow.status == Status.AGENT.value)
        )
        return list(result.scalars())

    async def loads(self) -> dict[int, int]:
        """Open chats per agent id."""
        result = await self.session.execute(
            select(ConversationRow.agent_id, func.count())
            .where(ConversationRow.status == Status.AGENT.value, ConversationRow.agent_id.is_not(None))
            .group_by(ConversationRow.agent_id)
        )
        return {int(agent_id or 0): int(count) for agent_id, count in result.all()}


class MessageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        conversation_id: str,
        sender: str,
        text: str,
        now: datetime,
        *,
        buttons: list[dict[str, str]] | None = None,
        agent_id: int | None = None,
        triage: Triage | None = None,
        safety_concern: str | None = None,
    ) -> MessageRow:
        row = MessageRow(
            conversation_id=conversation_id,
            sender=sender,
            text=text,
            buttons=buttons or [],
            created_at=now,
            agent_id=agent_id,
            intent=(triage.answer_key or triage.intent) if triage else None,
            confidence=triage.confidence if triage else None,
            safety_concern=safety_concern,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def set_triage(self, message: MessageRow, triage: Triage, safety_concern: str | None) -> None:
        message.intent = triage.answer_key or triage.intent
        message.confidence = triage.confidence
        message.safety_concern = safety_concern
        await self.session.flush()

    async def get(self, message_id: int) -> MessageRow | None:
        return await self.session.get(MessageRow, message_id)

    async def latest_bot_buttons(self, conversation_id: str) -> list[dict[str, str]]:
        """The buttons of the bot's most recent message that had any (to name a pressed button)."""
        result = await self.session.execute(
            select(MessageRow.buttons)
            .where(MessageRow.conversation_id == conversation_id, MessageRow.sender == "bot")
            .order_by(MessageRow.id.desc())
            .limit(5)
        )
        for (buttons,) in result.all():
            if buttons:
                return list(buttons)
        return []

    async def transcript(self, conversation_id: str, after_id: int = 0) -> list[MessageRow]:
        result = await self.session.execute(
            select(MessageRow)
            .where(MessageRow.conversation_id == conversation_id, MessageRow.id > after_id)
            .order_by(MessageRow.id)
        )
        return list(result.scalars())


class AssignmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def start(self, conversation_id: str, agent_id: int, now: datetime) -> None:
        self.session.add(AssignmentRow(conversation_id=conversation_id, agent_id=agent_id, claimed_at=now))
        await self.session.flush()

    async def end(self, conversation_id: str, now: datetime, reason: str) -> None:
        await self.session.execute(
            update(AssignmentRow)
            .where(AssignmentRow.conversation_id == conversation_id, AssignmentRow.ended_at.is_(None))
            .values(ended_at=now, end_reason=reason)
            .execution_options(synchronize_session=False)
        )

    async def recent_handling_seconds(self, limit: int = 20) -> tuple[float, ...]:
        """The last ``limit`` real closes' handling times (claim → close), oldest first.

        Releases, transfers and returns to the bot did not finish the chat, and chats closed as
        abandoned or duplicate were not handled: none of them count (handoff.domain.wait)."""
        result = await self.session.execute(
            select(AssignmentRow.claimed_at, AssignmentRow.ended_at)
            .join(ConversationRow, ConversationRow.id == AssignmentRow.conversation_id)
            .where(
                AssignmentRow.ended_at.is_not(None),
                AssignmentRow.end_reason == "closed",
                ConversationRow.outcome.not_in(NOT_HANDLING),
            )
            .order_by(AssignmentRow.ended_at.desc())
            .limit(limit)
        )
        rows = [(claimed, ended) for claimed, ended in result.all() if ended is not None]
        return tuple(max(0.0, (ended - claimed).total_seconds()) for claimed, ended in reversed(rows))

    async def holders(self, conversation_id: str) -> set[int]:
        """Everyone who ever held this chat (need to know: an agent may reopen chats they held)."""
        result = await self.session.execute(
            select(AssignmentRow.agent_id).where(AssignmentRow.conversation_id == conversation_id).distinct()
        )
        return {int(agent_id) for (agent_id,) in result.all()}
