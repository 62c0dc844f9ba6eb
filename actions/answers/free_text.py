"""Descriptions in the citizen's words: what happened, what was taken, who did it, evidence.

Free text accepts nearly anything, so its readings are *loose* (see ``Valid.loose``). Optional
descriptions take "don't know" and "none" as real answers. ``find_property`` takes what was stolen
out of a description ("they took my sat nav, worth about £150" -> "my sat nav").
"""

from __future__ import annotations

import re

from .dont_know import is_dont_know
from .result import NOT_KNOWN, Invalid, Result, Valid
from .text import clean, words
from .yes_no import parse_yes_no

FREE_TEXT_MAX = 1000
_DISPLAY_MAX = 200  # the summary reads back a preview; the slot keeps everything


def validate_free_text(
    text: str, *, min_words: int = 2, what: str = "what happened", loose: bool = True
) -> Result:
    """Descriptions (what happened, property, evidence, people): trimmed, whitespace collapsed.

    Over-long answers are rejected rather than silently cut: a truncated statement could lose
    the detail that matters, and the citizen is the one who knows what to keep.

    ``loose`` (the default): an account of what happened, where a disclosure or a request for a
    person may come instead of an answer. A description of one thing (the vehicles, the offender,
    the evidence) is not loose: "some older kids" or "just my car" is that description, whatever a
    classifier makes of it (the safety rules still run on every message).
    """
    cleaned = clean(text)
    word_count = len(re.findall(r"[^\W_]+", cleaned))
    if len(cleaned) < 2 or word_count == 0:
        return Invalid(f"Could you tell me {what}? A sentence or two is enough.")
    if word_count < max(min_words, 1):
        return Invalid(f"Could you tell me a bit more about {what}? A sentence or two is enough.")
    if len(cleaned) > FREE_TEXT_MAX:
        return Invalid(
            f"That's a bit long — please describe {what} in under {FREE_TEXT_MAX:,} characters "
            f"(that was {len(cleaned):,}). An officer can take more detail later."
        )
    display = cleaned if len(cleaned) <= _DISPLAY_MAX else cleaned[: _DISPLAY_MAX - 1].rstrip() + "…"
    return Valid(cleaned, display, loose=loose)


NONE_VALUE = "none"
_NONE_ANSWERS = re.compile(
    r"^(?:no|none|nope|nah|nothing|no evidence|no cctv|no witnesses|not that i know of|not really|"
    r"none that i know of|no one|nobody|not as far as i know|n/a|na|nil|none at all|no there isn'?t|"
    r"no there's not|no nothing|no none|sadly not|unfortunately not|i don'?t think so|don'?t think so)$"
)


# "no cctv sadly", "none that i know of": a no, then only words about the kind of thing there is none of.
_NONE_REST = frozenset(
    [
        "cctv",
        "evidence",
        "witnesses",
        "witness",
        "camera",
        "cameras",
        "photos",
        "photo",
        "pictures",
        "footage",
        "video",
        "doorbell",
        "sadly",
        "unfortunately",
        "i'm",
        "im",
        "afraid",
        "not",
        "that",
        "i",
        "know",
        "of",
        "none",
        "nothing",
        "nobody",
        "saw",
        "it",
        "there",
        "isn't",
        "wasn't",
        "any",
        "there's",
        "theres",
        "mate",
        "thanks",
        "just",
        "the",
        "details",
        "insurance",
        "no",
        "one",
        "really",
        "at",
        "all",
        "all",
        "as",
        "far",
        "as",
        "aware",
        "though",
        "tho",
        "sorry",
        "we",
        "don't",
        "have",
        "didn't",
        "get",
    ]
)


def _says_none(plain: str) -> bool:
    tokens = plain.split()
    return (
        bool(tokens)
        and tokens[0] in {"no", "none", "nope", "nah", "nothing"}
        and set(tokens[1:]) <= _NONE_REST
    )


def read_optional_text(text: str, *, what: str) -> Result:
    """A description where "don't know" and "none" are real answers (offender, evidence, people)."""
    plain = words(text)
    if is_dont_know(text):
        return Valid(NOT_KNOWN, NOT_KNOWN)
    if _NONE_ANSWERS.match(plain) or _says_none(plain) or parse_yes_no(text) is False:
        return Valid(NONE_VALUE, NONE_VALUE)
    return validate_free_text(text, min_words=1, what=what, loose=False)


