"""Queue order, positions and waiting times."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from handoff.domain import (
    Conversation,
    InvalidValue,
    QueueEntry,
    order_queue,
    queue_position,
    waiting_seconds,
)
from triage.priority import Priority, Reason

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def entry(cid: str, priority: Priority, minute: float, *, emergency: bool | None = None) -> QueueEntry:
    return QueueEntry(
        conversation_id=cid,
        priority=priority,
        queued_at=T0 + timedelta(minutes=minute),
        emergency=(priority is Priority.EMERGENCY) if emergency is None else emergency,
        reason="test",
    )


MIXED = [
    entry("normal-early", Priority.NORMAL, 0),
    entry("safe-late", Priority.SAFEGUARDING, 9),
    entry("emerg-late", Priority.EMERGENCY, 8),
    entry("normal-late", Priority.NORMAL, 7),
    entry("safe-early", Priority.SAFEGUARDING, 1),
    entry("emerg-early", Priority.EMERGENCY, 5),
]
MIXED_ORDER = ["emerg-early", "emerg-late", "safe-early", "safe-late", "normal-early", "normal-late"]


def ids(entries: list[QueueEntry]) -> list[str]:
    return [e.conversation_id for e in entries]


def test_most_urgent_first_then_longest_waiting() -> None:
    assert ids(order_queue(MIXED)) == MIXED_ORDER


def test_order_does_not_depend_on_input_order() -> None:
    for permutation in itertools.permutations(MIXED):
        assert ids(order_queue(permutation)) == MIXED_ORDER


def test_ties_are_broken_by_conversation_id() -> None:
    same_time = [entry(cid, Priority.NORMAL, 3) for cid in ("c", "a", "b")]
    assert ids(order_queue(same_time)) == ["a", "b", "c"]


def test_an_emergency_flag_sorts_at_the_top_even_with_a_stale_priority() -> None:
    # Entries can be built straight from rows: the flag alone must be enough.
    stale = entry("flagged", Priority.NORMAL, 9, emergency=True)
    assert ids(order_queue([entry("safe", Priority.SAFEGUARDING, 0), stale])) == ["flagged", "safe"]


def test_order_queue_returns_a_new_list_and_accepts_any_iterable() -> None:
    original = list(MIXED)
    ordered = order_queue(iter(original))
    assert original == MIXED
    assert ordered is not original
    assert order_queue([]) == []


def test_queue_position_is_one_based_in_queue_order() -> None:
    for expected, cid in enumerate(MIXED_ORDER, start=1):
        assert queue_position(MIXED, cid) == expected


def test_queue_position_of_a_chat_not_in_the_queue_is_none() -> None:
    assert queue_position(MIXED, "nobody") is None
    assert queue_position([], "c-1") is None


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (timedelta(0), 0),
        (timedelta(seconds=59.9), 59),
        (timedelta(minutes=5), 300),
        (timedelta(seconds=-3), 0),
    ],
)
def test_waiting_seconds(elapsed: timedelta, expected: int) -> None:
    e = entry("c-1", Priority.NORMAL, 0)
    assert waiting_seconds(e, T0 + elapsed) == expected


def test_entry_of_a_queued_conversation() -> None:
    c = Conversation(id="c-1", created_at=T0)
    c.hand_off(Reason.SAFEGUARDING, T0 + timedelta(minutes=2))
    assert QueueEntry.of(c) == QueueEntry(
        conversation_id="c-1",
        priority=Priority.SAFEGUARDING,
        queued_at=T0 + timedelta(minutes=2),
        emergency=False,
        reason=Reason.SAFEGUARDING,
    )


def test_entry_of_a_conversation_that_is_not_queued_is_refused() -> None:
    c = Conversation(id="c-1", created_at=T0)
    with pytest.raises(InvalidValue):
        QueueEntry.of(c)
    c.hand_off(Reason.REQUESTED, T0)
    c.claim("agent-1", T0)
    with pytest.raises(InvalidValue):
        QueueEntry.of(c)


def test_an_escalated_chat_moves_up_a_level_but_keeps_its_time() -> None:
    first = Conversation(id="first", created_at=T0)
    first.hand_off(Reason.SAFEGUARDING, T0 + timedelta(minutes=5))
    second = Conversation(id="second", created_at=T0)
    second.hand_off(Reason.REQUESTED, T0 + timedelta(minutes=1))
    assert ids(order_queue([QueueEntry.of(first), QueueEntry.of(second)])) == ["first", "second"]
    second.hand_off(Reason.RISK, T0 + timedelta(minutes=9))
    assert ids(order_queue([QueueEntry.of(first), QueueEntry.of(second)])) == ["second", "first"]
