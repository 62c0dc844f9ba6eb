"""Dashboard figures (pure) and the charts rendered from them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from analytics.charts import CHARTS
from analytics.metrics import ConversationRecord, dashboard, decision_counts, percentile, topic_of

DAY = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def record(
    offset_days: int,
    intents: list[str | None],
    *,
    queued: bool = False,
    emergency: bool = False,
    wait_minutes: float | None = None,
) -> ConversationRecord:
    created = DAY + timedelta(days=offset_days)
    queued_at = created + timedelta(minutes=1) if queued else None
    claimed = queued_at + timedelta(minutes=wait_minutes) if queued_at and wait_minutes is not None else None
    return ConversationRecord(
        created_at=created,
        first_intents=intents,
        queued=queued,
        emergency=emergency,
        queued_at=queued_at,
        first_claimed_at=claimed,
    )


@pytest.mark.parametrize(
    ("intents", "topic"),
    [
        (["greet", "report_crime"], "report_crime"),
        (["ask_speed_camera/penalty"], "ask_speed_camera"),
        (["emergency"], "emergency"),
        (["greet", None, "thank"], "other"),
        ([], "other"),
        (["request_human", "report_crime"], "request_human"),
    ],
)
def test_topic_is_the_first_meaningful_intent(intents: list[str | None], topic: str) -> None:
    assert topic_of(intents) == topic


def test_dashboard_counts_and_rates() -> None:
    records = [
        record(0, ["report_crime"]),
        record(0, ["report_crime"], queued=True, wait_minutes=2),
        record(1, ["emergency"], queued=True, emergency=True, wait_minutes=0.5),
        record(1, ["greet"], queued=True),  # still unclaimed
        record(2, ["give_community_info"], queued=True, wait_minutes=10),
        record(9, ["report_crime"]),  # outside the period
    ]
    reports = [DAY, DAY + timedelta(days=2), DAY + timedelta(days=30)]
    board = dashboard(records, reports, date(2026, 11, 20), date(2026, 11, 22))
    assert board.days == [date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)]
    assert board.conversations == 5 and board.contained == 1 and board.handed_off == 4
    assert board.emergencies == 1 and board.unclaimed == 1
    assert board.containment_rate == pytest.approx(0.2) and board.handoff_rate == pytest.approx(0.8)
    assert board.conversations_by_day_and_topic[date(2026, 11, 20)]["report_crime"] == 2
    assert board.conversations_by_day_and_topic[date(2026, 11, 21)]["other"] == 1
    assert board.reports_submitted == 2 and board.reports_by_day[date(2026, 11, 21)] == 0
    assert board.wait_median_seconds == pytest.approx(120.0)
    assert board.wait_p90_seconds == pytest.approx(percentile([30.0, 120.0, 600.0], 0.9))


def test_an_empty_period_has_no_rates_but_still_draws() -> None:
    board = dashboard([], [], date(2026, 11, 1), date(2026, 11, 7))
    assert board.conversations == 0 and board.containment_rate is None and board.wait_median_seconds is None
    for render in CHARTS.values():
        assert render(board)[:8] == b"\x89PNG\r\n\x1a\n"


def test_percentile_interpolates() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == pytest.approx(2.5)
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([], 0.5) is None


def test_signposting_topics_are_counted_per_day_by_key() -> None:
    from datetime import UTC, date, datetime

    from analytics.metrics import signpost_counts

    day = date(2026, 11, 2)
    at = datetime(2026, 11, 2, 9, tzinfo=UTC)
    counts = signpost_counts(
        [(at, "signpost/fraud"), (at, "signpost/fraud"), (at, "signpost/lost_property"), (at, "report_crime"),
         (at, "ask_speed_camera/penalty"), (datetime(2026, 11, 9, tzinfo=UTC), "signpost/fraud")],
        date(2026, 11, 1),
        date(2026, 11, 3),
    )  # fmt: skip
    assert counts[day] == {"fraud": 2, "lost_property": 1}
    assert counts[date(2026, 11, 1)] == {} and set(counts) == {date(2026, 11, d) for d in (1, 2, 3)}


def test_a_chat_left_mid_form_is_not_contained() -> None:
    from datetime import UTC, date, datetime

    at = datetime(2026, 11, 2, 9, tzinfo=UTC)
    board = dashboard(
        [
            ConversationRecord(created_at=at, first_intents=["report_crime"], queued=False, emergency=False),
            ConversationRecord(
                created_at=at, first_intents=["report_crime"], queued=False, emergency=False, finished=False
            ),
        ],
        [],
        date(2026, 11, 2),
        date(2026, 11, 2),
    )
    assert board.contained == 1 and board.unfinished == 1 and board.containment_rate == 0.5


def test_thrive_notes_and_incident_references_at_close_are_counted() -> None:
    at = datetime(2026, 11, 2, 9, tzinfo=UTC)

    def closed(**extra: object) -> ConversationRecord:
        return ConversationRecord(
            created_at=at, first_intents=["request_human"], queued=True, emergency=False, **extra
        )  # type: ignore[arg-type]

    board = dashboard(
        [
            closed(thrive={"threat": "high", "harm": "low"}, incident_reference=True),
            closed(thrive={"vulnerability": "medium"}),
            closed(incident_reference=True),
            closed(),
        ],
        [],
        date(2026, 11, 2),
        date(2026, 11, 2),
    )
    assert (board.closed_with_thrive, board.thrive_high, board.closed_with_reference) == (2, 1, 2)


def test_desk_decisions_per_day_by_outcome_and_hours_to_decision() -> None:
    day1, day2 = date(2026, 12, 1), date(2026, 12, 2)
    submitted = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    decisions = [
        (submitted, submitted + timedelta(hours=3), "crime_recorded"),
        (submitted, submitted + timedelta(hours=30), "no_further_action"),  # decided on day 2
        (submitted, submitted + timedelta(hours=5), "crime_recorded"),
        (submitted, datetime(2026, 12, 9, tzinfo=UTC), "referred"),  # outside the period
    ]
    counts = decision_counts(decisions, day1, day2)
    assert counts["decisions_by_day"] == {day1: {"crime_recorded": 2}, day2: {"no_further_action": 1}}
    assert counts["decision_hours_by_day"] == {day1: [3.0, 5.0], day2: [30.0]}
