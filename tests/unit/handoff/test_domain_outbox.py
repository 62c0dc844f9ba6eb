"""The outbox's state machine (due, sent, failed, dead), backoff with jitter, and order per report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handoff.domain import IllegalTransition, InvalidValue
from handoff.domain.outbox import (
    LEGAL_FROM,
    AttemptFailed,
    Backoff,
    DeadLettered,
    Delivered,
    OutboxEntry,
    OutboxMove,
    OutboxStatus,
    Redelivery,
    due,
    heads,
)

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
BACKOFF = Backoff(base_seconds=15, cap_seconds=900, jitter=0.25)


def entry(seq: int = 1, reference: str = "WEB-AAAA-2222", channel: str = "webhook") -> OutboxEntry:
    return OutboxEntry(
        id=f"e{seq}",
        seq=seq,
        channel=channel,
        report_reference=reference,
        event="report.submitted",
        created_at=T0,
    )


def test_transition_table() -> None:
    assert LEGAL_FROM[OutboxMove.SUCCEED] == {OutboxStatus.SENDING}
    assert LEGAL_FROM[OutboxMove.FAIL] == {OutboxStatus.SENDING}
    assert LEGAL_FROM[OutboxMove.REDELIVER] == {OutboxStatus.DEAD}


def test_due_lease_sent() -> None:
    e = entry()
    assert e.is_due(T0)
    e.lease("gw-1", T0, 40)
    assert e.status.value == "sending" and not e.is_due(T0 + timedelta(seconds=39))
    assert e.succeed(T0 + timedelta(seconds=2)) == [
        Delivered(entry_id="e1", at=T0 + timedelta(seconds=2), attempts=1, seconds_since_created=2.0)
    ]
    assert e.status.value == "sent" and not e.is_due(T0 + timedelta(days=1))
    with pytest.raises(IllegalTransition):
        e.lease("gw-1", T0, 40)


def test_an_expired_lease_is_due_again_for_another_gateway() -> None:
    """The gateway was killed mid-send: once its lease runs out another takes the entry."""
    e = entry()
    e.lease("gw-1", T0, 40)
    with pytest.raises(IllegalTransition, match="not due"):
        e.lease("gw-2", T0 + timedelta(seconds=10), 40)
    assert e.is_due(T0 + timedelta(seconds=40))
    e.lease("gw-2", T0 + timedelta(seconds=40), 40)
    assert e.lease_owner == "gw-2"


def test_failed_attempts_back_off_then_dead_letter() -> None:
    e = entry()
    now = T0
    for attempt in range(1, 4):
        e.lease("gw", now, 40)
        [event] = e.fail(now, "503", max_attempts=4, backoff=BACKOFF, draw=0.0)
        assert isinstance(event, AttemptFailed) and event.attempts == attempt
        assert e.status.value == "pending"
        assert e.next_attempt_at == now + timedelta(seconds=15 * 2 ** (attempt - 1))
        assert not e.is_due(now)
        now = e.next_attempt_at
        assert e.is_due(now)
    e.lease("gw", now, 40)
    [event] = e.fail(now, "ConnectError", max_attempts=4, backoff=BACKOFF, draw=0.5)
    assert event == DeadLettered(entry_id="e1", at=now, attempts=4, error="ConnectError")
    assert e.status.value == "dead" and not e.is_due(now + timedelta(days=1))
    # "Deliver again": pending now, with a fresh count.
    assert e.redeliver(9, now) == [Redelivery(entry_id="e1", at=now, user_id=9)]
    assert e.status.value == "pending" and e.attempts == 0 and e.is_due(now)


def test_backoff_is_exponential_capped_and_jittered() -> None:
    assert [BACKOFF.delay(n, 0.0) for n in range(1, 9)] == [15, 30, 60, 120, 240, 480, 900, 900]
    assert BACKOFF.delay(1, 0.999) == pytest.approx(15 * (1 - 0.25 * 0.999))
    assert BACKOFF.delay(200, 0.0) == 900  # no overflow however many attempts
    for draw in (0.0, 0.3, 0.999):
        assert 0.75 * 900 <= BACKOFF.delay(12, draw) <= 900
    with pytest.raises(InvalidValue):
        BACKOFF.delay(0, 0.5)
    with pytest.raises(InvalidValue):
        BACKOFF.delay(1, 1.0)
    with pytest.raises(InvalidValue):
        Backoff(base_seconds=10, cap_seconds=5)


def test_twelve_attempts_outlast_a_receiver_down_for_an_hour() -> None:
    """The defaults (15 s doubling, 15 min cap, 25 % jitter, 12 attempts): even with the
    shortest jitter every time, the 12th attempt comes more than an hour after the first."""
    shortest = sum(BACKOFF.delay(n, 0.99999) for n in range(1, 12))
    assert shortest > 3600


def test_in_order_per_report_and_channel() -> None:
    a1, a2 = entry(1, "WEB-AAAA-2222"), entry(3, "WEB-AAAA-2222")
    b1 = entry(2, "WEB-BBBB-3333")
    mail = entry(4, "WEB-AAAA-2222", channel="email")
    assert heads([a2, b1, a1, mail]) == [a1, b1, mail]
    # The first event of A failing holds back A's second; B goes on.
    a1.lease("gw", T0, 40)
    a1.fail(T0, "503", max_attempts=12, backoff=BACKOFF, draw=0.0)
    assert due([a1, a2, b1], T0) == [b1]
    later = T0 + timedelta(seconds=15)
    assert due([a1, a2, b1], later) == [a1, b1]
    a1.lease("gw", later, 40)
    a1.succeed(later)
    assert due([a1, a2, b1], later) == [b1, a2]  # in write order


def test_a_dead_entry_holds_back_its_report_until_delivered_again() -> None:
    a1, a2 = entry(1), entry(2)
    a1.lease("gw", T0, 40)
    a1.fail(T0, "500", max_attempts=1, backoff=BACKOFF, draw=0.0)
    assert a1.status.value == "dead"
    assert due([a1, a2], T0 + timedelta(days=1)) == []
    a1.redeliver(1, T0)
    assert due([a1, a2], T0) == [a1]
