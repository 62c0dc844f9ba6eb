"""Every (state, move) pair of the conversation state machine, against a table of expected outcomes.

The table must cover the full product of ``Status`` × ``Move``, and ``Move`` must name every public
transition method: adding a state or a move fails these tests until someone writes down what
should happen.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import product
from typing import Any

import pytest

from handoff.domain import (
    LEGAL_FROM,
    AlreadyClaimed,
    Claimed,
    Closed,
    Conversation,
    DomainError,
    DomainEvent,
    EmergencyFlagged,
    Escalated,
    IllegalTransition,
    Move,
    Queued,
    Released,
    ReportRecorded,
    ReturnedToBot,
    Status,
    Transferred,
    allowed_moves,
    invariant_violations,
)
from triage.priority import Reason

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(minutes=30)


def in_state(status: Status) -> Conversation:
    """A conversation brought to ``status`` through legal moves only (a NORMAL-priority handoff)."""
    c = Conversation(id="c-1", created_at=T0)
    if status is Status.BOT:
        return c
    c.hand_off(Reason.REQUESTED, T0 + timedelta(minutes=1))
    if status is Status.QUEUED:
        return c
    c.claim("agent-1", T0 + timedelta(minutes=2))
    if status is Status.AGENT:
        return c
    c.close("resolved", T0 + timedelta(minutes=3))
    assert c.status is Status.CLOSED
    return c


#: One representative call per move. hand_off uses a more urgent reason than the builder's
#: "requested", so from QUEUED and AGENT it is a real (escalating) transition, not a no-op.
MOVES: dict[Move, Callable[[Conversation], list[DomainEvent]]] = {
    Move.HAND_OFF: lambda c: c.hand_off(Reason.SAFEGUARDING, NOW),
    Move.FLAG_EMERGENCY: lambda c: c.flag_emergency(NOW),
    Move.CLAIM: lambda c: c.claim("agent-2", NOW),
    Move.RELEASE: lambda c: c.release(NOW),
    Move.TRANSFER: lambda c: c.transfer("agent-2", NOW),
    Move.RETURN_TO_BOT: lambda c: c.return_to_bot(NOW),
    Move.CLOSE: lambda c: c.close("resolved", NOW),
    Move.RECORD_REPORT: lambda c: c.record_report("WEB-2025-000123", NOW),
}

Legal = tuple[Status, tuple[type[DomainEvent], ...]]
Expect = Legal | type[DomainError]

B, Q, A, C = Status.BOT, Status.QUEUED, Status.AGENT, Status.CLOSED
M = Move

EXPECTED: dict[tuple[Status, Move], Expect] = {
    # hand_off
    (B, M.HAND_OFF): (Q, (Queued,)),
    (Q, M.HAND_OFF): (Q, (Escalated,)),
    (A, M.HAND_OFF): (A, (Escalated,)),  # the agent keeps it
    (C, M.HAND_OFF): IllegalTransition,
    # flag_emergency
    (B, M.FLAG_EMERGENCY): (Q, (EmergencyFlagged, Queued)),
    (Q, M.FLAG_EMERGENCY): (Q, (EmergencyFlagged, Escalated)),
    (A, M.FLAG_EMERGENCY): (A, (EmergencyFlagged, Escalated)),
    (C, M.FLAG_EMERGENCY): IllegalTransition,
    # claim
    (B, M.CLAIM): IllegalTransition,
    (Q, M.CLAIM): (A, (Claimed,)),
    (A, M.CLAIM): AlreadyClaimed,
    (C, M.CLAIM): IllegalTransition,
    # release
    (B, M.RELEASE): IllegalTransition,
    (Q, M.RELEASE): IllegalTransition,
    (A, M.RELEASE): (Q, (Released,)),
    (C, M.RELEASE): IllegalTransition,
    # transfer
    (B, M.TRANSFER): IllegalTransition,
    (Q, M.TRANSFER): IllegalTransition,
    (A, M.TRANSFER): (A, (Transferred,)),
    (C, M.TRANSFER): IllegalTransition,
    # return_to_bot
    (B, M.RETURN_TO_BOT): IllegalTransition,
    (Q, M.RETURN_TO_BOT): IllegalTransition,
    (A, M.RETURN_TO_BOT): (B, (ReturnedToBot,)),
    (C, M.RETURN_TO_BOT): IllegalTransition,
    # close
    (B, M.CLOSE): (C, (Closed,)),
    (Q, M.CLOSE): (C, (Closed,)),
    (A, M.CLOSE): (C, (Closed,)),
    (C, M.CLOSE): IllegalTransition,
    # record_report
    (B, M.RECORD_REPORT): (B, (ReportRecorded,)),
    (Q, M.RECORD_REPORT): (Q, (ReportRecorded,)),
    (A, M.RECORD_REPORT): (A, (ReportRecorded,)),
    (C, M.RECORD_REPORT): IllegalTransition,
}

LEGAL_CASES = [(s, m) for (s, m), e in EXPECTED.items() if isinstance(e, tuple)]
REFUSED_CASES = [(s, m) for (s, m), e in EXPECTED.items() if not isinstance(e, tuple)]


def snapshot(c: Conversation) -> dict[str, Any]:
    return dataclasses.asdict(c)


def test_table_covers_every_state_and_move() -> None:
    assert set(EXPECTED) == set(product(Status, Move))


def test_moves_name_every_public_transition_method() -> None:
    public_methods = {
        name
        for name, member in inspect.getmembers(Conversation, predicate=inspect.isfunction)
        if not name.startswith("_")
    }
    # ``moves`` is a query (the moves this chat accepts now), not a transition.
    assert public_methods - {"moves"} == {m.value for m in Move}
    assert set(MOVES) == set(Move)


def test_domain_legality_table_agrees_with_this_one() -> None:
    for (status, move), expect in EXPECTED.items():
        assert (status in LEGAL_FROM[move]) == isinstance(expect, tuple), (status, move)


@pytest.mark.parametrize("status", list(Status))
def test_allowed_moves_lists_the_legal_ones(status: Status) -> None:
    legal = {m for (s, m) in LEGAL_CASES if s is status}
    assert allowed_moves(status) == legal


@pytest.mark.parametrize(("status", "move"), LEGAL_CASES)
def test_legal_move(status: Status, move: Move) -> None:
    expect = EXPECTED[(status, move)]
    assert isinstance(expect, tuple)
    target, event_types = expect
    c = in_state(status)
    before = c.version

    events = MOVES[move](c)

    assert c.status is target
    assert tuple(type(e) for e in events) == event_types
    assert all(e.conversation_id == c.id and e.at == NOW for e in events)
    assert c.version == before + 1, "exactly one version step per state-changing call"
    assert invariant_violations(c) == []


@pytest.mark.parametrize(("status", "move"), REFUSED_CASES)
def test_refused_move_changes_nothing(status: Status, move: Move) -> None:
    expected_error = EXPECTED[(status, move)]
    assert isinstance(expected_error, type)
    c = in_state(status)
    before = snapshot(c)

    with pytest.raises(expected_error) as caught:
        MOVES[move](c)

    assert snapshot(c) == before
    assert isinstance(caught.value, DomainError)


@pytest.mark.parametrize(
    ("status", "move"), [(s, m) for (s, m) in REFUSED_CASES if EXPECTED[(s, m)] is IllegalTransition]
)
def test_illegal_transition_names_the_state_and_the_move(status: Status, move: Move) -> None:
    with pytest.raises(IllegalTransition) as caught:
        MOVES[move](in_state(status))
    assert caught.value.status == status
    assert caught.value.move == move
    assert status.value in str(caught.value)
    assert move.value in str(caught.value)


#: Calls that are legal but change nothing: no events, no version step, no field changed.
NO_OPS: list[tuple[str, Status, Callable[[Conversation], list[DomainEvent]]]] = [
    ("queued: equally urgent handoff", Q, lambda c: c.hand_off(Reason.FALLBACK, NOW)),
    ("queued: same reason again", Q, lambda c: c.hand_off(Reason.REQUESTED, NOW)),
    ("agent: equally urgent handoff", A, lambda c: c.hand_off(Reason.ASSISTANT_UNAVAILABLE, NOW)),
    ("agent: transfer reason", A, lambda c: c.hand_off(Reason.TRANSFER, NOW)),
]


@pytest.mark.parametrize(("label", "status", "call"), NO_OPS, ids=[n[0] for n in NO_OPS])
def test_no_op(label: str, status: Status, call: Callable[[Conversation], list[DomainEvent]]) -> None:
    c = in_state(status)
    before = snapshot(c)
    assert call(c) == []
    assert snapshot(c) == before
