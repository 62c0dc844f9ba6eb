"""Yes or no, as people type it: with a reason ("no he refused and drove off"), a qualifier
("yeah go ahead send it") or only in words that mean it for this question ("i'd rather not say
who i am" to "would you like to stay anonymous?").

Two readers:

- ``parse_yes_no`` is strict: the whole answer must be a yes or a no (plus politeness). Used where a
  guess would be wrong, e.g. inside the other parsers ("no" is not a name, not a place).
- ``read_yes_no`` reads a sentence: a leading yes/no word and the rest kept as a note, or the
  question's own cue phrases (``Cues``) anywhere in it. It refuses contradictions ("yes he drove
  off" to "did you swap details?") rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dont_know import is_dont_know
from .result import Invalid, Result, Valid
from .text import HESITATION, has_phrase, remove_phrase, words

_YES = frozenset(
    [
        "yes",
        "yeah",
        "yea",
        "yeh",
        "yep",
        "yup",
        "ya",
        "yah",
        "ye",
        "yas",
        "y",
        "correct",
        "right",
        "sure",
        "ok",
        "okay",
        "k",
        "kk",
        "aye",
        "absolutely",
        "definitely",
        "certainly",
        "affirmative",
        "true",
        "indeed",
        "yess",
        "yesss",
        "yh",
        "ys",
    ]
)
_YES_PHRASES = (
    "that's right",
    "thats right",
    "that is right",
    "that's correct",
    "thats correct",
    "that is correct",
    "of course",
    "please do",
    "go ahead",
    "all good",
    "looks good",
    "sounds good",
    "spot on",
    "yes please",
    "all correct",
    "i think so",
    "i believe so",
    "think so",
    "we did",
    "i did",
    "they did",
    "too right",
)
_NO = frozenset(
    [
        "no",
        "nope",
        "nah",
        "naw",
        "n",
        "nobody",
        "none",
        "negative",
        "never",
        "incorrect",
        "wrong",
        "false",
        "nothing",
        "noo",
        "nooo",
        "na",
        "nay",
    ]
)
_NO_PHRASES = (
    "not really",
    "no one",
    "no-one",
    "noone",
    "not at all",
    "no thanks",
    "no thank you",
    "that's wrong",
    "thats wrong",
    "that is wrong",
    "not correct",
    "that's not right",
    "thats not right",
    "that is not right",
    "i don't think so",
    "i dont think so",
    "don't think so",
    "dont think so",
    "not that i know of",
    "not that i saw",
    "not that i'm aware of",
    "not that im aware of",
    "not as far as i know",
    "not as far as i'm aware",
    "no way",
    "definitely not",
    "of course not",
    "not any more",
    "not anymore",
    "no longer",
    "not now",
    "not right now",
    "not at the moment",
    "not at present",
    "thankfully not",
    "luckily not",
    "fortunately not",
    "we didn't",
    "i didn't",
    "they didn't",
    "not really no",
    "no chance",
)
# Politeness that may accompany a yes or no without changing it.
_FILLER = frozenset(
    [
        "please",
        "thanks",
        "thank",
        "you",
        "it",
        "is",
        "that's",
        "that",
        "was",
        "i",
        "think",
        "so",
        "mate",
        "cheers",
        "pls",
        "plz",
        "ta",
        "thx",
        "lol",
        "x",
        "love",
        "hun",
        "sir",
        "mam",
        "madam",
        "officer",
        "then",
        "again",
    ]
)
# Words that, straight after a yes or no, start a qualifier that may turn the answer round.
_QUALIFIERS = ("but", "although", "though", "except", "apart from", "only", "unless", "however")


def _polarity(token: str) -> bool | None:
    if token in _YES:
        return True
    if token in _NO:
        return False
    return None


def parse_yes_no(text: str) -> bool | None:
    """Read a short confirmation: True for yes, False for no, None when it is neither or mixed.

    "yes but the date is wrong" returns None on purpose: a confirmation step should re-ask
    rather than guess.
    """
    plain = words(text)
    if not plain:
        return None
    found_yes = found_no = False
    # Multi-word phrases first, so "not really" does not read as ... "really".
    for phrase in sorted(_NO_PHRASES, key=len, reverse=True):
        if has_phrase(plain, phrase):
            plain = remove_phrase(plain, phrase)
            found_no = True
    for phrase in sorted(_YES_PHRASES, key=len, reverse=True):
        if has_phrase(plain, phrase):
            plain = remove_phrase(plain, phrase)
            found_yes = True
    for word in plain.split():
        polarity = _polarity(word)
        if polarity is True:
            found_yes = True
        elif polarity is False:
            found_no = True
        elif word not in _FILLER and word not in HESITATION:
            return None  # content beyond yes/no: let the form re-ask
    if found_yes == found_no:
        return None
    return found_yes


_NEGATED_BEFORE = re.compile(
    r"(?<![\w'])(?:not|never|no|don'?t|doesn'?t|didn'?t|won'?t|can'?t|isn'?t|wasn'?t|wouldn'?t|rather"
    r" not|prefer not)"
    r"(?![\w'])(?:\s+[\w']+){0,3}\s*$"
)


@dataclass(frozen=True)
class Cues:
    """Phrases that answer one question without a yes or a no (regular expressions on ``words()``).

    ``no`` is checked before ``yes`` in each message, and a match is removed before the next is
    looked for, so a negated form ("not anonymous", "didn't swap details") is listed under ``no``
    and cannot also count as the ``yes`` phrase inside it. A pattern starting with ``~`` does not
    count when a negation comes up to four words before it ("I don't want to give my details").
    """

    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    # When a leading yes/no and the question's own phrase disagree, believe the phrase ("no, keep
    # me anonymous" to "would you like to stay anonymous?") instead of asking again.
    prefer_cue: bool = False


NO_CUES = Cues()


@dataclass(frozen=True)
class _Lead:
    value: bool
    rest: str
    weak: bool  # "ok", "right", "sure": often only a way of starting a sentence


_WEAK = frozenset({"ok", "okay", "k", "kk", "right", "sure", "true"})


def _leading(plain: str) -> _Lead | None:
    """A yes or no at the start of the message, and what follows it."""
    tokens = plain.split()
    while tokens and tokens[0] in HESITATION:
        tokens = tokens[1:]
    text = " ".join(tokens)
    phrases = [(p, False) for p in _NO_PHRASES] + [(p, True) for p in _YES_PHRASES]
    for phrase, value in sorted(phrases, key=lambda item: len(item[0]), reverse=True):
        if text == phrase or text.startswith(phrase + " "):
            return _Lead(value, text[len(phrase) :].strip(), weak=False)
    if tokens:
        first = _polarity(tokens[0])
        if first is not None:
            value = first
            # "no no no", "yeah yeah": repeated; "yes no": contradictory, read as nothing.
            rest = tokens[1:]
            while rest and _polarity(rest[0]) is not None:
                if _polarity(rest[0]) != value:
                    return None
                rest = rest[1:]
            return _Lead(value, " ".join(rest), weak=tokens[0] in _WEAK)
    return None


def leading_yes_no(text: str) -> bool | None:
    """The yes or no a sentence starts with ("no, he cut me up" -> False), if any."""
    lead = _leading(words(text))
    return None if lead is None or lead.weak else lead.value


def cue_of(text: str, cues: Cues) -> bool | None:
    """What the question's own phrases alone say about ``text`` (None: none, or both)."""
    return _cue(words(text), cues)[0]


