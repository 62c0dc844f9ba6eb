"""A submitted report on the reports desk: claim, decide, and the 24-hour recording clock.

Every online report is assessed by a person (THRIVE: threat, harm, risk, investigation,
vulnerability, engagement), and a crime must be recorded within ``RECORDING_DEADLINE_HOURS``
(default 24, the National Crime Recording Standard) of the report. The desk shows open reports
most urgent first: risk flags, then the recording deadline.

Lifecycle (the transition table is ``LEGAL_FROM``)::

    new ──claim──> claimed ──decide──> decided
     ^               │ release
     └───────────────┘

``decide`` is also allowed straight from ``new`` by whoever claims it in the same step (the
desk's "decide" claims for the decider when nobody holds the report). A decided report is final:
a second decision is an ``IllegalTransition`` (409). Moves return events; the application layer
writes them, with the outbox entries they cause, in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from .errors import AlreadyClaimed, IllegalTransition, InvalidValue
from .thrive import THRIVE_ITEMS, THRIVE_LEVELS

DEFAULT_DEADLINE_HOURS = 24


class ReportStatus(StrEnum):
    NEW = "new"
    CLAIMED = "claimed"
    DECIDED = "decided"


class ReportMove(StrEnum):
    CLAIM = "claim"
    RELEASE = "release"
    DECIDE = "decide"


class DeskOutcome(StrEnum):
    CRIME_RECORDED = "crime_recorded"
    INCIDENT_RECORDED = "incident_recorded"
    NO_FURTHER_ACTION = "no_further_action"
    REFERRED = "referred"
    DUPLICATE = "duplicate"
    NEEDS_CONTACT = "needs_contact"


DESK_OUTCOMES: tuple[str, ...] = tuple(o.value for o in DeskOutcome)

LEGAL_FROM: Mapping[ReportMove, frozenset[ReportStatus]] = {
    ReportMove.CLAIM: frozenset({ReportStatus.NEW}),
    ReportMove.RELEASE: frozenset({ReportStatus.CLAIMED}),
    ReportMove.DECIDE: frozenset({ReportStatus.NEW, ReportStatus.CLAIMED}),
}

#: The form's kind (actions/forms) → the desk's kind (the API's ``kind=`` filter).
DESK_KINDS: Mapping[str, str] = {"crime": "crime", "collision": "collision", "community_info": "community"}
FORM_KINDS: Mapping[str, str] = {desk: form for form, desk in DESK_KINDS.items()}

#: Desk priority: 1 = a risk flag (act first), 2 = everything else.
PRIORITY_RISK = 1
PRIORITY_ROUTINE = 2

#: Longest decision note kept (a free-text note for the force's systems, never shown to the citizen).
MAX_NOTE_CHARS = 2000
MAX_CRIME_REFERENCE_CHARS = 40


class ReportAlreadyClaimed(AlreadyClaimed):
    """Someone else holds the report (409): an expected race between two desk users."""

    def __init__(self, reference: str, held_by: str) -> None:
        super().__init__(reference, held_by)
        self.reference = reference
        self.args = (f"report {reference} is already claimed by {held_by}",)


class DecisionInvalid(InvalidValue):
    """A decision with a missing or wrong field; ``field`` names it (422 with the field)."""

    def __init__(self, field_name: str, message: str) -> None:
        self.field = field_name
        super().__init__(message)


# --- events --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ReportEvent:
    reference: str
    at: datetime


@dataclass(frozen=True, kw_only=True)
class ReportClaimed(ReportEvent):
    user_id: int


@dataclass(frozen=True, kw_only=True)
class ReportReleased(ReportEvent):
    user_id: int


@dataclass(frozen=True, kw_only=True)
class ReportDecided(ReportEvent):
    user_id: int
    outcome: str
    crime_reference: str | None
    decision_seconds: int  # submitted → decided, for the desk's figures


# --- the 24-hour clock and risk ------------------------------------------------------------------


def due_at(submitted_at: datetime, deadline_hours: int = DEFAULT_DEADLINE_HOURS) -> datetime:
    """When the recording decision is due: ``deadline_hours`` after the report was submitted."""
    if deadline_hours < 1:
        raise InvalidValue("the recording deadline is at least one hour")
    return submitted_at + timedelta(hours=deadline_hours)


def is_overdue(due: datetime, now: datetime, status: str) -> bool:
    """Past its deadline and not decided yet (a decided report is never overdue)."""
    return status != ReportStatus.DECIDED and now >= due


def _value(fields: Mapping[str, Any], slot: str) -> Any:
    entry = fields.get(slot)
    return entry.get("value") if isinstance(entry, Mapping) else entry


def risk_flags(fields: Mapping[str, Any], *, emergency: bool = False, reason: str | None = None) -> list[str]:
    """Why a report should be assessed first (empty: routine). ``emergency`` and ``reason`` come
    from the chat the report was made in (flagged, or handed to a person for safeguarding)."""
    flags: list[str] = []
    if emergency:
        flags.append("emergency_in_chat")
    if reason in ("safeguarding", "risk"):
        flags.append(f"{reason}_in_chat")
    if _value(fields, "crime_risk_now") is True:
        flags.append("someone_at_risk")
    if _value(fields, "crime_offender_known") is True:
        flags.append("offender_known")
    injured = _value(fields, "collision_injured")
    if isinstance(injured, str) and injured not in ("none", "no", "not known"):
        flags.append("injury")
    if _value(fields, "collision_road_danger") is True:
        flags.append("road_danger")
    return flags


def contact_of(fields: Mapping[str, Any]) -> dict[str, str] | None:
    """The phone or email given on the report (``{"kind", "value"}``), or None: anonymous."""
    value = _value(fields, "contact_details")
    if isinstance(value, Mapping) and isinstance(value.get("value"), str) and value.get("value"):
        return {"kind": str(value.get("kind") or ""), "value": str(value["value"])}
    if isinstance(value, str) and value.strip():
        return {"kind": "email" if "@" in value else "phone", "value": value.strip()}
    return None


def normalise_contact(text: str) -> str:
    """How a contact is compared: an email in lower case; a phone as its digits, +44 as 0."""
    text = (text or "").strip()
    if "@" in text:
        return text.lower()
    digits = "".join(c for c in text if c.isdigit())
    if text.startswith("+44") or (digits.startswith("44") and len(digits) == 12):
        digits = "0" + digits[2:]
    return digits


def contact_matches(given: str, fields: Mapping[str, Any]) -> bool:
    """Does what the citizen typed match the report's contact? Too short never matches."""
    contact = contact_of(fields)
    if contact is None:
        return False
    expected = normalise_contact(contact["value"])
    if len(expected) < 6:
        return False
    typed = normalise_contact(given)
    if "@" in expected:
        return any(normalise_contact(word.strip(".,;:!?()<>")) == expected for word in given.split())
    return expected in typed


