"""Domain events: facts a conversation transition produced, for the application layer to publish.

Transitions return these instead of publishing them, so the domain stays free of I/O and the
application layer can publish only after the database commit succeeded (no "ghost" queue pushes
for a transition that was rolled back).

Every event is a small frozen dataclass with keyword-only fields, so adding a field later never
silently shifts positional arguments in the adapters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from triage.priority import Priority


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    conversation_id: str
    at: datetime


@dataclass(frozen=True, kw_only=True)
class Queued(DomainEvent):
    """The conversation entered the human queue (from the bot)."""

    priority: Priority
    reason: str


@dataclass(frozen=True, kw_only=True)
class Escalated(DomainEvent):
    """A queued or claimed conversation became more urgent; ``reason`` is the new, more urgent one."""

    old_priority: Priority
    new_priority: Priority
    reason: str


@dataclass(frozen=True, kw_only=True)
class EmergencyFlagged(DomainEvent):
    """The conversation was flagged as an emergency; consoles must make this impossible to miss."""


@dataclass(frozen=True, kw_only=True)
class Claimed(DomainEvent):
    agent_id: str


@dataclass(frozen=True, kw_only=True)
class Released(DomainEvent):
    """An agent gave the conversation back to the queue (released it, or lost connection for good).

    ``handled_seconds`` (claim → release) feeds the wait estimate's recent handling times.
    """

    agent_id: str
    reason: str
    priority: Priority
    handled_seconds: int


@dataclass(frozen=True, kw_only=True)
class Transferred(DomainEvent):
    """``handled_seconds`` is the time the *previous* agent had it (claim → transfer)."""

    from_agent: str
    to_agent: str
    handled_seconds: int


@dataclass(frozen=True, kw_only=True)
class ReturnedToBot(DomainEvent):
    agent_id: str
    handled_seconds: int


@dataclass(frozen=True, kw_only=True)
class Closed(DomainEvent):
    """``agent_id``/``handled_seconds`` are ``None`` when the chat closed without an agent."""

    outcome: str
    previous_status: str
    agent_id: str | None
    handled_seconds: int | None


@dataclass(frozen=True, kw_only=True)
class ReportRecorded(DomainEvent):
    """A report was submitted; ``previous`` is the reference it replaced (a second report)."""

    reference: str
    previous: str | None
