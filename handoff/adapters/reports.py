"""Reports and the desk: rows <-> handoff.domain.report, the outbox, follow-up enquiries.

The gateway is the one owner of report data (the action server no longer writes the database):
a report arrives as a signal in the assistant's reply and is stored with the bot's reply and its
outbox entries in one transaction (handoff/service/citizen.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from handoff.adapters.conversations import ConcurrentUpdate
from handoff.adapters.orm import DeliveryAttemptRow, EnquiryRow, OutboxRow, ReportHistoryRow, ReportRow
from handoff.domain.outbox import OutboxEntry, OutboxStatus
from handoff.domain.report import Report, ReportStatus, due_at

__all__ = ["ConcurrentUpdate", "OutboxRepository", "ReportRepository"]


def report_of(row: ReportRow, deadline_hours: int) -> Report:
    return Report(
        reference=row.reference,
        kind=row.kind,
        submitted_at=row.created_at,
        due_at=row.due_at or due_at(row.created_at, deadline_hours),
        status=ReportStatus(row.status),
        priority=row.priority,
        claimed_by=row.claimed_by,
        claimed_at=row.claimed_at,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        outcome=row.outcome,
        crime_reference=row.crime_reference,
        thrive=dict(row.thrive) if row.thrive else None,
        note=row.note,
        citizen_message=row.citizen_message,
        version=row.version,
    )


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_reference(self, reference: str, *, lock: bool = False) -> ReportRow | None:
        query = select(ReportRow).where(ReportRow.reference == reference)
        if lock:
            query = query.with_for_update()
        result = await self.session.execute(query.execution_options(populate_existing=True))
        return result.scalar_one_or_none()

    async def for_conversation(self, conversation_id: str) -> list[ReportRow]:
        result = await self.session.execute(
            select(ReportRow).where(ReportRow.conversation_id == conversation_id).order_by(ReportRow.id)
        )
        return list(result.scalars())

    async def add(
        self,
        *,
        reference: str,
        conversation_id: str,
        kind: str,
        fields: dict[str, Any],
        submitted_at: datetime,
        due: datetime,
        priority: int,
        risk_flags: list[str],
    ) -> ReportRow:
        row = ReportRow(
            reference=reference,
            conversation_id=conversation_id,
            kind=kind,
            fields=fields,
            created_at=submitted_at,
            status=ReportStatus.NEW.value,
            priority=priority,
            risk_flags=risk_flags,
            due_at=due,
            version=0,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def listing(self, statuses: Sequence[str], kind: str | None) -> list[ReportRow]:
        query = select(ReportRow).where(ReportRow.status.in_(list(statuses)))
        if kind:
            query = query.where(ReportRow.kind == kind)
        result = await self.session.execute(query.order_by(ReportRow.id))
        return list(result.scalars())

    async def figure_rows(
        self, since: datetime
    ) -> list[tuple[str, str, datetime, datetime | None, datetime | None]]:
        """``(kind, status, submitted, due, decided)`` of every open report and of those decided
        since ``since``."""
        result = await self.session.execute(
            select(
                ReportRow.kind, ReportRow.status, ReportRow.created_at, ReportRow.due_at, ReportRow.decided_at
            ).where((ReportRow.status != ReportStatus.DECIDED.value) | (ReportRow.decided_at >= since))
        )
        return [tuple(r) for r in result.all()]  # type: ignore[misc]

    async def save(self, row: ReportRow, report: Report) -> None:
        """Write back only if nobody wrote since we read ``row`` (one winner under a race)."""
        if report.version == row.version:
            return
        values: dict[str, Any] = {
            "status": report.status.value,
            "claimed_by": report.claimed_by,
            "claimed_at": report.claimed_at,
            "decided_by": report.decided_by,
            "decided_at": report.decided_at,
            "outcome": report.outcome,
            "crime_reference": report.crime_reference,
            "thrive": report.thrive,
            "note": report.note,
            "citizen_message": report.citizen_message,
            "version": report.version,
        }
        result = await self.session.execute(
            update(ReportRow)
            .where(ReportRow.id == row.id, ReportRow.version == row.version)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate(row.reference)
        for key, value in values.items():
            set_committed_value(row, key, value)

    async def record(
        self,
        reference: str,
        action: str,
        at: datetime,
        user_id: int | None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        self.session.add(
            ReportHistoryRow(reference=reference, action=action, at=at, user_id=user_id, detail=detail or {})
        )
        await self.session.flush()

    async def history(self, reference: str) -> list[ReportHistoryRow]:
        result = await self.session.execute(
            select(ReportHistoryRow)
            .where(ReportHistoryRow.reference == reference)
            .order_by(ReportHistoryRow.id)
        )
        return list(result.scalars())

    # --- follow-up enquiries -----------------------------------------------------------------------

    async def open_enquiry(self, conversation_id: str, since: datetime) -> EnquiryRow | None:
        result = await self.session.execute(
            select(EnquiryRow)
            .where(
                EnquiryRow.conversation_id == conversation_id,
                EnquiryRow.answered_at.is_(None),
                EnquiryRow.asked_at >= since,
            )
            .order_by(EnquiryRow.id.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def enquiry_checks_since(self, conversation_id: str, since: datetime) -> int:
        result = await self.session.execute(
            select(func.count())
            .select_from(EnquiryRow)
            .where(
                EnquiryRow.conversation_id == conversation_id,
                EnquiryRow.matched.is_not(None),
                EnquiryRow.answered_at >= since,
            )
        )
        return int(result.scalar_one())

    async def ask(self, conversation_id: str, reference: str | None, now: datetime) -> EnquiryRow:
        # Any earlier unanswered question in this chat is superseded.
        await self.session.execute(
            update(EnquiryRow)
            .where(EnquiryRow.conversation_id == conversation_id, EnquiryRow.answered_at.is_(None))
            .values(answered_at=now)
            .execution_options(synchronize_session=False)
        )
        row = EnquiryRow(conversation_id=conversation_id, reference=reference, asked_at=now)
        self.session.add(row)
        await self.session.flush()
        return row


def entry_of(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        id=row.event_id,
        seq=row.id,
        channel=row.channel,
        report_reference=row.report_reference,
        event=row.event,
        created_at=row.created_at,
        status=OutboxStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        leased_until=row.leased_until,
        lease_owner=row.lease_owner,
        delivered_at=row.delivered_at,
        last_error=row.last_error,
    )


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        *,
        event_id: str,
        channel: str,
        reference: str,
        event: str,
        payload: dict[str, Any],
        now: datetime,
    ) -> OutboxRow:
        row = OutboxRow(
            event_id=event_id,
            channel=channel,
            report_reference=reference,
            event=event,
            payload=payload,
            status=OutboxStatus.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            version=0,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def unsent(self, limit: int = 500) -> list[OutboxRow]:
        """Unsent entries in write order (the worker picks the due heads among them)."""
        result = await self.session.execute(
            select(OutboxRow)
            .where(OutboxRow.status != OutboxStatus.SENT.value)
            .order_by(OutboxRow.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return list(result.scalars())

    async def get(self, outbox_id: int) -> OutboxRow | None:
        result = await self.session.execute(
            select(OutboxRow).where(OutboxRow.id == outbox_id).execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def by_event_id(self, event_id: str) -> OutboxRow | None:
        result = await self.session.execute(
            select(OutboxRow).where(OutboxRow.event_id == event_id).execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def for_report(self, reference: str) -> list[OutboxRow]:
        result = await self.session.execute(
            select(OutboxRow).where(OutboxRow.report_reference == reference).order_by(OutboxRow.id)
        )
        return list(result.scalars())

    async def dead(self) -> list[OutboxRow]:
        result = await self.session.execute(
            select(OutboxRow).where(OutboxRow.status == OutboxStatus.DEAD.value).order_by(OutboxRow.id)
        )
        return list(result.scalars())

    async def attempts_for(self, outbox_ids: Sequence[int]) -> list[DeliveryAttemptRow]:
        if not outbox_ids:
            return []
        result = await self.session.execute(
            select(DeliveryAttemptRow)
            .where(DeliveryAttemptRow.outbox_id.in_(list(outbox_ids)))
            .order_by(DeliveryAttemptRow.id)
        )
        return list(result.scalars())

    async def write(self, row: OutboxRow, entry: OutboxEntry) -> bool:
        """Write the entry back if nobody else did since ``row`` was read; False if they did
        (another gateway took the expired lease): the caller drops its result."""
        values: dict[str, Any] = {
            "status": entry.status.value,
            "attempts": entry.attempts,
            "next_attempt_at": entry.next_attempt_at,
            "leased_until": entry.leased_until,
            "lease_owner": entry.lease_owner,
            "delivered_at": entry.delivered_at,
            "last_error": entry.last_error,
            "version": row.version + 1,
        }
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == row.id, OutboxRow.version == row.version)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return False
        for key, value in values.items():
            set_committed_value(row, key, value)
        return True

    async def attempt(self, outbox_id: int, at: datetime, ok: bool, result: str, duration: timedelta) -> None:
        self.session.add(
            DeliveryAttemptRow(
                outbox_id=outbox_id,
                at=at,
                ok=ok,
                result=result[:200],
                duration_ms=int(duration.total_seconds() * 1000),
            )
        )
        await self.session.flush()