# --- the entity ----------------------------------------------------------------------------------


@dataclass(eq=False)
class Report:
    """One report on the desk. Identity is ``reference``."""

    reference: str
    kind: str
    submitted_at: datetime
    due_at: datetime
    status: ReportStatus = ReportStatus.NEW
    priority: int = PRIORITY_ROUTINE
    claimed_by: int | None = None
    claimed_at: datetime | None = None
    decided_by: int | None = None
    decided_at: datetime | None = None
    outcome: str | None = None
    crime_reference: str | None = None
    thrive: dict[str, str] | None = None
    note: str | None = None
    citizen_message: str | None = None
    version: int = field(default=0)

    def __post_init__(self) -> None:
        self.status = ReportStatus(self.status)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and other.reference == self.reference

    def __hash__(self) -> int:
        return hash(self.reference)

    def overdue(self, now: datetime) -> bool:
        return is_overdue(self.due_at, now, self.status)

    def claim(self, user_id: int, now: datetime) -> list[ReportEvent]:
        """NEW → CLAIMED. Claimed by someone else: ``AlreadyClaimed`` (409, an expected race);
        claimed by the same person: nothing happens."""
        if self.status is ReportStatus.CLAIMED:
            if self.claimed_by == user_id:
                return []
            raise ReportAlreadyClaimed(self.reference, str(self.claimed_by))
        self._require(ReportMove.CLAIM)
        self.status = ReportStatus.CLAIMED
        self.claimed_by = user_id
        self.claimed_at = now
        return self._commit([ReportClaimed(reference=self.reference, at=now, user_id=user_id)])

    def release(self, user_id: int, now: datetime, *, oversees: bool = False) -> list[ReportEvent]:
        """CLAIMED → NEW, by its holder (or a supervisor)."""
        self._require(ReportMove.RELEASE)
        if self.claimed_by != user_id and not oversees:
            raise ReportAlreadyClaimed(self.reference, str(self.claimed_by))
        self.status = ReportStatus.NEW
        self.claimed_by = None
        self.claimed_at = None
        return self._commit([ReportReleased(reference=self.reference, at=now, user_id=user_id)])

    def decide(
        self, user_id: int, decision: Decision, now: datetime, *, oversees: bool = False
    ) -> list[ReportEvent]:
        """NEW/CLAIMED → DECIDED. Someone else's claim stops it (unless a supervisor decides)."""
        self._require(ReportMove.DECIDE)
        if self.status is ReportStatus.CLAIMED and self.claimed_by != user_id and not oversees:
            raise ReportAlreadyClaimed(self.reference, str(self.claimed_by))
        events: list[ReportEvent] = []
        if self.status is ReportStatus.NEW:
            self.claimed_by = user_id
            self.claimed_at = now
            events.append(ReportClaimed(reference=self.reference, at=now, user_id=user_id))
        self.status = ReportStatus.DECIDED
        self.decided_by = user_id
        self.decided_at = now
        self.outcome = decision.outcome
        self.crime_reference = decision.crime_reference
        self.thrive = dict(decision.thrive)
        self.note = decision.note
        self.citizen_message = decision.citizen_message
        seconds = max(0, int((now - self.submitted_at).total_seconds()))
        events.append(
            ReportDecided(
                reference=self.reference,
                at=now,
                user_id=user_id,
                outcome=decision.outcome,
                crime_reference=decision.crime_reference,
                decision_seconds=seconds,
            )
        )
        return self._commit(events)

    def _require(self, move: ReportMove) -> None:
        if self.status not in LEGAL_FROM[move]:
            detail = "a decided report is final" if self.status is ReportStatus.DECIDED else None
            raise IllegalTransition(self.status, move, detail)

    def _commit(self, events: list[ReportEvent]) -> list[ReportEvent]:
        if events:
            self.version += 1
        return events


