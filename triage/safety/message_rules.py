"""Rules over the whole message rather than one match: a bare cry for help, a very short message
naming the danger, and self-harm with immediacy."""

from __future__ import annotations

from triage.safety.ages import ages
from triage.safety.context import Context
from triage.safety.hit import EMERGENCY, SAFEGUARDING, SafetyHit
from triage.safety.vocab import NEGATIONS, WORDS, fs

#: "I'm safe now", "I'm ok now": "now" after these is not immediacy.
_SAFE_NOW = fs("ok okay fine safe better alright over stopped recovered good")
_RELATIONSHIP = fs("boyfriend girlfriend bf gf partner dating seeing relationship fella")
_SHORT_KEYWORDS: dict[str, str] = {}
for _w in WORDS["WEAPON"]:
    if _w not in WORDS["TOOL_WEAPON"]:  # "screwdriver" alone is a tool
        _SHORT_KEYWORDS[_w] = "weapon"
for _w in ("fire", "flames", "smoke", "burning"):
    _SHORT_KEYWORDS[_w] = "fire"
for _w in ("ambulance", "stabbed", "stabed", "shot", "bleeding", "bleading", "injured"):
    _SHORT_KEYWORDS[_w] = "injury"
for _w in WORDS["UNCONSCIOUS"]:
    _SHORT_KEYWORDS[_w] = "not_breathing"
for _w in ("intruder", "intruders", "burglar", "burglars", "burglary", "robbery"):
    _SHORT_KEYWORDS[_w] = "offender_present"
_SHORT_EXCLUDE = fs(
    "service brigade station alarm alarms exit extinguisher safety works fighter fighters crime crimes "
    "amnesty bin licence license report reported reporting insurance number reference stats "
    "statistics door certificate gone left arrested caught fled ran away out put"
)


def message_rules(
    ctx: Context, found: dict[tuple[str, str], SafetyHit], where: dict[tuple[str, str], list[int]]
) -> list[SafetyHit]:
    """The message-level rules; ``found`` the hits of the pattern rules, ``where`` their start tokens."""
    out: list[SafetyHit] = []
    content = [w for w in ctx.words if any(ch.isalnum() for ch in w)]
    if not content:
        return out
    content_set = set(content)
    # a cry for help and nothing else: "help", "help me", "please help!!", "SOS"
    if content_set <= frozenset(WORDS["HELP_ONLY_WORDS"]) and content_set & frozenset(
        ["help", "hlp", "halp", "sos", "999", "hurry", "emergency"]
    ):
        needs_urgency = "need" in content_set or "needed" in content_set
        if not needs_urgency or content_set & frozenset(
            [
                "now",
                "quick",
                "quickly",
                "urgent",
                "urgently",
                "asap",
                "immediately",
                "hurry",
                "sos",
                "emergency",
                "999",
            ]
        ):
            out.append(SafetyHit(EMERGENCY, "urgent_help", "help_cry"))
    # very short messages naming the danger: "man with knife", "FIRE!!", "intruder"
    if len(content) <= 4 and not content_set & _SHORT_EXCLUDE:
        no_time = not (ctx.cues["PAST"] or ctx.cues["HYPO"] or ctx.cues["LEGAL"] or ctx.cues["WEAK_PAST"])
        if no_time and not any(w in NEGATIONS for w in content):
            for w in content:
                concern = _SHORT_KEYWORDS.get(w)
                if concern:
                    out.append(SafetyHit(EMERGENCY, concern, "short_message"))
                    break
            if (
                "still" in content_set
                and content_set & frozenset(["here", "there", "outside", "inside", "around", "nearby"])
                and not content_set & frozenset(["you", "i", "we", "me", "'m"])
                and "?" not in ctx.words
            ):
                out.append(SafetyHit(EMERGENCY, "offender_present", "still_here_short"))
    # self-harm with immediacy in the same sentence is a threat to life ("I want to end it tonight";
    # not "she keeps saying she wants to die. She's at home with her mum tonight")
    harm_sentences = {ctx.sentence[i] for i in where.get((SAFEGUARDING, "self_harm"), [])}
    if harm_sentences and any(
        ctx.sentence[a] in harm_sentences
        and not any(ctx.words[i] in _SAFE_NOW for i in range(max(0, a - 3), a))
        for a, _b in ctx.cues["IMMEDIACY"]
    ):
        out.append(SafetyHit(EMERGENCY, "threat_to_life", "self_harm_immediate"))
    # a child (under 16) with a boyfriend / girlfriend who is an adult
    if content_set & _RELATIONSHIP:
        explicit, stated = ages(ctx.words)
        found_ages = explicit + stated
        if any(a < 16 for a in found_ages) and any(a >= 18 for a in found_ages):
            out.append(SafetyHit(SAFEGUARDING, "child_at_risk", "child_adult_relationship"))
    return out
