"""The rule record, the table builder the ``patterns_*`` modules use, and shared pattern fragments.

Each rule has a name (reported in a ``SafetyHit``), a category and concern, a time *policy* (see
the package docstring) and one or more token patterns (see ``vocab.spec``), plus optional gates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    concern: str
    policy: str  # explicit | present | strong | recent | threat | missing | found | locative | any
    patterns: tuple[str, ...]
    #: the message must contain one of these words / phrases
    requires_any: frozenset[str] = frozenset()
    #: the clause must not contain any of these words
    exclude_context: frozenset[str] = frozenset()
    #: the token right after / before the match must not be one of these
    reject_next: frozenset[str] = frozenset()
    reject_prev: frozenset[str] = frozenset()
    #: the token before the match must be a clause boundary (an elided subject: "... and is still here")
    needs_boundary_before: bool = False
    #: child rules: a number of years in the match must be under 18
    child_age: bool = False
    #: the message must name a child (a child noun or an age under 18) and no adult age
    message_child: bool = False
    #: habitual cues starting with one of these words do not cancel the rule ("a car keeps swerving")
    habitual_ok: frozenset[str] = frozenset()
    #: an elided subject: the clause before (and the clauses it continues, same sentence) must name one
    #: of these ("my nan fell and isn't making sense", "the cyclist is on the ground and not moving")
    subject_before: frozenset[str] = frozenset()
    #: the match may run over "and" / "but" (a pattern that spans two clauses on purpose)
    crosses_clauses: bool = False


class RuleTable:
    """Rules in the order they are added (within a concern, the first rule to match names the hit)."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def add(self, name: str, cat: str, concern: str, policy: str, *patterns: str, **kw: Any) -> None:
        self.rules.append(Rule(name, cat, concern, policy, tuple(patterns), **kw))


#: Noun phrases for a child, shared by the missing-child and child-at-risk tables.
CHILD_NP = "@CHILD_POSS? @CHILD_ADJ? @CHILD"
AGE_NP = "@CHILD_POSS? # year|month|yr old"
