"""Pure string normalisation of a chat message before tokenising (see the package docstring, step 1)."""

from __future__ import annotations

import re
import unicodedata

REPLACE = {
    "im": "i'm",
    "ive": "i've",
    "hes": "he's",
    "shes": "she's",
    "theres": "there's",
    "theyre": "they're",
    "theyve": "they've",
    "youre": "you're",
    "weve": "we've",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "hadnt": "hadn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "wouldnt": "wouldn't",
    "aint": "ain't",
    "whats": "what's",
    "thats": "that's",
    "its": "it's",
    "someones": "someone's",
    "somebodys": "somebody's",
    "nobodys": "nobody's",
    "whos": "who's",
    "wheres": "where's",
    "heres": "here's",
    "hell": "he'll",
    "shell": "she'll",
    "theyll": "they'll",
    "itll": "it'll",
    "gonna": "going to",
    "gunna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "tryna": "trying to",
    "u": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "pls": "please",
    "plz": "please",
    "plzz": "please",
    "pleas": "please",
    "ppl": "people",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
    "rn": "right now",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "some1": "someone",
    "sum1": "someone",
    "no1": "no one",
    "any1": "anyone",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "bc": "because",
    "becuase": "because",
    "becasue": "because",
    "mins": "minutes",
    "secs": "seconds",
    "hrs": "hours",
    "yday": "yesterday",
    "ystday": "yesterday",
    "yesterdy": "yesterday",
    "wiv": "with",
    "exbf": "ex boyfriend",
    "exgf": "ex girlfriend",
    "somone": "someone",
    "sombody": "somebody",
    "knifes": "knives",
    "ya": "you",
    "ambulence": "ambulance",
    "theif": "thief",
    "theives": "thieves",
    "burgler": "burglar",
    "burglers": "burglars",
}
#: Two-word shorthand read as the words the rules know ("the little ones next door").
PHRASES = {"little ones": "little children", "little one": "little child", "lil ones": "little children"}
_PHRASE = re.compile(r"\b(" + "|".join(re.escape(p) for p in PHRASES) + r")\b")
# "hell" / "shell" are only read as contractions before a verb-ish word, see normalise.
_CONTRACTION_ONLY_BEFORE_VERB = frozenset(["hell", "shell"])
_WORD = re.compile(r"[a-z0-9'][a-z0-9']*")
_GLUED_PUNCT = re.compile(r"([.!?,;:])(?=[a-z])")
_AGE1 = re.compile(r"\b(\d{1,2})\s*-?\s*(?:yo|y/o|y\.o\.?)(?![a-z])")
_AGE2 = re.compile(r"\b(\d{1,2})\s*-?\s*(?:years?|yrs?|yr)\s*-?\s*old\b")
#: A clock time ("2am", "10.30 pm", "11:15p.m."): read as "2 o'clock", not as the verb "am".
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d\d))?\s?(?:am|pm|a\.m\.?|p\.m\.?)(?![a-z])")
_WITH_SLASH = re.compile(r"(?<![a-z])w/\s?")
_REPEAT3 = re.compile(r"([a-z])\1{2,}")
_RUN = re.compile(r"([a-z])\1+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
_HELL_VERBS = frozenset(
    [
        "kill",
        "hurt",
        "stab",
        "shoot",
        "be",
        "find",
        "see",
        "hear",
        "come",
        "go",
        "get",
        "know",
        "do",
        "hit",
        "murder",
        "beat",
        "batter",
    ]
)


def _collapse_repeats(word: str, vocab: frozenset[str]) -> str:
    """``helppp`` -> ``help``, ``kniiife`` -> ``knife``: try every run at length 1 or 2."""
    runs = list(_RUN.finditer(word))
    if len(runs) > 6:  # keep the search small
        return _REPEAT3.sub(r"\1\1", word)
    candidates = [""]
    pos = 0
    for run in runs:
        prefix = word[pos : run.start()]
        letter = run.group(1)
        candidates = [c + prefix + letter for c in candidates] + [c + prefix + letter * 2 for c in candidates]
        pos = run.end()
    tail = word[pos:]
    for cand in candidates:
        if cand + tail in vocab:
            return cand + tail
    return _REPEAT3.sub(r"\1\1", word)


def normalise(text: str, vocab: frozenset[str]) -> str:
    t = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    t = _ZERO_WIDTH.sub("", t)
    t = _CLOCK.sub(lambda m: f"{m.group(1)}:{m.group(2) or '00'} o'clock", t)
    t = _GLUED_PUNCT.sub(r"\1 ", t)
    t = _AGE1.sub(r"\1 year old", t)
    t = _AGE2.sub(r"\1 year old", t)
    t = _WITH_SLASH.sub("with ", t)
    t = _PHRASE.sub(lambda m: PHRASES[m.group(1)], t)
    t = t.replace("&", " and ")
    words = list(_WORD.finditer(t))
    out: list[str] = []
    pos = 0
    for i, m in enumerate(words):
        w = m.group(0)
        new = w
        if w.endswith("in'") and w[:-1] + "g" in vocab:
            new = w[:-1] + "g"
        elif _REPEAT3.search(w):
            new = _collapse_repeats(w, vocab)
        if new.endswith("in") and new not in vocab and new + "g" in vocab:
            new = new + "g"
        nxt = words[i + 1].group(0) if i + 1 < len(words) else ""
        if new == "n" and nxt == "word":  # "the n word" (a slur named), not "and"
            pass
        elif new in REPLACE:
            if new in _CONTRACTION_ONLY_BEFORE_VERB:
                if nxt in _HELL_VERBS:
                    new = REPLACE[new]
            else:
                new = REPLACE[new]
        out.append(t[pos : m.start()])
        out.append(new)
        pos = m.end()
    out.append(t[pos:])
    return " ".join("".join(out).split())
