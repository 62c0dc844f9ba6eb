"""The conversation lifecycle as an explicit state machine.

::

    BOT ──hand_off / flag_emergency──> QUEUED ──claim──> AGENT ──close──> CLOSED
     ^                                   ^                │ │
     │                                   └────release─────┘ │ transfer (AGENT → AGENT)
     └──────────────────return_to_bot───────────────────────┘
    BOT, QUEUED and AGENT can all ``close``; nothing leaves CLOSED.

Each transition validates, mutates the entity, bumps ``version`` once and returns the domain
events it produced. A call that changes nothing (a repeated emergency flag, a handoff that is not
more urgent) returns ``[]`` and leaves ``version`` alone, so the adapter writes nothing and the
optimistic lock is not contended for no reason.

Decisions worth knowing (the README quotes these):

* **Priority only goes up while a chat waits or is with an agent.** A second handoff with a less
  or equally urgent reason is ignored; a more urgent one raises the priority and replaces the
  reason (the reason always explains the current priority). ``queued_at`` never changes, so an
  escalated chat moves up a level without losing its place in time.
* **Escalation while with an agent** raises the priority in place: the agent keeps the chat (taking
  it away mid-conversation would be worse for the citizen) and the console is told via
  ``Escalated``. The priority matters again if the chat is released.
* **Release keeps the original ``queued_at``.** A released chat has already waited; restarting its
  clock would send it to the back of its level behind chats that arrived after it.
* **An emergency is sticky.** ``emergency`` is never cleared (it is part of the record), and a
  conversation that was ever an emergency is queued at EMERGENCY priority if it is handed off
  again; only a person closing it ends it. ``hand_off("emergency")`` is ``flag_emergency``, so the
  flag and the EMERGENCY priority can never disagree.
* **Unknown handoff reasons queue at NORMAL** (``priority_for``'s default) rather than failing: the
  bot may send a reason newer than this code, and failing a handoff is worse than a plain label.
* **A claimed chat cannot be claimed again, not even by its own agent** (``AlreadyClaimed`` → 409):
  a double click must not look like a fresh claim in the audit trail.
* **An emergency or safeguarding chat never goes back to the assistant** (``UnsafeMove`` → 409
  with the reason): a person in danger must not be left with a bot. ``moves()`` leaves
  ``return_to_bot`` out for such a chat, so the console does not offer the button at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from triage.priority import Priority, Reason, priority_for

from .errors import (
    AlreadyClaimed,
    IllegalTransition,
    InconsistentState,
    InvalidOutcome,
    InvalidValue,
    UnsafeMove,
)
from .events import (
    Claimed,
    Closed,
    DomainEvent,
    EmergencyFlagged,
    Escalated,
    Queued,
    Released,
    ReportRecorded,
    ReturnedToBot,
    Transferred,
)


class Status(StrEnum):
    BOT = "bot"
    QUEUED = "queued"
    AGENT = "agent"
    CLOSED = "closed"


class Route(StrEnum):
    """Where a citizen's next message goes."""

    BOT = "bot"  # relay to Rasa
    QUEUE = "queue"  # store it; whoever claims the chat reads it (the bot stays silent meanwhile)
    AGENT = "agent"  # push it to the agent who has the chat


class Move(StrEnum):
    """The transitions, by method name: used in error messages and the legality table."""

    HAND_OFF = "hand_off"
    FLAG_EMERGENCY = "flag_emergency"
    CLAIM = "claim"
    RELEASE = "release"
    TRANSFER = "transfer"
    RETURN_TO_BOT = "return_to_bot"
    CLOSE = "close"
    RECORD_REPORT = "record_report"


class Outcome(StrEnum):
    """How a conversation ended; analysts count these, so the list is closed (no free text)."""

    RESOLVED = "resolved"
    REPORT_TAKEN = "report_taken"
    REFERRED_999 = "referred_999"
    REFERRED_OTHER_AGENCY = "referred_other_agency"
    ADVICE_GIVEN = "advice_given"
    NO_FURTHER_ACTION = "no_further_action"
    ABANDONED = "abandoned"  # the citizen left or the chat timed out
    DUPLICATE = "duplicate"


OUTCOMES: tuple[str, ...] = tuple(outcome.value for outcome in Outcome)

_OPEN = frozenset({Status.BOT, Status.QUEUED, Status.AGENT})

