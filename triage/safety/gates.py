"""Gating a rule match: context words, negation and the time policy of its rule.

``passes(rule, ctx, start, end)`` decides whether one ``Matcher`` match of ``rule`` over tokens
``start:end`` counts; see the package docstring ("Policies") for what each policy means.
"""

from __future__ import annotations

from triage.safety.ages import child_age_ok, names_a_child
from triage.safety.context import PHRASE_PUNCT, SENT_PUNCT, Context
from triage.safety.cues import CUES
from triage.safety.rule import Rule
from triage.safety.vocab import NEGATIONS, WORDS, fs

#: Extra context some pattern families need, keyed by a word that starts the pattern family. Kept
#: small and explicit: the child-contact and grooming patterns fire only when the message also
#: mentions a child or an adult stranger / online contact.
_CHILD_CONTACT_HEADS = frozenset(
    [
        "messaging",
        "messages",
        "texting",
        "contacting",
        "chatting",
        "talking",
        "sending",
        "groomed",
        "grooming",
    ]
)
#: Child nouns (rules with ``message_child`` need one, or an age under 18).
_CHILD_NOUNS = frozenset(WORDS["CHILD"])
#: Tokens that signal a child or an adult stranger / online contact (grooming rules need one).
_CHILD_WORDS = frozenset(WORDS["CHILD"]) | frozenset(["year", "old"])
_IDIOM_SUBJECTS = fs("boss manager teacher coach insurer insurance gaffer")
#: Past forms that tell of an event (with "-ed" words, see ``_phrase_reads_past``).
_PASTISH = frozenset(CUES["WEAK_PAST"][0].split("|")) | fs(
    "got gotten hit cut shot threw thrown beat beaten bit bitten stole stolen broke broken set lit caught "
    "fell knocked ran run took taken pulled jumped mugged"
)
_NOT_PAST_ED = fs("need needed bed shed speed seed feed bleed breed weed freed red embed")
#: A found child was with one of these: safeguarding ("we found him, a man was talking to him").
_STRANGER = fs(
    "man men stranger strangers adult adults older guy guys bloke blokes woman women lady someone somebody "
    "lift messaging texting groomed grooming"
)
#: Negative-polarity subjects: "nobody/anyone is hurt" reads the negation earlier in the phrase.
_NPI = fs("anyone anybody any")


def passes(rule: Rule, ctx: Context, start: int, end: int) -> bool:
    words = ctx.words
    # a match may not run across a clause boundary (nor a sentence, even for the rules that may cross "and")
    if rule.crosses_clauses:
        if ctx.sentence[start] != ctx.sentence[end - 1]:
            return False
    elif any(ctx.boundary[i] for i in range(start, end)):
        return False
    if rule.subject_before and not _subject_before(ctx, ctx.clause[start], rule.subject_before):
        return False
    if rule.needs_boundary_before and start > 0 and not ctx.boundary[start - 1]:
        return False
    if rule.reject_next and end < len(words) and words[end] in rule.reject_next:
        return False
    if rule.reject_prev and start > 0 and words[start - 1] in rule.reject_prev:
        return False
    if rule.requires_any and not _message_has(ctx, rule.requires_any):
        return False
    clause_id = ctx.clause[end - 1]
    if rule.exclude_context and any(
        words[i] in rule.exclude_context for i in range(len(words)) if ctx.clause[i] == clause_id
    ):
        return False
    if rule.child_age and not child_age_ok(words[max(0, start - 4) : end]):
        return False
    if rule.message_child:
        if ctx.names_child is None:
            ctx.names_child = names_a_child(words)
        if not ctx.names_child:
            return False
    if rule.name == "child_at_risk" and words[start] in _CHILD_CONTACT_HEADS:
        msg = set(words)
        if not (msg & _CHILD_WORDS and msg & frozenset(WORDS["CHILD_CONTACT"])):
            return False
    if _negated(ctx, start):
        return False
    if rule.policy == "any":
        return True
    if rule.policy == "found":  # a missing child who is back, and a stranger was involved
        return bool(ctx.cues["RESOLVED"]) and not _resolution_negated(ctx) and bool(set(words) & _STRANGER)
    return _time_ok(rule, ctx, start, end)


