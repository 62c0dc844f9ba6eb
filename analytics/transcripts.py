"""Transcripts for analysts: the redacted review export, and the retention purge.

**Export** (``triage transcripts export``): one CSV row per citizen message, oldest first, with the
assistant's reading of it and how the conversation ended; ``text`` is redacted with
:mod:`analytics.redaction`, using the values collected in that conversation (its ``collected``
column and the fields of every report it saved) as known values. ``corrected_intent`` is left
empty for the analyst, or filled from the web review queue's corrections with
``with_corrections``.

``conversation_outcome`` — the first rule that applies:

1. ``emergency``: the conversation was ever flagged an emergency.
2. ``report_submitted``: it has a receipt reference, or a saved report.
3. ``abandoned``: an agent closed it with the outcome ``abandoned`` (the citizen left).
4. ``handed_off``: it ever went to the human queue — it is queued, with an agent or closed (only
   agents close chats), has queue or claim fields set, or has an assignment (a chat returned to
   the bot keeps its assignments).
5. ``abandoned``: it is still with the bot and nothing has happened for ``abandoned_after``
   (default an hour: Rasa's session expiry, after which the assistant has forgotten any half-filled
   form). This includes questions the bot answered before the citizen simply left.
6. ``in_progress``: still with the bot, and recently active.

**Purge** (``triage transcripts purge``): deletes what is older than the cutoff. A conversation
counts by its *last activity* — the latest of its creation, last update, closing and newest message
— so a chat that started long ago but is still going is kept; it goes with its messages,
assignments and intent corrections. Reports go by ``created_at``, audit entries and login attempts
by ``at``; agent sessions go once expired, whatever the cutoff. "Older than" is strict: a row
exactly at the cutoff stays.
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import (
    AssignmentRow,
    AuditRow,
    ConversationRow,
    DeliveryAttemptRow,
    EnquiryRow,
    IntentCorrectionRow,
    LoginAttemptRow,
    MessageRow,
    OutboxRow,
    ReportHistoryRow,
    ReportRow,
    ReviewHistoryRow,
    SessionRow,
)
from handoff.domain.outbox import OutboxStatus
from triage.privacy import KnownValue, Redactor, known_values_from_fields, redact_answer

COLUMNS = (
    "message_id",
    "conversation_id",
    "created_at",
    "text",
    "predicted_intent",
    "confidence",
    "conversation_outcome",
    "corrected_intent",
)

EMERGENCY = "emergency"
REPORT_SUBMITTED = "report_submitted"
HANDED_OFF = "handed_off"
ABANDONED = "abandoned"
IN_PROGRESS = "in_progress"
OUTCOMES = (EMERGENCY, REPORT_SUBMITTED, HANDED_OFF, ABANDONED, IN_PROGRESS)

DEFAULT_ABANDONED_AFTER = timedelta(hours=1)

#: Spreadsheets run a cell that starts with one of these as a formula ("CSV injection"): such text
#: is written with a leading apostrophe, which ``triage nlu import`` takes off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_CHUNK = 500
T = TypeVar("T")


# --- times -------------------------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(\d+)\s*(d|h|w|days?|hours?|weeks?)\s*$", re.IGNORECASE)


def parse_duration(text: str) -> timedelta:
    """``90d``, ``12h``, ``2w`` (also ``90 days``)."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a duration: use a number and d, h or w, like 7d or 12h")
    amount, unit = int(match.group(1)), match.group(2).lower()[0]
    return {"d": timedelta(days=amount), "h": timedelta(hours=amount), "w": timedelta(weeks=amount)}[unit]


def parse_since(text: str, now: datetime) -> datetime:
    """A duration back from ``now`` (``7d``, ``12h``) or an ISO date or time (UTC unless it says)."""
    if _DURATION.match(text):
        return now - parse_duration(text)
    try:
        if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
            day = date.fromisoformat(text.strip())
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        moment = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(
            f"{text!r} is neither a duration (7d, 12h, 2w) nor an ISO date (2026-01-31 or 2026-01-31T09:00)"
        ) from error
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# --- the outcome rule ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConversationFacts:
    """What the outcome rule looks at (from the conversation row and its related rows)."""

    status: str
    emergency: bool = False
    report_reference: str | None = None
    outcome: str | None = None
    reason: str | None = None
    queued_at: datetime | None = None
    agent_id: int | None = None
    claimed_at: datetime | None = None
    has_report: bool = False
    has_assignment: bool = False
    last_activity: datetime | None = None


