"""Ages in a message: "my 7 year old", "Jayden is 10", "I'm 13", "a boyfriend who is 23".

Two kinds. An age with ``year(s) old`` is explicit, and an adult one rules out the child rules
("my 19 year old daughter hasn't come home" is not a missing child). A bare number after a verb
of being ("he is 10", "i'm 13", "aged 8") is an age only when no unit follows ("is 10 minutes
late") and the subject is not a thing ("it's 10", "the fine is 100"); it counts as evidence of a
child, and for the age gap between a child and an adult partner.
"""

from __future__ import annotations

from collections.abc import Sequence

from triage.safety.vocab import WORDS, fs

_NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"),
    *("twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"),
)
AGE_WORDS: dict[str, int] = {w: i for i, w in enumerate(_NUMBER_WORDS)}
AGE_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80})
_YEARS = fs("year yr years yrs")
_BE_AGE = fs("is 's am 'm are aged age only just turned turns")
#: Subjects whose number is not an age ("it's 10", "the fine is 100").
_NOT_AGE_SUBJECT = fs(
    "it that this there time what which score price cost fine ticket limit speed number total bill "
    "temperature rate amount reg registration postcode code pin house flat door bus route platform"
)
#: Words after a number that make it a measure, not an age ("is 10 minutes late", "is 5 miles away").
_UNITS = fs(
    "minutes minute mins min hours hour hrs seconds secs days day weeks week months month miles mile mph "
    "percent pounds quid pence p pm am o'clock : % yards metres meters feet foot inches kg stone times"
)
_CHILD_NOUNS = fs(WORDS["CHILD"])


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return AGE_WORDS.get(word)


def years_old(words: Sequence[str], i: int) -> int | None:
    """The age at token ``i`` when it is followed by "year(s)" ("7 year old", "seven years"), or ``None``."""
    if i + 1 >= len(words) or words[i + 1] not in _YEARS:
        return None
    return _number(words[i])


def stated_age(words: Sequence[str], i: int) -> int | None:
    """A bare age at token ``i`` after a verb of being ("is 10", "i'm 13", "aged 8"), or ``None``."""
    if i == 0 or words[i - 1] not in _BE_AGE:
        return None
    age = _number(words[i])
    if age is None or not 1 <= age <= 99:
        return None
    if i + 1 < len(words) and (words[i + 1] in _UNITS or words[i + 1] in _YEARS):
        return None
    j = i - 2
    while j >= 0 and words[j] in _BE_AGE:
        j -= 1
    return None if j >= 0 and words[j] in _NOT_AGE_SUBJECT else age


def ages(words: Sequence[str]) -> tuple[list[int], list[int]]:
    """(ages with "years old", bare stated ages) in a message."""
    explicit = [a for i in range(len(words)) if (a := years_old(words, i)) is not None]
    stated = [a for i in range(len(words)) if (a := stated_age(words, i)) is not None]
    return explicit, stated


def names_a_child(words: Sequence[str]) -> bool:
    """The message names a child (a child noun or an age under 18) and no adult "N year old"."""
    explicit, stated = ages(words)
    if any(age >= 18 for age in explicit):
        return False
    if any(a < 18 for a in explicit + stated):
        return True
    # "my son is 25": a stated adult age and no child age
    return not any(a >= 18 for a in stated) and any(w in _CHILD_NOUNS for w in words)


def child_age_ok(words: Sequence[str]) -> bool:
    """A number of years inside a child rule's match must be under 18 ("my 40 year old son" is not)."""
    for i in range(len(words)):
        age = years_old(words, i)
        if age is not None:
            return age < 18
    return True
