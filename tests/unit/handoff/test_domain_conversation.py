"""Behaviour of the conversation entity beyond the (state, move) table: what each move records."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from handoff.domain import (
    OUTCOMES,
    AlreadyClaimed,
    Claimed,
    Closed,
    Conversation,
    DomainError,
    EmergencyFlagged,
    Escalated,
    IllegalTransition,
    InconsistentState,
    InvalidOutcome,
    InvalidValue,
    Move,
    Outcome,
    Queued,
    QueueEntry,
    Released,
    ReportRecorded,
    ReturnedToBot,
    Route,
    Status,
    Transferred,
    UnsafeMove,
    invariant_violations,
    order_queue,
)
from triage.priority import Priority, Reason, priority_for

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def new(conversation_id: str = "c-1") -> Conversation:
    return Conversation(id=conversation_id, created_at=T0)


def queued(reason: str = Reason.REQUESTED, minutes: float = 1, conversation_id: str = "c-1") -> Conversation:
    c = new(conversation_id)
    c.hand_off(reason, at(minutes))
    return c


def with_agent(reason: str = Reason.REQUESTED, agent: str = "agent-1") -> Conversation:
    c = queued(reason)
    c.claim(agent, at(2))
    return c


def snapshot(c: Conversation) -> dict[str, Any]:
    return dataclasses.asdict(c)


# -- a new conversation ---------------------------------------------------------------------


def test_a_new_conversation_is_with_the_bot() -> None:
    c = new()
    assert c.status is Status.BOT
    assert c.version == 0
    assert not c.emergency
    assert c.priority is None and c.queued_at is None and c.agent_id is None
    assert c.routes_to is Route.BOT
    assert c.accepts_citizen_messages


@pytest.mark.parametrize(
    ("status", "route"),
    [
        (Status.BOT, Route.BOT),
        (Status.QUEUED, Route.QUEUE),
        (Status.AGENT, Route.AGENT),
        (Status.CLOSED, None),
    ],
)
def test_routes_to(status: Status, route: Route | None) -> None:
    c = new()
    if status is not Status.BOT:
        c.hand_off(Reason.REQUESTED, at(1))
    if status in (Status.AGENT, Status.CLOSED):
        c.claim("agent-1", at(2))
    if status is Status.CLOSED:
        c.close("resolved", at(3))
    assert c.routes_to == route
    assert c.accepts_citizen_messages == (status is not Status.CLOSED)


# -- hand_off -------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", [r for r in Reason.ALL if r != Reason.EMERGENCY])
def test_hand_off_from_the_bot_queues_with_the_reasons_priority(reason: str) -> None:
    c = new()
    events = c.hand_off(reason, at(1))
    assert c.status is Status.QUEUED
    assert c.priority is priority_for(reason)
    assert c.reason == reason
    assert c.queued_at == at(1)
    assert not c.emergency
    assert events == [Queued(conversation_id="c-1", at=at(1), priority=priority_for(reason), reason=reason)]


def test_hand_off_for_an_emergency_is_the_emergency_flag() -> None:
    c = new()
    events = c.hand_off(Reason.EMERGENCY, at(1))
    assert c.emergency
    assert c.priority is Priority.EMERGENCY
    assert [type(e) for e in events] == [EmergencyFlagged, Queued]


def test_an_unknown_reason_queues_at_normal_rather_than_failing() -> None:
    c = new()
    c.hand_off("some_reason_added_to_the_bot_later", at(1))
    assert c.status is Status.QUEUED
    assert c.priority is Priority.NORMAL


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_blank_reason_is_refused(reason: str) -> None:
    c = new()
    with pytest.raises(InvalidValue):
        c.hand_off(reason, at(1))
    assert c.status is Status.BOT and c.version == 0


# -- escalation -----------------------------------------------------------------------------


def test_a_more_urgent_handoff_escalates_a_queued_chat_and_keeps_its_place_in_time() -> None:
    c = queued(Reason.REQUESTED, minutes=1)
    events = c.hand_off(Reason.RISK, at(5))
    assert c.priority is Priority.SAFEGUARDING
    assert c.reason == Reason.RISK, "the reason always explains the current priority"
    assert c.queued_at == at(1)
    assert events == [
        Escalated(
            conversation_id="c-1",
            at=at(5),
            old_priority=Priority.NORMAL,
            new_priority=Priority.SAFEGUARDING,
            reason=Reason.RISK,
        )
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Reason.REQUESTED, Reason.FALLBACK),  # equal
        (Reason.SAFEGUARDING, Reason.RISK),  # equal, different label
        (Reason.SAFEGUARDING, Reason.REQUESTED),  # less urgent
        (Reason.EMERGENCY, Reason.SAFEGUARDING),
        (Reason.EMERGENCY, Reason.EMERGENCY),
    ],
)
def test_a_handoff_that_is_not_more_urgent_changes_nothing(first: str, second: str) -> None:
    c = queued(first)
    before = snapshot(c)
    assert c.hand_off(second, at(5)) == []
    assert snapshot(c) == before


def test_an_emergency_handoff_while_queued_flags_and_escalates() -> None:
    c = queued(Reason.SAFEGUARDING)
    events = c.hand_off(Reason.EMERGENCY, at(5))
    assert c.emergency and c.priority is Priority.EMERGENCY and c.reason == Reason.EMERGENCY
    assert [type(e) for e in events] == [EmergencyFlagged, Escalated]
    escalated = events[1]
    assert isinstance(escalated, Escalated)
    assert (escalated.old_priority, escalated.new_priority) == (Priority.SAFEGUARDING, Priority.EMERGENCY)


def test_escalation_while_with_an_agent_keeps_the_agent() -> None:
    c = with_agent(Reason.REQUESTED, agent="agent-1")
    events = c.hand_off(Reason.SAFEGUARDING, at(5))
    assert c.status is Status.AGENT
    assert c.agent_id == "agent-1"
    assert c.priority is Priority.SAFEGUARDING
    assert [type(e) for e in events] == [Escalated]


def test_a_less_urgent_handoff_while_with_an_agent_is_ignored() -> None:
    c = with_agent(Reason.SAFEGUARDING)
    before = snapshot(c)
    assert c.hand_off(Reason.REQUESTED, at(5)) == []
    assert snapshot(c) == before


def test_an_escalated_chat_that_is_released_queues_at_the_raised_priority() -> None:
    c = with_agent(Reason.REQUESTED)
    c.hand_off(Reason.SAFEGUARDING, at(5))
    c.release(at(6))
    assert c.status is Status.QUEUED
    assert c.priority is Priority.SAFEGUARDING


# -- flag_emergency -------------------------------------------------------------------------


def test_flag_emergency_from_the_bot_queues_at_the_top() -> None:
    c = new()
    events = c.flag_emergency(at(1))
    assert c.status is Status.QUEUED
    assert c.emergency
    assert c.priority is Priority.EMERGENCY
    assert c.reason == Reason.EMERGENCY
    assert c.queued_at == at(1)
    assert events == [
        EmergencyFlagged(conversation_id="c-1", at=at(1)),
        Queued(conversation_id="c-1", at=at(1), priority=Priority.EMERGENCY, reason=Reason.EMERGENCY),
    ]


@pytest.mark.parametrize("start", ["bot", "queued", "agent"])
def test_flag_emergency_is_idempotent(start: str) -> None:
    builders: dict[str, Callable[[], Conversation]] = {"bot": new, "queued": queued, "agent": with_agent}
    c = builders[start]()
    first = c.flag_emergency(at(5))
    assert first, "the first flag is a change"
    after_first = snapshot(c)
    assert c.flag_emergency(at(6)) == []
    assert c.hand_off(Reason.EMERGENCY, at(7)) == []
    assert snapshot(c) == after_first


def test_flag_emergency_while_with_an_agent_keeps_the_agent() -> None:
    c = with_agent(Reason.SAFEGUARDING, agent="agent-7")
    c.flag_emergency(at(5))
    assert c.status is Status.AGENT and c.agent_id == "agent-7"
    assert c.emergency and c.priority is Priority.EMERGENCY


def test_an_emergency_is_never_returned_to_the_bot() -> None:
    c = new()
    c.flag_emergency(at(1))
    c.claim("agent-1", at(2))
    with pytest.raises(UnsafeMove) as refused:
        c.return_to_bot(at(3))
    assert "emergency" in str(refused.value.detail)
    assert c.status is Status.AGENT and c.version == 2, "nothing changed"
    assert Move.RETURN_TO_BOT not in c.moves() and Move.RELEASE in c.moves()


@pytest.mark.parametrize("reason", [Reason.SAFEGUARDING, Reason.RISK])
def test_a_safeguarding_chat_is_never_returned_to_the_bot(reason: str) -> None:
    c = new()
    c.hand_off(reason, at(1))
    c.claim("agent-1", at(2))
    with pytest.raises(UnsafeMove):
        c.return_to_bot(at(3))
    assert Move.RETURN_TO_BOT not in c.moves()


def test_a_normal_chat_may_go_back_to_the_bot() -> None:
    c = new()
    c.hand_off(Reason.REQUESTED, at(1))
    c.claim("agent-1", at(2))
    assert Move.RETURN_TO_BOT in c.moves()
    c.return_to_bot(at(3))
    assert c.status is Status.BOT and c.unsafe_to_return is None


def former_emergency_with_the_bot() -> Conversation:
    """A chat flagged before (stored that way by an older version, or by a person's decision)."""
    return Conversation(id="c-1", created_at=at(0), status=Status.BOT, emergency=True, version=3)


def test_a_new_emergency_after_return_to_the_bot_queues_again() -> None:
    c = former_emergency_with_the_bot()
    events = c.flag_emergency(at(10))
    assert [type(e) for e in events] == [EmergencyFlagged, Queued]
    assert c.status is Status.QUEUED
    assert c.queued_at == at(10), "a new stay in the queue starts a new clock"


def test_a_former_emergency_handed_off_again_goes_in_at_the_top() -> None:
    c = former_emergency_with_the_bot()
    c.hand_off(Reason.REQUESTED, at(10))
    assert c.priority is Priority.EMERGENCY
    assert c.reason == Reason.REQUESTED
    assert invariant_violations(c) == []


# -- claim ----------------------------------------------------------------------------------


def test_claim_gives_the_chat_to_the_agent() -> None:
    c = queued()
    events = c.claim("agent-1", at(4))
    assert c.status is Status.AGENT
    assert c.agent_id == "agent-1"
    assert c.claimed_at == at(4)
    assert c.queued_at == at(1)
    assert events == [Claimed(conversation_id="c-1", at=at(4), agent_id="agent-1")]


@pytest.mark.parametrize("second_agent", ["agent-1", "agent-2"])
def test_a_claimed_chat_cannot_be_claimed_again(second_agent: str) -> None:
    c = with_agent(agent="agent-1")
    before = snapshot(c)
    with pytest.raises(AlreadyClaimed) as caught:
        c.claim(second_agent, at(5))
    assert caught.value.held_by == "agent-1"
    assert caught.value.conversation_id == "c-1"
    assert not isinstance(caught.value, IllegalTransition), "a race, not a bug: the web layer says 409"
    assert snapshot(c) == before


def test_claim_needs_an_agent_id() -> None:
    c = queued()
    with pytest.raises(InvalidValue):
        c.claim("", at(2))
    assert c.status is Status.QUEUED


# -- release --------------------------------------------------------------------------------


def test_release_puts_the_chat_back_keeping_its_original_queue_time_and_priority() -> None:
    c = queued(Reason.REQUESTED, minutes=1)
    c.claim("agent-1", at(2))
    events = c.release(at(12))
    assert c.status is Status.QUEUED
    assert c.queued_at == at(1), "it has already waited: not sent to the back"
    assert c.priority is Priority.NORMAL
    assert c.agent_id is None and c.claimed_at is None
    assert c.reason == Reason.TRANSFER, "equally urgent: the label says it was transferred"
    assert events == [
        Released(
            conversation_id="c-1",
            at=at(12),
            agent_id="agent-1",
            reason=Reason.TRANSFER,
            priority=Priority.NORMAL,
            handled_seconds=600,
        )
    ]


def test_a_released_chat_is_ahead_of_chats_that_arrived_after_it() -> None:
    early = queued(Reason.REQUESTED, minutes=1, conversation_id="early")
    early.claim("agent-1", at(2))
    later = queued(Reason.REQUESTED, minutes=5, conversation_id="later")
    early.release(at(10))
    ordered = order_queue([QueueEntry.of(later), QueueEntry.of(early)])
    assert [e.conversation_id for e in ordered] == ["early", "later"]


def test_release_keeps_a_safeguarding_label() -> None:
    c = with_agent(Reason.SAFEGUARDING)
    events = c.release(at(5))
    assert c.reason == Reason.SAFEGUARDING
    assert c.priority is Priority.SAFEGUARDING
    released = events[0]
    assert isinstance(released, Released) and released.reason == Reason.TRANSFER
    assert len(events) == 1


def test_release_for_a_more_urgent_reason_escalates() -> None:
    c = with_agent(Reason.REQUESTED)
    events = c.release(at(5), reason=Reason.SAFEGUARDING)
    assert c.priority is Priority.SAFEGUARDING and c.reason == Reason.SAFEGUARDING
    assert [type(e) for e in events] == [Released, Escalated]
    assert c.version == 3, "hand_off, claim, release: one step each, however many events"


def test_release_for_an_emergency_flags_it() -> None:
    c = with_agent(Reason.REQUESTED)
    events = c.release(at(5), reason=Reason.EMERGENCY)
    assert c.emergency and c.priority is Priority.EMERGENCY
    assert [type(e) for e in events] == [Released, EmergencyFlagged, Escalated]
    assert invariant_violations(c) == []


def test_a_released_chat_can_be_claimed_by_another_agent() -> None:
    c = with_agent(agent="agent-1")
    c.release(at(5))
    c.claim("agent-2", at(6))
    assert c.agent_id == "agent-2" and c.claimed_at == at(6)


# -- transfer -------------------------------------------------------------------------------


def test_transfer_moves_the_chat_to_another_agent() -> None:
    c = with_agent(agent="agent-1")  # claimed at minute 2
    events = c.transfer("agent-2", at(7))
    assert c.status is Status.AGENT
    assert c.agent_id == "agent-2"
    assert c.claimed_at == at(7), "the new agent's handling time starts now"
    assert events == [
        Transferred(
            conversation_id="c-1", at=at(7), from_agent="agent-1", to_agent="agent-2", handled_seconds=300
        )
    ]


def test_transfer_to_the_same_agent_is_illegal() -> None:
    c = with_agent(agent="agent-1")
    before = snapshot(c)
    with pytest.raises(IllegalTransition, match="already has"):
        c.transfer("agent-1", at(5))
    assert snapshot(c) == before


# -- return_to_bot --------------------------------------------------------------------------


def test_return_to_bot_clears_the_queue_fields() -> None:
    c = with_agent(Reason.SPECIFIC_TICKET, agent="agent-1")
    events = c.return_to_bot(at(4))
    assert c.status is Status.BOT
    assert (c.agent_id, c.claimed_at, c.priority, c.reason, c.queued_at) == (None, None, None, None, None)
    assert events == [ReturnedToBot(conversation_id="c-1", at=at(4), agent_id="agent-1", handled_seconds=120)]
    assert c.routes_to is Route.BOT


# -- close ----------------------------------------------------------------------------------


def test_outcomes_are_the_documented_ones() -> None:
    assert OUTCOMES == (
        "resolved",
        "report_taken",
        "referred_999",
        "referred_other_agency",
        "advice_given",
        "no_further_action",
        "abandoned",
        "duplicate",
    )
    assert tuple(o.value for o in Outcome) == OUTCOMES


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_close_accepts_every_outcome(outcome: str) -> None:
    c = with_agent()
    c.close(outcome, at(9))
    assert c.status is Status.CLOSED
    assert c.outcome == outcome
    assert c.closed_at == at(9)


@pytest.mark.parametrize("outcome", ["", "RESOLVED", "crime_number_issued", "resolved "])
def test_close_refuses_an_unknown_outcome(outcome: str) -> None:
    c = with_agent()
    before = snapshot(c)
    with pytest.raises(InvalidOutcome) as caught:
        c.close(outcome, at(9))
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, DomainError)
    assert caught.value.allowed == OUTCOMES
    assert snapshot(c) == before