def conversation_outcome(
    facts: ConversationFacts, now: datetime, abandoned_after: timedelta = DEFAULT_ABANDONED_AFTER
) -> str:
    """The conversation's outcome for analysts (the rule is in the module docstring)."""
    if facts.emergency:
        return EMERGENCY
    if facts.report_reference or facts.has_report:
        return REPORT_SUBMITTED
    if facts.outcome == ABANDONED:
        return ABANDONED
    if (
        facts.status in ("queued", "agent", "closed")
        or facts.queued_at is not None
        or facts.claimed_at is not None
        or facts.agent_id is not None
        or facts.reason is not None
        or facts.has_assignment
    ):
        return HANDED_OFF
    if facts.last_activity is None or now - facts.last_activity >= abandoned_after:
        return ABANDONED
    return IN_PROGRESS


# --- export --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRow:
    message_id: int
    conversation_id: str
    created_at: str
    text: str
    predicted_intent: str
    confidence: str
    conversation_outcome: str
    corrected_intent: str = ""


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def _conversation_context(
    session: AsyncSession, ids: Sequence[str]
) -> tuple[dict[str, ConversationRow], dict[str, list[KnownValue]], set[str], set[str], dict[str, datetime]]:
    conversations: dict[str, ConversationRow] = {}
    known: dict[str, list[KnownValue]] = {}
    with_report: set[str] = set()
    with_assignment: set[str] = set()
    last_message: dict[str, datetime] = {}
    for chunk in _chunks(ids):
        for row in (
            await session.scalars(select(ConversationRow).where(ConversationRow.id.in_(chunk)))
        ).all():
            conversations[row.id] = row
            known.setdefault(row.id, []).extend(known_values_from_fields(row.collected))
        reports = await session.execute(
            select(ReportRow.conversation_id, ReportRow.fields).where(ReportRow.conversation_id.in_(chunk))
        )
        for conversation_id, report_fields in reports.all():
            with_report.add(conversation_id)
            known.setdefault(conversation_id, []).extend(known_values_from_fields(report_fields))
        with_assignment.update(
            (
                await session.scalars(
                    select(AssignmentRow.conversation_id)
                    .where(AssignmentRow.conversation_id.in_(chunk))
                    .distinct()
                )
            ).all()
        )
        latest = await session.execute(
            select(MessageRow.conversation_id, func.max(MessageRow.created_at))
            .where(MessageRow.conversation_id.in_(chunk))
            .group_by(MessageRow.conversation_id)
        )
        last_message.update({cid: at for cid, at in latest.all() if at is not None})
    return conversations, known, with_report, with_assignment, last_message


def _facts(
    row: ConversationRow, *, has_report: bool, has_assignment: bool, last_message: datetime | None
) -> ConversationFacts:
    moments = [m for m in (row.created_at, row.updated_at, row.closed_at, last_message) if m is not None]
    return ConversationFacts(
        status=row.status,
        emergency=bool(row.emergency),
        report_reference=row.report_reference,
        outcome=row.outcome,
        reason=row.reason,
        queued_at=row.queued_at,
        agent_id=row.agent_id,
        claimed_at=row.claimed_at,
        has_report=has_report,
        has_assignment=has_assignment,
        last_activity=max(moments) if moments else None,
    )


async def export_rows(
    session: AsyncSession,
    *,
    since: datetime,
    now: datetime,
    max_confidence: float | None = None,
    intent: str | None = None,
    abandoned_after: timedelta = DEFAULT_ABANDONED_AFTER,
    with_corrections: bool = False,
) -> list[ExportRow]:
    """Citizen messages created at or after ``since``, oldest first, redacted.

    ``max_confidence`` keeps messages the assistant read with at most that confidence (messages it
    never classified have none and are left out); ``intent`` keeps those it read as that intent (a
    base retrieval intent such as ``ask_speed_camera`` also matches ``ask_speed_camera/penalty``).
    """
    query = select(MessageRow).where(MessageRow.sender == "citizen", MessageRow.created_at >= since)
    if max_confidence is not None:
        query = query.where(MessageRow.confidence.is_not(None), MessageRow.confidence <= max_confidence)
    if intent:
        matches = MessageRow.intent == intent
        if "/" not in intent:
            matches = or_(matches, MessageRow.intent.startswith(intent + "/", autoescape=True))
        query = query.where(matches)
    messages = (await session.scalars(query.order_by(MessageRow.created_at, MessageRow.id))).all()
    ids = list(dict.fromkeys(m.conversation_id for m in messages))
    conversations, known, with_report, with_assignment, last_message = await _conversation_context(
        session, ids
    )
    corrections: dict[int, str] = {}
    if with_corrections:
        message_ids = [m.id for m in messages]
        for chunk in _chunks(message_ids):
            found = await session.execute(
                select(IntentCorrectionRow.message_id, IntentCorrectionRow.corrected_intent).where(
                    IntentCorrectionRow.message_id.in_(chunk)
                )
            )
            corrections.update({message_id: name for message_id, name in found.all()})
    redactors = {cid: Redactor(values) for cid, values in known.items()}
    questions = await _questions(session, ids, messages)
    outcomes = {
        cid: conversation_outcome(
            _facts(
                row,
                has_report=cid in with_report,
                has_assignment=cid in with_assignment,
                last_message=last_message.get(cid),
            ),
            now,
            abandoned_after,
        )
        for cid, row in conversations.items()
    }
    return [
        ExportRow(
            message_id=m.id,
            conversation_id=m.conversation_id,
            created_at=iso_utc(m.created_at),
            text=redact_answer(m.text, questions.get(m.id), redactors.get(m.conversation_id, Redactor())),
            predicted_intent=m.intent or "",
            confidence="" if m.confidence is None else f"{m.confidence:.3f}",
            conversation_outcome=outcomes.get(m.conversation_id, ""),
            corrected_intent=corrections.get(m.id, ""),
        )
        for m in messages
    ]


