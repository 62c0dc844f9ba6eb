"""Read models: the JSON shapes of the public contract (DESIGN.md) and of the agent console."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from handoff.adapters.console import preview
from handoff.adapters.orm import ConversationRow, HandoverRow, MessageRow, PrivateNoteRow, UserRow
from handoff.domain import (
    Presence,
    QueueEntry,
    Role,
    Status,
    WaitInputs,
    WaitPolicy,
    emergency_alerts,
    estimate_wait_seconds,
    order_queue,
    waiting_seconds,
    waits_by_priority,
)
from handoff.domain.report import due_at
from handoff.domain.report import figures as report_figures
from handoff.service.uow import UnitOfWork
from handoff.settings import Settings
from triage.priority import Priority

STAFF_WHO_TAKE_CHATS = (Role.AGENT.value, Role.SUPERVISOR.value)


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def message_json(row: MessageRow, agent_names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "sender": row.sender,
        "text": row.text,
        "buttons": list(row.buttons or []),
        "created_at": iso(row.created_at),
        # The citizen page labels a person's messages with their name (not shown for bot/system).
        "agent_name": agent_names.get(row.agent_id) if row.agent_id is not None else None,
    }


def triage_json(row: ConversationRow) -> dict[str, Any] | None:
    if row.triage_intent is None:
        return None
    return {"intent": row.triage_intent, "confidence": row.triage_confidence}


def entry_of(row: ConversationRow) -> QueueEntry:
    return QueueEntry(
        conversation_id=row.id,
        priority=Priority(row.priority if row.priority is not None else Priority.NORMAL),
        queued_at=row.queued_at or row.created_at,
        emergency=row.emergency,
        reason=row.reason or "",
    )


@dataclass(frozen=True)
class QueueSnapshot:
    """The ordered queue plus what the wait estimate needs, read once for many citizens."""

    rows: dict[str, ConversationRow]
    ordered: list[QueueEntry]
    agent_loads: tuple[int, ...]
    recent_handling: tuple[float, ...]
    policy: WaitPolicy
    limit: int

    def position(self, conversation_id: str) -> int | None:
        for index, entry in enumerate(self.ordered, start=1):
            if entry.conversation_id == conversation_id:
                return index
        return None

    def wait_seconds(self, position: int) -> int:
        return estimate_wait_seconds(
            WaitInputs(
                position=position,
                agent_loads=self.agent_loads,
                concurrency_limit=self.limit,
                recent_handling_seconds=self.recent_handling,
            ),
            self.policy,
        )


def wait_policy(settings: Settings) -> WaitPolicy:
    return WaitPolicy(
        pickup_seconds=settings.pickup_seconds,
        default_handling_seconds=settings.default_handling_seconds,
        min_handling_seconds=settings.min_handling_seconds,
        max_seconds=settings.max_wait_seconds,
    )


async def available_agents(uow: UnitOfWork) -> list[UserRow]:
    return [
        user
        for user in await uow.users.all()
        if user.active and user.role in STAFF_WHO_TAKE_CHATS and user.presence == Presence.AVAILABLE.value
    ]


async def queue_snapshot(uow: UnitOfWork, settings: Settings) -> QueueSnapshot:
    rows = {row.id: row for row in await uow.conversations.queued()}
    loads = await uow.conversations.loads()
    agents = await available_agents(uow)
    return QueueSnapshot(
        rows=rows,
        ordered=order_queue(entry_of(row) for row in rows.values()),
        agent_loads=tuple(loads.get(agent.id, 0) for agent in agents),
        recent_handling=await uow.assignments.recent_handling_seconds(),
        policy=wait_policy(settings),
        limit=settings.agent_concurrency,
    )


def citizen_state(
    row: ConversationRow, snapshot: QueueSnapshot | None, agent_name: str | None
) -> dict[str, Any]:
    position = snapshot.position(row.id) if snapshot and row.status == Status.QUEUED.value else None
    return {
        "status": row.status,
        "emergency": row.emergency,
        "triage": triage_json(row),
        "queue_position": position,
        "estimated_wait_seconds": snapshot.wait_seconds(position) if snapshot and position else None,
        "report_reference": row.report_reference,
        "agent_name": agent_name if row.status == Status.AGENT.value else None,
    }


async def state_for(uow: UnitOfWork, settings: Settings, row: ConversationRow) -> dict[str, Any]:
    snapshot = await queue_snapshot(uow, settings) if row.status == Status.QUEUED.value else None
    agent_name = None
    if row.agent_id is not None:
        agent = await uow.users.by_id(row.agent_id)
        agent_name = agent.display_name if agent else None
    return citizen_state(row, snapshot, agent_name)


PRIORITY_LABELS = {
    Priority.EMERGENCY: "emergency",
    Priority.SAFEGUARDING: "safeguarding",
    Priority.NORMAL: "normal",
}


def report_started(row: ConversationRow) -> bool:
    """A report form was under way (or had collected answers) when the chat reached a person."""
    return bool(row.active_form or row.paused_form or row.collected)


async def queue_cards(uow: UnitOfWork, snapshot: QueueSnapshot, now: datetime) -> list[dict[str, Any]]:
    """The queue as the console shows it: ``queue_json`` plus each chat's latest citizen line."""
    latest = await uow.console.latest_citizen_messages(snapshot.rows)
    return queue_json(snapshot, now, {cid: m.text for cid, m in latest.items()})


