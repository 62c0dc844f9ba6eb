"""Reading an answer into its pieces: each step takes out what it recognises, in a fixed order,
and dateparser is given only what is left, when that looks like a calendar date."""

from __future__ import annotations

import re
from datetime import datetime

from .absolute import _take_calendar_date, _take_numeric_date, _take_ordinal
from .clock import _take_time
from .lexicon import _FILLER, _HEDGE, _MONTH_WORD
from .model import ASK_UNPARSEABLE, _Parsed, _Reject
from .relative import _take_days, _take_relative

_SMART = str.maketrans("\u2019\u2018\u2013\u2014", "''--")  # phones type curly quotes and dashes


def _normalise(text: str) -> str:
    text = text.translate(_SMART).lower()
    text = re.sub(r"(?<![a-z])([ap])\.\s?m\b\.?", r"\1m", text)  # a.m. / p.m.
    text = text.replace("'", "")  # "o'clock" -> "oclock", "it's" -> "its"
    text = re.sub(r"[^\w\s:/.\-]", " ", text)
    text = re.sub(r"(?<!\d)[.:]|[.:](?!\d)", " ", text)  # sentence punctuation, not 6.30 or 18:00
    text = re.sub(r"(?<!\d)[/\-]|[/\-](?!\d)", " ", text)  # "6-ish" -> "6 ish"; keeps 12/11, 12-11
    return " ".join(text.split())


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