async def _questions(
    session: AsyncSession, conversation_ids: Sequence[str], messages: Sequence[MessageRow]
) -> dict[int, str]:
    """citizen message id -> the text of the bot's (or agent's) message just before it: what the
    citizen was answering ("What is your name?" makes the answer a name)."""
    said: dict[str, list[tuple[datetime, int, str]]] = {}
    for chunk in _chunks(list(conversation_ids)):
        for cid, at, mid, text in (
            await session.execute(
                select(
                    MessageRow.conversation_id, MessageRow.created_at, MessageRow.id, MessageRow.text
                ).where(MessageRow.conversation_id.in_(chunk), MessageRow.sender.in_(("bot", "agent")))
            )
        ).all():
            said.setdefault(cid, []).append((at, mid, text))
    found: dict[int, str] = {}
    for message in messages:
        earlier = [
            s
            for s in said.get(message.conversation_id, [])
            if (s[0], s[1]) < (message.created_at, message.id)
        ]
        if earlier:
            found[message.id] = max(earlier)[2]
    return found


def guard_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(rows: Iterable[ExportRow], out: Path) -> int:
    """Write the review CSV (UTF-8 with a byte-order mark, so spreadsheets read £ and accents right)
    through a temporary file renamed into place. Returns the number of rows."""
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)  # mode 0600: personal data
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
            writer.writerow(COLUMNS)
            for row in rows:
                values: dict[str, Any] = {f.name: getattr(row, f.name) for f in fields(row)}
                values["text"] = guard_formula(row.text)
                writer.writerow([values[column] for column in COLUMNS])
                count += 1
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


async def export_transcripts(
    database_url: str,
    out: Path,
    *,
    since: datetime,
    now: datetime,
    max_confidence: float | None = None,
    intent: str | None = None,
    abandoned_after: timedelta = DEFAULT_ABANDONED_AFTER,
    with_corrections: bool = False,
) -> int:
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            rows = await export_rows(
                session,
                since=since,
                now=now,
                max_confidence=max_confidence,
                intent=intent,
                abandoned_after=abandoned_after,
                with_corrections=with_corrections,
            )
    finally:
        await engine.dispose()
    return write_csv(rows, out)


# --- purge ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    conversations: int = 0
    messages: int = 0
    assignments: int = 0
    intent_corrections: int = 0
    reports: int = 0
    audit_entries: int = 0
    login_attempts: int = 0
    expired_sessions: int = 0
    report_history: int = 0
    deliveries: int = 0
    delivery_attempts: int = 0
    enquiries: int = 0
    undelivered_kept: int = 0

    def lines(self) -> list[str]:
        return [f"{f.name.replace('_', ' ')}: {getattr(self, f.name)}" for f in fields(self)]


def _deleted(result: Any) -> int:
    return max(0, int(result.rowcount or 0))


