"""What the rule layer returns: the categories, the concerns in priority order and ``SafetyHit``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EMERGENCY = "emergency"
SAFEGUARDING = "safeguarding"

#: Emergency concerns, most specific / most urgent first (the first one that fires wins).
EMERGENCY_CONCERNS = (
    "not_breathing",
    "injury",
    "weapon",
    "threat_to_life",
    "fire",
    "in_progress",
    "offender_present",
    "missing_child",
    "missing_person",
    "being_followed",
    "dangerous_driving",
    "road_danger",
    "urgent_help",
)

#: Safeguarding concerns in priority order.
SAFEGUARDING_CONCERNS = (
    "self_harm",
    "sexual_offence",
    "domestic_abuse",
    "child_at_risk",
    "trafficking",
    "stalking",
    "hate_crime",
)


@dataclass(frozen=True)
class SafetyHit:
    """What the rule layer found: never the matched text, only its kind and the rule's name."""

    category: str  # "emergency" | "safeguarding"
    concern: str  # e.g. "weapon", "in_progress", "domestic_abuse", "self_harm"
    rule: str  # the rule that fired, e.g. "weapon_possess"

    def as_dict(self) -> dict[str, str]:
        return {"category": self.category, "concern": self.concern, "rule": self.rule}


def rank(hit: SafetyHit) -> tuple[int, int]:
    if hit.category == EMERGENCY:
        order: Sequence[str] = EMERGENCY_CONCERNS
        cat = 0
    else:
        order = SAFEGUARDING_CONCERNS
        cat = 1
    return (cat, order.index(hit.concern) if hit.concern in order else len(order))
