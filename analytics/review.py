"""Review in context: the conversation around a message, redacted, and each message's review
history. The web review queue and the CSV share this state (``intent_corrections`` holds the
current label, ``review_history`` every change: who, when, from what to what, web or CSV)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.transcripts import iso_utc
from handoff.adapters.orm import (
    ConversationRow,
    IntentCorrectionRow,
    MessageRow,
    ReportRow,
    ReviewHistoryRow,
    UserRow,
)
from triage.privacy import Redactor, known_values_from_fields, redact_answer

BEFORE = 4  # messages shown before the one under review
AFTER = 2  # and after it

CORRECTED = "corrected"
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Context:
    messages: list[dict[str, Any]]  # {"sender", "text" (redacted), "created_at", "this": bool}
    question: str | None  # the bot's last message before it: what the citizen was answering


def previous_question(thread: Sequence[MessageRow], index: int) -> str | None:
    """The text of the last bot or agent message before ``thread[index]``."""
    return next((m.text for m in reversed(thread[:index]) if m.sender in ("bot", "agent")), None)


async def contexts(session: AsyncSession, message_ids: Sequence[int]) -> dict[int, Context]:
    """The redacted conversation around each message (BEFORE before, AFTER after)."""
    if not message_ids:
        return {}
    wanted = (await session.execute(select(MessageRow.id, MessageRow.conversation_id).where(
        MessageRow.id.in_(message_ids)))).all()  # fmt: skip
    conversation_ids = sorted({cid for _, cid in wanted})
    redactors: dict[str, Redactor] = {}
    for row in (
        await session.scalars(select(ConversationRow).where(ConversationRow.id.in_(conversation_ids)))
    ).all():
        known = known_values_from_fields(row.collected)
        for fields in (
            await session.scalars(select(ReportRow.fields).where(ReportRow.conversation_id == row.id))
        ).all():
            known += known_values_from_fields(fields)
        redactors[row.id] = Redactor(known)
    by_conversation: dict[str, list[MessageRow]] = {}
    for message in (
        await session.scalars(
            select(MessageRow)
            .where(MessageRow.conversation_id.in_(conversation_ids))
            .order_by(MessageRow.created_at, MessageRow.id)
        )
    ).all():
        by_conversation.setdefault(message.conversation_id, []).append(message)
    found: dict[int, Context] = {}
    for message_id, conversation_id in wanted:
        thread = by_conversation.get(conversation_id, [])
        index = next(i for i, m in enumerate(thread) if m.id == message_id)
        redactor = redactors.get(conversation_id, Redactor())
        shown = [
            {
                "sender": m.sender,
                "text": redact_answer(m.text, previous_question(thread, i), redactor)
                if m.sender == "citizen"
                else redactor.redact(m.text),
                "created_at": iso_utc(m.created_at),
                "this": m.id == message_id,
            }
            for i, m in list(enumerate(thread))[max(0, index - BEFORE) : index + AFTER + 1]
        ]
        question = next((m for m in reversed(thread[:index]) if m.sender in ("bot", "agent")), None)
        found[message_id] = Context(shown, redactor.redact(question.text) if question else None)
    return found


async def histories(session: AsyncSession, message_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    if not message_ids:
        return {}
    rows = (
        await session.execute(
            select(ReviewHistoryRow, UserRow.username)
            .outerjoin(UserRow, UserRow.id == ReviewHistoryRow.user_id)
            .where(ReviewHistoryRow.message_id.in_(message_ids))
            .order_by(ReviewHistoryRow.at, ReviewHistoryRow.id)
        )
    ).all()
    found: dict[int, list[dict[str, Any]]] = {}
    for entry, username in rows:
        found.setdefault(entry.message_id, []).append(
            {
                "action": entry.action,
                "from": entry.from_intent,
                "to": entry.to_intent,
                "by": username or entry.by,
                "source": entry.source,
                "at": iso_utc(entry.at),
            }
        )
    return found


async def record_review(
    session: AsyncSession,
    message: MessageRow,
    intent: str,
    *,
    action: str,
    now: datetime,
    user_id: int | None = None,
    by: str | None = None,
    source: str = "web",
) -> str | None:
    """Set the message's current label and keep the change in the history; returns the label it
    had before (the earlier correction, else the assistant's reading)."""
    existing = await session.scalar(
        select(IntentCorrectionRow).where(IntentCorrectionRow.message_id == message.id)
    )
    before = existing.corrected_intent if existing is not None else message.intent
    if existing is None:
        session.add(
            IntentCorrectionRow(message_id=message.id, corrected_intent=intent, user_id=user_id, at=now)
        )
    else:
        existing.corrected_intent, existing.user_id, existing.at = intent, user_id, now
    session.add(
        ReviewHistoryRow(
            message_id=message.id,
            action=action,
            from_intent=before,
            to_intent=intent,
            user_id=user_id,
            by=by,
            source=source,
            at=now,
        )
    )
    return before


# --- the command line: CSV imports and exports, audited with the user ------------------------------


async def record_command(
    database_url: str,
    action: str,
    *,
    by: str,
    now: datetime,
    detail: dict[str, Any],
    corrections: Sequence[tuple[int, str]] = (),
) -> int:
    """Write an audit entry for a CLI export or import (``by``: who ran it) and, for an import, its
    corrections into the review state the web page shows (with history, source ``csv``). Returns
    how many corrections were recorded (rows whose message is still in the database)."""
    from handoff.adapters.database import create_engine, session_factory
    from handoff.adapters.orm import AuditRow

    engine = create_engine(database_url)
    recorded = 0
    try:
        async with session_factory(engine)() as session:
            for message_id, intent in corrections:
                message = await session.get(MessageRow, message_id)
                if message is None or message.sender != "citizen":
                    continue
                current = await session.scalar(
                    select(IntentCorrectionRow.corrected_intent).where(
                        IntentCorrectionRow.message_id == message_id
                    )
                )
                if current == intent:
                    continue
                await record_review(session, message, intent, action=CORRECTED, now=now, by=by, source="csv")
                recorded += 1
            session.add(AuditRow(at=now, user_id=None, action=action, detail={**detail, "by": by}))
            await session.commit()
    finally:
        await engine.dispose()
    return recorded
