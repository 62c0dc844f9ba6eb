"""Text helpers every parser shares: smart punctuation, word forms, lead-ins people type."""

from __future__ import annotations

import re
import unicodedata

# Phones, tablets and word processors substitute "smart" punctuation; normalise it so one set of
# patterns covers what people actually type.
_SMART = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)


def clean(text: str) -> str:
    """Trim, unify smart punctuation and collapse whitespace; keeps case and inner punctuation."""
    text = unicodedata.normalize("NFC", text).translate(_SMART)
    return " ".join(text.split())


# Text-speak, as whole words, for matching only (stored answers keep the citizen's own words).
TEXT_SPEAK = {
    "no1": "no one",
    "noone": "no one",
    "some1": "someone",
    "sum1": "someone",
    "any1": "anyone",
    "every1": "everyone",
    "2day": "today",
    "2dy": "today",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "nite": "night",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "yday": "yesterday",
    "yest": "yesterday",
    "b4": "before",
    "bout": "about",
    "abt": "about",
    "ppl": "people",
    "u": "you",
    "ur": "your",
    "r": "are",
    "wk": "week",
    "wknd": "weekend",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "yh": "yeah",
    "wat": "what",
    "nd": "and",
    "gd": "good",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "im": "i'm",
    "ive": "i've",
    "didnt": "didn't",
    "wasnt": "wasn't",
    "isnt": "isn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "havent": "haven't",
}
_TEXT_SPEAK = re.compile(
    r"(?<![\w'])(" + "|".join(sorted(map(re.escape, TEXT_SPEAK), key=len, reverse=True)) + r")(?![\w'])"
)


def expand_text_speak(text: str) -> str:
    """ "no1 hurt" -> "no one hurt", "2day bout 4" -> "today about 4" (any case; case is kept elsewhere)."""
    return _TEXT_SPEAK.sub(lambda m: TEXT_SPEAK[m.group(1).lower()], text) if text else text


def words(text: str) -> str:
    """Lower-cased text with punctuation other than apostrophes (and £, &) turned into spaces, and
    text-speak spelt out.

    Used for matching conversational answers ("Nope.", "don't know!!", "no1 hurt") where
    punctuation carries no meaning.
    """
    text = clean(text).lower()
    text = re.sub(r"[^\w\s'£&]", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)  # quotes, not apostrophes inside words
    return expand_text_speak(" ".join(text.split()))


def strip_ends(text: str) -> str:
    """Drop punctuation that wraps an answer ("'SW1A 1AA'.", "(07700 900123)") but not inner text."""
    return clean(text).strip(" .,;:!?\"'()[]{}<>")


def strip_lead_in(text: str, lead_ins: re.Pattern[str]) -> str:
    """Remove a conversational lead-in like "it's" or "my number is" so the answer itself remains."""
    for _ in range(3):  # "it's, my email is x" has two; a bound keeps pathological input cheap
        stripped = strip_ends(lead_ins.sub("", text, count=1))
        if stripped == text:
            break
        text = stripped
    return text


def has_phrase(text: str, phrase: str) -> bool:
    """``phrase`` (already lower case) as whole words in ``text`` (already ``words()``)."""
    return re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text) is not None


def remove_phrase(text: str, phrase: str) -> str:
    return " ".join(re.sub(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", " ", text).split())


# Sounds people type around an answer that carry nothing: "erm", "ok so", "well".
HESITATION = frozenset({"um", "umm", "erm", "er", "uh", "uhh", "hmm", "hm", "oh", "ah", "well", "so", "like"})
