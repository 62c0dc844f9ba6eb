"""The rule engine: compiles the rule and cue tables into two spaCy ``Matcher``s and checks messages.

spaCy is imported, and the matchers compiled, only when a ``SafetyRules`` is built (``default_rules``
builds the shared one on first use), never at import time.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from triage.safety.context import Context, add_cues, segment, spans_of
from triage.safety.cues import CUES
from triage.safety.gates import passes
from triage.safety.hit import SafetyHit, rank
from triage.safety.message_rules import message_rules
from triage.safety.normalise import REPLACE, normalise
from triage.safety.patterns_casualty import casualty_rules
from triage.safety.patterns_crime import crime_rules
from triage.safety.patterns_disclosure import disclosure_rules
from triage.safety.patterns_harm import harm_rules
from triage.safety.patterns_offender import offender_rules
from triage.safety.patterns_people import people_rules
from triage.safety.patterns_road import road_rules
from triage.safety.patterns_safeguarding import safeguarding_rules
from triage.safety.prefilter import GroupedMatcher
from triage.safety.rule import Rule
from triage.safety.vocab import WORDS

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc


def all_rules() -> tuple[Rule, ...]:
    """Every rule of every table, emergency tables first."""
    return (
        *harm_rules(),
        *crime_rules(),
        *offender_rules(),
        *people_rules(),
        *road_rules(),
        *casualty_rules(),
        *safeguarding_rules(),
        *disclosure_rules(),
    )


class SafetyRules:
    """Compiled rule set. Build once (compiling the matchers is the costly part), then call ``check``."""

    def __init__(self) -> None:
        import spacy

        self._nlp = spacy.blank("en")
        self._rule_list = all_rules()
        self._rules = {rule.name: rule for rule in self._rule_list}
        if len(self._rules) != len(self._rule_list):
            raise ValueError("two rules share a name")
        # most rules match inside one clause; the few that may run over "and" / "but" match per sentence
        self._clause_rules = [r for r in self._rule_list if not r.crosses_clauses]
        self._sentence_rules = [r for r in self._rule_list if r.crosses_clauses]
        self._matcher = GroupedMatcher(self._nlp.vocab, ((r.name, r.patterns) for r in self._clause_rules))
        self._wide_matcher = GroupedMatcher(
            self._nlp.vocab, ((r.name, r.patterns) for r in self._sentence_rules)
        )
        self._order = {r.name: i for i, r in enumerate(self._rule_list)}
        self._cue_matcher = GroupedMatcher(self._nlp.vocab, CUES.items())
        self._vocab = self._build_vocab()

    # -- public API --------------------------------------------------------------------------------

    def check(self, text: str) -> SafetyHit | None:
        """The most urgent hit for one message, or ``None``. Emergency beats safeguarding."""
        hits = self.hits(text)
        return hits[0] if hits else None

    def hits(self, text: str) -> list[SafetyHit]:
        """Every distinct (category, concern) that fired, most urgent first."""
        found: dict[tuple[str, str], SafetyHit] = {}
        for hit in self._all_hits(text):
            found.setdefault((hit.category, hit.concern), hit)
        return sorted(found.values(), key=rank)

    def fired(self, text: str) -> set[str]:
        """The name of every rule that fired (not only the one naming each hit): for tests and analysts."""
        return {hit.rule for hit in self._all_hits(text)}

    def words(self, text: str) -> list[str]:
        """The message's tokens as the rules read them (normalised): for the age checks elsewhere
        in the kernel (``triage.helplines``), so nothing tokenises a second way."""
        if not text or not text.strip():
            return []
        return list(segment(self._nlp.make_doc(normalise(text, self._vocab))).words)

    def _all_hits(self, text: str) -> list[SafetyHit]:
        if not text or not text.strip():
            return []
        doc = self._nlp.make_doc(normalise(text, self._vocab))
        ctx = segment(doc)
        add_cues(ctx, self._cues(doc, ctx))
        out: list[SafetyHit] = []
        found: dict[tuple[str, str], SafetyHit] = {}
        where: dict[tuple[str, str], list[int]] = {}
        by_clause = self._matcher(doc, spans_of(ctx.clause), ctx.words)
        by_sentence = self._wide_matcher(doc, spans_of(ctx.sentence), ctx.words)
        matches = [(self._clause_rules[g], a, b) for g, a, b in by_clause]
        matches += [(self._sentence_rules[g], a, b) for g, a, b in by_sentence]
        # in table order: within a concern, the first rule that matches names the hit
        for rule, start, end in sorted(matches, key=lambda m: (self._order[m[0].name], m[1], m[2])):
            if passes(rule, ctx, start, end):
                hit = SafetyHit(rule.category, rule.concern, rule.name)
                out.append(hit)
                found.setdefault((rule.category, rule.concern), hit)
                where.setdefault((rule.category, rule.concern), []).append(start)
        out.extend(message_rules(ctx, found, where))
        return out

    # -- analysis ----------------------------------------------------------------------------------

    def _cues(self, doc: Doc, ctx: Context) -> list[tuple[str, int, int]]:
        # per sentence, one token longer: a cue may end on the sentence's "?" ("an emergency ?")
        names = self._cue_matcher.names
        found = self._cue_matcher(doc, spans_of(ctx.sentence, 1), ctx.words)
        return [(names[group], start, end) for group, start, end in found]

    def _build_vocab(self) -> frozenset[str]:
        words: set[str] = set()
        for values in WORDS.values():
            words.update(values)
        sources = [p for rule in self._rules.values() for p in rule.patterns]
        sources += [c for cues in CUES.values() for c in cues]
        for source in sources:
            for tok in source.split():
                # Literal alternatives only: not regexes (~), word classes (@), numbers (#), wildcards (_).
                if not tok.startswith("~"):
                    words.update(w for w in tok.rstrip("?").split("|") if w[:1] not in "@#_")
        words.update(REPLACE)
        return frozenset(w for w in words if w.isalpha())


@functools.lru_cache(maxsize=1)
def default_rules() -> SafetyRules:
    """The shared, lazily built rule set (built on first use, never at import time)."""
    return SafetyRules()


def message_words(text: str) -> list[str]:
    return default_rules().words(text)


def check(text: str) -> SafetyHit | None:
    """Convenience: ``default_rules().check(text)``."""
    return default_rules().check(text)