def queue_json(
    snapshot: QueueSnapshot, now: datetime, previews: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    items = []
    for position, entry in enumerate(snapshot.ordered, start=1):
        row = snapshot.rows[entry.conversation_id]
        priority = entry.effective_priority
        items.append(
            {
                "conversation_id": entry.conversation_id,
                "position": position,
                "priority": int(priority),
                "priority_label": PRIORITY_LABELS[priority],
                "reason": entry.reason,
                "emergency": entry.emergency,
                "waiting_seconds": waiting_seconds(entry, now),
                "queued_at": iso(entry.queued_at),
                "triage": triage_json(row),
                "active_form": row.active_form or row.paused_form,
                "report_reference": row.report_reference,
                "report_started": report_started(row),
                "escalated": row.escalated_at is not None,
                "citizen_left": row.citizen_left_at is not None,
                "preview": preview((previews or {}).get(entry.conversation_id)),
            }
        )
    return items


async def my_cards(uow: UnitOfWork, user_id: int, rows: list[ConversationRow]) -> list[dict[str, Any]]:
    """The chats an agent holds, with unread counts (from their read marks: they survive a
    reload), the latest citizen line and whether a handover note waits to be accepted."""
    ids = [r.id for r in rows]
    names = await agent_names(uow, ids={user_id})
    latest = await uow.console.latest_citizen_messages(ids)
    unread = await uow.console.unread(user_id, ids)
    pending = await uow.console.pending_for(ids)
    return [
        {
            **conversation_summary(r, names),
            "unread": unread.get(r.id, 0),
            "preview": preview(latest[r.id].text) if r.id in latest else None,
            "handover_pending": r.id in pending,
        }
        for r in rows
    ]


def note_json(row: PrivateNoteRow, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "text": row.text,
        "author": names.get(row.user_id),
        "created_at": iso(row.created_at),
    }


def handover_json(row: HandoverRow, names: dict[int, str]) -> dict[str, Any]:
    return {
        "from_agent_id": row.from_user_id,
        "from_name": names.get(row.from_user_id),
        "to_agent_id": row.to_user_id,
        "to_name": names.get(row.to_user_id),
        "note": row.note,
        "status": row.status,
        "written_at": iso(row.written_at),
        "accepted_at": iso(row.accepted_at),
    }


def conversation_summary(row: ConversationRow, agent_names: dict[int, str]) -> dict[str, Any]:
    return {
        "conversation_id": row.id,
        "status": row.status,
        "emergency": row.emergency,
        "priority": row.priority,
        "priority_label": PRIORITY_LABELS.get(Priority(row.priority)) if row.priority is not None else None,
        "reason": row.reason,
        "agent_id": row.agent_id,
        "agent_name": agent_names.get(row.agent_id) if row.agent_id is not None else None,
        "triage": triage_json(row),
        "active_form": row.active_form,
        "report_reference": row.report_reference,
        "outcome": row.outcome,
        "created_at": iso(row.created_at),
        "queued_at": iso(row.queued_at),
        "claimed_at": iso(row.claimed_at),
        "closed_at": iso(row.closed_at),
        "escalated": row.escalated_at is not None,
        "citizen_left_at": iso(row.citizen_left_at),
        "report_started": report_started(row),
        "thrive": row.thrive or None,
        "incident_reference": row.incident_reference,
    }


def user_json(user: UserRow) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "presence": user.presence,
    }


