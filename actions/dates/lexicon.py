"""The words people use for when something happened, and the patterns that find them.

Weekday and month names, number words, hedges ("about", "ish") and filler, then the patterns in
the order the parser applies them.  ``_cut`` removes what a pattern matched, so that each step
sees only what the earlier ones left."""

from __future__ import annotations

import re

from ..numbers import UNITS, VAGUE

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
# Clock hours as words ("at seven", "half six").
_HOUR_WORDS = {w: n for w, n in UNITS.items() if 1 <= n <= 12}
# How many of a unit before "ago" ("an hour ago", "a couple of days ago").
_NUMBER_WORDS = {"a": 1, "an": 1, **_HOUR_WORDS, **VAGUE}
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
    rf"\b(?P<n>\d+|a|an|{_HOUR_WORD_RE}|"
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


def _cut(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()]} {text[match.end() :]}"
