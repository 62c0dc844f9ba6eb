"""What people type that identifies them, beyond phones, postcodes and plates (triage.privacy).

Each finder yields ``(start, end, kind)`` with ``kind`` one of triage.privacy's placeholder names:

* ``CARD``: card numbers of 13-19 digits, spaced or dashed any way, that pass the Luhn check (so a
  crime reference or an order number is left alone); a 3-4 digit security code after a cue
  ("cvv", "security code", "on the back") or right after a card number; an expiry date after one.
* ``SORT_CODE``: ``20-45-67`` / ``20 45 67`` after "sort code", or dashed with a middle pair over 12
  (so it is not a date); ``ACCOUNT``: 8 digits after "account (number|no)" or next to a sort code.
* ``NI_NUMBER``: ``QQ 12 34 56 C``, spaced or not (two letters, six digits, A-D).
* ``PASSPORT``: 9 digits (or a letter and 8) within a few words after "passport".
* ``LICENCE``: the 16-character UK driving licence number (``MORGA753116SM9IJ``), spaced or not.
* ``EMAIL``: spelled-out addresses: "dave dot smith at gmail dot com", "jo (at) hotmail.co.uk".
* ``HANDLE``: ``@chloe_b_x``, and a handle after "insta", "snap", "tiktok", "twitter"...
* ``ADDRESS``: a flat or apartment number ("flat 3b", "apartment 12").
"""

from __future__ import annotations

import re
from typing import Iterator, Tuple  # noqa: UP035 (runtime aliases on Python 3.9)

Found = Tuple[int, int, str]  # noqa: UP006


def luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


