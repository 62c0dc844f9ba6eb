"""How much is it worth? Amounts in pounds inside sentences: "the laptop was about £850", "it cost
me 700 quid", "garage quoted me 600 to fix it", "£250ish", "bout 80 quid", "a few hundred".

Reading one number ("£1.2k", "fifty quid") is ``actions.numbers.read_pounds``; this module finds
the amounts in a sentence and decides what they add up to:

- an amount is a number with a pound sign, a currency word (quid, pounds, k, grand), or a plain
  number the sentence marks as money (worth, cost, paid, quoted, about ...), or a number that is
  the whole answer. Numbers that are sizes, ages or models ("3 years old", "iPhone 13") are not;
- two amounts joined by "-", "to" or "or" are a range: the top is recorded, the range read back;
- several amounts joined by "and", "plus" or commas are added up ("phone £500 and bag £50");
- otherwise the last amount wins ("paid 900 but it's worth about 400 now");
- "a few hundred", "a couple of grand" are read as 300, 2000 and marked approximate;
- "don't know" / "no idea" is "not known"; "nothing" is £0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from actions.numbers import TENS, UNITS, VAGUE, read_pounds

from .dont_know import is_dont_know
from .result import NOT_KNOWN, Invalid, Result, Valid
from .text import clean, expand_text_speak

_HEDGE = re.compile(
    r"\b(?:about|around|roughly|approx(?:imately)?|maybe|probably|circa|at least|over|under|less than|"
    r"more than|nearly|almost|or so|i (?:think|reckon|guess|believe)|at a guess|give or take|something like|"
    r"bout|abt|roundabout|somewhere around|estimated?|guess)\b|ish\b|~"
)
_NOTHING = re.compile(
    r"^(?:nothing|none|zero|no value|not worth anything|worthless|no money|nothing really|"
    r"(?:it\s+)?(?:was|is|had)\s+(?:no|zero)\s+value|no cost|free|nil|0|£0|nothing it was free|"
    r"(?:it )?didn'?t cost anything|nothing was (?:taken|stolen))$"
)
_FOREIGN = re.compile(r"[$€¥]|\b(?:dollars?|euros?|usd|eur|bucks)\b")
MONEY_MAX = 100_000_000
ASK = (
    "I couldn't read that as an amount in pounds, for example '£300' or 'about 50 quid'. "
    "'Don't know' is fine."
)

_NUMBER_WORDS = set(UNITS) | set(TENS) | {"hundred", "thousand", "grand", "million", "mil"}
_SLANG = {"fiver", "tenner", "score", "pony", "ton", "monkey"}
_CURRENCY = r"(?:quid|pounds?|squid|gbp|sterling|p|pence)"
_SCALE = r"(?:k|grand|thousand|hundred|mil|million|m)"
# A number a pound sign or a currency / scale word makes money.
_DIGITS = re.compile(
    rf"(?P<pound>£\s?)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<dec>\.\d{{1,2}})?\s?"
    rf"(?P<scale>{_SCALE}\b)?\s?(?P<cur>{_CURRENCY}\b)?(?P<ish>ish\b)?"
)
_NOT_MONEY_AFTER = re.compile(
    r"^\s*(?:years?|yrs?|yo|months?|weeks?|days?|hours?|hrs?|mins?|minutes?|seconds?|am|pm|o'?clock|mph|"
    r"miles?|mi|ft|feet|foot|inch(?:es)?|in|cm|mm|m\b|metres?|meters?|kg|kgs|g|gb|tb|mb|%|th|st|nd|rd|x|"
    r"times|people|of them|men|lads|kids|cars|bikes|items|pairs?|pieces?|series|pro|max|plus|mini|inch)\b"
)
_NOT_MONEY_BEFORE = re.compile(
    r"(?:iphone|galaxy|pixel|model|series|ps|playstation|xbox|no\.?|number|flat|house|room|unit|apartment|"
    r"aged|age|size|version|gen|generation|mk|mark|route|bus|a|m|b|j|junction|at|since|in|from|on|"
    r"the|ipad|macbook|watch|airpods|switch)\s*$"
)
_VAGUE_AMOUNT = re.compile(
    r"\b(?:a\s+)?(?P<vague>couple(?:\s+of)?|few|several)\s+(?P<scale>hundred|thousand|grand|k)\b"
)
_WORD_RUN = re.compile(
    r"\b(?P<run>(?:(?:a|an|and|"
    + "|".join(sorted(_NUMBER_WORDS | _SLANG, key=len, reverse=True))
    + r")[\s-]+)*(?:"
    + "|".join(sorted(_NUMBER_WORDS | _SLANG, key=len, reverse=True))
    + rf"))\b(?P<tail>\s*{_CURRENCY}\b)?"
)


@dataclass(frozen=True)
class _Amount:
    value: float
    start: int
    end: int
    marked: bool  # a pound sign, a currency or scale word ("£850", "700 quid", "2k", "a grand")
    cued: bool  # a plain number the words before mark as money ("quoted me 600", "about 300")
    vague: bool = False
    hedged: bool = False


def _format(amount: float) -> str:
    return f"£{amount:,.0f}" if amount == int(amount) else f"£{amount:,.2f}"


def _normalise(text: str) -> str:
    return expand_text_speak(clean(text).lower().replace("£ ", "£"))


_CUE_BEFORE = re.compile(
    r"\b(?:worth|cost|costs|costing|paid|pay|quoted?|quote|value|valued|price|priced|bought|replace|"
    r"replacing|repair|repairs|fix|fixing|about|around|roughly|approx(?:imately)?|maybe|circa|bout|abt|"
    r"estimate|estimated|for|spent|over|under|nearly|almost|between|probably|guess|reckon|reckons|like|said|says|"
    r"charge|charged|charging|bill|invoice|quoting|asking)"
    r"(?:\s+(?:me|us|him|her|them|it|was|is|be|at|of|a|an|the|to|around|about|roughly|maybe|probably)){0,3}\s*$"
)


# A number followed by what it pays for: "600 to fix it", "180 for the repair", "90 to replace".
_CUE_AFTER = re.compile(
    r"^\s*(?:quid\s+|pounds\s+)?(?:to|for)\s+(?:fix|repair|replace|sort|mend|get it fixed|the repair|"
    r"a new one|repairs|fixing|replacing|a replacement)"
)


def _cued(before: str, after: str = "") -> bool:
    return _CUE_BEFORE.search(before) is not None or _CUE_AFTER.match(after) is not None


def find_amounts(text: str) -> list[_Amount]:
    """Every amount of money in the text, in order (sizes, ages and model numbers left out)."""
    lowered = _normalise(text)
    found: list[_Amount] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a.start or start >= a.end for a in found)

    for match in _VAGUE_AMOUNT.finditer(lowered):
        base = {"hundred": 100, "thousand": 1000, "grand": 1000, "k": 1000}[match.group("scale")]
        count = VAGUE[match.group("vague").split()[0]]
        found.append(_Amount(float(count * base), match.start(), match.end(), True, True, vague=True))

    for match in _DIGITS.finditer(lowered):
        if not free(match.start(), match.end()):
            continue
        before, after = lowered[: match.start()], lowered[match.end() :]
        if re.search(r"[\w.]$", before):
            continue  # part of a word or a bigger number ("ab12", "v2.5")
        if match.group("cur") in {"p", "pence"} and not match.group("pound"):
            pence = read_pounds(match.group(0).strip())
            if pence is not None:
                found.append(_Amount(pence, match.start(), match.end(), True, True))
            continue
        scale = match.group("scale") or ""
        fragment = f"{match.group('num')}{match.group('dec') or ''} {scale}".strip()
        value = read_pounds(fragment)
        if value is None:
            continue
        marked = bool(match.group("pound") or match.group("cur") or scale in {"k", "grand", "thousand"})
        if not marked and (_NOT_MONEY_AFTER.match(after) or _NOT_MONEY_BEFORE.search(before)):
            continue
        found.append(
            _Amount(
                float(value),
                match.start(),
                match.end(),
                marked,
                _cued(before, after),
                hedged=bool(match.group("ish")),
            )
        )

    for match in _WORD_RUN.finditer(lowered):
        if not free(match.start(), match.end()):
            continue
        run = match.group("run").strip()
        if run in {"a", "an", "and"} or (
            _NOT_MONEY_AFTER.match(lowered[match.end() :]) and not match.group("tail")
        ):
            continue
        value = read_pounds(run)
        if value is None or value == 0:
            continue
        tokens = set(run.split())
        marked = bool(match.group("tail")) or bool(tokens & (_SLANG | {"grand", "thousand"}))
        found.append(
            _Amount(float(value), match.start(), match.end(), marked, _cued(lowered[: match.start()]))
        )
    return sorted(found, key=lambda a: a.start)


_WHOLE_FILLER = frozenset(
    [
        "it",
        "was",
        "is",
        "its",
        "it's",
        "about",
        "worth",
        "i",
        "think",
        "roughly",
        "around",
        "maybe",
        "probably",
        "approx",
        "approximately",
        "the",
        "value",
        "total",
        "cost",
        "costs",
        "like",
        "say",
        "guess",
        "reckon",
        "um",
        "erm",
        "er",
        "so",
        "well",
        "ok",
        "okay",
        "just",
        "over",
        "under",
        "nearly",
        "almost",
        "or",
        "pounds",
        "quid",
        "bout",
        "abt",
        "at",
        "least",
        "more",
        "than",
        "less",
        "than",
        "circa",
        "ish",
        "between",
        "and",
        "to",
        "or",
    ]
)


def _between(lowered: str, first: _Amount, second: _Amount) -> str:
    return lowered[first.end : second.start].strip()


def _ranges_share_marks(lowered: str, amounts: list[_Amount]) -> list[_Amount]:
    """ "£200 to 300", "between 200 and 300 quid": one mark makes both ends money."""
    shared = list(amounts)
    for i in range(len(shared) - 1):
        first, second = shared[i], shared[i + 1]
        joint = _between(lowered, first, second)
        if re.fullmatch(r"-|–|to|or|and", joint):
            marked, cued = first.marked or second.marked, first.cued or second.cued
            shared[i] = replace(first, marked=marked, cued=cued)
            shared[i + 1] = replace(second, marked=marked, cued=cued)
    return shared


def _is_whole_answer(lowered: str, amounts: list[_Amount]) -> bool:
    """Nothing but the amount and filler ("600", "about 300 i think")."""
    rest = lowered
    for amount in sorted(amounts, key=lambda a: a.start, reverse=True):
        rest = rest[: amount.start] + " " + rest[amount.end :]
    return all(w in _WHOLE_FILLER for w in re.findall(r"[a-z']+", rest))


def read_money(text: str, *, allow_dont_know: bool = True) -> Result:
    """A value in pounds: a float, 0.0 for "nothing", ``NOT_KNOWN`` for "don't know"."""
    lowered = _normalise(text)
    bare = lowered.strip(" .,;:!?\"'()")
    bare = re.sub(r"^(?:it\s+was|it'?s|it\s+is|worth|about\s+worth)\s+", "", bare)
    if allow_dont_know and is_dont_know(text):
        return Valid(NOT_KNOWN, NOT_KNOWN)
    if _NOTHING.match(bare):
        return Valid(0.0, "no value (£0)")
    if _FOREIGN.search(lowered):
        return Invalid("Please give the value in pounds (£), for example '£300'.")
    if re.match(r"^\s*-\s?£?\d", lowered):
        return Invalid(ASK)
    amounts = _ranges_share_marks(lowered, find_amounts(text))
    whole = _is_whole_answer(lowered, amounts)
    usable = [a for a in amounts if a.marked or a.cued or whole]
    if not usable:
        return Invalid(ASK)
    hedged = bool(_HEDGE.search(lowered)) or any(a.hedged or a.vague for a in usable)
    if len(usable) >= 2:
        first, second = usable[0], usable[1]
        joint = _between(lowered, first, second)
        between = re.search(r"\bbetween\b", lowered[: first.start]) is not None
        if len(usable) == 2 and (re.fullmatch(r"-|–|to|or", joint) or (joint == "and" and between)):
            low, high = sorted((first.value, second.value))
            if high > MONEY_MAX:
                return _too_much()
            return Valid(high, f"{_format(low)}–{_format(high)}")
        total = re.search(r"\b(?:total|altogether|in all|all together|overall|all in)\b", lowered)
        if total:
            after_total = [a for a in usable if a.start > total.start()]
            return _valid(after_total[0].value if after_total else usable[-1].value, hedged)
        joins = [_between(lowered, a, b) for a, b in pairwise(usable)]
        if all(re.search(r"\band\b|\bplus\b|\+|,|&", j) for j in joins) and not re.search(
            r"\b(?:new|now|paid|originally|but)\b", lowered
        ):
            total_value = sum(a.value for a in usable)
            if total_value > MONEY_MAX:
                return _too_much()
            parts = " + ".join(_format(a.value) for a in usable)
            shown = f"about {_format(total_value)}" if hedged else _format(total_value)
            return Valid(total_value, f"{shown} in total ({parts})")
        return _valid(usable[-1].value, hedged)
    amount = usable[0]
    if amount.vague:
        return Valid(amount.value, f"about {_format(amount.value)} ({lowered[amount.start : amount.end]})")
    return _valid(amount.value, hedged)


def _too_much() -> Invalid:
    return Invalid(f"That's more than {_format(MONEY_MAX)} — please check the amount. {ASK}")


def _valid(amount: float, hedged: bool) -> Result:
    if amount > MONEY_MAX:
        return _too_much()
    if amount == 0:
        return Valid(0.0, "no value (£0)")
    display = _format(amount)
    return Valid(float(amount), f"about {display}" if hedged else display)


def find_money(text: str) -> Valid | None:
    """A clearly stated value in a sentence that was not answering the value question ("they took
    my sat nav, worth about £150"): only amounts with a pound sign or currency word count."""
    lowered = _normalise(text)
    marked = [
        a
        for a in find_amounts(text)
        if a.marked
        or re.search(r"\b(?:worth|cost|costs|value|valued)\b", lowered[max(0, a.start - 20) : a.start])
    ]
    if not marked:
        return None
    result = read_money(text, allow_dont_know=False)
    return result if isinstance(result, Valid) else None