# --- the decision --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    outcome: str
    thrive: Mapping[str, str]
    crime_reference: str | None = None
    note: str | None = None
    citizen_message: str | None = None

    @classmethod
    def parse(cls, body: Any) -> Decision:
        """Read the API's decision body; ``DecisionInvalid`` names the first wrong field."""
        if not isinstance(body, Mapping):
            raise DecisionInvalid("body", "the decision must be a JSON object")
        outcome = body.get("outcome")
        if outcome not in DESK_OUTCOMES:
            raise DecisionInvalid("outcome", f'"outcome" must be one of: {", ".join(DESK_OUTCOMES)}')
        thrive = body.get("thrive")
        if not isinstance(thrive, Mapping):
            raise DecisionInvalid(
                "thrive", f'"thrive" must give a level for each of: {", ".join(THRIVE_ITEMS)}'
            )
        for item in THRIVE_ITEMS:
            if thrive.get(item) not in THRIVE_LEVELS:
                raise DecisionInvalid(
                    f"thrive.{item}", f'"thrive.{item}" must be one of: {", ".join(THRIVE_LEVELS)}'
                )
        unknown = sorted(set(thrive) - set(THRIVE_ITEMS))
        if unknown:
            raise DecisionInvalid(f"thrive.{unknown[0]}", f'"thrive" has no item {unknown[0]!r}')
        crime_reference = _optional_text(body, "crime_reference", MAX_CRIME_REFERENCE_CHARS)
        if outcome == DeskOutcome.CRIME_RECORDED and not crime_reference:
            raise DecisionInvalid("crime_reference", '"crime_reference" is required when a crime is recorded')
        if outcome != DeskOutcome.CRIME_RECORDED:
            crime_reference = crime_reference or None
        return cls(
            outcome=str(outcome),
            thrive={item: str(thrive[item]) for item in THRIVE_ITEMS},
            crime_reference=crime_reference,
            note=_optional_text(body, "note", MAX_NOTE_CHARS),
            citizen_message=_optional_text(body, "citizen_message", 500),
        )


def _optional_text(body: Mapping[str, Any], name: str, limit: int) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DecisionInvalid(name, f'"{name}" must be a string')
    value = value.strip()
    if len(value) > limit:
        raise DecisionInvalid(name, f'"{name}" is limited to {limit} characters')
    return value or None


# --- desk order ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskEntry:
    reference: str
    priority: int
    due_at: datetime
    submitted_at: datetime


def order_desk(entries: Iterable[DeskEntry]) -> list[DeskEntry]:
    """Most urgent first: a risk flag first, then the earliest recording deadline, then the
    earliest submitted, then the reference (a stable order for equal reports)."""
    return sorted(entries, key=lambda e: (e.priority, e.due_at, e.submitted_at, e.reference))


# --- what the citizen is told --------------------------------------------------------------------


class PublicStage(StrEnum):
    RECEIVED = "received"
    BEING_ASSESSED = "being_assessed"
    CRIME_RECORDED = "crime_recorded"
    CLOSED = "closed"


def public_stage(status: str, outcome: str | None) -> PublicStage:
    """Where a report stands, as the citizen may hear it."""
    if status == ReportStatus.NEW:
        return PublicStage.RECEIVED
    if status == ReportStatus.CLAIMED or outcome == DeskOutcome.NEEDS_CONTACT:
        return PublicStage.BEING_ASSESSED
    if outcome == DeskOutcome.CRIME_RECORDED:
        return PublicStage.CRIME_RECORDED
    return PublicStage.CLOSED


def figures(
    reports: Sequence[tuple[str, str, datetime, datetime, datetime | None]], now: datetime
) -> dict[str, Any]:
    """The desk's live figures from ``(kind, status, submitted_at, due_at, decided_at)`` rows:
    open, overdue, the oldest open report's age, decided today (UTC) and open by kind."""
    open_rows = [r for r in reports if r[1] != ReportStatus.DECIDED]
    today = now.date()
    by_kind: dict[str, int] = {kind: 0 for kind in DESK_KINDS.values()}
    for kind, *_ in open_rows:
        desk_kind = DESK_KINDS.get(kind, kind)
        by_kind[desk_kind] = by_kind.get(desk_kind, 0) + 1
    oldest = min((r[2] for r in open_rows), default=None)
    return {
        "open": len(open_rows),
        "overdue": sum(1 for r in open_rows if now >= r[3]),
        "oldest_open_seconds": int((now - oldest).total_seconds()) if oldest else None,
        "decided_today": sum(1 for r in reports if r[4] is not None and r[4].date() == today),
        "open_by_kind": by_kind,
    }
