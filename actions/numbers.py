"""Numbers as citizens type them: number words, and amounts of money in pounds.

The date parser reads counts ("two hours ago", "a couple of days ago", "half seven") and the
value question reads sums ("fifty quid", "two hundred and fifty", "£1.2k"); both take their
number words from here so the two vocabularies cannot drift apart.  Pure functions, no I/O.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Counts that are not exact ("a couple of days ago", "a few weeks ago"); the date parser marks
# the answer as approximate when it meets one.
VAGUE = {"couple": 2, "few": 3, "several": 3}

# British slang for sums of money.
_SLANG = {"fiver": 5, "tenner": 10, "score": 20, "pony": 25, "ton": 100, "monkey": 500}
_SCALE = {
    "hundred": 100,
    "k": 1000,
    "thousand": 1000,
    "grand": 1000,
    "m": 1_000_000,
    "million": 1_000_000,
    "mil": 1_000_000,
}


def words_to_number(text: str) -> float | None:
    """ "two hundred and fifty" -> 250; only the small vocabulary people use for values."""
    total = 0.0
    current = 0.0
    seen = False
    for word in text.replace("-", " ").split():
        if word in {"and", "a", "an"}:  # "a hundred", "a grand": the scale words treat 0 as 1
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in _SLANG:
            current += _SLANG[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in {"thousand", "grand"}:
            total += (current or 1) * 1000
            current = 0
        elif word in {"million", "mil"}:
            total += (current or 1) * 1_000_000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def read_pounds(fragment: str) -> float | None:
    """One amount from a fragment like "£1.2k", "1,200", "300 quid", "fifty pounds", "50p"."""
    fragment = fragment.strip()
    fragment = re.sub(
        r"\b(?:pounds?|quid|gbp|sterling|squid|worth|of|value|it|was|is|about|a\s+total)\b", " ", fragment
    )
    fragment = fragment.replace("£", " ").strip()
    pence = re.fullmatch(r"(\d+)\s*(?:p|pence)", fragment)
    if pence:
        return int(pence.group(1)) / 100
    match = re.fullmatch(
        r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(k|m|mil|million|thousand|grand|hundred)?", fragment
    )
    if match:
        number = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        scale = _SCALE.get(match.group(3) or "", 1)
        return number * scale
    return words_to_number(fragment)
