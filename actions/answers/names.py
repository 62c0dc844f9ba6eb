"""What is your name? Names as people type them: "jay", "ok fine, its Mark Jones", "my names sam",
"Sam Smith here", "Dr. Aisha Khan thanks".

The answer is a name when, after the lead-in ("my name's", "it's", "ok fine,") and the sign-off
("thanks", "here", "x") are taken off, 1-4 words are left that are shaped like a name and are not
common English words that never are one ("the", "stop", "why"). "Why do you need my name?" and
"I'd rather not" are not names: the form answers the question or explains (actions/forms).
"""

from __future__ import annotations

import re

from .dont_know import is_dont_know
from .result import Invalid, Result, Valid
from .text import strip_ends, strip_lead_in, words
from .yes_no import parse_yes_no

_LEAD_IN = re.compile(
    r"^(?:(?:ok|okay|fine|sure|yes|yeah|yep|right|alright|go on then|oh|um|erm|er|hi|hello|hey|sorry|"
    r"well|so|its|it'?s)[\s,.!]+)*"
    r"(?:my\s+(?:full\s+)?name\s+is|my\s+(?:full\s+)?name'?s|my\s+names|the\s+name'?s|name'?s|names|name\s+is|"
    r"name:|it'?s|it\s+is|its|i'?m|i\s+am|im|this\s+is|call\s+me|you\s+can\s+call\s+me|they\s+call\s+me|"
    r"me\s+name'?s)?\s*",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"[\s,.!-]+(?:here|thanks|thank\s+you|thankyou|ta|cheers|please|pls|x+|thx|mate|"
    r"if\s+that\s+helps|lol)[\s.!]*$",
    re.IGNORECASE,
)
# A word of a name: letters (any script, so Siân and Zoë work) joined by hyphens or apostrophes;
# a lone initial may keep its full stop ("J. Smith").
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*|[^\W\d_]\.")
_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "rev"])
# Whole answers that are not names.
_NOT_A_NAME = frozenset(
    [
        "no",
        "nope",
        "nah",
        "yes",
        "yeah",
        "yep",
        "ok",
        "okay",
        "anonymous",
        "anon",
        "anonymously",
        "none",
        "nobody",
        "noone",
        "unknown",
        "me",
        "myself",
        "hi",
        "hello",
        "hey",
        "why",
        "what",
        "who",
        "test",
        "nothing",
        "name",
        "na",
        "idk",
        "private",
        "withheld",
        "secret",
        "thanks",
        "cheers",
        "sorry",
        "stop",
        "cancel",
        "person",
        "human",
        "help",
        "pass",
        "skip",
        "later",
        "police",
        "officer",
    ]
)
# Common words that never make up a name ("the day", "on mill road", "why do you need it").
_NEVER_IN_A_NAME = frozenset(
    [
        "the",
        "a",
        "an",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "my",
        "your",
        "his",
        "her",
        "their",
        "our",
        "its",
        "it",
        "this",
        "that",
        "these",
        "those",
        "on",
        "in",
        "at",
        "to",
        "of",
        "for",
        "from",
        "with",
        "by",
        "and",
        "or",
        "but",
        "not",
        "no",
        "yes",
        "do",
        "does",
        "did",
        "you",
        "i",
        "me",
        "we",
        "they",
        "he",
        "she",
        "him",
        "them",
        "what",
        "why",
        "who",
        "how",
        "when",
        "where",
        "which",
        "need",
        "needs",
        "want",
        "wants",
        "stop",
        "cancel",
        "person",
        "human",
        "talk",
        "speak",
        "someone",
        "somebody",
        "police",
        "officer",
        "anonymous",
        "rather",
        "prefer",
        "say",
        "tell",
        "give",
        "don't",
        "dont",
        "won't",
        "wont",
        "can't",
        "cant",
        "day",
        "date",
        "time",
        "road",
        "street",
        "lane",
        "avenue",
        "happened",
        "stolen",
        "taken",
        "car",
        "van",
        "bike",
        "phone",
        "number",
        "email",
        "address",
        "report",
        "crime",
        "it's",
        "im",
        "i'm",
        "thanks",
        "thank",
        "please",
        "sorry",
        "ok",
        "okay",
        "just",
        "really",
        "here",
        "there",
        "hi",
        "hello",
        "hey",
        "help",
        "know",
        "idea",
        "sure",
        "think",
        "name",
        "names",
        "called",
    ]
)
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ben",
        "bint",
        "ap",
        "o",
        "mc",
        "mac",
        "st",
    ]
)
ASK = "Please tell me your name, for example 'Sam Smith'."


def validate_name(text: str) -> Result:
    """A person's name, 1-4 words; title-cased only when typed all in lower case."""
    answer = strip_ends(text)
    answer = _SIGN_OFF.sub("", answer)
    answer = strip_lead_in(answer, _LEAD_IN)
    answer = strip_ends(_SIGN_OFF.sub("", answer))
    lowered = words(answer)
    if (
        not answer
        or is_dont_know(answer)
        or parse_yes_no(answer) is not None
        or lowered in _NOT_A_NAME
        or "?" in text
        or re.search(r"\bprefer\s+not|\brather\s+not|\bnot\s+(?:giving|telling|saying)", words(text))
    ):
        return Invalid(ASK)
    tokens = answer.split()
    if not 1 <= len(tokens) <= 4 or not 2 <= len(answer) <= 80:
        return Invalid(ASK)
    if not all(_NAME_WORD.fullmatch(t) or t.rstrip(".").lower() in _TITLES for t in tokens):
        return Invalid(ASK)
    plain = [t.lower().strip(".") for t in tokens]
    if any(t in _NEVER_IN_A_NAME and t not in _PARTICLES for t in plain):
        return Invalid(ASK)
    if all(t in _TITLES or t in _PARTICLES for t in plain):
        return Invalid(ASK)
    # Respect the citizen's own capitalisation ("McDonald", "de Souza"); only fix all-lower input.
    name = answer.title() if answer == answer.lower() else answer
    return Valid(name, name)


_NAME_IN_TEXT = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name'?s|my\s+names|name'?s|i'?m\s+called|call\s+me)\s+"
    r"(?P<name>[^\W\d_]+(?:['\-][^\W\d_]+)*(?:\s+[^\W\d_]+(?:['\-][^\W\d_]+)*){0,2})",
    re.IGNORECASE,
)


def find_name(text: str) -> Valid | None:
    """A name introduced in a sentence that was not answering the name question ("my name is Sam
    Smith and my number is ..."). Stops at the first word that cannot be part of a name."""
    match = _NAME_IN_TEXT.search(text)
    if match is None:
        return None
    kept: list[str] = []
    for token in match.group("name").split():
        if token.lower() in _NEVER_IN_A_NAME and token.lower() not in _PARTICLES:
            break
        kept.append(token)
    if not kept:
        return None
    result = validate_name(" ".join(kept))
    return result if isinstance(result, Valid) else None
