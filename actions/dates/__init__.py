"""Resolve a citizen's answer to "When did it happen?" into a Europe/London date and time.

People answer in conversational British English: "last night", "about 6 yesterday", "Tuesday
afternoon", "over the weekend", "12/11 at 14:30".  dateparser handles textual calendar dates well
but misses or misreads much of the rest ("last night" -> 20:00, "about 6" -> the 6th of the month,
"the 28th" -> a future date, "1/13" silently read month-first), so this package recognises the
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

Modules, in the order an answer goes through them: ``lexicon`` (words and patterns), ``parse``
(which runs ``relative``, ``clock`` and ``absolute`` to take the pieces out), ``resolve`` (one
moment from the pieces), ``readback`` (the wording); ``model`` holds the records, limits and
re-asks they share.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from ..answers.dont_know import is_dont_know
from ..answers.result import Invalid, Result, Valid
from .model import (
    ASK_BAD_DATE,
    ASK_DONT_KNOW,
    ASK_FUTURE,
    ASK_MISMATCH,
    ASK_NOT_YET,
    ASK_TOO_OLD,
    ASK_UNPARSEABLE,
    FUTURE_TOLERANCE,
    LONDON,
    MAX_AGE_YEARS,
    Precision,
    _Reject,
)
from .parse import _parse
from .resolve import _resolve

__all__ = [
    "ASK_BAD_DATE",
    "ASK_DONT_KNOW",
    "ASK_FUTURE",
    "ASK_MISMATCH",
    "ASK_NOT_YET",
    "ASK_TOO_OLD",
    "ASK_UNPARSEABLE",
    "FUTURE_TOLERANCE",
    "LONDON",
    "MAX_AGE_YEARS",
    "Precision",
    "resolve_when",
]


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
