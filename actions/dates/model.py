"""What the parser records about an answer, the limits on an answer, the re-asks, and London
calendar arithmetic shared by the parsing and resolving steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
# Clocks on phones and servers drift, and "just now" typed a minute later is not the future.
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_AGE_YEARS = 5

# These say what was wrong; the form then asks its question again (with examples), so they do
# not repeat the question.
ASK_UNPARSEABLE = "Sorry, I couldn't work out when that was."
ASK_DONT_KNOW = "A rough idea is fine, for example 'last week', 'Tuesday evening' or 'sometime in November'."
ASK_FUTURE = "That would be in the future ({display})."
ASK_TOO_OLD = (
    "That's more than 5 years ago ({display}). This chat can only take reports from the "
    "last 5 years, but you can still report it by calling 101."
)
ASK_NOT_YET = "It isn't {part} yet today. Did you mean 'yesterday {part}'?"
ASK_BAD_DATE = (
    "There's no such date as {text}. Please give the day first, then the month, "
    "for example '12/11' for 12 November."
)
ASK_MISMATCH = "{first} and {second} aren't the same day. Which day was it?"

Precision = Literal["day", "approx_day", "week", "weekend", "month", "year"]


@dataclass(frozen=True)
class _Clock:
    hour: int  # 0-23 when meridiem or 24-hour form fixed it; otherwise 1-12 to be interpreted
    minute: int
    meridiem: str | None  # "am", "pm", or None
    fixed: bool  # True when the hour needs no am/pm interpretation
    midnight: bool = False  # the word "midnight": the end of the day it is attached to


@dataclass
class _Parsed:
    instant: datetime | None = None  # from "2 hours ago", "just now"
    dates: list[tuple[date, Precision]] = field(default_factory=list)
    weekday: int | None = None
    clock: _Clock | None = None
    clock_end: _Clock | None = None
    part: str | None = None
    part_is_this: bool = False  # "this evening", "tonight": must have begun already
    approx: bool = False
    vague_amount: bool = False


class _Reject(Exception):
    """Raised inside the parser to stop with a specific re-ask; never escapes resolve_when."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- calendar helpers -------------------------------------------------------------------------


def _localise(day: date, clock: time) -> datetime:
    """London wall time -> aware datetime, moving non-existent (spring-forward) times to real ones."""
    naive = datetime.combine(day, clock)
    return naive.replace(tzinfo=LONDON).astimezone(UTC).astimezone(LONDON)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _period_end(start: date, precision: Precision) -> date:
    match precision:
        case "day" | "approx_day":
            return start + timedelta(days=1)
        case "week":
            return start + timedelta(days=7)
        case "weekend":
            return start + timedelta(days=2)
        case "month":
            return _add_months(start.replace(day=1), 1)
        case "year":
            return date(start.year + 1, 1, 1)
