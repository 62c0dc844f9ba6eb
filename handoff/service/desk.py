"""The reports desk: take in submitted reports, list them most urgent first, claim, decide,
deliver again.

Every change follows the gateway's one shape: check → load with a lock → domain move → write
(version check) → history and audit → outbox entries → commit → publish. The outbox entries are
written in the transaction of the change they announce and leave only after the commit (the
``OutboxAdded`` note wakes the worker), like zulip's ``send_event_on_commit``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.conversations import ConcurrentUpdate
from handoff.adapters.orm import ConversationRow, OutboxRow, ReportRow
from handoff.adapters.reports import entry_of, report_of
from handoff.domain import Permission
from handoff.domain.outbox import EMAIL, WEBHOOK, OutboxStatus
from handoff.domain.report import (
    DESK_KINDS,
    FORM_KINDS,
    PRIORITY_RISK,
    PRIORITY_ROUTINE,
    Decision,
    DeskEntry,
    Report,
    ReportAlreadyClaimed,
    ReportDecided,
    ReportStatus,
    contact_of,
    due_at,
    order_desk,
    risk_flags,
)
from handoff.service import views
from handoff.service.agents import Actor, BadRequest, NotFound
from handoff.service.notes import DeskChanged, OutboxAdded
from handoff.service.notify import Notifier
from handoff.service.uow import UnitOfWork
from handoff.settings import Settings
from triage.references import find_reference, is_reference, new_reference

SUBMITTED = "report.submitted"
DECIDED = "report.decided"

STATUS_FILTERS: dict[str, tuple[str, ...]] = {
    "open": (ReportStatus.NEW.value, ReportStatus.CLAIMED.value),
    "decided": (ReportStatus.DECIDED.value,),
    "all": tuple(s.value for s in ReportStatus),
}


def summary_of(fields: dict[str, Any], limit: int = 140) -> str:
    """A one-line summary for the desk's list: the first description the report has."""
    for slot in ("crime_description", "collision_description", "community_what"):
        entry = fields.get(slot)
        if isinstance(entry, dict) and entry.get("display"):
            text = " ".join(str(entry["display"]).split())
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def receipt_email(reference: str, kind: str) -> dict[str, str]:
    """The receipt by email: the reference, what happens next, how to follow up; never the
    report's content (an email can be read by anyone with the mailbox)."""
    what = {"crime": "crime report", "collision": "road collision report"}.get(kind, "information")
    return {
        "subject": f"Your receipt reference {reference}",
        "body": (
            f"Thank you for your {what}. Your receipt reference is {reference}.\n\n"
            "This is a receipt, not a crime reference number. A member of staff will assess what you "
            "sent, usually within 24 hours. If it is recorded as a crime, you will be given a crime "
            "reference number.\n\n"
            f"To ask how it is going, open the web chat and type \"what's happening with my report "
            f'{reference}". You will be asked for the phone number or email address you gave.\n\n'
            "If anyone is in danger, call 999. For anything else, call 101.\n\n"
            "This email was sent automatically; please do not reply to it."
        ),
    }


