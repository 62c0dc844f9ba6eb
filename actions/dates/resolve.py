"""Combining the parsed pieces into one moment: the value stored, the latest instant the answer
could mean (for the age limit), and the read-back."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .clock import _PARTS, _clock_label, _clock_on, _hour24, _part_on
from .lexicon import _DAY_NAMES, _MONTH_NAMES
from .model import (
    ASK_MISMATCH,
    ASK_UNPARSEABLE,
    FUTURE_TOLERANCE,
    Precision,
    _localise,
    _Parsed,
    _period_end,
    _Reject,
)
from .readback import _format_clock, _format_date, _format_period, _stamp


def _resolve(parsed: _Parsed, now_local: datetime) -> tuple[datetime, datetime, str]:
    """(value, latest instant the answer could mean, display)."""
    today = now_local.date()
    if parsed.instant is not None:
        if parsed.dates or parsed.clock or parsed.part or parsed.weekday is not None:
            raise _Reject(ASK_UNPARSEABLE)  # "2 hours ago on tuesday"
        moment = parsed.instant
        return moment, moment, _stamp(moment, f"about {_format_clock(moment)}")

    # One day from all the day sources; they must agree ("yesterday, monday" on a Tuesday is fine).
    dates = list(dict.fromkeys(parsed.dates))
    if len({d for d, _ in dates}) > 1:
        (first, p1), (second, p2) = dates[0], dates[1]
        raise _Reject(ASK_MISMATCH.format(first=_format_period(first, p1), second=_format_period(second, p2)))
    day: date | None = dates[0][0] if dates else None
    precision: Precision = dates[0][1] if dates else "day"
    if parsed.weekday is not None:
        if day is None:
            back = (today.weekday() - parsed.weekday) % 7 or 7
            day, precision = today - timedelta(days=back), "day"
        elif precision == "weekend" and parsed.weekday >= 5:
            day, precision = day + timedelta(days=parsed.weekday - 5), "day"  # "saturday at the weekend"
        elif precision == "week":
            day, precision = day + timedelta(days=parsed.weekday), "day"  # "last week, tuesday"
        elif precision not in {"day", "approx_day"}:
            named = _DAY_NAMES[parsed.weekday]
            raise _Reject(f"Which {named} was it? Please give the date, for example '12 November'.")
        elif day.weekday() != parsed.weekday:
            said, actual = _DAY_NAMES[parsed.weekday], _DAY_NAMES[day.weekday()]
            raise _Reject(
                f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year} was a {actual}, not a {said}. "
                "Which day was it?"
            )

    if parsed.part in {"tonight", "evening"} and parsed.part_is_this and day == today and now_local.hour < 6:
        day = today - timedelta(days=1)  # "tonight" at 01:00 is the evening that began yesterday

    if day is not None and precision not in {"day", "approx_day"}:
        # Coarse answers ("last week", "in November") keep the period; a time of day is read back.
        start = _localise(day, time(0))
        latest = _localise(_period_end(day, precision), time(0)) - timedelta(seconds=1)
        display = _format_period(day, precision)
        if parsed.clock is not None:
            display += f", {_clock_label(parsed, _clock_on(day, parsed.clock, parsed.part))}"
        elif parsed.part is not None:
            display += f", {_PARTS[parsed.part].label}"
        return start, latest, display

    if parsed.clock is not None:
        if day is None:
            # A time with no day: its most recent occurrence.
            day = today
            if _clock_on(day, parsed.clock, parsed.part) > now_local + FUTURE_TOLERANCE:
                day = today - timedelta(days=1)
        moment = _clock_on(day, parsed.clock, parsed.part)
        if moment > now_local + FUTURE_TOLERANCE and _hour24(parsed.clock, parsed.part)[1]:
            # "last night at 2am" said at 01:00: the small hours of that night have not come yet,
            # so the citizen means the small hours at the start of that day.
            moment = _localise(day, time(_hour24(parsed.clock, parsed.part)[0], parsed.clock.minute))
        return moment, moment, _stamp(moment, _clock_label(parsed, moment))

    if parsed.part is not None:
        explicit = parsed.part_is_this
        if day is None:
            # A part of the day with no day: the most recent one that has begun.
            day = today
            if _localise(day, time(_PARTS[parsed.part].start)) > now_local:
                day = today - timedelta(days=1)
        if day == today:
            explicit = True  # "today in the evening" at 10:00 is as impossible as "this evening"
        moment = _part_on(day, parsed.part, now_local, explicit)
        return moment, moment, f"{_format_date(day)}, {_PARTS[parsed.part].label}"

    if day is None:
        raise _Reject(ASK_UNPARSEABLE)  # only filler words, e.g. "about"
    if parsed.approx and precision == "day":
        precision = "approx_day"
    latest = _localise(day + timedelta(days=1), time(0)) - timedelta(seconds=1)
    return _localise(day, time(0)), latest, _format_period(day, precision)
