"""Resolve a citizen's answer to "When did it happen?" into a Europe/London date and time.

People answer in conversational British English: "last night", "about 6 yesterday", "Tuesday
afternoon", "over the weekend", "12/11 at 14:30".  dateparser handles textual calendar dates well
but misses or misreads much of the rest ("last night" -> 20:00, "about 6" -> the 6th of the month,
"the 28th" -> a future date, "1/13" silently read month-first), so this module recognises the
conversational pieces itself -- relative offsets, clock times, day words, weekdays, parts of the
day -- and hands dateparser only what is left, when that looks like a calendar date.

Decisions (each also noted where it is applied):
- A bare weekday ("tuesday", "on tuesday", "last tuesday") is the most recent one *before*
  today: said on a Tuesday it means a week ago, because people call today "today".  "this
  tuesday" said on a Tuesday means today.  The summary reads back the full date, so a wrong
  guess is caught before the report is sent.
- A clock time with no day is its most recent occurrence ("6pm" at 10:00 is yesterday 18:00).
- A bare hour ("at 3", "about 8") is 13:00-19:00 for 1-7 and 08:00-11:00 for 8-11, unless a part
  of the day says otherwise ("8 at night" is 20:00; "2 last night" is 02:00 the next morning).
- "last night" is yesterday's night (about 22:00), even when said at 01:00.
- A part of the day that has begun but whose usual time has not come yet ("this evening" at
  18:20) is the midpoint between its start and now; one that has not begun ("this evening" at
  10:00) is an error.  "tonight" / "this evening" said before 06:00 mean the evening just gone.
- "half 7" is 7:30 (British usage); "this time last week" is the same wall-clock time 7 days ago.
- Date-only answers are stored as local midnight; the display says how precise the answer was.
- Wall-clock times that do not exist (01:30 on the spring-forward night) are moved forward an
  hour; ambiguous ones (01:30 on the autumn night) take the first, BST, occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser

from .validators import Invalid, Result, Valid, is_dont_know

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

_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "weds": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple": 2,
    "few": 3,
    "several": 3,
}
_HOUR_WORDS = {w: n for w, n in _NUMBER_WORDS.items() if w not in {"a", "an", "couple", "few", "several"}}
_HOUR_WORD_RE = "|".join(sorted(_HOUR_WORDS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MONTH_RE = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

# Words that say the answer is a rough one ("about 6", "sometime tuesday", "6ish").
_HEDGE = re.compile(
    r"\b(?:about|around|round|approx\w*|roughly|circa|maybe|probably|possibly|perhaps|think|"
    r"sometime|some\s+time|or\s+so|ish|after|before(?!\s+(?:yesterday|last))|by|thereabouts|between|guess|reckon|"
    r"early|late|mid)\b|\dish\b"
    rf"|\bgone\s+(?=\d|(?:{_HOUR_WORD_RE})\b)"
)  # "gone 6", not "thursday gone"
# Words that can sit around a date or time without changing it.
_FILLER = frozenset(
    (
        "at",
        "on",
        "in",
        "the",
        "of",
        "about",
        "around",
        "round",
        "approx",
        "approximately",
        "roughly",
        "maybe",
        "probably",
        "possibly",
        "perhaps",
        "i",
        "think",
        "it",
        "its",
        "was",
        "were",
        "happened",
        "happen",
        "this",
        "that",
        "sometime",
        "some",
        "time",
        "ish",
        "or",
        "so",
        "and",
        "just",
        "a",
        "bit",
        "er",
        "erm",
        "um",
        "umm",
        "uh",
        "well",
        "oh",
        "ok",
        "okay",
        "circa",
        "c",
        "during",
        "between",
        "from",
        "to",
        "until",
        "till",
        "gone",
        "after",
        "before",
        "by",
        "must",
        "have",
        "been",
        "would",
        "say",
        "guess",
        "reckon",
        "believe",
        "early",
        "late",
        "mid",
        "middle",
        "end",
        "start",
        "beginning",
        "thereabouts",
        "abouts",
        "there",
        "when",
        "sure",
        "not",
        "quite",
        "exactly",
        "hmm",
        "hm",
        "id",
        "im",
        "i'd",
        "i'm",
    )
)

# --- patterns, in the order they are applied --------------------------------------------------

_REL = re.compile(
    r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|several|half\s+an?)\s+"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?|yrs?)"
    r"(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+ago\b"
)
_SAME_TIME = re.compile(r"\b(?:about\s+|around\s+)?(?:this|same)\s+time\s+(yesterday|last\s+week)\b")
_NOW = re.compile(r"\b(?:just\s+now|right\s+now|moments?\s+ago|a\s+moment\s+ago|now)\b")
_OTHER_DAY = re.compile(r"\bthe\s+other\s+day\b")
_LOOSE_TIME = (
    rf"(?:\d{{1,2}}(?:[:.]\d{{2}})?(?:\s*(?:am|pm))?|noon|midday|midnight|{_HOUR_WORD_RE})"
    r"(?:\s*oclock)?"
)
_TIME_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "range",
        re.compile(
            rf"\b(?:between|from)\s+({_LOOSE_TIME})\s+(?:and|to|till|until|-)\s+"
            rf"({_LOOSE_TIME})\b"
        ),
    ),
    (
        "range",
        re.compile(
            r"(?<![\d:/.])(\d{1,2}(?:[:.]\d{2})?)\s*(?:-|to)\s*"
            r"(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm))\b"
        ),
    ),
    ("meridiem", re.compile(r"(?<![\d:/.])(\d{1,2}(?:[:.]\d{2})?)\s*(am|pm)\b")),
    ("colon", re.compile(r"(?<![\d:/.])(\d{1,2}:\d{2})(?![\d:])")),
    (
        "past",
        re.compile(
            rf"\b(half|quarter|\d{{1,2}}|ten|twenty|five|twenty\s+five)\s+(?:minutes\s+)?"
            rf"(past|to)\s+(\d{{1,2}}|{_HOUR_WORD_RE})\b"
        ),
    ),
    ("word", re.compile(r"\b(noon|midday|midnight)\b")),
    ("hhmm", re.compile(r"\bat\s+((?:[01]\d|2[0-3])[0-5]\d)\b(?!\s*(?:st|nd|rd|th)\b)")),
    (
        "prefixed",
        re.compile(
            rf"\b(?:at|about|around|round|approx(?:imately)?|roughly|gone|after|just\s+after|just\s+before|before|by|"
            rf"circa|til|till|until)\s+(?:about\s+|around\s+)?(\d{{1,2}}(?:\.\d{{2}})?|{_HOUR_WORD_RE})"
            rf"(?:\s*oclock|\s*ish)?(?![\w/:.\-])(?!\s+(?:st|nd|rd|th|of|{_MONTH_RE})\b)"
        ),
    ),
    ("half", re.compile(rf"\bhalf\s+(\d{{1,2}}|{_HOUR_WORD_RE})\b(?!\s*(?:past|to)\b)")),  # "half 7" = 7:30
    ("oclock", re.compile(rf"\b(\d{{1,2}}|{_HOUR_WORD_RE})\s*(?:oclock|ish)\b")),
    # "8 in the evening", "11 last night": the part of the day that follows says it is a time.
    (
        "before_part",
        re.compile(
            rf"(?<![\d:/.])(\d{{1,2}}(?:[:.]\d{{2}})?|{_HOUR_WORD_RE})(?=\s+(?:in\s+the\s+(?:morning|afternoon|evening)"
            r"|at\s+night|last\s+night|tonight|(?:this|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+"
            r"(?:morning|afternoon|evening|night))\b)"
        ),
    ),
)
_ISO_DATE = re.compile(r"(?<![\d:.])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d:.])(\d{1,2})([/.\-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d:])")
_ORDINAL = re.compile(r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b")
_MONTH_WORD = re.compile(rf"\b(?:{_MONTH_RE})\b")
_EARLY_HOURS = re.compile(
    r"\b(?:early|small|wee)\s+hours(?:\s+of)?(?:\s+the)?(?:\s+(this))?(?:\s+morning)?\b"
)
_DAY_WORDS: tuple[tuple[re.Pattern[str], int, str | None, bool], ...] = (
    # (pattern, days from today, part of the day, part is today's "this ..." one)
    (re.compile(r"\blast\s+nite?\b|\blast\s+night\b"), -1, "night", False),
    (re.compile(r"\b(?:earlier\s+)?tonight\b"), 0, "tonight", True),
    (re.compile(r"\b(?:earlier\s+)?this\s+evening\b"), 0, "evening", True),
    (re.compile(r"\b(?:earlier\s+)?this\s+morning\b"), 0, "morning", True),
    (re.compile(r"\b(?:earlier\s+)?this\s+afternoon\b"), 0, "afternoon", True),
    (re.compile(r"\bthis\s+lunch\s*time\b"), 0, "lunchtime", True),
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b"), -2, None, False),
    (re.compile(r"\byesterday\b|\byday\b|\byest\b"), -1, None, False),
    (re.compile(r"\b(?:earlier\s+)?today\b|\bearlier\s+on\b|\bearlier\b"), 0, None, False),
    (re.compile(r"\btomorrow\b|\btmrw\b|\btomoz\b"), 1, None, False),
)
_PERIOD = re.compile(r"\b(last|this|earlier\s+this|past|previous|next)\s+(week|month|year)\b")
_WEEKDAY = re.compile(
    rf"\b(?:(last|this|next|on|past|previous)\s+)?({_WEEKDAY_RE})\b"
    r"(?:\s+(just\s+gone|gone|last\s+week|before\s+last|this\s+week))?"
)
_WEEKEND = re.compile(r"\b(?:(?:at|over|during|on)\s+)?(?:(the|this|last|past)\s+)?weekend\b")
_PART = re.compile(
    r"\b(?:in\s+the\s+|during\s+the\s+|at\s+|the\s+)?(morning|afternoon|lunch\s*time|lunch|"
    r"evening|teatime|tea\s+time|night\s*time|night|overnight)\b"
)
_PART_NAMES = {
    "lunch": "lunchtime",
    "lunchtime": "lunchtime",
    "lunch time": "lunchtime",
    "teatime": "evening",
    "tea time": "evening",
    "nighttime": "night",
    "night time": "night",
    "overnight": "night",
}


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


# --- formatting -------------------------------------------------------------------------------


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


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Reject(ASK_BAD_DATE.format(text=f"'{shown}'")) from None


# --- parsing the pieces -----------------------------------------------------------------------


_SMART = str.maketrans("\u2019\u2018\u2013\u2014", "''--")  # phones type curly quotes and dashes


def _normalise(text: str) -> str:
    text = text.translate(_SMART).lower()
    text = re.sub(r"(?<![a-z])([ap])\.\s?m\b\.?", r"\1m", text)  # a.m. / p.m.
    text = text.replace("'", "")  # "o'clock" -> "oclock", "it's" -> "its"
    text = re.sub(r"[^\w\s:/.\-]", " ", text)
    text = re.sub(r"(?<!\d)[.:]|[.:](?!\d)", " ", text)  # sentence punctuation, not 6.30 or 18:00
    text = re.sub(r"(?<!\d)[/\-]|[/\-](?!\d)", " ", text)  # "6-ish" -> "6 ish"; keeps 12/11, 12-11
    return " ".join(text.split())


def _cut(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()]} {text[match.end() :]}"


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


def _parse(text: str, now_local: datetime) -> _Parsed:
    today = now_local.date()
    parsed = _Parsed()
    normalised = _normalise(text)
    parsed.approx = bool(_HEDGE.search(normalised))
    rest = _take_relative(normalised, parsed, now_local)
    rest = _take_time(rest, parsed)
    rest = _take_numeric_date(rest, parsed, today)
    rest = _take_days(rest, parsed, today)
    rest = _take_ordinal(rest, parsed, today)
    leftover = " ".join(word for word in rest.split() if word not in _FILLER)
    if leftover:
        has_date = _MONTH_WORD.search(leftover) or re.search(r"\b(?:19|20)\d{2}\b", leftover)
        if not has_date:
            raise _Reject(ASK_UNPARSEABLE)
        _take_calendar_date(leftover, parsed, now_local)
    return parsed


# --- resolving the pieces into one moment ------------------------------------------------------


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


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def resolve_when(text: str, now: datetime) -> Result:
    """Resolve "when did it happen?" to an ISO 8601 London time, relative to ``now``.

    ``now`` should be timezone-aware (a naive value is taken as UTC).  The result depends only on
    ``text`` and ``now``: no clock is read, so it is reproducible in tests and replays.
    """
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    now_local = now.astimezone(LONDON)
    if not re.search(r"[^\W_]", text):
        return Invalid(ASK_DONT_KNOW if is_dont_know(text) else ASK_UNPARSEABLE)
    try:
        parsed = _parse(text, now_local)
        value, latest, display = _resolve(parsed, now_local)
    except _Reject as reject:
        # Try don't-know only after parsing failed: "not sure, maybe tuesday" is still an answer.
        return Invalid(ASK_DONT_KNOW if is_dont_know(text) else reject.message)
    if value > now + FUTURE_TOLERANCE:
        return Invalid(ASK_FUTURE.format(display=display))
    if latest < _years_before(now, MAX_AGE_YEARS):
        return Invalid(ASK_TOO_OLD.format(display=display))
    return Valid(value.isoformat(), display)
