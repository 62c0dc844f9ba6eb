"""Was anyone hurt? Injury levels in words: "nobody hurt thank god", "just a graze", "my neck is a
bit sore", "she was taken to hospital".

Three levels, and the worst one mentioned wins ("no one hurt but my neck is sore" is minor;
"a few cuts, my passenger went to hospital" is serious). Negated words do not count: "no ambulance
needed" is not serious, "nothing serious" is not serious. When the answer says someone was hurt
but not how badly, the parser asks how badly rather than guess.
"""

from __future__ import annotations

import re

from .dont_know import is_dont_know
from .result import Invalid, Result, Valid
from .text import words
from .yes_no import leading_yes_no, parse_yes_no

NONE, MINOR, SERIOUS = "none", "minor", "serious"
LEVELS = {NONE: "No one was hurt", MINOR: "Minor injury", SERIOUS: "Serious injury"}

_BODY = (
    r"(?:head|neck|back|shoulders?|arms?|elbows?|wrists?|hands?|fingers?|thumbs?|legs?|knees?|ankles?|"
    r"feet|foot|toes?|hips?|chest|ribs?|face|nose|lips?|chin|eyes?|ears?|forehead|cheek|stomach|"
    r"collarbone|shin|thigh|body)"
)
_NEG = (
    r"(?:no|not|nobody|didn't|did not|don't|dont|doesn't|wasn't|weren't|without|never|no need for|no need to)"
)
# Phrases that would read as an injury word but say there is none.
_NEGATED = (
    rf"\b{_NEG}\s+(?:\w+\s+){{0,3}}(?:ambulance|hospital|paramedics?|a&e|a and e|doctor)s?\b",
    r"\b(?:not|nothing|isn't|wasn't|no)\s+(?:too\s+|very\s+|that\s+|at all\s+)?(?:serious(?:ly)?|"
    r"bad(?:ly)?)\b",
    r"\bno\s+(?:blood|bleeding|broken bones?)\b",
    r"\b(?:not|nobody|no one|noone|no-one)\s+(?:\w+\s+)?(?:badly|seriously)\b",
)
_SERIOUS = (
    r"\bhospital\b",
    r"\bambulance\b",
    r"\bparamedics?\b",
    r"\ba ?& ?e\b",
    r"\ba and e\b",
    r"\bunconscious\b",
    r"\bknocked (?:out|unconscious)\b",
    r"\bpassed out\b",
    r"\bnot breathing\b",
    r"\bcan'?t breathe\b",
    rf"\bbroken? (?:my |his |her |their |a )?{_BODY}\b",
    rf"\b{_BODY} (?:is |was |looks |might be )?broken\b",
    r"\bfractured?\b",
    r"\bserious(?:ly)?\b",
    r"\bbad(?:ly)? (?:hurt|injured|cut|bleeding)\b",
    r"\bcan'?t (?:move|feel|walk|stand)\b",
    r"\btrapped\b",
    r"\bhead injur",
    r"\bcritical\b",
    r"\bstretcher\b",
    r"\bneck brace\b",
    r"\blots of blood\b",
    r"\bblood everywhere\b",
    r"\bsevere(?:ly)?\b",
    r"\bconcussion\b",
    r"\bnot moving\b",
    r"\bunresponsive\b",
)
_MINOR = (
    r"\bminor\b",
    r"\bslight(?:ly)? (?:hurt|injured|sore)\b",
    r"\bwhiplash\b",
    r"\bbruis",
    r"\bgraze[sd]?\b",
    r"\bcuts\b",
    r"\bcut (?:on|to|above|below|under)\b",
    r"\bsmall cut\b",
    r"\ba cut\b",
    r"\bscratch(?:es|ed)?\b",
    r"\bsore\b",
    r"\bstiff\b",
    r"\bach(?:e|es|ing|y)\b",
    r"\bsprain",
    r"\bpainful\b",
    r"\bpain\b",
    r"\bnosebleed\b",
    r"\b(?:a bit|a little|slightly|bit|only a bit) (?:hurt|injured|bruised|battered)\b",
    r"\b(?:it|that|everything) (?:hurts|aches|is sore)\b",
    r"\bhurts? (?:a bit|a little|a lot|like hell)\b",
    r"\b(?:minor|small|slight) (?:injur|cut|bump)",
    r"\btwisted\b",
    r"\bjarred\b",
    rf"\b(?:banged|bumped|knocked|hit|hurt|twisted|jarred|cut|grazed|scraped|bruised|smacked|whacked)"
    rf" (?:my|his|her|their|our|the|a)? ?{_BODY}\b",
    rf"\b{_BODY} (?:is |was |feels )?(?:a bit |a little |quite |really )?"
    r"(?:hurts|hurting|sore|aches|aching|stiff|painful|bruised|cut|grazed|bleeding|swollen|throbbing)\b",
    r"\bshaken (?:up )?(?:and|but) (?:a bit )?(?:sore|bruised|achy)\b",
)
# Damage to the vehicles, and driving talk, that would otherwise read as an injury word.
_NOT_INJURY = (
    r"\b(?:scratch(?:es|ed)?|scrapes?|scraped|dents?|dented|bumps?|knocks?|damage[sd]?|cracks?|cracked|smashed)"
    r"\s+(?:\w+\s+){0,3}(?:car|cars|bumper|wing|mirror|door|bonnet|boot|van|paint|paintwork|vehicle|panel|"
    r"headlights?|lights?|wheel|alloy|tyre|number plate|windscreen|window)s?\b",
    r"\b(?:car|cars|bumper|wing|mirror|door|bonnet|boot|van|paint|paintwork|vehicle|panel|headlights?|wheel|"
    r"alloy|windscreen|window)s?\s+(?:\w+\s+){0,3}(?:scratch(?:es|ed)?|scrapes?|scraped|dents?|dented|"
    r"damaged?|cracked|smashed|hit|bumped|knocked)\b",
    r"\bcut (?:me|us|him|her|them|in|up|across|out|off)\b",
)
_NONE = (
    r"\b(?:no ?one|no-one|nobody|noone|none of us|neither of us)\s+(?:\w+\s+){0,2}(?:hurt|injured|harmed)\b",
    r"\b(?:no ?one|no-one|nobody|noone)\b(?!\s+(?:\w+\s+)?(?:badly|seriously))",
    r"\bno (?:injur(?:y|ies)|one hurt|harm done)\b",
    r"\bnot (?:hurt|injured)\b",
    r"\bunhurt\b",
    r"\buninjured\b",
    r"\b(?:everyone|everybody|we|we're|we are|all|both of us|i'm|im|i am)(?:'s| is| are| was| were)?"
    r"\s+(?:\w+\s+)?(?:fine|ok|okay|alright|all right|good|safe|unhurt)\b",
    r"\bthankfully not\b",
    r"\bluckily not\b",
    r"\b(?:just|only) (?:shaken|shook|shocked|a shock|in shock)\b",
    r"\bjust (?:the )?(?:cars?|damage|vehicles?|bumpers?)\b",
)
_BLEEDING = r"\bbleed(?:ing)?\b|\bblood\b"
_YES_HURT = re.compile(
    r"\b(?:yes|yeah|yep|someone|somebody|he|she|they|i|we|my \w+|the \w+) (?:was |were |got |is |are"
    r" )?(?:hurt|injured)\b"
)