def test_closing_a_closed_chat_is_illegal_whatever_the_outcome() -> None:
    c = new()
    c.close("abandoned", at(1))
    with pytest.raises(IllegalTransition):
        c.close("not-an-outcome", at(2))


def test_close_from_an_agent_keeps_the_record() -> None:
    c = with_agent(Reason.SAFEGUARDING, agent="agent-1")  # claimed at minute 2
    events = c.close("report_taken", at(12))
    assert c.agent_id == "agent-1" and c.priority is Priority.SAFEGUARDING and c.reason == Reason.SAFEGUARDING
    assert events == [
        Closed(
            conversation_id="c-1",
            at=at(12),
            outcome="report_taken",
            previous_status="agent",
            agent_id="agent-1",
            handled_seconds=600,
        )
    ]


def test_close_without_an_agent_has_no_handling_time() -> None:
    c = new()
    events = c.close("resolved", at(3))
    closed = events[0]
    assert isinstance(closed, Closed)
    assert closed.agent_id is None and closed.handled_seconds is None and closed.previous_status == "bot"


# -- record_report --------------------------------------------------------------------------


def test_record_report_sets_the_reference() -> None:
    c = new()
    events = c.record_report("WEB-1", at(2))
    assert c.report_reference == "WEB-1"
    assert events == [ReportRecorded(conversation_id="c-1", at=at(2), reference="WEB-1", previous=None)]