#: The states each move may start from. ``claim`` from AGENT is not listed: it raises
#: ``AlreadyClaimed`` instead of ``IllegalTransition`` because it is an expected race.
LEGAL_FROM: Mapping[Move, frozenset[Status]] = {
    Move.HAND_OFF: _OPEN,
    Move.FLAG_EMERGENCY: _OPEN,
    Move.CLAIM: frozenset({Status.QUEUED}),
    Move.RELEASE: frozenset({Status.AGENT}),
    Move.TRANSFER: frozenset({Status.AGENT}),
    Move.RETURN_TO_BOT: frozenset({Status.AGENT}),
    Move.CLOSE: _OPEN,
    Move.RECORD_REPORT: _OPEN,
}


def allowed_moves(status: Status) -> frozenset[Move]:
    """The moves a conversation in ``status`` accepts (the console greys out the others)."""
    return frozenset(move for move, sources in LEGAL_FROM.items() if status in sources)


def _require_text(name: str, value: str) -> str:
    if not value or not value.strip():
        raise InvalidValue(f"{name} must not be blank")
    return value


def _seconds_between(start: datetime | None, end: datetime) -> int:
    # Clamped at 0: clocks on different gateway instances can disagree by a little.
    if start is None:
        return 0
    return max(0, int((end - start).total_seconds()))


