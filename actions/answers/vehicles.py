"""Vehicle registrations: any era's UK plate, alone or in a sentence, or an honest "didn't get it"."""

from __future__ import annotations

import re

from .dont_know import is_dont_know
from .result import NOT_KNOWN, Invalid, Result, Valid
from .text import clean, strip_ends, strip_lead_in
from .yes_no import leading_yes_no, parse_yes_no

# Each format with the conventional split used on the plate.  Letters are not restricted to the
# DVLA's issuing rules: witnesses misread I/1 and O/0, and a near miss is still worth recording.
_PLATE_FORMATS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"[A-Z]{2}[0-9]{2}[A-Z]{3}"), 4),  # current (2001-): AB12 CDE
    (re.compile(r"[A-Z][0-9]{1,3}[A-Z]{3}"), -3),  # prefix (1983-2001): A123 BCD
    (re.compile(r"[A-Z]{3}[0-9]{1,3}[A-Z]"), 3),  # suffix (1963-1983): ABC 123D
    (re.compile(r"[0-9]{1,4}[A-Z]{1,3}"), 0),  # dateless, digits first: 1234 AB
    (re.compile(r"[A-Z]{1,3}[0-9]{1,4}"), 0),  # dateless / Northern Ireland: ABC 123, ABZ 1234
)
# In running text only the distinctive dated formats are searched: the dateless shapes also
# match road numbers ("A34") and times ("6 PM").
_PLATE_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{2}[0-9]{2}\s?[A-Z]{3}|[A-Z][0-9]{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?[0-9]{1,3}[A-Z])"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_PLATE_LEAD_IN = re.compile(
    r"^(?:i\s+think\s+|i\s+believe\s+|maybe\s+)?(?:it\s+was|it'?s|it\s+is|the\s+)?\s*"
    r"(?:(?:vehicle\s+)?reg(?:istration)?(?:\s+(?:number|no|plate))?|(?:number\s+)?plate|number)?"
    r"\s*(?:was|is|:)?\s*",
    re.IGNORECASE,
)
_NO_PLATE = re.compile(
    r"\b(?:(?:did\s*n'?t|did\s+not|could\s*n'?t|could\s+not|ca\s*n'?t|cannot|never|was\s*n'?t\s+able\s+to)"
    r"\s+(?:get|got|see|catch|read|note|notice|make\s+out|take)"
    r"|too\s+(?:fast|quick|quickly|dark|far|far\s+away)|(?:drove|sped|made|went|raced)\s+(?:off|away)"
    r"|no\s+(?:plates?|reg|registration|number\s*plate)|(?:plate|reg)\s+(?:was\s+)?(?:covered|obscured|missing)"
    r"|(?:it\s+was|was)\s+(?:too\s+)?(?:dark|night|raining)|no\s+chance|not\s+a\s+chance)\b",
    re.IGNORECASE,
)
ASK = (
    "That doesn't look like a UK registration. Please type it like 'AB12 CDE' "
    "(older plates look like 'A123 BCD' or 'ABC 123D'), or say 'don't know' if you didn't get it."
)


_NO_OTHER_VEHICLE = re.compile(
    r"\b(?:(?:there\s+)?(?:was\s*n'?t|was\s+not|wasnt|is\s*n'?t|was\s+no|is\s+no|were\s+no)\s+(?:an?\s*)?(?:other|another)"
    r"\s+(?:car|vehicle|driver|one)|no\s+other\s+(?:car|vehicle|driver|one)|only\s+(?:my|me|one)\s*(?:car|vehicle)?|"
    r"just\s+(?:my\s+car|me)|single\s+vehicle|(?:a|the)\s+(?:bollard|wall|post|lamp\s?post|tree|fence|kerb|gate)\b)",
    re.IGNORECASE,
)
NO_OTHER_VEHICLE = "none"


def _format_plate(compact: str) -> str | None:
    for pattern, split in _PLATE_FORMATS:
        if pattern.fullmatch(compact):
            if split == 0:  # dateless: the space goes where digits and letters meet
                split = next(i for i, c in enumerate(compact) if c.isdigit() != compact[0].isdigit())
            return f"{compact[:split]} {compact[split:]}"
    return None


def find_registration(text: str) -> str | None:
    """The first current, prefix or suffix format plate in free text, normalised, or None."""
    match = _PLATE_IN_TEXT.search(clean(text))
    if match is None:
        return None
    return _format_plate(re.sub(r"\s", "", match.group(0)).upper())


_PARTIAL_CUE = re.compile(
    r"\b(?:part|half|partial|started|starts|starting|begins|began|beginning|ended|ends|something like|"
    r"only got|just got|first bit|last bit|think it had|had)\b",
    re.IGNORECASE,
)
_PARTIAL_PLATE = re.compile(
    r"(?<![A-Za-z0-9])([A-Z]{2}\d{2}|[A-Z]{1,3}\d{1,3}|\d{1,3}[A-Z]{1,3}|[A-Z]{3})(?![A-Za-z0-9])"
)


def _partial(text: str) -> str | None:
    """ "only got half of it, started with AB12": a part of a plate is still worth recording."""
    if not _PARTIAL_CUE.search(text):
        return None
    for match in _PARTIAL_PLATE.finditer(text):
        token = match.group(1)
        if any(c.isdigit() for c in token) or token.isupper():
            return f"{token.upper()} (partial)"
    return None


def validate_registration(text: str) -> Result:
    """A UK number plate in any era's format, or an honest "didn't get it" (value "unknown")."""
    # A plate in the sentence wins over the words around it ("AB12 CDE, then he drove off").
    found = find_registration(text)
    if found is not None:
        return Valid(found, found)
    if _NO_OTHER_VEHICLE.search(clean(text)):
        return Valid(NO_OTHER_VEHICLE, "no other vehicle")
    if is_dont_know(text) or parse_yes_no(text) is False or _NO_PLATE.search(clean(text)):
        return Valid("unknown", NOT_KNOWN)
    partial = _partial(text)
    if partial is not None:
        return Valid(partial, partial)
    if leading_yes_no(text) is False:
        return Valid("unknown", NOT_KNOWN)
    answer = strip_lead_in(strip_ends(text), _PLATE_LEAD_IN)
    compact = re.sub(r"[\s\-.]", "", answer).upper()
    plate = _format_plate(compact) if compact.isascii() else None
    if plate is None:
        return Invalid(ASK)
    return Valid(plate, plate)
