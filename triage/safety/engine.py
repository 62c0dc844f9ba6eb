"""The rule engine: compiles the rule and cue tables into two spaCy ``Matcher``s and checks messages.

spaCy is imported, and the matchers compiled, only when a ``SafetyRules`` is built (``default_rules``
builds the shared one on first use), never at import time.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from triage.safety.context import build_context
from triage.safety.cues import CUES
from triage.safety.gates import passes
from triage.safety.hit import SafetyHit, rank
from triage.safety.message_rules import message_rules
from triage.safety.normalise import REPLACE, normalise
from triage.safety.patterns_casualty import casualty_rules
from triage.safety.patterns_crime import crime_rules
from triage.safety.patterns_harm import harm_rules
from triage.safety.patterns_offender import offender_rules
from triage.safety.patterns_people import people_rules
from triage.safety.patterns_road import road_rules
from triage.safety.patterns_safeguarding import safeguarding_rules
from triage.safety.rule import Rule
from triage.safety.vocab import WORDS, pattern

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
    )


class SafetyRules:
    """Compiled rule set. Build once (compiling the matchers is the costly part), then call ``check``."""

    def __init__(self) -> None:
        import spacy
        from spacy.matcher import Matcher

        self._nlp = spacy.blank("en")
        self._rules = {rule.name: rule for rule in all_rules()}
        self._matcher = Matcher(self._nlp.vocab)
        for rule in self._rules.values():
            self._matcher.add(rule.name, [pattern(p) for p in rule.patterns])
        self._cue_matcher = Matcher(self._nlp.vocab)
        for label, cues in CUES.items():
            self._cue_matcher.add(label, [pattern(c) for c in cues])
        self._vocab = self._build_vocab()

    # -- public API --------------------------------------------------------------------------------

    def check(self, text: str) -> SafetyHit | None:
        """The most urgent hit for one message, or ``None``. Emergency beats safeguarding."""
        hits = self.hits(text)
        return hits[0] if hits else None

    def hits(self, text: str) -> list[SafetyHit]:
        """Every distinct (category, concern) that fired, most urgent first."""
        if not text or not text.strip():
            return []
        doc = self._nlp.make_doc(normalise(text, self._vocab))
        ctx = build_context(doc, self._cues(doc))
        found: dict[tuple[str, str], SafetyHit] = {}

        def keep(hit: SafetyHit) -> None:
            found.setdefault((hit.category, hit.concern), hit)

        for match_id, start, end in self._matcher(doc):
            rule = self._rules[self._nlp.vocab.strings[match_id]]
            if passes(rule, ctx, start, end):
                keep(SafetyHit(rule.category, rule.concern, rule.name))

        for hit in message_rules(ctx, found):
            keep(hit)
        return sorted(found.values(), key=rank)

    # -- analysis ----------------------------------------------------------------------------------

    # -- analysis ----------------------------------------------------------------------------------

    def _cues(self, doc: Doc) -> list[tuple[str, int, int]]:
        strings = self._nlp.vocab.strings
        return [(strings[match_id], start, end) for match_id, start, end in self._cue_matcher(doc)]

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


def check(text: str) -> SafetyHit | None:
    """Convenience: ``default_rules().check(text)``."""
    return default_rules().check(text)