@dataclass(eq=False)
class Conversation:
    """One citizen's chat. Identity is ``id``; two objects with the same id are the same chat.

    All datetimes are expected to be timezone-aware UTC (the queue compares them across chats).
    """

    id: str
    created_at: datetime
    status: Status = Status.BOT
    emergency: bool = False
    priority: Priority | None = None
    reason: str | None = None
    queued_at: datetime | None = None
    agent_id: str | None = None
    claimed_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str | None = None
    report_reference: str | None = None
    version: int = field(default=0)

    def __post_init__(self) -> None:
        # Adapters rebuild entities from rows holding plain strings and ints: normalise them here
        # so comparisons such as ``priority < other`` behave, then refuse contradictory rows.
        self.status = Status(self.status)
        if self.priority is not None:
            self.priority = Priority(self.priority)
        self._check_invariants()

    # -- identity ---------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Conversation):
            return NotImplemented
        return other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    # -- queries ------------------------------------------------------------------------------

    @property
    def accepts_citizen_messages(self) -> bool:
        return self.status is not Status.CLOSED

    @property
    def routes_to(self) -> Route | None:
        """Where the citizen's next message goes; ``None`` once closed (nothing accepts it)."""
        return _ROUTES.get(self.status)

    @property
    def unsafe_to_return(self) -> str | None:
        """Why this chat must stay with a person (``None`` when it may go back to the assistant)."""
        if self.emergency:
            return "an emergency chat stays with a person until it is closed"
        if self.priority is Priority.SAFEGUARDING:
            return "a safeguarding chat stays with a person until it is closed"
        return None

    def moves(self) -> frozenset[Move]:
        """The moves this conversation accepts now: ``allowed_moves`` of its status, less the
        unsafe ones (the console offers exactly these)."""
        legal = allowed_moves(self.status)
        if self.unsafe_to_return is not None:
            legal = legal - {Move.RETURN_TO_BOT}
        return legal

    # -- transitions ------------------------------------------------------------------------

    def hand_off(self, reason: str, now: datetime) -> list[DomainEvent]:
        """Ask for a person. BOT → QUEUED; raises the priority of a queued or claimed chat."""
        _require_text("reason", reason)
        self._require(Move.HAND_OFF)
        if reason == Reason.EMERGENCY:
            return self.flag_emergency(now)
        if self.status is Status.BOT:
            # A chat that was ever an emergency goes back in at the top: see the module docstring.
            priority = Priority.EMERGENCY if self.emergency else priority_for(reason)
            return self._commit(self._enqueue(priority, reason, now))
        return self._commit(self._escalate(priority_for(reason), reason, now))

    def flag_emergency(self, now: datetime) -> list[DomainEvent]:
        """Mark as an emergency and put it at the top of the queue. Idempotent."""
        self._require(Move.FLAG_EMERGENCY)
        if self.status is Status.BOT:
            # Also from BOT after an earlier emergency was returned to the bot: it is a new one.
            self.emergency = True
            flagged = EmergencyFlagged(conversation_id=self.id, at=now)
            return self._commit([flagged, *self._enqueue(Priority.EMERGENCY, Reason.EMERGENCY, now)])
        if self.emergency:
            return []  # already flagged and, by the invariants, already at EMERGENCY priority
        self.emergency = True
        flagged = EmergencyFlagged(conversation_id=self.id, at=now)
        return self._commit([flagged, *self._escalate(Priority.EMERGENCY, Reason.EMERGENCY, now)])

    def claim(self, agent_id: str, now: datetime) -> list[DomainEvent]:
        """QUEUED → AGENT. Raises ``AlreadyClaimed`` if any agent (even this one) already has it."""
        _require_text("agent_id", agent_id)
        if self.status is Status.AGENT:
            assert self.agent_id is not None  # guaranteed by the invariants
            raise AlreadyClaimed(self.id, self.agent_id)
        self._require(Move.CLAIM)
        self.status = Status.AGENT
        self.agent_id = agent_id
        self.claimed_at = now
        return self._commit([Claimed(conversation_id=self.id, at=now, agent_id=agent_id)])

    def release(self, now: datetime, reason: str = Reason.TRANSFER) -> list[DomainEvent]:
        """AGENT → QUEUED: the agent let it go, or lost connection past the grace period.

        Keeps the original ``queued_at`` (the citizen has already waited) and the priority. The
        release reason is treated like a handoff reason: a more urgent one escalates, an equally
        urgent one becomes the queue label ("transfer" on a normal chat), a less urgent one is
        only recorded in the event, so a safeguarding chat stays labelled "safeguarding".
        """
        _require_text("reason", reason)
        self._require(Move.RELEASE)
        assert self.agent_id is not None and self.priority is not None  # invariants of AGENT
        agent_id = self.agent_id
        handled = _seconds_between(self.claimed_at, now)
        self.status = Status.QUEUED
        self.agent_id = None
        self.claimed_at = None
        follow_ups: list[DomainEvent] = []
        if reason == Reason.EMERGENCY and not self.emergency:
            self.emergency = True
            follow_ups.append(EmergencyFlagged(conversation_id=self.id, at=now))
        if priority_for(reason) == self.priority:
            self.reason = reason
        else:
            follow_ups.extend(self._escalate(priority_for(reason), reason, now))
        released = Released(
            conversation_id=self.id,
            at=now,
            agent_id=agent_id,
            reason=reason,
            priority=self.priority,
            handled_seconds=handled,
        )
        return self._commit([released, *follow_ups])

    def transfer(self, to_agent_id: str, now: datetime) -> list[DomainEvent]:
        """AGENT → AGENT with someone else. Whether they have room is the caller's check (``can_take``)."""
        _require_text("to_agent_id", to_agent_id)
        self._require(Move.TRANSFER)
        assert self.agent_id is not None
        if to_agent_id == self.agent_id:
            raise IllegalTransition(self.status, Move.TRANSFER, "the agent already has this conversation")
        from_agent = self.agent_id
        handled = _seconds_between(self.claimed_at, now)
        self.agent_id = to_agent_id
        # The new agent's handling time starts now; the previous agent's is in the event.
        self.claimed_at = now
        return self._commit(
            [
                Transferred(
                    conversation_id=self.id,
                    at=now,
                    from_agent=from_agent,
                    to_agent=to_agent_id,
                    handled_seconds=handled,
                )
            ]
        )

    def return_to_bot(self, now: datetime) -> list[DomainEvent]:
        """AGENT → BOT. Clears the queue fields; ``emergency`` stays set, for the record.

        Refused (``UnsafeMove``) for an emergency or safeguarding chat: see the module docstring.
        """
        self._require(Move.RETURN_TO_BOT)
        unsafe = self.unsafe_to_return
        if unsafe is not None:
            raise UnsafeMove(self.status, Move.RETURN_TO_BOT, unsafe)
        assert self.agent_id is not None
        agent_id = self.agent_id
        handled = _seconds_between(self.claimed_at, now)
        self.status = Status.BOT
        self.agent_id = None
        self.claimed_at = None
        self.priority = None
        self.reason = None
        self.queued_at = None
        return self._commit(
            [ReturnedToBot(conversation_id=self.id, at=now, agent_id=agent_id, handled_seconds=handled)]
        )

    def close(self, outcome: str, now: datetime) -> list[DomainEvent]:
        """Any open state → CLOSED with one of :data:`OUTCOMES`.

        ``agent_id``, ``priority`` and ``reason`` are kept: they are the record of who handled it
        and why it was queued.
        """
        self._require(Move.CLOSE)
        if outcome not in OUTCOMES:
            raise InvalidOutcome(outcome, OUTCOMES)
        previous = self.status
        handled = _seconds_between(self.claimed_at, now) if previous is Status.AGENT else None
        self.status = Status.CLOSED
        self.outcome = outcome
        self.closed_at = now
        return self._commit(
            [
                Closed(
                    conversation_id=self.id,
                    at=now,
                    outcome=outcome,
                    previous_status=previous,
                    agent_id=self.agent_id,
                    handled_seconds=handled,
                )
            ]
        )

    def record_report(self, reference: str, now: datetime) -> list[DomainEvent]:
        """Store the receipt reference of a submitted report (never a crime number).

        A second, different report in the same chat replaces the reference shown to the citizen;
        the event keeps the previous one. Recording the same reference again is a no-op, so a
        retried action call does not duplicate the event.
        """
        _require_text("reference", reference)
        self._require(Move.RECORD_REPORT)
        if reference == self.report_reference:
            return []
        previous = self.report_reference
        self.report_reference = reference
        return self._commit(
            [ReportRecorded(conversation_id=self.id, at=now, reference=reference, previous=previous)]
        )

    # -- internals --------------------------------------------------------------------------

    def _require(self, move: Move) -> None:
        if self.status not in LEGAL_FROM[move]:
            raise IllegalTransition(self.status, move)

    def _enqueue(self, priority: Priority, reason: str, now: datetime) -> list[DomainEvent]:
        self.status = Status.QUEUED
        self.priority = priority
        self.reason = reason
        self.queued_at = now
        return [Queued(conversation_id=self.id, at=now, priority=priority, reason=reason)]

    def _escalate(self, priority: Priority, reason: str, now: datetime) -> list[DomainEvent]:
        """Raise the priority of a QUEUED/AGENT chat if ``priority`` is more urgent; never lower it."""
        old = self.priority
        assert old is not None  # QUEUED and AGENT always have a priority
        if priority >= old:  # lower number = more urgent
            return []
        self.priority = priority
        self.reason = reason
        return [
            Escalated(conversation_id=self.id, at=now, old_priority=old, new_priority=priority, reason=reason)
        ]

    def _commit(self, events: list[DomainEvent]) -> list[DomainEvent]:
        # One version step per state-changing call, however many events it produced: the adapter
        # writes ``WHERE version = <old>`` and a lost race surfaces as a retry, not a lost update.
        if events:
            self.version += 1
            self._check_invariants()
        return events

    def _check_invariants(self) -> None:
        problems = invariant_violations(self)
        if problems:
            raise InconsistentState(f"conversation {self.id}: " + "; ".join(problems))