async def purge(session: AsyncSession, *, cutoff: datetime, now: datetime) -> PurgeResult:
    """Delete what is older than ``cutoff`` (see the module docstring); the caller commits."""
    recent_message = exists().where(
        MessageRow.conversation_id == ConversationRow.id, MessageRow.created_at >= cutoff
    )
    old_ids = list(
        (
            await session.scalars(
                select(ConversationRow.id).where(
                    ConversationRow.created_at < cutoff,
                    ConversationRow.updated_at < cutoff,
                    or_(ConversationRow.closed_at.is_(None), ConversationRow.closed_at < cutoff),
                    ~recent_message,
                )
            )
        ).all()
    )
    counts = dict.fromkeys(("conversations", "messages", "assignments", "intent_corrections"), 0)
    for chunk in _chunks(old_ids):
        message_ids = select(MessageRow.id).where(MessageRow.conversation_id.in_(chunk))
        counts["intent_corrections"] += _deleted(
            await session.execute(
                delete(IntentCorrectionRow).where(IntentCorrectionRow.message_id.in_(message_ids))
            )
        )
        await session.execute(delete(ReviewHistoryRow).where(ReviewHistoryRow.message_id.in_(message_ids)))
        await session.execute(delete(EnquiryRow).where(EnquiryRow.conversation_id.in_(chunk)))
        counts["messages"] += _deleted(
            await session.execute(delete(MessageRow).where(MessageRow.conversation_id.in_(chunk)))
        )
        counts["assignments"] += _deleted(
            await session.execute(delete(AssignmentRow).where(AssignmentRow.conversation_id.in_(chunk)))
        )
        counts["conversations"] += _deleted(
            await session.execute(delete(ConversationRow).where(ConversationRow.id.in_(chunk)))
        )
    desk = await _purge_desk(session, cutoff)
    audit = _deleted(await session.execute(delete(AuditRow).where(AuditRow.at < cutoff)))
    logins = _deleted(await session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < cutoff)))
    sessions = _deleted(await session.execute(delete(SessionRow).where(SessionRow.expires_at < now)))
    return PurgeResult(
        **counts, **desk, audit_entries=audit, login_attempts=logins, expired_sessions=sessions
    )


async def _purge_desk(session: AsyncSession, cutoff: datetime) -> dict[str, int]:
    """Reports (with their decision) by when they were submitted, their history by ``at``,
    delivered outbox entries (and their attempts) by when they were written, enquiries by when
    they were asked. An undelivered outbox entry (pending, being sent, or dead) is never
    deleted, nor the report it belongs to: what the force's systems have not received stays."""
    undelivered = select(OutboxRow.report_reference).where(OutboxRow.status != OutboxStatus.SENT.value)
    kept = int(
        (
            await session.execute(
                select(func.count())
                .select_from(OutboxRow)
                .where(OutboxRow.status != OutboxStatus.SENT.value, OutboxRow.created_at < cutoff)
            )
        ).scalar_one()
    )
    old_sent = select(OutboxRow.id).where(
        OutboxRow.status == OutboxStatus.SENT.value, OutboxRow.created_at < cutoff
    )
    attempts = _deleted(
        await session.execute(delete(DeliveryAttemptRow).where(DeliveryAttemptRow.outbox_id.in_(old_sent)))
    )
    deliveries = _deleted(
        await session.execute(
            delete(OutboxRow).where(
                OutboxRow.status == OutboxStatus.SENT.value, OutboxRow.created_at < cutoff
            )
        )
    )
    history = _deleted(
        await session.execute(
            delete(ReportHistoryRow).where(
                ReportHistoryRow.at < cutoff, ReportHistoryRow.reference.not_in(undelivered)
            )
        )
    )
    reports = _deleted(
        await session.execute(
            delete(ReportRow).where(ReportRow.created_at < cutoff, ReportRow.reference.not_in(undelivered))
        )
    )
    enquiries = _deleted(await session.execute(delete(EnquiryRow).where(EnquiryRow.asked_at < cutoff)))
    return {
        "reports": reports,
        "report_history": history,
        "deliveries": deliveries,
        "delivery_attempts": attempts,
        "enquiries": enquiries,
        "undelivered_kept": kept,
    }


async def purge_database(
    database_url: str, *, cutoff: datetime, now: datetime, dry_run: bool = False
) -> PurgeResult:
    """One transaction: all of it is deleted, or (on an error, or a dry run) none of it."""
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            result = await purge(session, cutoff=cutoff, now=now)
            if dry_run:
                await session.rollback()
            else:
                await session.commit()
            return result
    finally:
        await engine.dispose()


def purge_rasa_trackers(path: Path, *, cutoff: datetime, dry_run: bool = False) -> int:
    """Rasa's own copy of the conversations (the SQL tracker store, SQLite by default) holds the
    same message text: delete every conversation whose latest event is older than ``cutoff``.
    Returns how many conversations; a missing file (Rasa never ran) is 0."""
    if not path.exists():
        return 0
    with closing(sqlite3.connect(path)) as connection:
        old = [
            sender
            for (sender,) in connection.execute(
                "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < ?",
                (cutoff.timestamp(),),
            )
        ]
        if not dry_run:
            with connection:
                connection.executemany("DELETE FROM events WHERE sender_id = ?", [(s,) for s in old])
    return len(old)
