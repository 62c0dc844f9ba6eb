"""Analyst use cases: the review queue of low-confidence messages (redacted), intent corrections,
and the dashboard. Corrections land in ``intent_corrections``; ``triage transcripts export
--with-corrections`` carries them into the review CSV that ``triage nlu import`` reads, so the web
review and the CSV review feed the same training data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from analytics import review
from analytics.metrics import ConversationRecord, Dashboard, dashboard
from analytics.nlu_import import intent_problem, retrieval_keys, training_examples, valid_intents
from analytics.transcripts import export_rows
from handoff.adapters.orm import AssignmentRow, ConversationRow, MessageRow, ReportRow
from handoff.domain import Permission
from handoff.service.agents import Actor, BadRequest, NotFound
from handoff.service.uow import UnitOfWork
from triage import intents

REVIEW_LIMIT = 200
FIRST_INTENTS = 3  # citizen messages per conversation looked at to find its topic


ANSWERED = (intents.ASK_SPEED_CAMERA, "signpost")  # retrieval intents: a question answered


def finished(row: ConversationRow, first_intents: list[str | None], reported: bool) -> bool:
    """Did the chat end with something done: a report sent, a question answered, or closed?"""
    if row.report_reference or reported or row.status == "closed":
        return True
    answered = any(name and intents.base_intent(name) in ANSWERED for name in first_intents)
    return answered and row.active_form is None


class AnalystService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], nlu_dir: Path, clock: Callable[[], datetime]
    ) -> None:
        self.sessions = sessions
        self.nlu_dir = nlu_dir
        self.clock = clock

    # --- review ----------------------------------------------------------------------------------

    def intent_choices(self) -> list[str]:
        """What a message can be corrected to: every intent, retrieval intents by answer key."""
        return valid_intents(retrieval_keys(training_examples(sorted(self.nlu_dir.glob("*.yml")))))

    async def review_queue(
        self,
        actor: Actor,
        *,
        since: datetime,
        max_confidence: float | None,
        intent: str | None,
        limit: int,
        unreviewed_only: bool = False,
    ) -> list[dict[str, Any]]:
        """Messages to review, least confident first, each with the redacted conversation around
        it, the bot's question it answered, and its review history."""
        actor.require(Permission.ANALYST_VIEW)
        async with UnitOfWork(self.sessions) as uow:
            rows = await export_rows(
                uow.session,
                since=since,
                now=self.clock(),
                max_confidence=max_confidence,
                intent=intent,
                with_corrections=True,
            )
            if unreviewed_only:
                rows = [row for row in rows if not row.corrected_intent]
            # Least confident first: those are where a correction teaches the model most.
            rows.sort(key=lambda r: (float(r.confidence) if r.confidence else 0.0, r.created_at))
            rows = rows[: max(1, min(limit, REVIEW_LIMIT))]
            ids = [row.message_id for row in rows]
            around = await review.contexts(uow.session, ids)
            history = await review.histories(uow.session, ids)
        return [
            {
                **asdict(row),
                "reviewed": bool(row.corrected_intent),
                "question": around[row.message_id].question if row.message_id in around else None,
                "context": around[row.message_id].messages if row.message_id in around else [],
                "history": history.get(row.message_id, []),
            }
            for row in rows
        ]

    async def correct(
        self, actor: Actor, message_id: int, corrected: Any, *, confirm: bool = False
    ) -> dict[str, Any]:
        """Record a correction (or, with ``confirm``, that the assistant's reading was right)."""
        actor.require(Permission.ANALYST_REVIEW)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            message = await uow.messages.get(message_id)
            if message is None or message.sender != "citizen":
                raise NotFound("no such citizen message")
            if confirm:
                corrected = message.intent
                if not corrected:
                    raise BadRequest("the assistant did not read this message: choose an intent")
            if not isinstance(corrected, str) or not corrected:
                raise BadRequest('"intent" is required')
            keys = retrieval_keys(training_examples(sorted(self.nlu_dir.glob("*.yml"))))
            problem = intent_problem(corrected, keys)
            if problem:
                raise BadRequest(problem)
            before = await review.record_review(
                uow.session,
                message,
                corrected,
                action=review.CONFIRMED if confirm else review.CORRECTED,
                now=now,
                user_id=actor.user_id,
            )
            await uow.audit.record(
                "confirm_intent" if confirm else "correct_intent",
                now,
                user_id=actor.user_id,
                conversation_id=message.conversation_id,
                detail={"message_id": message_id, "from": before, "intent": corrected},
            )
            await uow.commit()
        return {"message_id": message_id, "corrected_intent": corrected, "previous": before}

    # --- dashboard -------------------------------------------------------------------------------

    async def dashboard(self, actor: Actor, start: date, end: date) -> Dashboard:
        actor.require(Permission.ANALYST_VIEW)
        if end < start:
            raise BadRequest("the period ends before it starts")
        if (end - start).days > 366:
            raise BadRequest("choose a period of at most a year")
        begin = datetime.combine(start, time.min, UTC)
        finish = datetime.combine(end + timedelta(days=1), time.min, UTC)
        async with UnitOfWork(self.sessions) as uow:
            session = uow.session
            rows = (
                await session.scalars(
                    select(ConversationRow).where(
                        ConversationRow.created_at >= begin, ConversationRow.created_at < finish
                    )
                )
            ).all()
            ids = [row.id for row in rows]
            first_intents: dict[str, list[str | None]] = {}
            claims: dict[str, datetime] = {}
            if ids:
                for conversation_id, intent in (
                    await session.execute(
                        select(MessageRow.conversation_id, MessageRow.intent)
                        .where(MessageRow.conversation_id.in_(ids), MessageRow.sender == "citizen")
                        .order_by(MessageRow.id)
                    )
                ).all():
                    seen = first_intents.setdefault(conversation_id, [])
                    if len(seen) < FIRST_INTENTS:
                        seen.append(intent)
                claims = {
                    cid: at
                    for cid, at in (
                        await session.execute(
                            select(AssignmentRow.conversation_id, func.min(AssignmentRow.claimed_at))
                            .where(AssignmentRow.conversation_id.in_(ids))
                            .group_by(AssignmentRow.conversation_id)
                        )
                    ).all()
                }
            signposted = (
                await session.execute(
                    select(MessageRow.created_at, MessageRow.intent).where(
                        MessageRow.sender == "citizen",
                        MessageRow.intent.startswith("signpost/", autoescape=True),
                        MessageRow.created_at >= begin,
                        MessageRow.created_at < finish,
                    )
                )
            ).all()
            reported = set(
                (
                    await session.scalars(
                        select(ReportRow.conversation_id).where(ReportRow.conversation_id.in_(ids))
                    )
                ).all()
                if ids
                else []
            )
            decisions = (
                await session.execute(
                    select(ReportRow.created_at, ReportRow.decided_at, ReportRow.outcome).where(
                        ReportRow.decided_at >= begin, ReportRow.decided_at < finish
                    )
                )
            ).all()
            report_times = (
                await session.scalars(
                    select(ReportRow.created_at).where(
                        ReportRow.created_at >= begin, ReportRow.created_at < finish
                    )
                )
            ).all()
        records = [
            ConversationRecord(
                created_at=row.created_at,
                first_intents=first_intents.get(row.id, []),
                queued=row.first_queued_at is not None or row.id in claims or row.emergency,
                emergency=row.emergency,
                queued_at=row.first_queued_at,
                first_claimed_at=claims.get(row.id),
                finished=finished(row, first_intents.get(row.id, []), row.id in reported),
                thrive=row.thrive or {},
                incident_reference=row.incident_reference is not None,
            )
            for row in rows
        ]
        return dashboard(
            records,
            report_times,
            start,
            end,
            [(at, name) for at, name in signposted],
            [(sub, dec, outcome) for sub, dec, outcome in decisions if dec is not None],
        )