def test_recording_the_same_reference_again_is_a_no_op() -> None:
    c = new()
    c.record_report("WEB-1", at(2))
    assert c.record_report("WEB-1", at(3)) == []
    assert c.version == 1


def test_a_second_report_replaces_the_reference_and_remembers_the_first() -> None:
    c = new()
    c.record_report("WEB-1", at(2))
    events = c.record_report("WEB-2", at(3))
    assert c.report_reference == "WEB-2"
    assert events == [ReportRecorded(conversation_id="c-1", at=at(3), reference="WEB-2", previous="WEB-1")]


def test_a_blank_reference_is_refused() -> None:
    with pytest.raises(InvalidValue):
        new().record_report(" ", at(1))


# -- version --------------------------------------------------------------------------------


def test_version_counts_state_changing_calls_only() -> None:
    c = new()
    c.hand_off(Reason.REQUESTED, at(1))  # 1
    c.hand_off(Reason.REQUESTED, at(2))  # no-op
    c.hand_off(Reason.SAFEGUARDING, at(3))  # 2
    c.claim("agent-1", at(4))  # 3
    c.flag_emergency(at(5))  # 4 (two events, one step)
    c.flag_emergency(at(6))  # no-op
    c.record_report("WEB-1", at(7))  # 5
    c.transfer("agent-2", at(8))  # 6
    c.release(at(9))  # 7
    c.claim("agent-3", at(10))  # 8
    c.release(at(11))  # 9 (an emergency never goes back to the bot)
    c.close("advice_given", at(12))  # 10
    assert c.version == 10


