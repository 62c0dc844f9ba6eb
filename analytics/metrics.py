"""Dashboard figures over a period, as pure functions of plain records.

Definitions (the analyst dashboard shows these words next to each chart):

* **topic** of a conversation: the assistant's reading of the first citizen message that was one
  of the main or safety intents, or ``request_human``; otherwise ``other``.
* **contained**: the conversation never went to the human queue *and finished*: a report was sent,
  a question was answered (a speed-camera or signposting answer), or it was closed — a chat left
  in the middle of a form is not contained (it is counted as ``unfinished``).
* **handed off**: it was queued for a person at least once (any reason, emergencies included).
* **emergency**: flagged as an emergency at any point.
* **queue wait**: from entering the queue to the first claim by an agent; chats never claimed in
  the period are not in the median/90th percentile (they are counted as ``unclaimed``).
* **reports submitted**: reports saved (receipt references given) in the period.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from triage import intents

TOPICS = (*intents.MAIN_INTENTS, *intents.SAFETY_INTENTS, intents.REQUEST_HUMAN)
OTHER = "other"


@dataclass(frozen=True)
class ConversationRecord:
    created_at: datetime
    first_intents: Sequence[str | None]  # the intents of its citizen messages, in order
    queued: bool  # ever entered the queue
    emergency: bool
    queued_at: datetime | None = None
    first_claimed_at: datetime | None = None
    finished: bool = True  # a report sent, a question answered, or closed (not stuck mid-form)
    #: What the agent recorded at close (the console, issue 15): THRIVE levels by item, and
    #: whether an incident or crime reference was given.
    thrive: Mapping[str, str] = field(default_factory=dict)
    incident_reference: bool = False


@dataclass(frozen=True)
class Dashboard:
    days: list[date]
    conversations_by_day_and_topic: dict[date, dict[str, int]]
    conversations: int
    contained: int
    handed_off: int
    emergencies: int
    reports_submitted: int
    reports_by_day: dict[date, int]
    wait_median_seconds: float | None
    wait_p90_seconds: float | None
    unclaimed: int
    unfinished: int = 0
    #: Chats an agent closed with THRIVE notes; of those, with any item rated high; with a reference.
    closed_with_thrive: int = 0
    thrive_high: int = 0
    closed_with_reference: int = 0
    topics: list[str] = field(default_factory=lambda: [*TOPICS, OTHER])
    #: Signposting questions (retrieval keys of the ``signpost`` intent) asked per day.
    signpost_by_day: dict[date, dict[str, int]] = field(default_factory=dict)
    #: The reports desk: decisions per day (by the day decided) and outcome, and the hours from
    #: submission to decision of each report decided that day.
    decisions_by_day: dict[date, dict[str, int]] = field(default_factory=dict)
    decision_hours_by_day: dict[date, list[float]] = field(default_factory=dict)

    @property
    def decision_hours(self) -> list[float]:
        return [h for hours in self.decision_hours_by_day.values() for h in hours]

    @property
    def decision_outcomes(self) -> list[str]:
        """The outcomes decided in the period, most frequent first."""
        totals: Counter[str] = Counter()
        for counts in self.decisions_by_day.values():
            totals.update(counts)
        return [outcome for outcome, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]

    @property
    def signpost_topics(self) -> list[str]:
        """The topics asked about in the period, most asked first."""
        totals: Counter[str] = Counter()
        for counts in self.signpost_by_day.values():
            totals.update(counts)
        return [topic for topic, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]

    @property
    def containment_rate(self) -> float | None:
        return self.contained / self.conversations if self.conversations else None

    @property
    def handoff_rate(self) -> float | None:
        return self.handed_off / self.conversations if self.conversations else None


def topic_of(first_intents: Iterable[str | None]) -> str:
    for name in first_intents:
        if name and intents.base_intent(name) in TOPICS:
            return intents.base_intent(name)
    return OTHER


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def days_between(start: date, end: date) -> list[date]:
    return [date.fromordinal(d) for d in range(start.toordinal(), end.toordinal() + 1)]


SIGNPOST = "signpost"


def signpost_counts(
    messages: Iterable[tuple[datetime, str | None]], start: date, end: date
) -> dict[date, dict[str, int]]:
    """Citizen messages read as a signposting topic (``signpost/fraud`` -> ``fraud``), per day."""
    by_day: dict[date, dict[str, int]] = {day: {} for day in days_between(start, end)}
    for at, name in messages:
        if not name or "/" not in name or intents.base_intent(name) != SIGNPOST:
            continue
        if start <= at.date() <= end:
            topic = name.split("/", 1)[1]
            by_day[at.date()][topic] = by_day[at.date()].get(topic, 0) + 1
    return by_day


def dashboard(
    conversations: Iterable[ConversationRecord],
    report_times: Iterable[datetime],
    start: date,
    end: date,
    signpost_messages: Iterable[tuple[datetime, str | None]] = (),
    decisions: Iterable[tuple[datetime, datetime, str | None]] = (),
) -> Dashboard:
    """Figures for conversations created and reports saved between ``start`` and ``end`` inclusive."""
    days = days_between(start, end)
    by_day: dict[date, dict[str, int]] = {day: dict.fromkeys([*TOPICS, OTHER], 0) for day in days}
    total = contained = handed_off = emergencies = unclaimed = unfinished = 0
    with_thrive = thrive_high = with_reference = 0
    waits: list[float] = []
    for record in conversations:
        day = record.created_at.date()
        if not start <= day <= end:
            continue
        total += 1
        by_day[day][topic_of(record.first_intents)] += 1
        if record.queued:
            handed_off += 1
            if record.queued_at and record.first_claimed_at:
                waits.append(max(0.0, (record.first_claimed_at - record.queued_at).total_seconds()))
            else:
                unclaimed += 1
        elif record.finished:
            contained += 1
        else:
            unfinished += 1
        emergencies += int(record.emergency)
        with_thrive += int(bool(record.thrive))
        thrive_high += int("high" in record.thrive.values())
        with_reference += int(record.incident_reference)
    reports: Counter[date] = Counter(t.date() for t in report_times if start <= t.date() <= end)
    reports_by_day = defaultdict(int, {day: reports.get(day, 0) for day in days})
    return Dashboard(
        days=days,
        conversations_by_day_and_topic=by_day,
        conversations=total,
        contained=contained,
        handed_off=handed_off,
        emergencies=emergencies,
        reports_submitted=sum(reports.values()),
        reports_by_day=dict(reports_by_day),
        wait_median_seconds=percentile(waits, 0.5),
        wait_p90_seconds=percentile(waits, 0.9),
        unclaimed=unclaimed,
        unfinished=unfinished,
        closed_with_thrive=with_thrive,
        thrive_high=thrive_high,
        closed_with_reference=with_reference,
        signpost_by_day=signpost_counts(signpost_messages, start, end),
        **decision_counts(decisions, start, end),
    )


def decision_counts(
    decisions: Iterable[tuple[datetime, datetime, str | None]], start: date, end: date
) -> dict[str, Any]:
    """``(submitted_at, decided_at, outcome)`` of desk decisions -> per day decided: the count by
    outcome and the hours each took (submission to decision)."""
    by_day: dict[date, dict[str, int]] = {day: {} for day in days_between(start, end)}
    hours: dict[date, list[float]] = {day: [] for day in days_between(start, end)}
    for submitted, decided, outcome in decisions:
        day = decided.date()
        if not start <= day <= end:
            continue
        key = outcome or "unknown"
        by_day[day][key] = by_day[day].get(key, 0) + 1
        hours[day].append(max(0.0, (decided - submitted).total_seconds() / 3600))
    return {"decisions_by_day": by_day, "decision_hours_by_day": hours}
