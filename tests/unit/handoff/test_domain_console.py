"""The console's domain rules: need to know, handover notes, close details, supervisor alerts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handoff.domain import (
    THRIVE_ITEMS,
    Access,
    ChatAccessFacts,
    Handover,
    HandoverAccepted,
    HandoverStatus,
    IllegalTransition,
    InvalidValue,
    NotTheReceiver,
    QueueEntry,
    access,
    close_details,
    emergency_alerts,
    may_view,
    waits_by_priority,
)
from handoff.domain.closing import parse_incident_reference
from triage.priority import Priority

T0 = datetime(2026, 12, 4, 22, 0, tzinfo=UTC)


def facts(
    role: str = "agent", status: str = "agent", holder: str | None = "7", before: set[str] | None = None
) -> ChatAccessFacts:
    return ChatAccessFacts(
        viewer_id="7",
        viewer_role=role,
        status=status,
        holder_id=holder,
        previous_holders=frozenset(before or set()),
    )


# -- need to know ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (facts(status="queued", holder=None), Access.QUEUED),
        (facts(status="agent", holder="7", before={"7"}), Access.HOLDER),
        (facts(status="closed", holder="7", before={"7"}), Access.HELD_BEFORE),
        (facts(status="agent", holder="9", before={"7", "9"}), Access.HELD_BEFORE),  # transferred on
        (facts(status="bot", holder=None, before={"7"}), Access.HELD_BEFORE),  # returned to the bot
        (facts(status="agent", holder="9", before={"9"}), Access.DENIED),  # a colleague's chat
        (facts(status="closed", holder="9", before={"9"}), Access.DENIED),
        (facts(status="bot", holder=None), Access.DENIED),  # still with the assistant
        (facts(role="supervisor", status="agent", holder="9"), Access.OVERSIGHT),
        (facts(role="admin", status="closed", holder="9"), Access.OVERSIGHT),
        (facts(role="analyst", status="queued", holder=None), Access.DENIED),
        (facts(role="desk", status="queued", holder=None), Access.DENIED),
    ],
)
def test_need_to_know(case: ChatAccessFacts, expected: Access) -> None:
    assert access(case) is expected
    assert may_view(case) is (expected is not Access.DENIED)


# -- handover notes ----------------------------------------------------------------------------


def test_a_transfer_needs_a_note_and_only_the_receiver_accepts_it() -> None:
    for blank in (None, "", "   ", 42):
        with pytest.raises(InvalidValue):
            Handover.write("c-1", "1", "2", blank, T0)
    with pytest.raises(InvalidValue):
        Handover.write("c-1", "1", "2", "x" * 1001, T0)
    note = Handover.write("c-1", "1", "2", "  Caller is 14, mum's partner at home. Keep her talking.  ", T0)
    assert note.note.startswith("Caller is 14") and note.status is HandoverStatus.PENDING
    with pytest.raises(NotTheReceiver):
        note.accept("1", T0)
    events = note.accept("2", T0 + timedelta(seconds=5))
    assert events == [HandoverAccepted(conversation_id="c-1", at=T0 + timedelta(seconds=5), by_agent="2")]
    assert note.status is HandoverStatus.ACCEPTED
    with pytest.raises(IllegalTransition):
        note.accept("2", T0)
    assert note.supersede(T0) == [], "an accepted note stays accepted"


def test_a_pending_note_is_superseded_when_the_chat_moves_on() -> None:
    note = Handover.write("c-1", "1", "2", "over to you", T0)
    assert len(note.supersede(T0)) == 1 and note.status is HandoverStatus.SUPERSEDED
    with pytest.raises(IllegalTransition):
        note.accept("2", T0)


# -- close details -----------------------------------------------------------------------------


def test_thrive_notes_are_validated_and_kept_in_the_acronym_order() -> None:
    details = close_details({"vulnerability": "high", "threat": "low", "harm": ""}, None)
    assert dict(details.thrive) == {"threat": "low", "vulnerability": "high"}
    assert list(details.thrive) == [i for i in THRIVE_ITEMS if i in details.thrive]
    with pytest.raises(InvalidValue, match="unknown THRIVE item"):
        close_details({"danger": "low"}, None)
    with pytest.raises(InvalidValue, match="must be one of"):
        close_details({"threat": "severe"}, None)
    with pytest.raises(InvalidValue):
        close_details(["threat"], None)
    assert close_details(None, "").thrive == {} and close_details(None, "").incident_reference is None


@pytest.mark.parametrize(
    "good", ["CAD-1234", "cad 1234", "INC 20261204/0042", "CRI/12345/26", "  inc-99999 "]
)
def test_incident_references_in_the_force_format(good: str) -> None:
    assert parse_incident_reference(good) == " ".join(good.upper().split())


@pytest.mark.parametrize("bad", ["1234", "hello", "CAD-12", "<script>", "X" * 50, 1234])
def test_other_references_are_refused(bad: object) -> None:
    with pytest.raises(InvalidValue):
        parse_incident_reference(bad)


def test_the_reference_format_is_configurable() -> None:
    assert parse_incident_reference("ab12/34", r"AB\d\d/\d\d") == "AB12/34"
    with pytest.raises(InvalidValue):
        parse_incident_reference("CAD-1234", r"AB\d\d/\d\d")


# -- supervision -------------------------------------------------------------------------------


def entry(cid: str, priority: Priority, minutes: float) -> QueueEntry:
    return QueueEntry(
        conversation_id=cid,
        priority=priority,
        queued_at=T0 - timedelta(minutes=minutes),
        emergency=priority is Priority.EMERGENCY,
        reason="x",
    )


def test_waits_by_priority_and_emergency_alerts() -> None:
    entries = [
        entry("e-old", Priority.EMERGENCY, 3),
        entry("e-new", Priority.EMERGENCY, 0.25),
        entry("s", Priority.SAFEGUARDING, 10),
        entry("n1", Priority.NORMAL, 40),
        entry("n2", Priority.NORMAL, 5),
    ]
    rows = waits_by_priority(entries, T0)
    assert [(r.priority, r.waiting, r.longest_seconds) for r in rows] == [
        (Priority.EMERGENCY, 2, 180),
        (Priority.SAFEGUARDING, 1, 600),
        (Priority.NORMAL, 2, 2400),
    ]
    assert [(a.conversation_id, a.waiting_seconds) for a in emergency_alerts(entries, T0, 60)] == [
        ("e-old", 180)
    ]
    assert [a.conversation_id for a in emergency_alerts(entries, T0, 0)] == ["e-old", "e-new"]
    assert waits_by_priority([], T0)[0].waiting == 0
