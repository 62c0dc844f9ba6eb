"""Is the whole answer "I don't know"?"""

from __future__ import annotations

import re

from .text import clean, words

_DONT_KNOW = re.compile(
    r"\b(?:"
    r"(?:i\s+)?(?:do\s*n'?t|do\s+not|dont|dnt|doesn'?t)\s+(?:really\s+)?(?:know|remember|recall)"
    r"|dunno|duno|dno|idk|no\s+idea|not\s+a\s+clue|no\s+clue|(?:have|had)\s*n'?t\s+(?:got\s+)?a\s+clue"
    r"|not\s+(?:too\s+|really\s+|totally\s+|quite\s+|very\s+|100%\s+)?sure|unsure|unknown|not\s+known"
    r"|(?:did\s*n'?t|did\s+not|never)\s+(?:see|notice|catch|get)"
    r"|(?:ca\s*n'?t|cannot|can\s+not|could\s*n'?t|could\s+not)\s+(?:remember|recall|say|tell|see)"
    r"|(?:god|who)\s+knows|n\s*/\s*a|not\s+applicable|no\s+recollection|haven'?t\s+a\s+clue"
    r"|no\s+way\s+of\s+knowing|not\s+a\s+scooby|not\s+got\s+a\s+clue"
    r")\b"
)
# Words that may surround a don't-know phrase without adding information ("sorry, I really
# don't know it mate").  Anything else left over means the answer carries content.
_DONT_KNOW_FILLER = frozenset(
    [
        "i",
        "i'm",
        "im",
        "am",
        "really",
        "sorry",
        "honestly",
        "tbh",
        "to",
        "be",
        "honest",
        "afraid",
        "mate",
        "it",
        "them",
        "him",
        "her",
        "that",
        "the",
        "one",
        "any",
        "anything",
        "properly",
        "clearly",
        "at",
        "all",
        "um",
        "erm",
        "er",
        "uh",
        "oh",
        "well",
        "so",
        "ok",
        "okay",
        "just",
        "his",
        "their",
        "its",
        "this",
        "what",
        "who",
        "where",
        "when",
        "which",
        "reg",
        "registration",
        "plate",
        "number",
        "name",
        "face",
        "was",
        "were",
        "is",
        "sadly",
        "unfortunately",
        "quite",
        "exactly",
        "for",
        "sure",
        "certain",
        "how",
        "much",
        "worth",
        "value",
        "cost",
        "it's",
        "tho",
        "though",
        "lol",
        "haha",
        "x",
        "no",
        "sry",
        "soz",
        "m8",
        "tho",
        "mate",
        "love",
        "pal",
        "bro",
        "then",
        "rough",
        "roughly",
        "about",
        "price",
    ]
)


def is_dont_know(text: str) -> bool:
    """True when the whole answer amounts to "I don't know" (not merely contains it).

    "I don't know his name but he was tall" is information, not a don't-know, so the phrase has
    to account for the whole answer apart from filler words.
    """
    if re.fullmatch(r"\s*\?+\s*", text):  # a bare "?" answers "do you know ...?" with no
        return True
    plain = words(text)
    if not plain:
        return False
    if plain in {"na", "n a", "dk", "nk", "dunno", "idk"}:
        return True
    # Keep "n/a" recognisable after punctuation was turned into spaces.
    normalised = clean(text).lower()
    normalised = re.sub(r"[^\w\s'/%]", " ", normalised)
    if not _DONT_KNOW.search(normalised):
        return False
    rest = _DONT_KNOW.sub(" ", normalised)
    rest_words = [w for w in re.split(r"[\s/]+", rest) if w]
    return all(w in _DONT_KNOW_FILLER for w in rest_words)