# -- identity and rebuilding from storage ---------------------------------------------------


def test_identity_is_the_id() -> None:
    a = new("same")
    b = queued(conversation_id="same")
    assert a == b
    assert hash(a) == hash(b)
    assert a != new("other")
    assert a != "same"
    assert len({a, b}) == 1


def test_rebuilding_from_plain_row_values_normalises_them() -> None:
    c = Conversation(
        id="c-9",
        created_at=T0,
        status="queued",  # type: ignore[arg-type]
        priority=1,  # type: ignore[arg-type]
        reason=Reason.SAFEGUARDING,
        queued_at=at(1),
        version=7,
    )
    assert c.status is Status.QUEUED
    assert c.priority is Priority.SAFEGUARDING
    c.claim("agent-1", at(2))
    assert c.version == 8


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.AGENT, "priority": Priority.NORMAL, "reason": "requested", "queued_at": T0},
        {"status": Status.BOT, "priority": Priority.NORMAL},
        {"status": Status.QUEUED, "priority": Priority.NORMAL, "reason": "requested"},
        {
            "status": Status.QUEUED,
            "priority": Priority.NORMAL,
            "reason": "requested",
            "queued_at": T0,
            "emergency": True,
        },
        {"status": Status.QUEUED, "priority": Priority.EMERGENCY, "reason": "emergency", "queued_at": T0},
        {"status": Status.CLOSED, "closed_at": T0, "outcome": "mystery"},
        {"status": Status.CLOSED, "outcome": "resolved"},
        {"version": -1},
    ],
)
def test_an_inconsistent_row_is_refused_when_rebuilt(fields: dict[str, Any]) -> None:
    with pytest.raises(InconsistentState):
        Conversation(id="bad", created_at=T0, **fields)


def test_every_error_is_a_domain_error() -> None:
    for error in (IllegalTransition, AlreadyClaimed, InvalidValue, InvalidOutcome, InconsistentState):
        assert issubclass(error, DomainError)
