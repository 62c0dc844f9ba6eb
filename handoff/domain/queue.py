"""Ordering of the human queue: pure functions over small, immutable entries.

Order (DESIGN.md): emergencies first, then safeguarding (and disclosed risk), then the rest;
within a level the citizen who has waited longest goes first; equal times are broken by
conversation id so every gateway instance and every refresh shows the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from triage.priority import Priority

from .conversation import Conversation, Status
from .errors import InvalidValue


@dataclass(frozen=True)
class QueueEntry:
    conversation_id: str
    priority: Priority
    queued_at: datetime
    emergency: bool
    reason: str

    @classmethod
    def of(cls, conversation: Conversation) -> QueueEntry:
        """The queue row of a QUEUED conversation."""
        if (
            conversation.status is not Status.QUEUED
            or conversation.priority is None
            or conversation.queued_at is None
            or conversation.reason is None
        ):
            raise InvalidValue(f"conversation {conversation.id} is {conversation.status}, not queued")
        return cls(
            conversation_id=conversation.id,
            priority=conversation.priority,
            queued_at=conversation.queued_at,
            emergency=conversation.emergency,
            reason=conversation.reason,
        )

    @property
    def effective_priority(self) -> Priority:
        # Belt and braces: the entity keeps flag and priority in step, but entries can also be
        # built straight from rows; an emergency flag must never sink below the top level.
        return Priority.EMERGENCY if self.emergency else self.priority


def _sort_key(entry: QueueEntry) -> tuple[int, datetime, str]:
    return (int(entry.effective_priority), entry.queued_at, entry.conversation_id)


def order_queue(entries: Iterable[QueueEntry]) -> list[QueueEntry]:
    """A new list, most urgent first, then longest waiting, then by id."""
    return sorted(entries, key=_sort_key)


def queue_position(entries: Iterable[QueueEntry], conversation_id: str) -> int | None:
    """1-based place of ``conversation_id`` in the ordered queue; ``None`` if it is not queued."""
    for position, entry in enumerate(order_queue(entries), start=1):
        if entry.conversation_id == conversation_id:
            return position
    return None


def waiting_seconds(entry: QueueEntry, now: datetime) -> int:
    """Whole seconds since the chat first entered the queue (never negative, despite clock skew)."""
    return max(0, int((now - entry.queued_at).total_seconds()))
