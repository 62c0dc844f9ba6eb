"""How a resolved answer is worded in the summary the citizen checks before sending."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .lexicon import _DAY_NAMES, _MONTH_NAMES
from .model import Precision


def _format_date(day: date) -> str:
    # Built by hand rather than strftime so the output does not depend on the process locale.
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _format_clock(moment: datetime | time) -> str:
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def _stamp(moment: datetime, clock_text: str) -> str:
    """Date and time for the read-back.  00:00 is read as midnight at the end of the day before,
    which is how people say it ("midnight on Monday") and avoids a date that looks a day late."""
    if (moment.hour, moment.minute) == (0, 0):
        before = moment.date() - timedelta(days=1)
        return f"{_format_date(before)}, {clock_text} (into {_DAY_NAMES[moment.weekday()]})"
    return f"{_format_date(moment.date())}, {clock_text}"


def _format_period(start: date, precision: Precision) -> str:
    match precision:
        case "day":
            return _format_date(start)
        case "approx_day":
            return f"around {_format_date(start)}"
        case "week":
            return f"the week of {_format_date(start)}"
        case "weekend":
            return f"the weekend of {_format_date(start)}"
        case "month":
            return f"sometime in {_MONTH_NAMES[start.month - 1]} {start.year}"
        case "year":
            return f"sometime in {start.year}"
