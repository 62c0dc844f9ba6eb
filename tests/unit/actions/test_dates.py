"""resolve_when: conversational UK date/time answers -> Europe/London ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from actions.answers import Invalid, Valid
from actions.dates import (
    ASK_DONT_KNOW,
    ASK_UNPARSEABLE,
    FUTURE_TOLERANCE,
    resolve_when,
)

LONDON = ZoneInfo("Europe/London")

# Tuesday 24 November 2026, 18:30 GMT (winter: London = UTC).
TUE = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
# Tuesday 24 November 2026, 10:00 GMT.
TUE_10AM = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
# Wednesday 25 November 2026, 01:00 GMT: just after midnight.
WED_1AM = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
# Sunday 29 March 2026: clocks went forward at 01:00 UTC (01:00 GMT -> 02:00 BST).
SPRING_NOON = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)  # 13:00 BST
SPRING_0130 = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 BST
# Sunday 25 October 2026: clocks went back at 01:00 UTC (02:00 BST -> 01:00 GMT).
AUTUMN_NOON = datetime(2026, 10, 25, 12, 0, tzinfo=UTC)  # 12:00 GMT
AUTUMN_0130 = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 01:30 GMT, the second 01:30


def ok(text: str, now: datetime) -> Valid:
    result = resolve_when(text, now)
    assert isinstance(result, Valid), f"{text!r} -> {result}"
    return result


def bad(text: str, now: datetime) -> Invalid:
    result = resolve_when(text, now)
    assert isinstance(result, Invalid), f"{text!r} -> {result}"
    return result


# (text, now, ISO value, display)
RESOLVED = [
    # --- the phrases dateparser gets wrong or cannot read ---
    ("last night", TUE, "2026-11-23T22:00:00+00:00", "Monday 23 November 2026, at night"),
    ("Last night.", TUE, "2026-11-23T22:00:00+00:00", "Monday 23 November 2026, at night"),
    ("  LAST NIGHT!! ", TUE, "2026-11-23T22:00:00+00:00", "Monday 23 November 2026, at night"),
    ("this morning", TUE, "2026-11-24T09:00:00+00:00", "Tuesday 24 November 2026, in the morning"),
    ("this afternoon", TUE, "2026-11-24T15:00:00+00:00", "Tuesday 24 November 2026, in the afternoon"),
    (
        "this evening",
        datetime(2026, 11, 24, 22, 0, tzinfo=UTC),
        "2026-11-24T19:00:00+00:00",
        "Tuesday 24 November 2026, in the evening",
    ),
    (
        "tonight",
        datetime(2026, 11, 24, 22, 0, tzinfo=UTC),
        "2026-11-24T21:00:00+00:00",
        "Tuesday 24 November 2026, in the evening",
    ),
    # "this evening" at 18:30: evening began at 17:00 but 19:00 is still to come -> halfway (17:45).
    ("this evening", TUE, "2026-11-24T17:45:00+00:00", "Tuesday 24 November 2026, in the evening"),
    ("earlier this evening", TUE, "2026-11-24T17:45:00+00:00", "Tuesday 24 November 2026, in the evening"),
    ("yesterday afternoon", TUE, "2026-11-23T15:00:00+00:00", "Monday 23 November 2026, in the afternoon"),
    ("yesterday evening", TUE, "2026-11-23T19:00:00+00:00", "Monday 23 November 2026, in the evening"),
    ("yesterday morning", TUE, "2026-11-23T09:00:00+00:00", "Monday 23 November 2026, in the morning"),
    ("about 6pm yesterday", TUE, "2026-11-23T18:00:00+00:00", "Monday 23 November 2026, about 6pm"),
    ("yesterday at 6pm", TUE, "2026-11-23T18:00:00+00:00", "Monday 23 November 2026, 6pm"),
    (
        "It happened at about 6pm yesterday I think.",
        TUE,
        "2026-11-23T18:00:00+00:00",
        "Monday 23 November 2026, about 6pm",
    ),
    ("around 3 on tuesday", TUE, "2026-11-17T15:00:00+00:00", "Tuesday 17 November 2026, about 3pm"),
    ("on tuesday", TUE, "2026-11-17T00:00:00+00:00", "Tuesday 17 November 2026"),
    ("tuesday", TUE, "2026-11-17T00:00:00+00:00", "Tuesday 17 November 2026"),
    ("Tues", TUE, "2026-11-17T00:00:00+00:00", "Tuesday 17 November 2026"),
    ("this tuesday", TUE, "2026-11-24T00:00:00+00:00", "Tuesday 24 November 2026"),
    ("on monday", TUE, "2026-11-23T00:00:00+00:00", "Monday 23 November 2026"),
    ("last monday", TUE, "2026-11-23T00:00:00+00:00", "Monday 23 November 2026"),
    ("last friday", TUE, "2026-11-20T00:00:00+00:00", "Friday 20 November 2026"),
    ("friday evening", TUE, "2026-11-20T19:00:00+00:00", "Friday 20 November 2026, in the evening"),
    ("saturday night", TUE, "2026-11-21T22:00:00+00:00", "Saturday 21 November 2026, at night"),
    ("tuesday last week", TUE, "2026-11-17T00:00:00+00:00", "Tuesday 17 November 2026"),
    ("thursday last week", TUE, "2026-11-19T00:00:00+00:00", "Thursday 19 November 2026"),
    ("monday before last", TUE, "2026-11-16T00:00:00+00:00", "Monday 16 November 2026"),
    ("monday at 8pm", TUE, "2026-11-23T20:00:00+00:00", "Monday 23 November 2026, 8pm"),
    ("at the weekend", TUE, "2026-11-21T00:00:00+00:00", "the weekend of Saturday 21 November 2026"),
    ("over the weekend", TUE, "2026-11-21T00:00:00+00:00", "the weekend of Saturday 21 November 2026"),
    ("last weekend", TUE, "2026-11-21T00:00:00+00:00", "the weekend of Saturday 21 November 2026"),
    # Said on a Sunday, "at the weekend" is this one (yesterday) and "last weekend" the one before.
    (
        "at the weekend",
        datetime(2026, 11, 22, 12, tzinfo=UTC),
        "2026-11-21T00:00:00+00:00",
        "the weekend of Saturday 21 November 2026",
    ),
    (
        "last weekend",
        datetime(2026, 11, 22, 12, tzinfo=UTC),
        "2026-11-14T00:00:00+00:00",
        "the weekend of Saturday 14 November 2026",
    ),
    ("2 days ago", TUE, "2026-11-22T00:00:00+00:00", "Sunday 22 November 2026"),
    ("two days ago", TUE, "2026-11-22T00:00:00+00:00", "Sunday 22 November 2026"),
    ("a few days ago", TUE, "2026-11-21T00:00:00+00:00", "around Saturday 21 November 2026"),
    ("2 days ago at about 6", TUE, "2026-11-22T18:00:00+00:00", "Sunday 22 November 2026, about 6pm"),
    ("the day before yesterday", TUE, "2026-11-22T00:00:00+00:00", "Sunday 22 November 2026"),
    ("the other day", TUE, "2026-11-22T00:00:00+00:00", "around Sunday 22 November 2026"),
    ("a couple of hours ago", TUE, "2026-11-24T16:30:00+00:00", "Tuesday 24 November 2026, about 4:30pm"),
    ("2 hours ago", TUE, "2026-11-24T16:30:00+00:00", "Tuesday 24 November 2026, about 4:30pm"),
    ("an hour ago", TUE, "2026-11-24T17:30:00+00:00", "Tuesday 24 November 2026, about 5:30pm"),
    ("an hour and a half ago", TUE, "2026-11-24T17:00:00+00:00", "Tuesday 24 November 2026, about 5pm"),
    ("half an hour ago", TUE, "2026-11-24T18:00:00+00:00", "Tuesday 24 November 2026, about 6pm"),
    ("10 mins ago", TUE, "2026-11-24T18:20:00+00:00", "Tuesday 24 November 2026, about 6:20pm"),
    ("just now", TUE, "2026-11-24T18:30:00+00:00", "Tuesday 24 November 2026, about 6:30pm"),
    ("earlier today", TUE, "2026-11-24T00:00:00+00:00", "Tuesday 24 November 2026"),
    ("today", TUE, "2026-11-24T00:00:00+00:00", "Tuesday 24 November 2026"),
    ("yesterday", TUE, "2026-11-23T00:00:00+00:00", "Monday 23 November 2026"),
    ("yesterday, monday", TUE, "2026-11-23T00:00:00+00:00", "Monday 23 November 2026"),
    ("a week ago", TUE, "2026-11-17T00:00:00+00:00", "around Tuesday 17 November 2026"),
    ("a fortnight ago", TUE, "2026-11-10T00:00:00+00:00", "around Tuesday 10 November 2026"),
    ("3 weeks ago", TUE, "2026-11-03T00:00:00+00:00", "around Tuesday 3 November 2026"),
    ("2 months ago", TUE, "2026-09-24T00:00:00+01:00", "around Thursday 24 September 2026"),
    ("a year ago", TUE, "2025-11-24T00:00:00+00:00", "around Monday 24 November 2025"),
    ("last week", TUE, "2026-11-16T00:00:00+00:00", "the week of Monday 16 November 2026"),
    ("earlier this week", TUE, "2026-11-23T00:00:00+00:00", "the week of Monday 23 November 2026"),
    ("last month", TUE, "2026-10-01T00:00:00+01:00", "sometime in October 2026"),
    ("last year", TUE, "2025-01-01T00:00:00+00:00", "sometime in 2025"),
    # --- day-first numeric dates (never month-first) ---
    ("12/11", TUE, "2026-11-12T00:00:00+00:00", "Thursday 12 November 2026"),
    ("1/2", TUE, "2026-02-01T00:00:00+00:00", "Sunday 1 February 2026"),
    ("12.11", TUE, "2026-11-12T00:00:00+00:00", "Thursday 12 November 2026"),
    ("12-11-25", TUE, "2025-11-12T00:00:00+00:00", "Wednesday 12 November 2025"),
    ("12/11/2025", TUE, "2025-11-12T00:00:00+00:00", "Wednesday 12 November 2025"),
    ("2025-11-12", TUE, "2025-11-12T00:00:00+00:00", "Wednesday 12 November 2025"),
    ("24/11", TUE, "2026-11-24T00:00:00+00:00", "Tuesday 24 November 2026"),
    ("25/11", TUE, "2025-11-25T00:00:00+00:00", "Tuesday 25 November 2025"),  # not yet this year
    ("29/02", TUE, "2024-02-29T00:00:00+00:00", "Thursday 29 February 2024"),
    ("12/11 at 14:30", TUE, "2026-11-12T14:30:00+00:00", "Thursday 12 November 2026, 2:30pm"),
    # --- textual dates (dateparser) ---
    ("3rd of november", TUE, "2026-11-03T00:00:00+00:00", "Tuesday 3 November 2026"),
    ("3rd November", TUE, "2026-11-03T00:00:00+00:00", "Tuesday 3 November 2026"),
    ("12 nov at 14:30", TUE, "2026-11-12T14:30:00+00:00", "Thursday 12 November 2026, 2:30pm"),
    ("12 November about 6pm", TUE, "2026-11-12T18:00:00+00:00", "Thursday 12 November 2026, about 6pm"),
    ("28 nov", TUE, "2025-11-28T00:00:00+00:00", "Friday 28 November 2025"),
    ("Thursday 12 November", TUE, "2026-11-12T00:00:00+00:00", "Thursday 12 November 2026"),
    ("12 sept", TUE, "2026-09-12T00:00:00+01:00", "Saturday 12 September 2026"),
    ("sometime in november", TUE, "2026-11-01T00:00:00+00:00", "sometime in November 2026"),
    ("december", TUE, "2025-12-01T00:00:00+00:00", "sometime in December 2025"),
    ("in 2024", TUE, "2024-01-01T00:00:00+00:00", "sometime in 2024"),
    # Ordinals without a month: the most recent such day (dateparser would pick a future one).
    ("the 3rd", TUE, "2026-11-03T00:00:00+00:00", "Tuesday 3 November 2026"),
    ("the 28th", TUE, "2026-10-28T00:00:00+00:00", "Wednesday 28 October 2026"),
    ("on the 12th at 3", TUE, "2026-11-12T15:00:00+00:00", "Thursday 12 November 2026, 3pm"),
    # --- clock times with no day: the most recent occurrence ---
    ("6pm", TUE, "2026-11-24T18:00:00+00:00", "Tuesday 24 November 2026, 6pm"),
    ("9pm", TUE, "2026-11-23T21:00:00+00:00", "Monday 23 November 2026, 9pm"),
    ("6pm", TUE_10AM, "2026-11-23T18:00:00+00:00", "Monday 23 November 2026, 6pm"),
    ("14:30", TUE, "2026-11-24T14:30:00+00:00", "Tuesday 24 November 2026, 2:30pm"),
    ("09:15", TUE, "2026-11-24T09:15:00+00:00", "Tuesday 24 November 2026, 9:15am"),
    ("at 1430", TUE, "2026-11-24T14:30:00+00:00", "Tuesday 24 November 2026, 2:30pm"),
    ("6.30", TUE, "2026-11-24T18:30:00+00:00", "Tuesday 24 November 2026, 6:30pm"),
    ("6.30 p.m.", TUE, "2026-11-24T18:30:00+00:00", "Tuesday 24 November 2026, 6:30pm"),
    ("about 6", TUE, "2026-11-24T18:00:00+00:00", "Tuesday 24 November 2026, about 6pm"),
    ("6ish", TUE, "2026-11-24T18:00:00+00:00", "Tuesday 24 November 2026, about 6pm"),
    ("at 11", TUE, "2026-11-24T11:00:00+00:00", "Tuesday 24 November 2026, 11am"),
    ("six o'clock", TUE, "2026-11-24T18:00:00+00:00", "Tuesday 24 November 2026, 6pm"),
    ("quarter to 7", TUE, "2026-11-23T18:45:00+00:00", "Monday 23 November 2026, 6:45pm"),
    ("half past six yesterday", TUE, "2026-11-23T18:30:00+00:00", "Monday 23 November 2026, 6:30pm"),
    ("at noon", TUE, "2026-11-24T12:00:00+00:00", "Tuesday 24 November 2026, midday"),
    ("midnight", TUE, "2026-11-24T00:00:00+00:00", "Monday 23 November 2026, midnight (into Tuesday)"),
    (
        "tuesday at midnight",
        TUE,
        "2026-11-18T00:00:00+00:00",
        "Tuesday 17 November 2026, midnight (into Wednesday)",
    ),
    ("in the evening", TUE_10AM, "2026-11-23T19:00:00+00:00", "Monday 23 November 2026, in the evening"),
    ("at lunchtime", TUE_10AM, "2026-11-23T13:00:00+00:00", "Monday 23 November 2026, around lunchtime"),
    (
        "early hours of this morning",
        TUE,
        "2026-11-24T03:00:00+00:00",
        "Tuesday 24 November 2026, in the early hours",
    ),
    (
        "in the early hours of saturday",
        TUE,
        "2026-11-21T03:00:00+00:00",
        "Saturday 21 November 2026, in the early hours",
    ),
    # --- parts of the day decide am/pm for bare hours ---
    ("last night at 11", TUE, "2026-11-23T23:00:00+00:00", "Monday 23 November 2026, 11pm"),
    ("last night about 2am", TUE, "2026-11-24T02:00:00+00:00", "Tuesday 24 November 2026, about 2am"),
    ("last night at 2", TUE, "2026-11-24T02:00:00+00:00", "Tuesday 24 November 2026, 2am"),
    ("this morning at 8", TUE, "2026-11-24T08:00:00+00:00", "Tuesday 24 November 2026, 8am"),
    ("yesterday at 3 in the afternoon", TUE, "2026-11-23T15:00:00+00:00", "Monday 23 November 2026, 3pm"),
    ("8 in the evening on friday", TUE, "2026-11-20T20:00:00+00:00", "Friday 20 November 2026, 8pm"),
    # --- ranges keep the start and read back the window ---
    ("between 6 and 7pm", TUE, "2026-11-24T18:00:00+00:00", "Tuesday 24 November 2026, between 6pm and 7pm"),
    ("6-7pm yesterday", TUE, "2026-11-23T18:00:00+00:00", "Monday 23 November 2026, between 6pm and 7pm"),
    (
        "between 11pm and 7am last night",
        TUE,
        "2026-11-23T23:00:00+00:00",
        "Monday 23 November 2026, between 11pm and 7am",
    ),
    # --- more British phrasing ---
    ("at half 7", TUE, "2026-11-23T19:30:00+00:00", "Monday 23 November 2026, 7:30pm"),
    (
        "on the 21st at about half 7",
        TUE,
        "2026-11-21T19:30:00+00:00",
        "Saturday 21 November 2026, about 7:30pm",
    ),
    ("gone 6", TUE, "2026-11-24T18:00:00+00:00", "Tuesday 24 November 2026, about 6pm"),
    ("thursday gone", TUE, "2026-11-19T00:00:00+00:00", "Thursday 19 November 2026"),
    ("this time last week", TUE, "2026-11-17T18:30:00+00:00", "Tuesday 17 November 2026, about 6:30pm"),
    ("an hour or so ago", TUE, "2026-11-24T17:30:00+00:00", "Tuesday 24 November 2026, about 5:30pm"),
    ("in november last year", TUE, "2025-11-01T00:00:00+00:00", "sometime in November 2025"),
    ("yday around 5", TUE, "2026-11-23T17:00:00+00:00", "Monday 23 November 2026, about 5pm"),
    ("overnight", TUE, "2026-11-23T22:00:00+00:00", "Monday 23 November 2026, at night"),
    ("Sat 21st Nov", TUE, "2026-11-21T00:00:00+00:00", "Saturday 21 November 2026"),
    ("21/11/2026 18:45", TUE, "2026-11-21T18:45:00+00:00", "Saturday 21 November 2026, 6:45pm"),
    ("it was 4 yesterday afternoon", TUE, "2026-11-23T16:00:00+00:00", "Monday 23 November 2026, 4pm"),
    # --- hedges ---
    ("not sure, maybe tuesday", TUE, "2026-11-17T00:00:00+00:00", "around Tuesday 17 November 2026"),
    ("I think it was Friday", TUE, "2026-11-20T00:00:00+00:00", "around Friday 20 November 2026"),
    # --- after midnight: "last night" is still the evening just gone ---
    ("last night", WED_1AM, "2026-11-24T22:00:00+00:00", "Tuesday 24 November 2026, at night"),
    ("last night at 11", WED_1AM, "2026-11-24T23:00:00+00:00", "Tuesday 24 November 2026, 11pm"),
    ("tonight", WED_1AM, "2026-11-24T21:00:00+00:00", "Tuesday 24 November 2026, in the evening"),
    ("this evening", WED_1AM, "2026-11-24T19:00:00+00:00", "Tuesday 24 November 2026, in the evening"),
    ("this morning", WED_1AM, "2026-11-25T00:30:00+00:00", "Wednesday 25 November 2026, in the morning"),
    ("yesterday", WED_1AM, "2026-11-24T00:00:00+00:00", "Tuesday 24 November 2026"),
    ("11pm", WED_1AM, "2026-11-24T23:00:00+00:00", "Tuesday 24 November 2026, 11pm"),
    ("midnight", WED_1AM, "2026-11-25T00:00:00+00:00", "Tuesday 24 November 2026, midnight (into Wednesday)"),
    # "last night at 2am" at 01:00 cannot be the small hours still to come: the night before's.
    ("last night at 2am", WED_1AM, "2026-11-24T02:00:00+00:00", "Tuesday 24 November 2026, 2am"),
    # --- DST: spring forward (Sunday 29 March 2026) ---
    ("yesterday at 6pm", SPRING_NOON, "2026-03-28T18:00:00+00:00", "Saturday 28 March 2026, 6pm"),
    ("this morning", SPRING_NOON, "2026-03-29T09:00:00+01:00", "Sunday 29 March 2026, in the morning"),
    ("last night", SPRING_NOON, "2026-03-28T22:00:00+00:00", "Saturday 28 March 2026, at night"),
    ("3 hours ago", SPRING_NOON, "2026-03-29T10:00:00+01:00", "Sunday 29 March 2026, about 10am"),
    (
        "12 hours ago",
        SPRING_NOON,
        "2026-03-29T00:00:00+00:00",
        "Saturday 28 March 2026, about midnight (into Sunday)",
    ),
    ("at 12:30am", SPRING_NOON, "2026-03-29T00:30:00+00:00", "Sunday 29 March 2026, 12:30am"),
    ("10:00", SPRING_NOON, "2026-03-29T10:00:00+01:00", "Sunday 29 March 2026, 10am"),
    ("2 days ago", SPRING_NOON, "2026-03-27T00:00:00+00:00", "Friday 27 March 2026"),
    # 01:30 did not exist that night; it is read as the instant 01:30 GMT = 02:30 BST.
    # Same wall-clock time the day before: 13:00 BST today, 13:00 GMT yesterday (23 real hours).
    ("this time yesterday", SPRING_NOON, "2026-03-28T13:00:00+00:00", "Saturday 28 March 2026, about 1pm"),
    ("at 1:30am", SPRING_NOON, "2026-03-29T02:30:00+01:00", "Sunday 29 March 2026, 2:30am"),
    ("an hour ago", SPRING_0130, "2026-03-29T00:30:00+00:00", "Sunday 29 March 2026, about 12:30am"),
    ("2 hours ago", SPRING_0130, "2026-03-28T23:30:00+00:00", "Saturday 28 March 2026, about 11:30pm"),
    ("just now", SPRING_0130, "2026-03-29T02:30:00+01:00", "Sunday 29 March 2026, about 2:30am"),
    ("this morning", SPRING_0130, "2026-03-29T00:45:00+00:00", "Sunday 29 March 2026, in the morning"),
    # --- DST: fall back (Sunday 25 October 2026) ---
    ("this morning", AUTUMN_NOON, "2026-10-25T09:00:00+00:00", "Sunday 25 October 2026, in the morning"),
    ("yesterday at 6pm", AUTUMN_NOON, "2026-10-24T18:00:00+01:00", "Saturday 24 October 2026, 6pm"),
    ("last night", AUTUMN_NOON, "2026-10-24T22:00:00+01:00", "Saturday 24 October 2026, at night"),
    ("3 hours ago", AUTUMN_NOON, "2026-10-25T09:00:00+00:00", "Sunday 25 October 2026, about 9am"),
    ("12 hours ago", AUTUMN_NOON, "2026-10-25T01:00:00+01:00", "Sunday 25 October 2026, about 1am"),
    ("a week ago", AUTUMN_NOON, "2026-10-18T00:00:00+01:00", "around Sunday 18 October 2026"),
    # 01:30 happened twice; the first (BST) one is taken.
    ("at 1:30am", AUTUMN_NOON, "2026-10-25T01:30:00+01:00", "Sunday 25 October 2026, 1:30am"),
    ("2 hours ago", AUTUMN_0130, "2026-10-25T00:30:00+01:00", "Sunday 25 October 2026, about 12:30am"),
    ("an hour ago", AUTUMN_0130, "2026-10-25T01:30:00+01:00", "Sunday 25 October 2026, about 1:30am"),
    ("just now", AUTUMN_0130, "2026-10-25T01:30:00+00:00", "Sunday 25 October 2026, about 1:30am"),
    ("tonight", AUTUMN_0130, "2026-10-24T21:00:00+01:00", "Saturday 24 October 2026, in the evening"),
]


@pytest.mark.parametrize(("text", "now", "value", "display"), RESOLVED)
def test_resolves(text: str, now: datetime, value: str, display: str) -> None:
    result = ok(text, now)
    assert (result.value, result.display) == (value, display)


FUTURE = [
    ("tomorrow", TUE),
    ("next week", TUE),
    ("next tuesday", TUE),
    ("this friday", TUE),  # said on a Tuesday: the coming Friday
    ("today at 3pm", TUE_10AM),
    ("in 2 days", TUE),
    ("25/12/2026", TUE),
    ("next month", TUE),
]


@pytest.mark.parametrize(("text", "now"), FUTURE)
def test_future_dates_are_rejected(text: str, now: datetime) -> None:
    message = bad(text, now).message
    assert "future" in message or message == ASK_UNPARSEABLE
    # The form asks "When did it happen?" again itself: the message only says what was wrong.
    assert "When did it happen?" not in message


@pytest.mark.parametrize("text", ["tomorrow", "next week", "this friday", "25/12/2026"])
def test_future_message_says_what_was_understood(text: str) -> None:
    message = bad(text, TUE).message
    assert message.startswith("That would be in the future (")


def test_future_tolerance_allows_a_few_minutes_of_clock_drift() -> None:
    assert timedelta(minutes=5) == FUTURE_TOLERANCE
    assert ok("today at 6:33pm", TUE).value == "2026-11-24T18:33:00+00:00"  # 3 minutes ahead
    assert "future" in bad("today at 6:40pm", TUE).message
    # With no day, a time still to come today is yesterday's.
    assert ok("6:40pm", TUE).value == "2026-11-23T18:40:00+00:00"


NOT_YET = [
    ("this evening", TUE_10AM, "evening"),
    ("tonight", TUE_10AM, "evening"),
    ("this afternoon", TUE_10AM, "afternoon"),
    ("this lunchtime", TUE_10AM, "lunchtime"),
    ("today in the evening", TUE_10AM, "evening"),
]


@pytest.mark.parametrize(("text", "now", "part"), NOT_YET)
def test_part_of_today_that_has_not_begun_is_rejected(text: str, now: datetime, part: str) -> None:
    assert bad(text, now).message.startswith(f"It isn't {part} yet today.")


TOO_OLD = ["2019", "6 years ago", "12/11/2020", "November 2020", "2020-01-01"]


@pytest.mark.parametrize("text", TOO_OLD)
def test_more_than_five_years_ago_points_to_101(text: str) -> None:
    message = bad(text, TUE).message
    assert "more than 5 years ago" in message
    assert "101" in message


def test_a_year_partly_within_five_years_is_accepted() -> None:
    # 2021 is partly within 5 years of November 2026: only reject when the whole period is older.
    assert ok("2021", TUE).display == "sometime in 2021"
    assert ok("4 years ago", TUE).value == "2022-11-24T00:00:00+00:00"


UNPARSEABLE = [
    "hello",
    "blah blah",
    "the shop on mill road",
    "8",
    "3",
    "about",
    "last",
    "99",
    "a",
    "2 hours ago on tuesday",
    "13pm",
    "25:00",
    "this morning in the evening",
    "ago",
    "sometime",
    "mid",
    "!!!",
    "   ",
    "",
    "yesterday at the shop",
]


@pytest.mark.parametrize("text", UNPARSEABLE)
def test_unparseable_gets_examples(text: str) -> None:
    message = bad(text, TUE).message
    assert message == ASK_UNPARSEABLE


@pytest.mark.parametrize("text", ["don't know", "dunno", "no idea", "not sure", "can't remember", "?"])
def test_dont_know_asks_for_a_rough_idea(text: str) -> None:
    assert bad(text, TUE).message == ASK_DONT_KNOW


BAD_DATES = [
    ("31/11", "'31/11'"),
    ("11/13", "'11/13'"),
    ("30/02/2026", "'30/02/2026'"),
    ("the 32nd", "'the 32nd'"),
    ("0/5", "'0/5'"),
]


@pytest.mark.parametrize(("text", "shown"), BAD_DATES)
def test_impossible_dates_say_day_first(text: str, shown: str) -> None:
    message = bad(text, TUE).message
    assert f"There's no such date as {shown}" in message
    assert "day first" in message


def test_month_first_is_never_silently_swapped() -> None:
    # dateparser reads "11/13/2025" as 13 November; a UK form must not.
    assert isinstance(resolve_when("11/13/2025", TUE), Invalid)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday 12 November", "12 November 2026 was a Thursday, not a Tuesday. Which day was it?"),
        ("yesterday, sunday", "23 November 2026 was a Monday, not a Sunday. Which day was it?"),
        (
            "yesterday 12/11",
            "Thursday 12 November 2026 and Monday 23 November 2026 aren't the same day. Which day was it?",
        ),
        ("tuesday in november", "Which Tuesday was it? Please give the date, for example '12 November'."),
    ],
)
def test_contradictions_are_pointed_out(text: str, expected: str) -> None:
    assert bad(text, TUE).message == expected


def test_same_weekday_means_last_week_unless_this() -> None:
    # Decision: "on tuesday" said on a Tuesday is a week ago (people say "today" for today),
    # even with a time that has already passed today; "this tuesday" is today.
    assert ok("on tuesday at 3pm", TUE).value == "2026-11-17T15:00:00+00:00"
    assert ok("this tuesday at 3pm", TUE).value == "2026-11-24T15:00:00+00:00"


def test_naive_now_is_taken_as_utc() -> None:
    assert resolve_when("last night", TUE.replace(tzinfo=None)) == resolve_when("last night", TUE)


def test_now_in_another_timezone_is_converted_to_london() -> None:
    new_york = ZoneInfo("America/New_York")
    assert resolve_when("this morning", TUE.astimezone(new_york)) == resolve_when("this morning", TUE)


def test_deterministic_given_now() -> None:
    results = {resolve_when("about 6pm yesterday", TUE) for _ in range(5)}
    assert len(results) == 1


SAMPLES = [text for text, *_ in RESOLVED] + [t for t, _ in FUTURE] + UNPARSEABLE + TOO_OLD
NOWS = [
    TUE,
    TUE_10AM,
    WED_1AM,
    SPRING_NOON,
    SPRING_0130,
    AUTUMN_NOON,
    AUTUMN_0130,
    datetime(2024, 2, 29, 12, tzinfo=UTC),
    datetime(2027, 1, 1, 0, 1, tzinfo=UTC),
]


@pytest.mark.parametrize("now", NOWS)
def test_every_valid_value_is_london_iso_and_not_in_the_future(now: datetime) -> None:
    for text in SAMPLES:
        result = resolve_when(text, now)
        if isinstance(result, Invalid):
            assert result.message
            continue
        moment = datetime.fromisoformat(result.value)
        assert moment.utcoffset() == moment.astimezone(LONDON).utcoffset(), text
        assert moment <= now + FUTURE_TOLERANCE, (text, now)
        assert result.display


@pytest.mark.parametrize(
    "text",
    [
        "\x00",
        "🙂",
        "////",
        "12/",
        "/11",
        "-",
        "at",
        "at at at",
        "a.m.",
        "o'clock",
        "9" * 50,
        "ago ago",
        "between and",
        "quarter to",
        "the 0th",
        "0/0",
        "00:00:00",
        "yesterday yesterday",
        "last night last night",
        "x" * 5000,
    ],
)
def test_junk_never_raises(text: str) -> None:
    result = resolve_when(text, TUE)
    assert isinstance(result, Valid | Invalid)
