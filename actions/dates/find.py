"""A time phrase inside a longer sentence: "someone nicked my bike last night" -> last night.

``resolve_when`` reads an answer to "when did it happen?", where the whole message is the time.
Messages that were not answering that question (the first message, "it was outside Tesco about
6 yesterday") carry time phrases among other words; this tries the windows of a few words around
time words, longest first, and keeps the first that resolves. Only for the "nothing asked twice"
prefill and for corrections: an answer to the question itself goes to ``resolve_when`` whole.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..answers.result import Valid

_TIME_WORD = re.compile(
    r"^(?:yesterday|today|tonight|tonite|last|this|ago|morning|afternoon|evening|night|overnight|"
    r"weekend|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|wed|thurs|"
    r"fri|sat|sun|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|earlier|midnight|midday|noon|"
    r"lunchtime|teatime|o'?clock|am|pm|\d{1,2}(?::\d\d)?(?:am|pm)?|\d{1,2}(?:st|nd|rd|th)|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|hours?|days?|weeks?|half|quarter|just|gone|before|hour)$"
)
_MAX_WINDOW = 7


def find_when(text: str, now: datetime) -> Valid | None:
    """The longest run of words around time words that resolves to a past moment, or None."""
    from . import resolve_when  # the package's entry point; imported here to avoid a cycle

    tokens = re.sub(r"[,;!?()]", " ", text).split()
    plain = [t.lower().strip(".'\"") for t in tokens]
    # A bare number ("12 Elm Close", "2 lads") is a time only next to a real time word.
    marks = [i for i, t in enumerate(plain) if _TIME_WORD.match(t) and not t.isdigit()]
    if not marks:
        return None
    windows = {
        (start, end)
        for i in marks
        for start in range(max(0, i - 3), i + 1)
        for end in range(i + 1, min(len(tokens), i + _MAX_WINDOW) + 1)
        if end - start <= _MAX_WINDOW and plain[end - 1] and _TIME_WORD.match(plain[end - 1])
    }
    for start, end in sorted(windows, key=lambda w: (w[0] - w[1], w[0])):
        phrase = " ".join(tokens[start:end])
        if len(phrase) < 3 or (
            not any(c.isalpha() for c in phrase) and ":" not in phrase and "/" not in phrase
        ):
            continue
        result = resolve_when(phrase, now)
        if isinstance(result, Valid):
            return result
    return None
