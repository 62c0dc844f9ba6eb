"""Calendar dates: "12/11", "2025-11-12", "the 28th", and what dateparser reads well ("3rd of
november", "12 nov 2025", "december", "2024")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dateparser.date import DateDataParser

from .clock import _loose_clock
from .lexicon import _ISO_DATE, _MONTH_WORD, _NUMERIC_DATE, _ORDINAL, _cut
from .model import ASK_BAD_DATE, ASK_UNPARSEABLE, _add_months, _Clock, _Parsed, _Reject


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Reject(ASK_BAD_DATE.format(text=f"'{shown}'")) from None


def _take_numeric_date(text: str, parsed: _Parsed, today: date) -> str:
    match = _ISO_DATE.search(text)
    if match is not None:
        year, month, day = (int(g) for g in match.groups())
        parsed.dates.append((_real_date(year, month, day, match.group(0)), "day"))
        return _cut(text, match)
    match = _NUMERIC_DATE.search(text)
    if match is None:
        return text
    day, separator, month = int(match.group(1)), match.group(2), int(match.group(3))
    year_text = match.group(4)
    could_be_date = 1 <= month <= 12 and 1 <= day <= 31
    if separator == "." and year_text is None and not could_be_date and parsed.clock is None:
        # "6.30" cannot be a date (no 30th month) but is a fine time.
        clock = _loose_clock(match.group(0))
        if clock is not None:
            parsed.clock = clock
            return _cut(text, match)
    if year_text is None:
        # Day and month only: the most recent such date.  Always day first: "11/13" is rejected,
        # where dateparser would quietly swap it to 13 November.
        _real_date(2000, month, day, match.group(0))  # exists in some year (2000 was a leap year)
        year = today.year
        while True:  # this year's, or the year before's (or the last 29 February)
            try:
                candidate = date(year, month, day)
                if candidate <= today:
                    break
            except ValueError:
                pass
            year -= 1
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        candidate = _real_date(year, month, day, match.group(0))
    parsed.dates.append((candidate, "day"))
    return _cut(text, match)


def _take_ordinal(text: str, parsed: _Parsed, today: date) -> str:
    """ "the 28th" with no month: the most recent 28th (dateparser would pick this month's, even if
    it is still to come)."""
    if _MONTH_WORD.search(text):
        return text  # "3rd of november" is dateparser's
    match = _ORDINAL.search(text)
    if match is None:
        return text
    day = int(match.group(1))
    if not 1 <= day <= 31:
        raise _Reject(ASK_BAD_DATE.format(text=f"'{match.group(0).strip()}'"))
    month_start = today.replace(day=1)
    for back in range(0, 3):
        first = _add_months(month_start, -back)
        try:
            candidate = first.replace(day=day)
        except ValueError:
            continue
        if candidate <= today:
            parsed.dates.append((candidate, "day"))
            return _cut(text, match)
    raise _Reject(ASK_BAD_DATE.format(text=f"'{match.group(0).strip()}'"))


def _take_calendar_date(leftover: str, parsed: _Parsed, now_local: datetime) -> None:
    """What dateparser is good at: "3rd of november", "12 nov 2025", "december", "2024"."""
    settings: dict[str, Any] = {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "TIMEZONE": "Europe/London",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "RETURN_TIME_AS_PERIOD": True,  # tells a date ("period: day") from a date and time
        "RELATIVE_BASE": now_local.replace(tzinfo=None),
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(leftover)
    if data.date_obj is None:
        raise _Reject(ASK_UNPARSEABLE)
    # Only the wall-clock fields are used; the offset is recomputed with zoneinfo in _localise.
    found = data.date_obj.date()
    match data.period:
        case "time":
            parsed.dates.append((found, "day"))
            if parsed.clock is None:
                parsed.clock = _Clock(data.date_obj.hour, data.date_obj.minute, None, True)
        case "month":
            parsed.dates.append((found.replace(day=1), "month"))
        case "year":
            parsed.dates.append((date(found.year, 1, 1), "year"))
        case "week":
            parsed.dates.append((found, "approx_day"))
        case _:
            parsed.dates.append((found, "day"))