class DeskService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        notifier: Notifier,
        clock: Callable[[], datetime],
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.notifier = notifier
        self.clock = clock

    # --- intake (inside the citizen's turn) --------------------------------------------------------

    async def take_in(
        self,
        uow: UnitOfWork,
        conversation: ConversationRow,
        signal: dict[str, Any],
        now: datetime,
    ) -> tuple[str, str | None] | None:
        """Store the report a reply's signal carries, with its outbox entries, in ``uow``'s
        transaction. Returns ``(reference, replaced)``: ``replaced`` is the signal's reference if
        it was already taken by another report (vanishingly rare) and a fresh one was given
        instead, for the caller to correct in the bot's text. None if the signal is not a report
        or this report is stored already (a retried turn)."""
        reference = signal.get("reference")
        fields = signal.get("fields")
        kind = signal.get("kind")
        if not isinstance(reference, str) or not is_reference(reference) or kind not in DESK_KINDS:
            return None
        if not isinstance(fields, dict):
            fields = {}
        existing = await uow.reports.get_by_reference(reference)
        replaced: str | None = None
        if existing is not None:
            if existing.conversation_id == conversation.id:
                return None
            replaced, reference = reference, new_reference()
            while await uow.reports.get_by_reference(reference) is not None:
                reference = new_reference()
        flags = risk_flags(fields, emergency=conversation.emergency, reason=conversation.reason)
        row = await uow.reports.add(
            reference=reference,
            conversation_id=conversation.id,
            kind=str(kind),
            fields=fields,
            submitted_at=now,
            due=due_at(now, self.settings.recording_deadline_hours),
            priority=PRIORITY_RISK if flags else PRIORITY_ROUTINE,
            risk_flags=flags,
        )
        await uow.reports.record(reference, "submitted", now, None, {"kind": kind, "priority": row.priority})
        await self._announce(uow, row, SUBMITTED, now, None)
        contact = contact_of(fields)
        if self.settings.smtp_url and contact and contact["kind"] == "email":
            await uow.outbox.add(
                event_id=str(uuid.uuid4()),
                channel=EMAIL,
                reference=reference,
                event="receipt.email",
                payload={"to": contact["value"], **receipt_email(reference, str(kind))},
                now=now,
            )
            uow.note(OutboxAdded())
        uow.note(DeskChanged())
        return reference, replaced

    async def _announce(
        self, uow: UnitOfWork, row: ReportRow, event: str, now: datetime, decided_by: str | None
    ) -> None:
        if not self.settings.report_webhook_url:
            return
        event_id = str(uuid.uuid4())
        envelope = {
            "id": event_id,
            "event": event,
            "occurred_at": views.iso(now),
            "report": self.document(row, decided_by),
        }
        await uow.outbox.add(
            event_id=event_id,
            channel=WEBHOOK,
            reference=row.reference,
            event=event,
            payload=envelope,
            now=now,
        )
        uow.note(OutboxAdded())

    def document(self, row: ReportRow, decided_by: str | None) -> dict[str, Any]:
        """The report as the force's systems receive it (the webhook's ``report``)."""
        report = report_of(row, self.settings.recording_deadline_hours)
        decision = None
        if report.status is ReportStatus.DECIDED:
            decision = {
                "outcome": report.outcome,
                "crime_reference": report.crime_reference,
                "thrive": report.thrive,
                "note": report.note,
                "decided_at": views.iso(report.decided_at),
                "decided_by": decided_by,
            }
        return {
            "reference": row.reference,
            "kind": DESK_KINDS.get(row.kind, row.kind),
            "status": report.status.value,
            "submitted_at": views.iso(row.created_at),
            "due_at": views.iso(report.due_at),
            "priority": row.priority,
            "risk_flags": list(row.risk_flags or []),
            "conversation_id": row.conversation_id,
            "fields": row.fields,
            "decision": decision,
        }

    # --- the desk's reads --------------------------------------------------------------------------

    async def listing(self, actor: Actor, status: str | None, kind: str | None) -> list[dict[str, Any]]:
        actor.require(Permission.DESK_VIEW)
        status = status or "open"
        if status not in STATUS_FILTERS:
            raise BadRequest('"status" must be one of: open, decided, all')
        if kind is not None and kind not in FORM_KINDS:
            raise BadRequest('"kind" must be one of: crime, collision, community')
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            rows = await uow.reports.listing(STATUS_FILTERS[status], FORM_KINDS[kind] if kind else None)
            names = await views.agent_names(uow, ids={r.claimed_by for r in rows if r.claimed_by})
        by_ref = {r.reference: r for r in rows}
        reports = {r.reference: report_of(r, self.settings.recording_deadline_hours) for r in rows}
        ordered = order_desk(
            DeskEntry(ref, rep.priority, rep.due_at, rep.submitted_at) for ref, rep in reports.items()
        )
        return [self._item(by_ref[e.reference], reports[e.reference], names, now) for e in ordered]

    def _item(self, row: ReportRow, report: Report, names: dict[int, str], now: datetime) -> dict[str, Any]:
        return {
            "reference": row.reference,
            "kind": DESK_KINDS.get(row.kind, row.kind),
            "status": report.status.value,
            "submitted_at": views.iso(report.submitted_at),
            "due_at": views.iso(report.due_at),
            "overdue": report.overdue(now),
            "priority": report.priority,
            "risk_flags": list(row.risk_flags or []),
            "summary": summary_of(row.fields or {}),
            "claimed_by": names.get(report.claimed_by) if report.claimed_by else None,
            "outcome": report.outcome,
        }

    async def detail(self, actor: Actor, reference: str) -> dict[str, Any]:
        actor.require(Permission.DESK_VIEW)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await self._row(uow, reference)
            conversation = await uow.conversations.row(row.conversation_id)
            messages = await uow.messages.transcript(row.conversation_id) if conversation else []
            history = await uow.reports.history(row.reference)
            outbox = await uow.outbox.for_report(row.reference)
            attempts = await uow.outbox.attempts_for([o.id for o in outbox])
            ids = {h.user_id for h in history if h.user_id} | {row.claimed_by, row.decided_by} - {None}
            names = await views.agent_names(uow, messages, ids={i for i in ids if i is not None})
            await uow.audit.record(
                "desk_view",
                now,
                user_id=actor.user_id,
                conversation_id=row.conversation_id,
                detail={"reference": row.reference},
            )
            await uow.commit()
        report = report_of(row, self.settings.recording_deadline_hours)
        by_entry: dict[int, list[dict[str, Any]]] = {}
        for a in attempts:
            by_entry.setdefault(a.outbox_id, []).append(
                {"at": views.iso(a.at), "ok": a.ok, "result": a.result, "duration_ms": a.duration_ms}
            )
        return {
            "report": {
                **self._item(row, report, names, now),
                "conversation_id": row.conversation_id,
                "fields": [
                    {
                        "slot": slot,
                        "label": entry.get("label"),
                        "display": entry.get("display"),
                        "note": entry.get("note"),
                    }
                    for slot, entry in (row.fields or {}).items()
                    if isinstance(entry, dict)
                ],
                "anonymous": contact_of(row.fields or {}) is None,
                "decision": (
                    {
                        "outcome": report.outcome,
                        "crime_reference": report.crime_reference,
                        "thrive": report.thrive,
                        "note": report.note,
                        "citizen_message": report.citizen_message,
                        "decided_at": views.iso(report.decided_at),
                        "decided_by": names.get(report.decided_by) if report.decided_by else None,
                    }
                    if report.status is ReportStatus.DECIDED
                    else None
                ),
            },
            "triage": views.triage_json(conversation) if conversation else None,
            "conversation": (
                {
                    "status": conversation.status,
                    "emergency": conversation.emergency,
                    "reason": conversation.reason,
                }
                if conversation
                else None
            ),
            "messages": [
                {**views.message_json(m, names), "intent": m.intent, "confidence": m.confidence}
                for m in messages
            ],
            "history": [
                {
                    "at": views.iso(h.at),
                    "action": h.action,
                    "by": names.get(h.user_id) if h.user_id else None,
                    "detail": h.detail,
                }
                for h in history
            ],
            "deliveries": [self._delivery(o, by_entry.get(o.id, [])) for o in outbox],
        }

    @staticmethod
    def _delivery(row: OutboxRow, attempts: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": row.event_id,
            "channel": row.channel,
            "event": row.event,
            "status": row.status,
            "attempts": row.attempts,
            "created_at": views.iso(row.created_at),
            "next_attempt_at": views.iso(row.next_attempt_at) if row.status != OutboxStatus.SENT else None,
            "delivered_at": views.iso(row.delivered_at),
            "last_error": row.last_error,
            "history": attempts,
        }

    async def dead_letters(self, actor: Actor) -> list[dict[str, Any]]:
        actor.require(Permission.DESK_REDELIVER)
        async with UnitOfWork(self.sessions) as uow:
            rows = await uow.outbox.dead()
        return [{**self._delivery(r, []), "reference": r.report_reference} for r in rows]

    async def figures(self, actor: Actor) -> dict[str, Any]:
        actor.require(Permission.DESK_VIEW)
        async with UnitOfWork(self.sessions) as uow:
            return await self.figures_in(uow)

    async def figures_in(self, uow: UnitOfWork) -> dict[str, Any]:
        return await views.desk_figures(uow, self.settings, self.clock())

    # --- the desk's moves --------------------------------------------------------------------------

    async def _row(self, uow: UnitOfWork, reference: str, *, lock: bool = False) -> ReportRow:
        canonical = find_reference(reference) or reference
        row = await uow.reports.get_by_reference(canonical, lock=lock)
        if row is None:
            raise NotFound("no such report")
        return row

    async def _refuse_if_held(self, uow: UnitOfWork, row: ReportRow, report: Report, user_id: int) -> None:
        """Someone else holds the report: 409, naming them."""
        if report.status is ReportStatus.CLAIMED and report.claimed_by != user_id:
            holder = await uow.users.by_id(int(report.claimed_by or 0))
            raise ReportAlreadyClaimed(row.reference, holder.display_name if holder else "someone else")

    async def _save(self, uow: UnitOfWork, row: ReportRow, report: Report) -> None:
        """A version-checked write: a move that lost a race is told someone else has the report."""
        try:
            await uow.reports.save(row, report)
        except ConcurrentUpdate as error:
            raise ReportAlreadyClaimed(row.reference, "someone else") from error

    async def claim(self, actor: Actor, reference: str) -> dict[str, Any]:
        actor.require(Permission.DESK_DECIDE)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await self._row(uow, reference, lock=True)
            report = report_of(row, self.settings.recording_deadline_hours)
            await self._refuse_if_held(uow, row, report, actor.user_id)
            events = report.claim(actor.user_id, now)
            await self._save(uow, row, report)
            if events:
                await uow.reports.record(row.reference, "claimed", now, actor.user_id)
            await uow.audit.record(
                "desk_claim",
                now,
                user_id=actor.user_id,
                conversation_id=row.conversation_id,
                detail={"reference": row.reference},
            )
            uow.note(DeskChanged())
            notes = await uow.commit()
            names = {actor.user_id: actor.display_name}
            result = self._item(row, report, names, now)
        await self.notifier.publish(notes)
        return result

    async def release(self, actor: Actor, reference: str) -> dict[str, Any]:
        actor.require(Permission.DESK_DECIDE)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await self._row(uow, reference, lock=True)
            report = report_of(row, self.settings.recording_deadline_hours)
            report.release(actor.user_id, now, oversees=actor.oversees)
            await self._save(uow, row, report)
            await uow.reports.record(row.reference, "released", now, actor.user_id)
            await uow.audit.record(
                "desk_release",
                now,
                user_id=actor.user_id,
                conversation_id=row.conversation_id,
                detail={"reference": row.reference},
            )
            uow.note(DeskChanged())
            notes = await uow.commit()
            result = self._item(row, report, {}, now)
        await self.notifier.publish(notes)
        return result

    async def decide(self, actor: Actor, reference: str, body: Any) -> dict[str, Any]:
        actor.require(Permission.DESK_DECIDE)
        decision = Decision.parse(body)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await self._row(uow, reference, lock=True)
            report = report_of(row, self.settings.recording_deadline_hours)
            if not actor.oversees:
                await self._refuse_if_held(uow, row, report, actor.user_id)
            events = report.decide(actor.user_id, decision, now, oversees=actor.oversees)
            await self._save(uow, row, report)
            for event in events:
                action = "decided" if isinstance(event, ReportDecided) else "claimed"
                detail = {"outcome": decision.outcome} if action == "decided" else {}
                await uow.reports.record(row.reference, action, now, actor.user_id, detail)
            await uow.audit.record(
                "desk_decision",
                now,
                user_id=actor.user_id,
                conversation_id=row.conversation_id,
                detail={"reference": row.reference, "outcome": decision.outcome},
            )
            await self._announce(uow, row, DECIDED, now, actor.username)
            uow.note(DeskChanged())
            notes = await uow.commit()
            result = self._item(row, report, {actor.user_id: actor.display_name}, now)
        await self.notifier.publish(notes)
        return result

    async def redeliver(self, actor: Actor, event_id: str) -> dict[str, Any]:
        """ "Deliver again" for a dead-lettered entry (supervisors and admins)."""
        actor.require(Permission.DESK_REDELIVER)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.outbox.by_event_id(event_id)
            if row is None:
                raise NotFound("no such delivery")
            entry = entry_of(row)
            entry.redeliver(actor.user_id, now)
            if not await uow.outbox.write(row, entry):
                raise ReportAlreadyClaimed(event_id, "someone else")
            await uow.reports.record(
                row.report_reference,
                "redelivered",
                now,
                actor.user_id,
                {"event": row.event, "id": row.event_id},
            )
            await uow.audit.record(
                "desk_redeliver",
                now,
                user_id=actor.user_id,
                detail={"reference": row.report_reference, "id": event_id},
            )
            uow.note(OutboxAdded())
            uow.note(DeskChanged())
            notes = await uow.commit()
            result = self._delivery(row, [])
        await self.notifier.publish(notes)
        return result
