"""Days and moments relative to now: "2 hours ago", "this time last week", "the other day",
"yesterday", "last tuesday", "over the weekend", "last month", and parts of the day."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from .lexicon import (
    _DAY_WORDS,
    _EARLY_HOURS,
    _MONTH_WORD,
    _NOW,
    _NUMBER_WORDS,
    _OTHER_DAY,
    _PART,
    _PART_NAMES,
    _PERIOD,
    _REL,
    _SAME_TIME,
    _WEEKDAY,
    _WEEKDAYS,
    _WEEKEND,
    _cut,
)
from .model import ASK_UNPARSEABLE, LONDON, _add_months, _localise, _Parsed, _Reject


def _take_relative(text: str, parsed: _Parsed, now_local: datetime) -> str:
    match = _REL.search(text)
    if match is not None:
        amount_text = re.sub(r"^a\s+|\s+of$", "", match.group("n"))
        unit = match.group("unit")
        if amount_text.startswith("half"):
            amount = 0.5
        elif amount_text.isdigit():
            amount = int(amount_text)
        else:
            amount = _NUMBER_WORDS[amount_text]
            parsed.vague_amount = amount_text in {"couple", "few", "several"}
        if match.group("half"):
            amount += 0.5
        if unit.startswith(("min", "hour", "hr")):
            minutes = amount * (60 if unit.startswith(("hour", "hr")) else 1)
            # Elapsed time is real time: subtract in UTC so a DST change in between is counted.
            instant = now_local.astimezone(UTC) - timedelta(minutes=minutes)
            parsed.instant = instant.replace(second=0, microsecond=0).astimezone(LONDON)
        elif amount != int(amount):
            raise _Reject(ASK_UNPARSEABLE)
        elif unit.startswith("day"):
            parsed.dates.append(
                (
                    now_local.date() - timedelta(days=int(amount)),
                    "approx_day" if parsed.vague_amount else "day",
                )
            )
        elif unit.startswith(("week", "fortnight")):
            days = int(amount) * (14 if unit.startswith("fortnight") else 7)
            parsed.dates.append((now_local.date() - timedelta(days=days), "approx_day"))
        else:
            months = int(amount) * (12 if unit.startswith(("year", "yr")) else 1)
            parsed.dates.append((_add_months(now_local.date(), -months), "approx_day"))
        return _cut(text, match)
    match = _SAME_TIME.search(text)
    if match is not None:
        # "this time last week": the same wall-clock time, so calendar days (not 24-hour blocks).
        days = 1 if match.group(1) == "yesterday" else 7
        clock = now_local.time().replace(second=0, microsecond=0)
        parsed.instant = _localise(now_local.date() - timedelta(days=days), clock)
        return _cut(text, match)
    match = _NOW.search(text)
    if match is not None:
        parsed.instant = now_local.replace(second=0, microsecond=0)
        parsed.approx = True
        return _cut(text, match)
    match = _OTHER_DAY.search(text)
    if match is not None:
        parsed.dates.append((now_local.date() - timedelta(days=2), "approx_day"))
        return _cut(text, match)
    return text


def _take_days(text: str, parsed: _Parsed, today: date) -> str:
    match = _EARLY_HOURS.search(text)
    if match is not None:
        parsed.part = "early_hours"
        text = _cut(text, match) + (" today" if match.group(1) else "")
    match = _WEEKDAY.search(text)
    if match is not None:
        text = _cut(text, match)
        qualifier, weekday, after = match.group(1), _WEEKDAYS[match.group(2)], match.group(3)
        monday = today - timedelta(days=today.weekday())
        if after == "last week":
            parsed.dates.append((monday - timedelta(days=7) + timedelta(days=weekday), "day"))
        elif after == "before last":
            back = (today.weekday() - weekday) % 7 or 7
            parsed.dates.append((today - timedelta(days=back + 7), "day"))
        elif qualifier == "next":
            ahead = (weekday - today.weekday()) % 7 or 7
            parsed.dates.append((today + timedelta(days=ahead), "day"))
        elif qualifier == "this" or after == "this week":
            # "this tuesday" is this week's Tuesday: today, earlier this week, or (an error) later.
            parsed.dates.append((monday + timedelta(days=weekday), "day"))
        else:
            # Decision: a bare weekday is the most recent one before today (a week ago if it is
            # today's name), since people call today "today".  Kept as a constraint when another
            # part of the answer gives the date ("yesterday, monday").
            parsed.weekday = weekday
    match = _WEEKEND.search(text)
    if match is not None:
        text = _cut(text, match)
        back = (today.weekday() - 5) % 7  # days since the most recent Saturday (0 on a Saturday)
        if match.group(1) in {"last", "past"} and today.weekday() >= 5:
            back += 7  # said during a weekend, "last weekend" is the one before
        parsed.dates.append((today - timedelta(days=back), "weekend"))
    match = _PERIOD.search(text)
    if match is not None:
        text = _cut(text, match)
        which, unit = match.group(1), match.group(2)
        step = {"next": 1, "this": 0, "earlier this": 0}.get(which, -1)
        if unit == "week":
            monday = today - timedelta(days=today.weekday())
            parsed.dates.append((monday + timedelta(days=7 * step), "week"))
        elif unit == "month":
            parsed.dates.append((_add_months(today.replace(day=1), step), "month"))
        elif _MONTH_WORD.search(text):
            text += f" {today.year + step}"  # "november last year": a month for dateparser, with its year
        else:
            parsed.dates.append((date(today.year + step, 1, 1), "year"))
    # After weekdays and periods, so "tuesday last week" and "earlier this week" stay whole.
    for pattern, offset, part, is_this in _DAY_WORDS:
        match = pattern.search(text)
        if match is None:
            continue
        parsed.dates.append((today + timedelta(days=offset), "day"))
        if part is not None and parsed.part is None:
            parsed.part, parsed.part_is_this = part, is_this
        text = _cut(text, match)
        break
    for match in _PART.finditer(text):
        name = re.sub(r"\s+", " ", match.group(1))
        part = _PART_NAMES.get(name, name)
        if parsed.part in {None, part} or (parsed.part, part) == ("early_hours", "morning"):
            parsed.part = parsed.part or part
        elif (parsed.part, part) == ("tonight", "night"):
            pass
        else:
            raise _Reject(ASK_UNPARSEABLE)  # "this morning in the evening"
    return _PART.sub(" ", text)
