"""The outbox: what must leave the gateway (webhook events, receipt emails), delivered at least once.

An entry is written in the same transaction as the change it announces (a report stored, a
decision made), so nothing is announced that did not happen and nothing that happened is lost.
A worker inside the gateway polls the database, takes a *lease* on due entries (so two gateways
never send the same entry at once, and a gateway killed mid-send leaves the entry to be taken
again once the lease runs out), sends, and records the result.

States (the transition table is ``LEGAL_FROM``)::

    pending ──lease──> sending ──succeed──> sent
       ^                  │ fail (attempts < max)
       └──────────────────┘  next_attempt_at = now + backoff(attempts)
                          │ fail (attempts = max)
                          └──────> dead ──redeliver──> pending (attempts from 0)

``sending`` is ``pending`` with a live lease: an expired lease is pending again (``is_due``).
Delivery is in order per report and channel: an entry is only due when every earlier entry of
its report on its channel is sent (``heads``). A dead entry therefore holds back the later
events of its report until someone delivers it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import IllegalTransition, InvalidValue


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DEAD = "dead"


class OutboxMove(StrEnum):
    LEASE = "lease"
    SUCCEED = "succeed"
    FAIL = "fail"
    REDELIVER = "redeliver"


LEGAL_FROM: Mapping[OutboxMove, frozenset[OutboxStatus]] = {
    OutboxMove.LEASE: frozenset({OutboxStatus.PENDING, OutboxStatus.SENDING}),  # SENDING: lease expired
    OutboxMove.SUCCEED: frozenset({OutboxStatus.SENDING}),
    OutboxMove.FAIL: frozenset({OutboxStatus.SENDING}),
    OutboxMove.REDELIVER: frozenset({OutboxStatus.DEAD}),
}

#: Channels an entry goes out on.
WEBHOOK = "webhook"
EMAIL = "email"

#: Unsent work: never purged.
UNDELIVERED = frozenset({OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.DEAD})


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter: attempt n waits ``base · 2^(n-1)`` seconds, capped at
    ``cap``, then scaled into ``[1 - jitter, 1]`` by a random draw in ``[0, 1)`` (so many gateways
    retrying one receiver spread out instead of arriving together)."""

    base_seconds: float = 2.0
    cap_seconds: float = 600.0
    jitter: float = 0.5

    def __post_init__(self) -> None:
        if self.base_seconds <= 0 or self.cap_seconds < self.base_seconds or not 0 <= self.jitter <= 1:
            raise InvalidValue("backoff needs 0 < base <= cap and 0 <= jitter <= 1")

    def delay(self, attempts: int, draw: float) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt (1 = the first)."""
        if attempts < 1:
            raise InvalidValue("attempts starts at 1")
        if not 0 <= draw < 1:
            raise InvalidValue("the random draw is in [0, 1)")
        exponent = min(attempts - 1, 60)  # 2**60 s is past any cap; keeps the float finite
        ceiling = min(self.cap_seconds, self.base_seconds * 2.0**exponent)
        return ceiling * (1 - self.jitter * draw)


# --- events --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OutboxEvent:
    entry_id: str
    at: datetime


@dataclass(frozen=True, kw_only=True)
class Delivered(OutboxEvent):
    attempts: int
    seconds_since_created: float


@dataclass(frozen=True, kw_only=True)
class AttemptFailed(OutboxEvent):
    attempts: int
    retry_at: datetime
    error: str


@dataclass(frozen=True, kw_only=True)
class DeadLettered(OutboxEvent):
    attempts: int
    error: str


@dataclass(frozen=True, kw_only=True)
class Redelivery(OutboxEvent):
    user_id: int


# --- the entry -----------------------------------------------------------------------------------


@dataclass(eq=False)
class OutboxEntry:
    id: str  # the event's id: the receiver's Idempotency-Key
    seq: int  # write order (per report and channel, the delivery order)
    channel: str
    report_reference: str
    event: str
    created_at: datetime
    status: OutboxStatus = OutboxStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    leased_until: datetime | None = None
    lease_owner: str | None = None
    delivered_at: datetime | None = None
    last_error: str | None = None
    history: list[OutboxEvent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.status = OutboxStatus(self.status)

    def is_due(self, now: datetime) -> bool:
        """Pending and its retry time reached, or sending with an expired lease (the sender died)."""
        if self.status is OutboxStatus.PENDING:
            return self.next_attempt_at is None or self.next_attempt_at <= now
        if self.status is OutboxStatus.SENDING:
            return self.leased_until is None or self.leased_until <= now
        return False

    def lease(self, owner: str, now: datetime, seconds: float) -> None:
        """Take the entry for one attempt, for ``seconds`` (longer than a send can take)."""
        self._require(OutboxMove.LEASE)
        if not self.is_due(now):
            raise IllegalTransition(self.status, OutboxMove.LEASE, "not due yet")
        self.status = OutboxStatus.SENDING
        self.lease_owner = owner
        self.leased_until = now + timedelta(seconds=seconds)

    def succeed(self, now: datetime) -> list[OutboxEvent]:
        self._require(OutboxMove.SUCCEED)
        self.attempts += 1
        self.status = OutboxStatus.SENT
        self.delivered_at = now
        self.leased_until = None
        self.last_error = None
        return self._note(
            Delivered(
                entry_id=self.id,
                at=now,
                attempts=self.attempts,
                seconds_since_created=max(0.0, (now - self.created_at).total_seconds()),
            )
        )

    def fail(
        self, now: datetime, error: str, *, max_attempts: int, backoff: Backoff, draw: float
    ) -> list[OutboxEvent]:
        """A failed attempt: retried after the backoff, or dead after ``max_attempts``. ``error``
        is a short code (an HTTP status, an exception's type), never a body."""
        self._require(OutboxMove.FAIL)
        if max_attempts < 1:
            raise InvalidValue("max_attempts is at least 1")
        self.attempts += 1
        self.leased_until = None
        self.last_error = error[:200]
        if self.attempts >= max_attempts:
            self.status = OutboxStatus.DEAD
            self.next_attempt_at = None
            return self._note(
                DeadLettered(entry_id=self.id, at=now, attempts=self.attempts, error=self.last_error)
            )
        self.status = OutboxStatus.PENDING
        self.next_attempt_at = now + timedelta(seconds=backoff.delay(self.attempts, draw))
        return self._note(
            AttemptFailed(
                entry_id=self.id,
                at=now,
                attempts=self.attempts,
                retry_at=self.next_attempt_at,
                error=self.last_error,
            )
        )

    def redeliver(self, user_id: int, now: datetime) -> list[OutboxEvent]:
        """ "Deliver again" from the desk: a dead entry is pending now, with a fresh count."""
        self._require(OutboxMove.REDELIVER)
        self.status = OutboxStatus.PENDING
        self.attempts = 0
        self.next_attempt_at = now
        return self._note(Redelivery(entry_id=self.id, at=now, user_id=user_id))

    def _require(self, move: OutboxMove) -> None:
        if self.status not in LEGAL_FROM[move]:
            raise IllegalTransition(self.status, move)

    def _note(self, event: OutboxEvent) -> list[OutboxEvent]:
        self.history.append(event)
        return [event]


def heads(entries: Iterable[OutboxEntry]) -> list[OutboxEntry]:
    """Per report and channel, the earliest entry not yet sent: the only one that may go next
    (in order per report). Returned in write order."""
    first: dict[tuple[str, str], OutboxEntry] = {}
    for entry in sorted(entries, key=lambda e: e.seq):
        if entry.status is OutboxStatus.SENT:
            continue
        first.setdefault((entry.report_reference, entry.channel), entry)
    return sorted(first.values(), key=lambda e: e.seq)


def due(entries: Iterable[OutboxEntry], now: datetime) -> list[OutboxEntry]:
    """The entries a worker may send now: heads that are due."""
    return [e for e in heads(entries) if e.is_due(now)]
