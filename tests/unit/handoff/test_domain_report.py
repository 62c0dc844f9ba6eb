"""The reports desk's domain: the transition table, decisions, the 24-hour clock and desk order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from handoff.domain import IllegalTransition, InvalidValue
from handoff.domain.report import (
    LEGAL_FROM,
    PRIORITY_RISK,
    PRIORITY_ROUTINE,
    Decision,
    DecisionInvalid,
    DeskEntry,
    PublicStage,
    Report,
    ReportAlreadyClaimed,
    ReportClaimed,
    ReportDecided,
    ReportMove,
    ReportReleased,
    ReportStatus,
    contact_matches,
    due_at,
    figures,
    is_overdue,
    order_desk,
    public_stage,
    risk_flags,
)
from handoff.domain.thrive import THRIVE_ITEMS

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
LOW = dict.fromkeys(THRIVE_ITEMS, "low")


class Clock:
    """An injected clock: the test moves time, nothing sleeps."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def report(status: ReportStatus = ReportStatus.NEW, **kw: Any) -> Report:
    return Report(
        reference="WEB-ABCD-2345", kind="crime", submitted_at=T0, due_at=due_at(T0), status=status, **kw
    )


def decision(**kw: Any) -> Decision:
    body = {"outcome": "crime_recorded", "crime_reference": "CR/12345/26", "thrive": LOW, **kw}
    return Decision.parse(body)


def test_transition_table() -> None:
    assert LEGAL_FROM[ReportMove.CLAIM] == {ReportStatus.NEW}
    assert LEGAL_FROM[ReportMove.RELEASE] == {ReportStatus.CLAIMED}
    assert LEGAL_FROM[ReportMove.DECIDE] == {ReportStatus.NEW, ReportStatus.CLAIMED}


def test_claim_then_decide_returns_events_and_steps_the_version() -> None:
    r = report()
    assert r.claim(7, T0) == [ReportClaimed(reference=r.reference, at=T0, user_id=7)]
    assert r.status.value == "claimed" and r.version == 1
    assert r.claim(7, T0) == []  # claiming your own report again changes nothing
    later = T0 + timedelta(hours=3)
    [event] = r.decide(7, decision(), later)
    assert event == ReportDecided(
        reference=r.reference,
        at=later,
        user_id=7,
        outcome="crime_recorded",
        crime_reference="CR/12345/26",
        decision_seconds=3 * 3600,
    )
    assert r.status.value == "decided" and r.crime_reference == "CR/12345/26" and r.version == 2


def test_someone_elses_claim_is_an_expected_race() -> None:
    r = report()
    r.claim(7, T0)
    with pytest.raises(ReportAlreadyClaimed):
        r.claim(8, T0)
    with pytest.raises(ReportAlreadyClaimed):
        r.decide(8, decision(), T0)
    # A supervisor may decide a report someone else holds.
    assert r.decide(8, decision(), T0, oversees=True)


def test_deciding_an_unclaimed_report_claims_it_for_the_decider() -> None:
    r = report()
    events = r.decide(5, decision(outcome="no_further_action", crime_reference=None), T0)
    assert [type(e) for e in events] == [ReportClaimed, ReportDecided]
    assert r.claimed_by == 5 and r.crime_reference is None


def test_a_decision_is_final() -> None:
    r = report()
    r.decide(5, decision(), T0)
    with pytest.raises(IllegalTransition, match="final"):
        r.decide(5, decision(), T0)
    with pytest.raises(IllegalTransition):
        r.claim(6, T0)


def test_release_gives_the_report_back() -> None:
    r = report()
    r.claim(7, T0)
    with pytest.raises(ReportAlreadyClaimed):
        r.release(8, T0)
    assert r.release(7, T0) == [ReportReleased(reference=r.reference, at=T0, user_id=7)]
    assert r.status.value == "new" and r.claimed_by is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "outcome"),
        ({"outcome": "arrested"}, "outcome"),
        ({"outcome": "crime_recorded", "thrive": LOW}, "crime_reference"),
        ({"outcome": "crime_recorded", "crime_reference": "  ", "thrive": LOW}, "crime_reference"),
        ({"outcome": "referred"}, "thrive"),
        ({"outcome": "referred", "thrive": {**LOW, "harm": "severe"}}, "thrive.harm"),
        (
            {"outcome": "referred", "thrive": {k: v for k, v in LOW.items() if k != "engagement"}},
            "thrive.engagement",
        ),
        ({"outcome": "referred", "thrive": {**LOW, "mood": "low"}}, "thrive.mood"),
        ({"outcome": "referred", "thrive": LOW, "note": 5}, "note"),
        ({"outcome": "referred", "thrive": LOW, "note": "x" * 2001}, "note"),
    ],
)
def test_a_wrong_decision_names_the_field(body: dict[str, Any], field: str) -> None:
    with pytest.raises(DecisionInvalid) as raised:
        Decision.parse(body)
    assert raised.value.field == field


