"""What changed, recorded during a use case and published to websockets after the commit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageAdded:
    conversation_id: str
    message_id: int


@dataclass(frozen=True)
class ConversationChanged:
    """Status, flags, triage, report fields or assignment changed (citizen state + agent views)."""

    conversation_id: str
    previous_agent_id: int | None = None  # told when a chat leaves them (transfer, release, close)


@dataclass(frozen=True)
class QueueChanged:
    """Queue membership or order changed: every queued citizen's position may have moved."""


@dataclass(frozen=True)
class StaffChanged:
    """Presence or load changed (supervisor view)."""


@dataclass(frozen=True)
class DeskChanged:
    """A report arrived on the desk, or was claimed or decided (supervisor figures)."""


@dataclass(frozen=True)
class OutboxAdded:
    """An outbox entry was committed (or made due again): wake the delivery worker now."""


Note = MessageAdded | ConversationChanged | QueueChanged | StaffChanged | DeskChanged | OutboxAdded