_CARD = re.compile(r"(?<![\w.])(?:\d[ \-]{0,2}){12,18}\d(?![\w])")
_CVV_CUE = re.compile(
    r"\b(?:cvv2?|cvc2?|csc|security\s+(?:code|number|digits)|(?:the\s+)?(?:3|three)\s+digits?(?:\s+on\s+the\s+back)?"
    r"|(?:number|numbers|digits|code)\s+on\s+the\s+back)\b(?:\s*(?:is|was|are|were|[:=\-]))?\s*(?P<code>\d{3,4})\b",
    re.IGNORECASE,
)
_AFTER_CARD = re.compile(
    r"^(?P<gap>[\s,;/]*(?:(?:exp(?:iry|ires)?|expiring|valid\s+to|end)\s*(?:date)?\s*[:\-]?\s*)?)"
    r"(?P<expiry>(?:0?[1-9]|1[0-2])\s*[/\-]\s*(?:20)?\d{2})?"
    r"(?P<gap2>[\s,;/]*(?:(?:cvv2?|cvc|code|security\s+code)\s*[:\-]?\s*)?)(?P<code>\d{3,4})?(?!\d)",
    re.IGNORECASE,
)
_SORT_CODE_CUE = re.compile(
    r"\bsort\s*-?\s*code\b(?:\s*(?:is|was|[:=\-]))?\s*(?P<code>\d{2}[\s\-.]?\d{2}[\s\-.]?\d{2})(?!\d)",
    re.IGNORECASE,
)
_SORT_CODE_BARE = re.compile(r"(?<![\w\-/.])(?P<a>\d{2})-(?P<b>\d{2})-(?P<c>\d{2})(?![\w\-/])")
_ACCOUNT_CUE = re.compile(
    r"\b(?:(?:bank\s+)?account|acc|a/c|acct)(?:\s*(?:number|no\.?|num|#))?(?:\s*(?:is|was|[:=\-]))?\s*(?P<number>\d{8})(?!\d)",
    re.IGNORECASE,
)
_EIGHT_DIGITS = re.compile(r"(?<![\w])\d{8}(?![\w])")
_NI = re.compile(r"(?<![\w])[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D](?![\w])", re.IGNORECASE)
_PASSPORT = re.compile(
    r"\bpassport\b[\w\s,:#.\-]{0,40}?(?<![\w])(?P<number>[A-Z0-9]{8,10})(?![\w])", re.IGNORECASE
)
_LICENCE = re.compile(
    r"(?<![\w])[A-Z9]{5}\s?\d[0156]\d{4}\s?[A-Z9]{2}\d\s?[A-Z]{2}(?:\s?\d{2})?(?![\w])", re.IGNORECASE
)
_DOT = r"\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\]|\bdot\b)\s*"
_AT = r"\s*(?:@|\(\s*at\s*\)|\[\s*at\s*\]|\bat\b)\s*"
_TLD = r"(?:com|co|uk|net|org|ac|gov|me|io|info|biz|ie|email|live|icloud)"
_SPELLED_EMAIL = re.compile(
    r"(?<![\w@])[\w+\-]+(?:"
    + _DOT
    + r"[\w+\-]+)*"
    + _AT
    + r"[\w\-]+(?:"
    + _DOT
    + r"[\w\-]+)*"
    + _DOT
    + _TLD
    + r"\b"
    r"(?:" + _DOT + r"uk\b)?",
    re.IGNORECASE,
)
_HANDLE_AT = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_HANDLE_CUE = re.compile(
    r"\b(?:insta(?:gram)?|snap(?:chat)?|tik\s?tok|twitter|x\s+account|fb|facebook|threads)(?:\s+(?:name|handle|account|username|user))?"
    r"(?:\s*(?:is|was|[:=\-]))?\s*@?(?P<handle>[A-Za-z0-9_.]*[_\d][A-Za-z0-9_.]*)(?![\w])",
    re.IGNORECASE,
)
_FLAT = re.compile(
    r"\b(?:flat|apartment|apt|maisonette)\.?\s*(?:no\.?\s*|number\s*)?\d{1,4}[a-z]?\b(?!\s*(?:mph|pm|am|%))",
    re.IGNORECASE,
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def card_spans(text: str) -> Iterator[Found]:
    for match in _CARD.finditer(text):
        digits = _digits(match.group(0))
        if 13 <= len(digits) <= 19 and luhn(digits):
            yield match.start(), match.end(), "CARD"
            after = _AFTER_CARD.match(text[match.end() : match.end() + 40])
            if after:
                for group in ("expiry", "code"):
                    if after.group(group):
                        yield match.end() + after.start(group), match.end() + after.end(group), "CARD"
    for match in _CVV_CUE.finditer(text):
        yield match.start("code"), match.end("code"), "CARD"


def bank_spans(text: str) -> Iterator[Found]:
    codes = []
    for match in _SORT_CODE_CUE.finditer(text):
        codes.append((match.start("code"), match.end("code")))
    for match in _SORT_CODE_BARE.finditer(text):
        day, month = int(match.group("a")), int(match.group("b"))
        if not (1 <= day <= 31 and 1 <= month <= 12):  # not a date
            codes.append((match.start(), match.end()))
    for start, end in codes:
        yield start, end, "SORT_CODE"
    for match in _ACCOUNT_CUE.finditer(text):
        yield match.start("number"), match.end("number"), "ACCOUNT"
    for match in _EIGHT_DIGITS.finditer(text):
        if any(abs(match.start() - end) <= 25 or abs(start - match.end()) <= 25 for start, end in codes):
            yield match.start(), match.end(), "ACCOUNT"


def id_spans(text: str) -> Iterator[Found]:
    for match in _NI.finditer(text):
        yield match.start(), match.end(), "NI_NUMBER"
    for match in _PASSPORT.finditer(text):
        if sum(c.isdigit() for c in match.group("number")) >= 5:  # a number, not a word
            yield match.start("number"), match.end("number"), "PASSPORT"
    for match in _LICENCE.finditer(text):
        yield match.start(), match.end(), "LICENCE"


def contact_spans(text: str) -> Iterator[Found]:
    for match in _SPELLED_EMAIL.finditer(text):
        if "@" not in match.group(0) or re.search(r"\bdot\b|\(at\)|\[at\]", match.group(0), re.IGNORECASE):
            yield match.start(), match.end(), "EMAIL"
    for match in _HANDLE_AT.finditer(text):
        yield match.start(), match.end(), "HANDLE"
    for match in _HANDLE_CUE.finditer(text):
        if len(match.group("handle")) >= 3:
            yield match.start("handle"), match.end("handle"), "HANDLE"
    for match in _FLAT.finditer(text):
        yield match.start(), match.end(), "ADDRESS"


def all_spans(text: str) -> Iterator[Found]:
    yield from card_spans(text)
    yield from bank_spans(text)
    yield from id_spans(text)
    yield from contact_spans(text)