def _clause_chain(ctx: Context, clause_id: int) -> set[int]:
    """``clause_id`` and, while a clause has an elided subject, the clauses before it it continues."""
    chain = {clause_id}
    cid = clause_id
    while cid in ctx.elided and cid > 0:
        cid -= 1
        chain.add(cid)
    return chain


def _subject_before(ctx: Context, clause_id: int, subjects: frozenset[str]) -> bool:
    """Is one of ``subjects`` in the clause before ``clause_id``, or in the clauses that one continues
    (an elided subject chain: "he's drowsy and confused and not making sense")?"""
    sentence = ctx.sentence[ctx.clause.index(clause_id)]
    cid = clause_id - 1
    while cid >= 0:
        tokens = [i for i, c in enumerate(ctx.clause) if c == cid]
        if not tokens or ctx.sentence[tokens[0]] != sentence:
            return False
        if any(ctx.words[i] in subjects for i in tokens):
            return True
        if cid not in ctx.elided:
            return False
        cid -= 1
    return False


def _message_has(ctx: Context, needles: frozenset[str]) -> bool:
    words = set(ctx.words)
    for needle in needles:
        if " " in needle:
            if f" {needle} " in ctx.padded:
                return True
        elif needle in words:
            return True
    return False


def _negated(ctx: Context, start: int) -> bool:
    words = ctx.words
    # "I don't think anyone is hurt": "anyone" right before the match looks back for a negation
    if (
        start > 0
        and words[start - 1] in _NPI
        and any(words[i] in NEGATIONS for i in range(start - 1) if ctx.phrase[i] == ctx.phrase[start])
    ):
        return True
    for i in range(max(0, start - 2), start):
        if ctx.phrase[i] != ctx.phrase[start] or words[i] not in NEGATIONS:
            continue
        # "no he's got a knife": an interjection at the start of a phrase, not a negation
        first_of_phrase = i == 0 or ctx.phrase[i - 1] != ctx.phrase[i]
        if (
            words[i] == "no"
            and first_of_phrase
            and i + 1 < len(words)
            and words[i + 1] in WORDS["INTERJ_SUBJ"]
        ):
            continue
        return True
    return False


def _time_ok(rule: Rule, ctx: Context, start: int, end: int) -> bool:
    anchor = end - 1
    clause_id, phrase_id = ctx.clause[anchor], ctx.phrase[anchor]
    clause_cues = ctx.clause_cues.get(clause_id, set())
    strong_present = "PRESENT" in clause_cues
    # hypothetical: a marker before the match in the same phrase, or a legal/topic word anywhere
    # in the phrase. A hypothetical scope also runs over "and"/"but" up to the next punctuation.
    if not strong_present and _hypothetical(ctx, start, phrase_id):
        return False
    sentence_id = ctx.sentence[anchor]
    # talk about emergencies ("does a bin fire count as an emergency?", "999 or 101?")
    if not strong_present and any(ctx.sentence[a] == sentence_id for a, _b in ctx.cues["TOPIC"]):
        return False
    if rule.policy == "missing":
        if ctx.cues["RESOLVED"] and not _resolution_negated(ctx):
            return False
        return not ctx.cues["DISTANT"]
    # someone else's account ("I saw on twitter there's a fire", "did you hear about the stabbing")
    if (
        not strong_present
        and rule.policy not in ("threat", "strong")
        and any(
            ctx.sentence[a] == sentence_id and (a < start or ctx.phrase[a] == phrase_id)
            for a, _b in ctx.cues["REMOTE"]
        )
    ):
        return False
    # it is over: "it's out now" after a fire; "I'm ok now", "just bruises", "he's not here now"
    # after a time-neutral or past account ("got mugged on friday, just a few bruises")
    if not strong_present and rule.concern == "fire" and any(a >= end for a, _b in ctx.cues["OUT"]):
        return False
    if (
        not strong_present
        and rule.policy in ("present", "recent")
        and any(a >= end for a, _b in ctx.cues["OVER"] + ctx.cues["OUT"] + ctx.cues["ABSENT"])
        and _phrase_reads_past(ctx, start, end)
    ):
        return False
    # a habit word in the clause, or in the clause an elided subject continues ("he keeps turning up
    # and threatening me")
    chain = _clause_chain(ctx, clause_id)
    habitual = [
        a for a, _b in ctx.cues["HABITUAL"] if ctx.clause[a] in chain and ctx.words[a] not in rule.habitual_ok
    ]
    if habitual and not strong_present:
        return False
    if rule.policy == "recent":
        return strong_present
    if rule.policy == "threat":
        if _idiom(ctx, start, end):
            return False
        return strong_present or "PAST" not in clause_cues
    if rule.policy == "explicit":
        return True
    if strong_present:
        return True
    if "PAST" in clause_cues:
        return False
    if rule.policy == "strong":
        return True
    if rule.policy == "locative":
        return "LOCATIVE" in clause_cues
    # "present": weak past (without a weak present), media, or an inherited past reading cancel
    if "MEDIA" in clause_cues:
        return False
    if "WEAK_PAST" in clause_cues and "WEAK_PRESENT" not in clause_cues:
        return False
    if not clause_cues & {"WEAK_PAST", "WEAK_PRESENT"}:
        return not _earlier_clause_past(ctx, clause_id)
    return True