_ROUTES: Mapping[Status, Route] = {
    Status.BOT: Route.BOT,
    Status.QUEUED: Route.QUEUE,
    Status.AGENT: Route.AGENT,
}


def invariant_violations(conversation: Conversation) -> list[str]:
    """What is inconsistent about a conversation's fields (empty when it is sound).

    Public so adapters and tests can check a row without catching exceptions.
    """
    c = conversation
    problems: list[str] = []
    if c.version < 0:
        problems.append("version is negative")

    def must_be_set(*names: str) -> None:
        problems.extend(f"{c.status} needs {name}" for name in names if getattr(c, name) is None)

    def must_be_empty(*names: str) -> None:
        problems.extend(f"{c.status} must not have {name}" for name in names if getattr(c, name) is not None)

    if c.status is Status.BOT:
        must_be_empty("priority", "reason", "queued_at", "agent_id", "claimed_at", "closed_at", "outcome")
    elif c.status is Status.QUEUED:
        must_be_set("priority", "reason", "queued_at")
        must_be_empty("agent_id", "claimed_at", "closed_at", "outcome")
    elif c.status is Status.AGENT:
        must_be_set("priority", "reason", "queued_at", "agent_id", "claimed_at")
        must_be_empty("closed_at", "outcome")
    else:
        must_be_set("closed_at", "outcome")
        if c.outcome is not None and c.outcome not in OUTCOMES:
            problems.append(f"unknown outcome {c.outcome!r}")
    if c.status in (Status.QUEUED, Status.AGENT) and c.priority is not None:
        # The emergency flag and EMERGENCY priority always travel together in the queue.
        if c.emergency and c.priority is not Priority.EMERGENCY:
            problems.append("an emergency must have EMERGENCY priority")
        if c.priority is Priority.EMERGENCY and not c.emergency:
            problems.append("EMERGENCY priority without the emergency flag")
    return problems