async def agent_names(
    uow: UnitOfWork, rows: list[MessageRow] | None = None, ids: set[int] | None = None
) -> dict[int, str]:
    wanted = set(ids or set())
    for row in rows or []:
        if row.agent_id is not None:
            wanted.add(row.agent_id)
    users = await uow.users.by_ids(wanted)
    return {user_id: user.display_name for user_id, user in users.items()}


async def staff_overview(
    uow: UnitOfWork, settings: Settings, now: datetime, connected: set[int]
) -> dict[str, Any]:
    snapshot = await queue_snapshot(uow, settings)
    loads = await uow.conversations.loads()
    longest = max((waiting_seconds(e, now) for e in snapshot.ordered), default=0)
    held = await uow.conversations.with_agents()
    last_reply = await uow.console.last_agent_reply([r.id for r in held])
    held_by: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(held, key=lambda r: (r.priority if r.priority is not None else 9, r.claimed_at or now)):
        replied = last_reply.get(row.id)
        since = (
            replied if replied is not None and (row.claimed_at is None or replied >= row.claimed_at) else None
        )
        held_by.setdefault(int(row.agent_id or 0), []).append(
            {
                "conversation_id": row.id,
                "priority_label": PRIORITY_LABELS.get(Priority(row.priority))
                if row.priority is not None
                else None,
                "reason": row.reason,
                "emergency": row.emergency,
                "citizen_left": row.citizen_left_at is not None,
                # Since the agent's last reply, or since the claim when they have not replied yet.
                "seconds_since_reply": max(0, int((now - (since or row.claimed_at or now)).total_seconds())),
                "replied": since is not None,
            }
        )
    return {
        "waits_by_priority": [
            {
                "priority_label": PRIORITY_LABELS[w.priority],
                "waiting": w.waiting,
                "longest_seconds": w.longest_seconds,
            }
            for w in waits_by_priority(snapshot.ordered, now)
        ],
        "alerts": [
            {"conversation_id": a.conversation_id, "waiting_seconds": a.waiting_seconds}
            for a in emergency_alerts(snapshot.ordered, now, settings.emergency_alert_seconds)
        ],
        "emergency_alert_seconds": settings.emergency_alert_seconds,
        "queue_length": len(snapshot.ordered),
        "emergencies_waiting": sum(1 for e in snapshot.ordered if e.emergency),
        "longest_wait_seconds": longest,
        "next_estimated_wait_seconds": snapshot.wait_seconds(1),
        "agents": [
            {
                **user_json(user),
                "load": loads.get(user.id, 0),
                "capacity": settings.agent_concurrency,
                "connected": user.id in connected,
                "chats": held_by.get(user.id, []),
            }
            for user in await uow.users.all()
            if user.active and user.role in STAFF_WHO_TAKE_CHATS
        ],
        "desk": await desk_figures(uow, settings, now),
    }


async def desk_figures(uow: UnitOfWork, settings: Settings, now: datetime) -> dict[str, Any]:
    """The reports desk's live figures: open, overdue, oldest, decided today, open by kind,
    dead-lettered deliveries (handoff.domain.report.figures)."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    hours = settings.recording_deadline_hours
    rows = await uow.reports.figure_rows(midnight)
    result = report_figures(
        [(k, s, sub, due or due_at(sub, hours), dec) for k, s, sub, due, dec in rows], now
    )
    result["dead_letters"] = len(await uow.outbox.dead())
    return result