def _hypothetical(ctx: Context, start: int, phrase_id: int) -> bool:
    # scope of a hypothetical marker: from the marker to the next punctuation mark
    for a, _b in ctx.cues["HYPO"]:
        if a < start and not any(
            ctx.words[i] in SENT_PUNCT or ctx.words[i] in PHRASE_PUNCT or "\n" in ctx.words[i]
            for i in range(a, start)
        ):
            return True
    return any(ctx.phrase[a] == phrase_id for a, _b in ctx.cues["LEGAL"])


def _phrase_reads_past(ctx: Context, start: int, end: int) -> bool:
    """The match's phrase tells of an event (a past verb, ``got`` + participle) and has no present
    verb outside the "it's over" words themselves: "my friend got stabbed" yes, "there's a man
    with a knife" and "a man with a knife outside" no."""
    phrase_id = ctx.phrase[end - 1]
    settled = ctx.cues["OVER"] + ctx.cues["OUT"] + ctx.cues["ABSENT"]
    present = {a for a, _b in ctx.cues["WEAK_PRESENT"]}
    pastish = False
    for i, w in enumerate(ctx.words):
        if ctx.phrase[i] != phrase_id or any(a <= i < b for a, b in settled):
            continue
        if i in present and w != "got":
            return False
        if w in _PASTISH or (len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED):
            pastish = True
    return pastish


def _earlier_clause_past(ctx: Context, clause_id: int) -> bool:
    sentence_of_clause = {ctx.clause[i]: ctx.sentence[i] for i in range(len(ctx.words))}
    sentence = sentence_of_clause.get(clause_id)
    for cid in range(clause_id - 1, -1, -1):
        if sentence_of_clause.get(cid, sentence) != sentence:
            break
        cues = ctx.clause_cues.get(cid, set())
        if "PRESENT" in cues or ("WEAK_PRESENT" in cues and "PAST" not in cues):
            return False
        if "PAST" in cues or "WEAK_PAST" in cues:
            return True
    return False


def _resolution_negated(ctx: Context) -> bool:
    return all(
        any(ctx.words[i] in NEGATIONS for i in range(max(0, a - 2), a + 1))
        or (a + 1 < len(ctx.words) and ctx.words[a + 1] in ("n't", "nt", "not"))
        for a, _b in ctx.cues["RESOLVED"]
    )


def _idiom(ctx: Context, start: int, end: int) -> bool:
    # "my boss is going to kill me": a figure of speech for these subjects
    if any(ctx.words[i] in _IDIOM_SUBJECTS for i in range(max(0, start - 5), start)):
        return True
    for a, _b in ctx.cues["IDIOM"]:
        w = ctx.words[a]
        if w in ("lol", "lmao", "haha", "hahaha", "jk", "joking", "kidding", "😂", "🤣"):
            return True
        if a >= end and ctx.sentence[a] == ctx.sentence[end - 1]:
            return True
    return False
