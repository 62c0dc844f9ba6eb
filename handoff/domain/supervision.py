"""What a supervisor watches: waits by priority and emergencies waiting too long.

Pure functions over :class:`handoff.domain.queue.QueueEntry`; the threshold is a setting
(``EMERGENCY_ALERT_SECONDS``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from triage.priority import Priority

from .queue import QueueEntry, order_queue, waiting_seconds


@dataclass(frozen=True)
class PriorityWaits:
    priority: Priority
    waiting: int
    longest_seconds: int


@dataclass(frozen=True)
class Alert:
    conversation_id: str
    waiting_seconds: int


def waits_by_priority(entries: Iterable[QueueEntry], now: datetime) -> list[PriorityWaits]:
    """One row per priority level (all levels, most urgent first), with the count and longest wait."""
    rows: dict[Priority, list[int]] = {p: [] for p in Priority}
    for entry in entries:
        rows[entry.effective_priority].append(waiting_seconds(entry, now))
    return [
        PriorityWaits(priority=p, waiting=len(waits), longest_seconds=max(waits, default=0))
        for p, waits in sorted(rows.items())
    ]


def emergency_alerts(entries: Iterable[QueueEntry], now: datetime, threshold_seconds: int) -> list[Alert]:
    """Emergencies that have waited at least ``threshold_seconds``, longest first."""
    return [
        Alert(conversation_id=e.conversation_id, waiting_seconds=waiting_seconds(e, now))
        for e in order_queue(entries)
        if e.effective_priority is Priority.EMERGENCY and waiting_seconds(e, now) >= threshold_seconds
    ]
