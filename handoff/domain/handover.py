"""A handover note: what the agent passing a chat on tells the colleague who receives it.

::

    PENDING ──accept (the receiver)──> ACCEPTED
       │
       └──supersede (the chat moved on: released, transferred again, closed)──> SUPERSEDED

A transfer always carries a note (``Handover.write`` refuses a blank one). The receiving agent
sees it before the transcript and accepts it; only the receiver can accept, once. Moves return
events, like :mod:`handoff.domain.conversation`; the note's text is never in an event (events
end up in the audit log, which holds no free text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .errors import IllegalTransition, InvalidValue

#: Long enough for a real handover, short enough to read first.
MAX_NOTE_CHARS = 1000


class HandoverStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    SUPERSEDED = "superseded"


class HandoverMove(StrEnum):
    ACCEPT = "accept"
    SUPERSEDE = "supersede"


HANDOVER_LEGAL_FROM: Mapping[HandoverMove, frozenset[HandoverStatus]] = {
    HandoverMove.ACCEPT: frozenset({HandoverStatus.PENDING}),
    HandoverMove.SUPERSEDE: frozenset({HandoverStatus.PENDING}),
}


@dataclass(frozen=True, kw_only=True)
class HandoverAccepted:
    conversation_id: str
    at: datetime
    by_agent: str


@dataclass(frozen=True, kw_only=True)
class HandoverSuperseded:
    conversation_id: str
    at: datetime


class NotTheReceiver(InvalidValue):
    """Someone other than the receiving agent tried to accept the note."""


@dataclass(eq=False)
class Handover:
    conversation_id: str
    from_agent: str
    to_agent: str
    note: str
    written_at: datetime
    status: HandoverStatus = HandoverStatus.PENDING
    accepted_at: datetime | None = None

    def __post_init__(self) -> None:
        self.status = HandoverStatus(self.status)

    @classmethod
    def write(
        cls, conversation_id: str, from_agent: str, to_agent: str, note: object, now: datetime
    ) -> Handover:
        """A new note for a transfer; blank, non-text or over-long notes are refused."""
        if not isinstance(note, str) or not note.strip():
            raise InvalidValue("a transfer needs a handover note for the colleague who takes the chat")
        if len(note) > MAX_NOTE_CHARS:
            raise InvalidValue(f"a handover note is limited to {MAX_NOTE_CHARS} characters")
        return cls(conversation_id, from_agent, to_agent, note.strip(), now)

    def accept(self, agent_id: str, now: datetime) -> list[HandoverAccepted]:
        self._require(HandoverMove.ACCEPT)
        if agent_id != self.to_agent:
            raise NotTheReceiver("only the colleague who received the chat can accept its handover note")
        self.status = HandoverStatus.ACCEPTED
        self.accepted_at = now
        return [HandoverAccepted(conversation_id=self.conversation_id, at=now, by_agent=agent_id)]

    def supersede(self, now: datetime) -> list[HandoverSuperseded]:
        """The chat left the receiver before they accepted (a no-op once accepted)."""
        if self.status is not HandoverStatus.PENDING:
            return []
        self.status = HandoverStatus.SUPERSEDED
        return [HandoverSuperseded(conversation_id=self.conversation_id, at=now)]

    def _require(self, move: HandoverMove) -> None:
        if self.status not in HANDOVER_LEGAL_FROM[move]:
            raise IllegalTransition(self.status, move, "the handover note is not waiting to be accepted")