def _cue(plain: str, cues: Cues) -> tuple[bool | None, str]:
    """The question's own phrases: (True/False/None when none or both, the text without them)."""
    found: set[bool] = set()
    rest = plain
    for value, patterns in ((False, cues.no), (True, cues.yes)):
        for pattern in patterns:
            unless_negated = pattern.startswith("~")
            pattern = pattern.removeprefix("~")
            for match in re.finditer(pattern, rest):
                if unless_negated and _NEGATED_BEFORE.search(rest[: match.start()]):
                    continue
                found.add(value)
                rest = " ".join((rest[: match.start()] + " " + rest[match.end() :]).split())
                break
    if len(found) != 1:
        return None, rest
    return found.pop(), rest


def _is_content(text: str) -> bool:
    return any(w not in _FILLER and w not in HESITATION for w in text.split())


YES_NO_ASK = "Sorry, I need a yes or a no for this one."


def read_yes_no(text: str, cues: Cues = NO_CUES, *, ask: str = YES_NO_ASK, firm_only: bool = False) -> Result:
    """A yes or no in a sentence; what else was said becomes the note.

    ``firm_only`` (the assistant's safety questions): an answer qualified with "but ..." is not
    taken as it stands ("no but he said he'd be back"), and neither is a cue-less sentence.
    """
    plain = words(text)
    if not plain:
        return Invalid(ask)
    strict = parse_yes_no(text)
    if strict is not None:
        return Valid(strict, "Yes" if strict else "No")
    lead = _leading(plain)
    cue, _without_cues = _cue(plain, cues)
    if lead is not None and lead.rest and cue is not None and cue != lead.value:
        if not lead.weak and not cues.prefer_cue:
            return Invalid(ask)  # "yes he drove off": contradicts itself, so ask again
        lead = None
    if lead is not None:
        rest = lead.rest
        if rest and firm_only and any(rest == q or rest.startswith(q + " ") for q in _QUALIFIERS):
            return Invalid(ask)
        if lead.weak and cue is None and rest and _is_content(rest):
            # "ok so basically the van clipped me": the "ok" is how the sentence starts, not a yes.
            return Invalid(ask)
        note = _note(text, rest, cues)
        return Valid(lead.value, _display(lead.value, note), note=note)
    if cue is not None:
        note = _note(text, plain, cues)
        return Valid(cue, _display(cue, note), note=note)
    if is_dont_know(text):
        return Invalid(ask)
    return Invalid(ask)


def _note(original: str, rest: str, cues: Cues) -> str | None:
    """The reason worth keeping: the rest of the message, unless it only repeats the cue words."""
    _cue_value, left = _cue(rest, cues)
    if not _is_content(left):
        return None
    # Keep the citizen's own words (case, punctuation) from where the rest starts: the rest is the
    # end of the message, so count its words back from the end of the original.
    tokens = original.split()
    wanted = len(rest.split())
    note = " ".join(tokens[-wanted:]) if wanted <= len(tokens) else rest
    return note.strip(" ,.-;:") or None


def _display(value: bool, note: str | None) -> str:
    answer = "Yes" if value else "No"
    return f"{answer} ({note})" if note else answer