NOTHING_TAKEN = re.compile(
    r"^(?:nothing|none|no|nope|nah|n/a|na|nothing was (?:taken|stolen|damaged)|nothing taken|nothing stolen|"
    r"nothing really|nothing they just \w+.*|they didn'?t take anything|didn'?t take anything|"
    r"no(?:thing)? (?:was )?(?:taken|stolen))$"
)

_TOOK = re.compile(
    r"\b(?:took|stole|nicked|pinched|swiped|robbed|nabbed|grabbed|have taken|has taken|'ve taken|"
    r"'ve stolen|have stolen|has stolen|had stolen|got away with|made off with|run off with|ran off with|"
    r"snatched|lifted)\s+(?P<what>(?:my|our|his|her|their|the|a|an|some|all|two|three|both)\b.+)",
    re.IGNORECASE,
)
_WAS_TAKEN = re.compile(
    r"\b(?P<what>(?:my|our|his|her|their|the|a|an)\s+(?:[\w'-]+\s+){0,4}?[\w'-]+)\s+"
    r"(?:was|were|got|has been|have been|had been|'s been)\s+"
    r"(?:stolen|nicked|taken|pinched|swiped|robbed|smashed|damaged|keyed|broken(?! into)|vandalised|slashed|"
    r"scratched|dented|stolen off|taken from|nicked from)\b",
    re.IGNORECASE,
)
_PROPERTY_END = re.compile(
    r"\s*(?:[,.;!?]|\s-\s|\bworth\b|\bwhich\b|\bthat\b|\bwhile\b|\bwhen\b|\band then\b|\bthen\b|\bbut\b|"
    r"\bfrom\b|\bout of\b|\boff\b|\bat\b|\bin\b|\bon\b|\boutside\b|\blast\b|\byesterday\b|\bthis\b|"
    r"\bovernight\b|\baround\b|\babout\b|\bbefore\b|\bafter\b|\bvalued\b|\bcost\b|\bcosting\b|\bi think\b|"
    r"\band (?:ran|drove|legged|ran off|went|left|smashed|broke)\b)",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:they|he|she|someone|somebody|some(?:one|body)|the thief|the thieves|the (?:man|lad|kids|guy))\s+"
    r"(?:took|stole|nicked|pinched|swiped|grabbed|snatched|have taken|has taken|got away with)\s+"
    r"|^(?:it was|it's|its|just)\s+",
    re.IGNORECASE,
)


def find_property(text: str) -> str | None:
    """What was stolen or damaged, named in a sentence about it; None when the sentence says not."""
    cleaned = clean(text)
    for pattern in (_TOOK, _WAS_TAKEN):
        match = pattern.search(cleaned)
        if match is None:
            continue
        what = match.group("what")
        end = _PROPERTY_END.search(what, 1)
        what = (what[: end.start()] if end else what).strip(" ,.-")
        if not what or len(what.split()) > 8 or what.lower() in {"it", "them", "everything", "something"}:
            continue
        return what
    return None


def property_answer_text(text: str) -> str:
    """An answer to "what was stolen?" without its lead-in and without a value clause: "they took my
    sat nav, worth about £150" -> "my sat nav". The value is read separately."""
    cleaned = clean(text)
    stripped = _LEAD_IN.sub("", cleaned).strip()
    cut = re.search(
        r"(?:,|\s-\s|\s)\s*(?:(?:it was|it's|its|they're|which (?:was|is|cost)|that cost|about|around|"
        r"roughly|approx\.?|worth|valued at|cost me|cost)\s+(?:about\s+|around\s+)?)?(?:£\s?\d|"
        r"\d+\s?(?:quid|pounds|k\b|grand))",
        stripped,
        re.IGNORECASE,
    )
    if cut and cut.start() > 0:
        stripped = stripped[: cut.start()].strip(" ,.-")
    stripped = re.sub(
        r"\s*,?\s*(?:worth|valued at|which cost|that cost)\s*$", "", stripped, flags=re.IGNORECASE
    )
    return stripped or cleaned
