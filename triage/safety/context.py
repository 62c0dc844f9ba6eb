"""Per-message analysis: segmentation into sentences / clauses / phrases and the cue spans.

A rule match may not run across a clause boundary; the gates (``gates.py``) read the cues of the
match's clause, phrase and sentence from the ``Context`` built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from triage.safety.cues import CUES
from triage.safety.vocab import fs

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc

# Words that are a clause boundary. A rule match may not contain one.
_CLAUSE_WORDS = frozenset(["and", "but", "however", "although", "though", "whereas", "then", "plus"])
SENT_PUNCT = frozenset([".", "!", "?", ";", "...", "…", "!!", "?!"])
PHRASE_PUNCT = frozenset([",", "(", ")", "–", "—", ":", "/"])
#: "still" / "now" before these is not danger now ("I'm still scared of him").
_STILL_FEELING = fs(
    "scared afraid frightened worried upset shaken traumatised traumatized anxious nervous angry shocked "
    "waiting recovering having suffering thinking awaiting annoyed"
)
#: After "I'm ok": the speaker is not sure it is over ("I'm ok I think but I can't feel my legs").
_HEDGES_AFTER = fs("but though although except apart think guess maybe probably")
_HEDGES_BEFORE = fs("says said think thinks reckon reckons apparently claims")
#: "I don't know what to do": a hypothetical marker after these is distress, not a question.
_KNOW_WORDS = fs("know knowing knw kno sure idea clue unsure understand")
#: Sentence openers of a question ("what do you do when ...", "is it 999 when ...").
_QUESTION_OPENERS = fs(
    "what what's whats who who's how where why which should do does can could would will is are am was "
    "were when"
)
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NOT_WEEKDAY = fs(
    "today someday sunday monday tuesday wednesday thursday friday saturday holiday birthday midday payday "
    "heyday weekday workday everyday doomsday mayday yesterday noonday doday"
)
#: "just" before these is not "right now" ("I just wanted to ask", "just a quick question").
_JUST_NOT_NOW = fs(
    "want wanted wanting wondering wondered asking checking need needed like wanna a an the to moved got"
)
#: ... but "just got in / into / hit" is now.
_JUST_GOT_NOW = fs("in into inside out off away hit stabbed attacked mugged robbed burgled punched")


@dataclass
class Context:
    """Per-message analysis: tokens, segmentation and where each kind of cue occurs."""

    words: list[str]
    clause: list[int]
    phrase: list[int]
    sentence: list[int]
    boundary: list[bool]
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    clause_cues: dict[int, set[str]] = field(default_factory=dict)
    padded: str = ""
    #: clauses with an elided subject (they continue the clause before them)
    elided: set[int] = field(default_factory=set)
    #: memo for ``gates``: does the message name a child (computed on first use)
    names_child: bool | None = None


def segment(doc: Doc) -> Context:
    """Tokens and segmentation of one message (no cues yet: ``add_cues``)."""
    # one pass over the tokens (each pass builds spaCy Token objects: the costly part on long messages)
    tokens = [(t.text, t.lower_, t.is_space, t.is_punct, bool(t.whitespace_)) for t in doc]
    words = [text if is_space else lower for text, lower, is_space, _p, _w in tokens]
    n = len(words)
    clause = [0] * n
    phrase = [0] * n
    sentence = [0] * n
    boundary = [False] * n
    c = p = s = 0
    for i, (text, _lower, is_space, is_punct, _ws) in enumerate(tokens):
        w = words[i]
        sent_break = (
            w in SENT_PUNCT
            or (is_space and "\n" in text)
            or (is_punct and len(w) > 1 and set(w) <= set(".!?"))
        )
        clause_break = sent_break or (w in _CLAUSE_WORDS and not binomial(words, i))
        phrase_break = clause_break or w in PHRASE_PUNCT or (w == "-" and i > 0 and tokens[i - 1][4])
        if sent_break:
            s += 1
        if clause_break:
            c += 1
        if phrase_break:
            p += 1
        boundary[i] = clause_break
        clause[i], phrase[i], sentence[i] = c, p, s
    return Context(words, clause, phrase, sentence, boundary, padded=" " + " ".join(words) + " ")


def spans_of(ids: Sequence[int], extend: int = 0) -> list[tuple[int, int]]:
    """Token ranges of equal consecutive ids (clauses or sentences), each ``extend`` tokens longer."""
    out: list[tuple[int, int]] = []
    n = len(ids)
    start = 0
    for i in range(1, n + 1):
        if i == n or ids[i] != ids[start]:
            out.append((start, min(n, i + extend)))
            start = i
    return out


def build_context(doc: Doc, cue_matches: Iterable[tuple[str, int, int]]) -> Context:
    """Tokens, segmentation and the cue spans (``cue_matches``: label, start, end) of one message."""
    return add_cues(segment(doc), cue_matches)


def add_cues(ctx: Context, cue_matches: Iterable[tuple[str, int, int]]) -> Context:
    """Reads the cue spans (label, start, end) into ``ctx`` (see the package docstring, "Time cues")."""
    words, clause, sentence, boundary = ctx.words, ctx.clause, ctx.sentence, ctx.boundary
    n = len(words)
    spans: dict[str, list[tuple[int, int]]] = {label: [] for label in CUES}
    for label, start, end in cue_matches:
        spans[label].append((start, end))
    recent = spans["RECENT"]
    if recent:  # "5 minutes ago" is recent, not past
        spans["PAST"] = [sp for sp in spans["PAST"] if not any(a <= sp[0] < b for a, b in recent)]
        spans["DISTANT"] = [sp for sp in spans["DISTANT"] if not any(a <= sp[0] < b for a, b in recent)]
        spans["PRESENT"] = spans["PRESENT"] + recent
    # a clause-final "before" is a past marker ("he's been stabbed before")
    for i, w in enumerate(words):
        if w == "before" and (i + 1 == n or boundary[i + 1] or words[i + 1] in PHRASE_PUNCT):
            spans["PAST"].append((i, i + 1))
    # misspelt weekdays ("wensday", "satuday") are past markers too
    for i, w in enumerate(words):
        if weekday_typo(w):
            spans["PAST"].append((i, i + 1))
    # "when" in a question is hypothetical ("what do you do when someone is following you"); so is
    # "is a man with a knife an emergency" (not "it's an emergency")
    for i, w in enumerate(words):
        if w in ("when", "whenever") and _in_question(words, sentence, i):
            spans["HYPO"].append((i, i + 1))
        elif (
            w == "emergency"
            and i > 1
            and words[i - 1] in ("a", "an")
            and words[i - 2] not in _COPULA
            and _opens_question(words, sentence, i)
        ):
            spans["TOPIC"].append((i, i + 1))
    # "I don't know what to do / how to ...": distress, not a hypothetical
    spans["HYPO"] = [sp for sp in spans["HYPO"] if not (sp[0] > 0 and words[sp[0] - 1] in _KNOW_WORDS)]
    # "I'm ok I think but ...", "he's fine but ...": a hedged "ok" does not settle anything
    spans["OVER"] = [
        sp
        for sp in spans["OVER"]
        if not any(
            words[j] in _HEDGES_AFTER and sentence[j] == sentence[sp[0]]
            for j in range(sp[1], min(n, sp[1] + 4))
        )
        and not any(
            words[j] in _HEDGES_BEFORE and sentence[j] == sentence[sp[0]]
            for j in range(max(0, sp[0] - 3), sp[0])
        )
    ]
    # "her left arm", "on the left": not the verb "left"
    spans["WEAK_PAST"] = [
        sp
        for sp in spans["WEAK_PAST"]
        if not (
            words[sp[0]] == "left"
            and (
                (sp[0] > 0 and words[sp[0] - 1] in _SIDE_BEFORE)
                or (sp[0] + 1 < n and words[sp[0] + 1] in _SIDE_AFTER)
            )
        )
    ]
    # "the tv remote", "the tv stand": a thing in the room, not a recording
    spans["MEDIA"] = [sp for sp in spans["MEDIA"] if not (sp[1] < n and words[sp[1]] in _NOT_MEDIA_NEXT)]
    # "he's not here yet" is not an absence
    spans["ABSENT"] = [sp for sp in spans["ABSENT"] if not (sp[1] < n and words[sp[1]] == "yet")]
    # "it's out of control" is not out
    spans["OUT"] = [sp for sp in spans["OUT"] if not (sp[1] < n and words[sp[1]] in ("of", "there", "side"))]
    settled = spans["OVER"] + spans["OUT"] + spans["ABSENT"]
    # "just" only counts as "right now" when it is not "just want/wondering/asking"; "still" not when
    # it is "still scared"; a "now" inside "I'm ok now" / "it's out now" / "he's not here now" is not
    # danger now
    spans["PRESENT"] = [
        sp
        for sp in spans["PRESENT"]
        if not (
            words[sp[0]] == "just"
            and sp[0] + 1 < n
            and words[sp[0] + 1] in _JUST_NOT_NOW
            and not (words[sp[0] + 1] == "got" and sp[0] + 2 < n and words[sp[0] + 2] in _JUST_GOT_NOW)
        )
        and not (words[sp[0]] == "still" and sp[0] + 1 < n and words[sp[0] + 1] in _STILL_FEELING)
        and not any(a <= sp[0] <= b for a, b in settled)
    ]
    ctx.cues = spans
    for label, found in spans.items():
        for start, _end in found:
            ctx.clause_cues.setdefault(clause[start], set()).add(label)
    # an elided subject: "two men have just got in and walked off with my bag", "she fell and isn't
    # making sense". A clause that opens with a verb after "and" / "then" / "but" has the subject of
    # the clause before it, and reads its time from it too (its own cues still count).
    for i, w in enumerate(words):
        if (
            boundary[i]
            and w in _COORDINATORS
            and 0 < i < n - 1
            and sentence[i - 1] == sentence[i]
            and opens_with_verb(words, i + 1)
        ):
            ctx.elided.add(clause[i])
            before = ctx.clause_cues.get(clause[i - 1])
            if before:
                ctx.clause_cues.setdefault(clause[i], set()).update(before)
    return ctx


_COORDINATORS = fs("and then but plus")
#: Words a verb phrase with no subject opens with: auxiliaries, negation, common irregular verbs.
_VERB_OPENERS = fs(
    "is are am was were be been being has have had 's 've 'd 'm 're can ca could cannot will wo would 'll "
    "should might must did does do n't not never no isn't wasn't hasn't haven't hadn't don't didn't doesn't "
    "got get gets took take takes ran run runs came come comes went go goes left leave leaves broke stole "
    "threw hit hits fell falls made make makes said says told tells kept keeps keep tried tries put puts "
    "cut cuts saw sees found finds knocked grabbed pulled pushed smashed kicked punched walked drove "
    "started starts stopped won't can't couldn't"
)
#: Words ending in -ing / -ed that are not verbs.
_NOT_VERBS = fs(
    "thing things something nothing anything everything king ring evening morning building ceiling wedding "
    "clothing bedding parking ceiling sibling shopping during bed shed red need speed seed feed weed"
)
_ADVERBS_BEFORE_VERB = fs("just now still then also really already again even actually literally")


def opens_with_verb(words: Sequence[str], j: int) -> bool:
    """Does a verb phrase with no subject start at token ``j`` (adverbs like "just" skipped)?"""
    n = len(words)
    while j < n and words[j] in _ADVERBS_BEFORE_VERB:
        j += 1
    if j >= n:
        return False
    w = words[j]
    if w in _VERB_OPENERS:
        return True
    if w in _NOT_VERBS or not w.isalpha():
        return False
    return (len(w) > 4 and w.endswith("ing")) or (len(w) > 3 and w.endswith("ed"))


_BINOMIALS = frozenset(
    [
        ("up", "down"),
        ("in", "out"),
        ("back", "forth"),
        ("round", "round"),
        ("to", "fro"),
        ("on", "off"),
        ("over", "under"),
    ]
)


def binomial(words: Sequence[str], i: int) -> bool:
    """``and`` inside "up and down", "in and out", "back and forth": not a clause boundary."""
    return 0 < i < len(words) - 1 and words[i] == "and" and (words[i - 1], words[i + 1]) in _BINOMIALS


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance; the words are short."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def weekday_typo(word: str) -> bool:
    """``wensday``, ``wendsday``, ``satuday``, ``thursdy``: a misspelt weekday (not ``today``, ``midday``)."""
    if not 5 <= len(word) <= 11 or word in _NOT_WEEKDAY or not word.isalpha():
        return False
    if not word.endswith(("day", "dy", "dya", "dai")):
        return False
    return any(_edit_distance(word, day) <= 2 for day in _WEEKDAY_NAMES)


_NOT_MEDIA_NEXT = fs("remote remotes stand unit cabinet box licence license aerial bracket screen set")
#: "left" as a side, not a verb: "her left arm", "on the left", "left hand side".
_SIDE_BEFORE = fs("my his her their your our the on to top bottom far")
_SIDE_AFTER = fs(
    "arm arms leg legs hand foot eye ear side knee shoulder wrist ankle hip lane turn cheek temple chest"
)
_COPULA = fs("'s s is are 're was were be been it its it's this that 'm am m")


def _opens_question(words: Sequence[str], sentence: Sequence[int], i: int) -> bool:
    """Does the sentence of token ``i`` open (before ``i``) with a question word?"""
    sid = sentence[i]
    first = next((j for j in range(i + 1) if sentence[j] == sid and words[j][:1].isalnum()), None)
    return first is not None and first != i and words[first] in _QUESTION_OPENERS


def _in_question(words: Sequence[str], sentence: Sequence[int], i: int) -> bool:
    """Is token ``i`` inside a question: the sentence opens with a question word, or ends with ``?``."""
    sid = sentence[i]
    if _opens_question(words, sentence, i):
        return True
    for j in range(i + 1, len(words)):
        if sentence[j] != sid:
            return "?" in words[j] and set(words[j]) <= set("?!")
    return False