ASK = (
    "Was anyone hurt? Please say no one, a minor injury (like a cut, bruise or sore neck), "
    "or a serious injury."
)
ASK_HOW_BADLY = (
    "I'm sorry to hear that. How badly? A minor injury is something like a cut, a bruise or a sore neck; "
    "a serious one needs an ambulance or hospital."
)
ASK_NOT_SURE = (
    "If anyone might be badly hurt, call 999 now. Otherwise, as far as you know: was anyone hurt "
    "(no one, a minor injury or a serious injury)?"
)


def _search(patterns: tuple[str, ...], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def read_injury(text: str) -> Result:
    """none / minor / serious from a typed answer; the worst level mentioned wins."""
    plain = words(text).replace("&", " & ")
    plain = re.sub(r"\ba\s*&\s*e\b", "a&e", plain)
    if not plain:
        return Invalid(ASK)
    # Take negated serious words out first, so "no ambulance needed" is not serious.
    cleared = plain
    for pattern in (*_NEGATED, *_NOT_INJURY):
        cleared = re.sub(pattern, " ", cleared)
    note = text.strip() if len(plain.split()) > 2 else None
    if _search(_SERIOUS, cleared):
        return Valid(SERIOUS, LEVELS[SERIOUS], note=note)
    bleeding = re.search(_BLEEDING, cleared) is not None
    if bleeding and not re.search(r"\b(?:a bit|a little|slightly|small|tiny|minor|nose)\b", cleared):
        return Valid(SERIOUS, LEVELS[SERIOUS], note=note)
    none_said = _search(_NONE, plain)
    minor = _search(_MINOR, cleared) or bleeding
    if minor and not _minor_is_only_denial(plain):
        return Valid(MINOR, LEVELS[MINOR], note=note)
    if none_said or parse_yes_no(text) is False or leading_yes_no(text) is False:
        return Valid(NONE, LEVELS[NONE])
    if _YES_HURT.search(plain) or parse_yes_no(text) is True:
        return Invalid(ASK_HOW_BADLY)
    if is_dont_know(text):
        return Invalid(ASK_NOT_SURE)
    return Invalid(ASK)


def _minor_is_only_denial(plain: str) -> bool:
    """ "nobody was hurt", "not hurt": the word "hurt" there says there is no injury."""
    without = plain
    for pattern in (*_NONE, *_NEGATED, *_NOT_INJURY):
        without = re.sub(pattern, " ", without)
    return not _search(_MINOR, without)
