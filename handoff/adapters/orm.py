"""SQLAlchemy 2 typed tables. Alembic migrations (handoff/adapters/migrations) create them.

Rows are plain persistence shapes; the repositories translate them to and from the pure domain
objects in ``handoff.domain``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}  # noqa: RUF012


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    presence: Mapped[str] = mapped_column(String(16), default="offline")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]
    # Chats that went back to the queue while this agent was gone past the grace period: told
    # (and cleared) when their console connects again.
    released_while_away: Mapped[list[Any]] = mapped_column(default=list)


class ConversationRow(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    emergency: Mapped[bool] = mapped_column(default=False)
    priority: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(String(40))
    queued_at: Mapped[datetime | None]
    # When the chat first entered the human queue (queued_at is cleared when it goes back to the
    # bot): the start of the queue wait on the analysts' dashboard.
    first_queued_at: Mapped[datetime | None] = mapped_column(index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    claimed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(40))
    report_reference: Mapped[str | None] = mapped_column(String(20))
    # The assistant's reading of the citizen's latest message, and what it has collected so far.
    triage_intent: Mapped[str | None] = mapped_column(String(64))
    triage_confidence: Mapped[float | None]
    active_form: Mapped[str | None] = mapped_column(String(64))
    collected: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    # The console (issue 15): when the chat last became more urgent while waiting or held, when
    # the citizen left (quick exit, closed the page, offline too long), the form the handoff
    # interrupted (resumed on return to the assistant), and what the agent recorded at close.
    escalated_at: Mapped[datetime | None]
    citizen_left_at: Mapped[datetime | None]
    paused_form: Mapped[str | None] = mapped_column(String(64))
    thrive: Mapped[dict[str, Any] | None] = mapped_column(JSON(), nullable=True)
    incident_reference: Mapped[str | None] = mapped_column(String(40))
    # Optimistic locking: ConversationRepository.save updates only the version it read, which is
    # how two agents claiming one chat at once end with exactly one winner.
    version: Mapped[int] = mapped_column(default=0)


class MessageRow(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_id_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    sender: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # For citizen messages: the assistant's parse of this message (analysts review these).
    intent: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None]
    safety_concern: Mapped[str | None] = mapped_column(String(40))


class ReportRow(Base):
    """A submitted report and its place on the reports desk (handoff.domain.report)."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    conversation_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    fields: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(index=True)  # submitted
    # The desk: status new | claimed | decided; due_at = created_at + RECORDING_DEADLINE_HOURS.
    status: Mapped[str] = mapped_column(String(16), default="new", server_default="new", index=True)
    priority: Mapped[int] = mapped_column(default=2, server_default="2")
    risk_flags: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    due_at: Mapped[datetime | None] = mapped_column(index=True)
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    crime_reference: Mapped[str | None] = mapped_column(String(40))
    thrive: Mapped[dict[str, Any] | None] = mapped_column(JSON(), nullable=True)
    note: Mapped[str | None] = mapped_column(Text)
    citizen_message: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=0, server_default="0")


class ReportHistoryRow(Base):
    """Claims, releases, decisions and "deliver again" on a report (who, when; never text)."""

    __tablename__ = "report_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(20))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class OutboxRow(Base):
    """One event to deliver (handoff.domain.outbox), written in the transaction of its change."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)  # write order
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    report_reference: Mapped[str] = mapped_column(String(20), index=True)
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    leased_until: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(index=True)
    delivered_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(default=0)


class DeliveryAttemptRow(Base):
    """Each attempt to deliver an outbox entry: when, the result code, how long it took."""

    __tablename__ = "delivery_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
    ok: Mapped[bool]
    result: Mapped[str] = mapped_column(String(200))  # "200", "503", "ConnectError" (never a body)
    duration_ms: Mapped[int]


class EnquiryRow(Base):
    """A citizen's follow-up on a report in the chat: the reference they gave and whether the
    contact they then gave matched (at most FOLLOW_UP_MAX_TRIES checks per chat per hour)."""

    __tablename__ = "report_enquiries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[str | None] = mapped_column(String(20))
    asked_at: Mapped[datetime] = mapped_column(index=True)
    answered_at: Mapped[datetime | None]
    matched: Mapped[bool | None]


class AssignmentRow(Base):
    """One stretch of an agent handling a conversation: the source of handling times and load."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    claimed_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(index=True)
    end_reason: Mapped[str | None] = mapped_column(String(20))


class SessionRow(Base):
    __tablename__ = "sessions"

    # SHA-256 of the session token: a stolen database does not yield usable cookies.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    conversation_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class LoginAttemptRow(Base):
    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64))
    ip: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime]
    success: Mapped[bool]


class IntentCorrectionRow(Base):
    """An analyst's corrected intent for one citizen message (the web review queue writes these;
    ``triage transcripts export --with-corrections`` puts them in the review CSV)."""

    __tablename__ = "intent_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), unique=True)
    corrected_intent: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(index=True)


class IdempotencyKeyRow(Base):
    """A citizen message sent with an ``Idempotency-Key``: a repeat gets ``response`` (the first
    answer) and stores nothing. ``response`` is empty until the first answer is complete."""

    __tablename__ = "idempotency_keys"

    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))  # SHA-256 of what was sent
    message_id: Mapped[int]
    response: Mapped[dict[str, Any] | None] = mapped_column(JSON(), nullable=True)
    created_at: Mapped[datetime]


class ReviewHistoryRow(Base):
    """Every correction or confirmation of a message's intent, kept (the correction itself is
    replaced in ``intent_corrections``): who (a user, or ``by`` for the CSV import), when, from what
    to what, and whether it came from the web review queue or a CSV import."""

    __tablename__ = "review_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # corrected | confirmed
    from_intent: Mapped[str | None] = mapped_column(String(64))
    to_intent: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))  # web | csv
    at: Mapped[datetime]


class PrivateNoteRow(Base):
    """A note staff keep on a chat: never shown to the citizen; writing and reading are audited."""

    __tablename__ = "private_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class HandoverRow(Base):
    """The note a transfer carries (handoff.domain.handover), and whether the receiver accepted it."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    note: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    written_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]


class ReadMarkRow(Base):
    """The last message of a chat a member of staff has seen: unread counts survive a reload."""

    __tablename__ = "read_marks"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    message_id: Mapped[int]