def test_the_24_hour_clock_with_an_injected_clock() -> None:
    clock = Clock(T0)
    r = report()
    assert r.due_at == T0 + timedelta(hours=24)
    clock.advance(hours=23, minutes=59, seconds=59)
    assert not r.overdue(clock())
    clock.advance(seconds=1)
    assert r.overdue(clock())  # at the deadline it is due now: overdue
    r.decide(1, decision(), clock())
    assert not r.overdue(clock())  # a decided report is never overdue
    assert due_at(T0, 8) == T0 + timedelta(hours=8)
    with pytest.raises(InvalidValue):
        due_at(T0, 0)
    assert is_overdue(T0, T0, "claimed") and not is_overdue(T0, T0, "decided")


def test_desk_order_risk_first_then_deadline() -> None:
    def entry(ref: str, priority: int, hours_ago: float) -> DeskEntry:
        submitted = T0 - timedelta(hours=hours_ago)
        return DeskEntry(ref, priority, due_at(submitted), submitted)

    entries = [
        entry("old-routine", PRIORITY_ROUTINE, 20),
        entry("new-risk", PRIORITY_RISK, 1),
        entry("newer-routine", PRIORITY_ROUTINE, 2),
        entry("old-risk", PRIORITY_RISK, 5),
    ]
    assert [e.reference for e in order_desk(entries)] == [
        "old-risk",
        "new-risk",
        "old-routine",
        "newer-routine",
    ]


def test_risk_flags() -> None:
    assert risk_flags({}) == []
    assert risk_flags({"crime_risk_now": {"value": True}}) == ["someone_at_risk"]
    assert risk_flags({"collision_injured": {"value": "minor"}}) == ["injury"]
    assert risk_flags({"collision_injured": {"value": "none"}}) == []
    assert risk_flags({}, emergency=True, reason="safeguarding") == [
        "emergency_in_chat",
        "safeguarding_in_chat",
    ]


@pytest.mark.parametrize(
    ("stored", "typed", "matches"),
    [
        ({"kind": "phone", "value": "+447700900123"}, "07700 900123", True),
        ({"kind": "phone", "value": "+447700900123"}, "it's 07700-900-123 thanks", True),
        ({"kind": "phone", "value": "+447700900123"}, "+44 7700 900123", True),
        ({"kind": "phone", "value": "+447700900123"}, "07700 900124", False),
        ({"kind": "email", "value": "Sam@Example.com"}, "my email is sam@example.com.", True),
        ({"kind": "email", "value": "sam@example.com"}, "sam@example.co", False),
        (None, "07700 900123", False),  # anonymous: nothing to check
    ],
)
def test_the_follow_up_contact_check(stored: dict[str, str] | None, typed: str, matches: bool) -> None:
    fields = {"contact_details": {"value": stored}} if stored else {}
    assert contact_matches(typed, fields) is matches


def test_what_the_citizen_is_told() -> None:
    assert public_stage("new", None) is PublicStage.RECEIVED
    assert public_stage("claimed", None) is PublicStage.BEING_ASSESSED
    assert public_stage("decided", "needs_contact") is PublicStage.BEING_ASSESSED
    assert public_stage("decided", "crime_recorded") is PublicStage.CRIME_RECORDED
    assert public_stage("decided", "referred") is PublicStage.CLOSED


def test_figures() -> None:
    now = T0 + timedelta(hours=30)
    rows = [
        ("crime", "new", T0, due_at(T0), None),  # overdue
        ("collision", "claimed", now - timedelta(hours=1), due_at(now - timedelta(hours=1)), None),
        ("community_info", "decided", T0, due_at(T0), now - timedelta(hours=1)),
    ]
    assert figures(rows, now) == {
        "open": 2,
        "overdue": 1,
        "oldest_open_seconds": 30 * 3600,
        "decided_today": 1,
        "open_by_kind": {"crime": 1, "collision": 1, "community": 0},
    }
