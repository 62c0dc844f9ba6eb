"""Times of day: clock times ("6pm", "half 7", "between 6 and 7pm", "8 in the evening") and parts
of the day ("this evening", "last night"), and the London moment each stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from .lexicon import _HOUR_WORDS, _TIME_PATTERNS, _cut
from .model import ASK_NOT_YET, LONDON, _Clock, _localise, _Parsed, _Reject
from .readback import _format_clock


@dataclass(frozen=True)
class _Part:
    start: int  # hour the part of the day begins (night runs past midnight)
    anchor: time  # the time recorded when no clock time is given
    label: str  # read-back wording
    noun: str  # for "It isn't evening yet"


_PARTS = {
    "early_hours": _Part(0, time(3), "in the early hours", "the early hours"),
    "morning": _Part(6, time(9), "in the morning", "morning"),
    "lunchtime": _Part(12, time(13), "around lunchtime", "lunchtime"),
    "afternoon": _Part(12, time(15), "in the afternoon", "afternoon"),
    "evening": _Part(17, time(19), "in the evening", "evening"),
    "night": _Part(21, time(22), "at night", "night-time"),
    "tonight": _Part(17, time(21), "in the evening", "evening"),  # later than "this evening" (19:00)
}


def _loose_clock(token: str) -> _Clock | None:
    """One clock token: "6", "6pm", "6.30", "18:30", "six", "noon", "midnight", "6 oclock"."""
    token = re.sub(r"\s*oclock$", "", token.strip())
    if token in {"noon", "midday"}:
        return _Clock(12, 0, None, True)
    if token == "midnight":  # noqa: S105 -- a clock word, not a password
        return _Clock(0, 0, None, True, midnight=True)
    if token in _HOUR_WORDS:
        return _Clock(_HOUR_WORDS[token], 0, None, False)
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?", token)
    if not match:
        return None
    hour, minute, meridiem = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if minute > 59:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        return _Clock((hour % 12) + (12 if meridiem == "pm" else 0), minute, meridiem, True)
    if hour > 23:
        return None
    # "18:30" or "0:15" is unambiguous; "6" or "6.30" needs the am/pm rules.
    fixed = hour == 0 or hour > 12 or (":" in token and token.startswith("0"))  # "09:30" is 24-hour
    return _Clock(hour, minute, None, fixed)


def _take_time(text: str, parsed: _Parsed) -> str:
    for kind, pattern in _TIME_PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if kind == "range":
            start, end = _loose_clock(match.group(1)), _loose_clock(match.group(2))
            if start is None or end is None:
                continue
            if start.meridiem is None and not start.fixed and end.meridiem is not None:
                # "between 6 and 7pm": the first time shares the second's am/pm unless that would put
                # it after the end ("between 11 and 2am" is 11pm).
                same = (start.hour % 12) + (12 if end.meridiem == "pm" else 0)
                hour = same if same <= end.hour else (same + 12) % 24
                start = _Clock(hour, start.minute, None, True)
            parsed.clock, parsed.clock_end = start, end
            parsed.approx = True
        elif kind == "past":
            hour_text = match.group(3)
            hour = _HOUR_WORDS.get(hour_text) or int(hour_text)
            amount = {"half": 30, "quarter": 15, "ten": 10, "twenty": 20, "five": 5, "twenty five": 25}.get(
                re.sub(r"\s+", " ", match.group(1))
            )
            minutes = amount if amount is not None else int(match.group(1))
            if not 1 <= hour <= 12 or not 0 < minutes < 60:
                continue
            if match.group(2) == "to":
                hour, minutes = (hour - 1) or 12, 60 - minutes
            parsed.clock = _Clock(hour, minutes, None, False)
        elif kind == "half":
            hour_text = match.group(1)
            hour = _HOUR_WORDS.get(hour_text) or int(hour_text)
            if not 1 <= hour <= 12:
                continue
            parsed.clock = _Clock(hour, 30, None, False)
        elif kind == "hhmm":
            parsed.clock = _Clock(int(match.group(1)[:2]), int(match.group(1)[2:]), None, True)
        elif kind == "meridiem":
            parsed.clock = _loose_clock(f"{match.group(1)}{match.group(2)}")
        else:
            parsed.clock = _loose_clock(match.group(1))
        if parsed.clock is None:  # "25:00", "13pm": leave it for the leftover check to reject
            continue
        return _cut(text, match)
    return text


def _hour24(clock: _Clock, part: str | None) -> tuple[int, bool]:
    """The 24-hour hour for a clock time, and whether it falls on the next calendar day."""
    if clock.midnight:
        return 0, True  # "tuesday at midnight" is the end of Tuesday
    if clock.fixed or clock.meridiem is not None:
        return clock.hour, part in {"night", "tonight"} and clock.hour < 6
    hour = clock.hour  # 1-12 with no am/pm
    match part:
        case "morning" | "early_hours":
            return hour % 12, False
        case "afternoon" | "lunchtime" | "evening":
            return hour % 12 + 12, False
        case "night" | "tonight":
            if hour == 12:
                return 0, True
            if hour < 6:
                return hour, True  # "2 last night" is the small hours of the next morning
            return hour + 12, False
        case _:
            # Decision: 1-7 o'clock is afternoon/evening, 8-11 morning, 12 midday -- the usual
            # reading when nobody says am or pm.
            return (hour + 12 if 1 <= hour <= 7 else hour), False


def _clock_on(day: date, clock: _Clock, part: str | None) -> datetime:
    hour, next_day = _hour24(clock, part)
    return _localise(day + timedelta(days=1 if next_day else 0), time(hour, clock.minute))


def _part_on(day: date, part: str, now_local: datetime, explicit: bool) -> datetime:
    """The moment recorded for a part of the day on ``day``; rejects one that has not begun."""
    spec = _PARTS[part]
    start = _localise(day, time(spec.start))
    anchor = _localise(day, spec.anchor)
    if part == "morning" and explicit and now_local < start:
        start = _localise(day, time(0))  # "this morning" at 03:00 means the small hours
    if anchor <= now_local:
        return anchor
    if start > now_local:
        raise _Reject(ASK_NOT_YET.format(part=spec.noun))
    # Begun but its usual time not reached ("this evening" at 18:20): halfway from start to now.
    middle = start.astimezone(UTC) + (now_local.astimezone(UTC) - start.astimezone(UTC)) / 2
    return middle.replace(second=0, microsecond=0).astimezone(LONDON)


def _clock_label(parsed: _Parsed, moment: datetime) -> str:
    if parsed.clock_end is not None:
        end = parsed.clock_end
        end_time = time(_hour24(end, parsed.part)[0], end.minute)
        return f"between {_format_clock(moment)} and {_format_clock(end_time)}"
    return f"about {_format_clock(moment)}" if parsed.approx else _format_clock(moment)
