"""Where did it happen? Postcodes, and places in words: "outside the co-op on mill road", "Tesco car
park", "the A14 near junction 31", "at home".

``validate_location`` accepts any description of a place (the officer reads it), but says how sure
it is: an answer with a postcode, a street, a landmark or a road number is a *firm* place; anything
else is a *loose* one, which lets the form treat "can I talk to someone" as a request instead.
``find_place`` takes a place out of a longer sentence for the "nothing asked twice" prefill, and
only when it is firm.
"""

from __future__ import annotations

import re

from .dont_know import is_dont_know
from .result import Invalid, Result, Valid
from .text import clean, strip_ends, strip_lead_in, words
from .yes_no import parse_yes_no

# The UK government's postcode pattern (BS 7666): outward code then inward code.  The letter
# classes rule out letters never used in those positions, which catches typos like "SW1A 1CI".
_OUTWARD = r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]))"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_POSTCODE_EXACT = re.compile(rf"(?:{_OUTWARD}|GIR)({_INWARD})")
_POSTCODE_IN_TEXT = re.compile(
    rf"(?<![A-Za-z0-9])((?:{_OUTWARD}|GIR))\s?({_INWARD})(?![A-Za-z0-9])", re.IGNORECASE
)
_OUTWARD_ONLY = re.compile(rf"{_OUTWARD}")
_POSTCODE_LEAD_IN = re.compile(
    r"^(?:it'?s|it\s+is|(?:my\s+|the\s+)?post\s?code(?:\s+is)?|postcode:)\s*", re.IGNORECASE
)
_POSTCODE_EXAMPLE = "'SW1A 1AA' or 'M1 1AE'"


def _format_postcode(compact: str) -> str:
    # The inward code is always the last three characters; the single space goes before it.
    return f"{compact[:-3]} {compact[-3:]}"


def validate_postcode(text: str) -> Result:
    """A postcode answer on its own ("sw1a1aa" -> "SW1A 1AA"); sentences go to validate_location."""
    answer = strip_lead_in(strip_ends(text), _POSTCODE_LEAD_IN)
    compact = re.sub(r"[\s\-]", "", answer).upper()
    if _POSTCODE_EXACT.fullmatch(compact):
        postcode = _format_postcode(compact)
        return Valid(postcode, postcode)
    if compact and _OUTWARD_ONLY.fullmatch(compact):
        return Invalid(
            f"That looks like only the first half of a postcode. "
            f"What is the full postcode? For example {_POSTCODE_EXAMPLE}."
        )
    return Invalid(f"That doesn't look like a UK postcode. Please type it like {_POSTCODE_EXAMPLE}.")


def find_postcode(text: str) -> str | None:
    """The first UK postcode in free text, normalised ("near cb12ab" -> "CB1 2AB"), or None."""
    match = _POSTCODE_IN_TEXT.search(clean(text))
    if match is None:
        return None
    return f"{match.group(1).upper()} {match.group(2).upper()}"


# Street types that follow a name ("Mill Road", "Elm Close"): a place only after a word that is not
# a function word ("on the way home" is not a street called "the Way").
_STREET = (
    r"road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|crescent|cres|grove|place|pl|square|sq|"
    r"terrace|gardens|gdns|hill|row|parade|walk|court|ct|mews|green|rise|view|broadway|boulevard|"
    r"bypass|by-pass|estate|precinct|quay|wharf|park|common|end"
)
# Places named on their own ("the car park", "tesco", "the station").
_LANDMARK = (
    r"car ?park|multi-?storey|station|bus stop|bus station|train station|tube|library|school|college|"
    r"university|uni|hospital|surgery|church|mosque|temple|pub|shop|shops|shopping centre|mall|"
    r"supermarket|tesco|tescos|sainsbury'?s|asda|aldi|lidl|morrisons|co-?op|waitrose|iceland|"
    r"m&s|marks and spencer|boots|b&q|mcdonald'?s|kfc|greggs|costa|starbucks|petrol station|garage|"
    r"leisure centre|gym|sports centre|town centre|city centre|high street|high st|retail park|"
    r"industrial estate|roundabout|junction|crossroads|traffic lights|lights|motorway|slip road|"
    r"bridge|underpass|alley|alleyway|park|playground|rec|recreation ground|field|flats|block|"
    r"estate|house|home|flat|garden|front garden|back garden|driveway|drive|doorstep|porch|"
    r"outside my|my road|my street|work|office|canal|towpath|river|beach|seafront|market|"
    r"post office|bank|cashpoint|atm|takeaway|chippy|cinema|hotel|bar|club|nightclub|venue|stadium|"
    r"ground|depot|warehouse|building site|cemetery|woods|forest|village|town|city|centre|corner"
)
_ROAD_NUMBER = r"\b[ambj]\d{1,4}(?:\(m\))?\b"
_PREPOSITION = (
    r"outside|opposite|near|nearby|behind|next to|in front of|at the back of|round the back of|"
    r"round the corner from|across from|by|beside|on|in|at|off|from|along|down|up|junction of|corner of"
)
_FUNCTION = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "your",
        "his",
        "her",
        "their",
        "our",
        "this",
        "that",
        "on",
        "in",
        "at",
        "to",
        "of",
        "by",
        "the",
        "way",
        "no",
        "one",
        "any",
        "some",
    ]
)
_LANDMARK_RE = re.compile(rf"\b(?:{_LANDMARK})\b")
_NUMBERED_STREET = re.compile(rf"\b\d+[a-z]?\s+(?:[\w'-]+\s+){{1,3}}(?:{_STREET})\b")
_NAMED_STREET = re.compile(rf"\b([a-z][\w'-]*)\s+(?:{_STREET})\b")
# Phrases with a place word in them that are not places.
_IDIOMS = re.compile(
    r"\b(?:on|in|by) (?:the|my|our|his|her|their) way(?: (?:home|back|out|in|to \w+|there))?\b|\bon"
    r" the road\b|"
    r"\bend of the day\b|\bat the end\b|\bin the end\b|\bat work\b(?= (?:today|yesterday))"
)
_NOT_A_PLACE = frozenset(
    [
        "somewhere anywhere nowhere not sure where dont know where don't know where the day when it",
        "    happened what time the time the date yesterday today",
    ]
)
ASK = "I need at least a rough idea of where, even just a street or a landmark."
_MAX = 500


def _is_firm(plain: str, original: str) -> bool:
    if _POSTCODE_IN_TEXT.search(original):
        return True
    plain = _IDIOMS.sub(" ", plain)
    if _LANDMARK_RE.search(plain) or re.search(_ROAD_NUMBER, plain) or _NUMBERED_STREET.search(plain):
        return True
    return any(match.group(1) not in _FUNCTION for match in _NAMED_STREET.finditer(plain))


def validate_location(text: str) -> Result:
    """A description of a place: anything from a postcode to "outside the co-op on mill road"."""
    cleaned = strip_ends(text)
    plain = words(cleaned)
    if (
        is_dont_know(cleaned)
        or parse_yes_no(cleaned) is not None
        or plain
        in {
            "somewhere",
            "anywhere",
            "nowhere",
            "not sure where",
            "dont know where",
            "don't know where",
        }
    ):
        return Invalid(ASK)
    if len(cleaned) < 3 or not re.search(r"[^\W\d_]", cleaned):
        return Invalid(ASK)
    if len(cleaned) > _MAX:
        return Invalid(
            f"That's a bit long for a location — please keep it under {_MAX} "
            "characters. A street, landmark or postcode is enough."
        )
    # Read the postcode back in its standard form so the citizen can check it easily.
    display = _POSTCODE_IN_TEXT.sub(lambda m: f"{m.group(1).upper()} {m.group(2).upper()}", cleaned, count=1)
    value = re.sub(r"^(?:it was|it happened|this was|it's|its|it is)\s+", "", cleaned, flags=re.IGNORECASE)
    display = re.sub(r"^(?:it was|it happened|this was|it's|its|it is)\s+", "", display, flags=re.IGNORECASE)
    return Valid(value or cleaned, display or cleaned, loose=not _is_firm(plain, cleaned))


# Where a place phrase inside a sentence ends: a time, a conjunction, a new clause.
_PLACE_END = re.compile(
    r"\s*(?:[,.;!?]|\band\b|\bbut\b|\bthen\b|\bwhen\b|\bwhile\b|\bso\b|\bbecause\b|\bcos\b|\bwho\b|"
    r"\bwhich\b|\bthat\b|\blast\b|\byesterday\b|\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|"
    r"\bon (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bat (?:about |around )?\d|"
    r"\babout \d|\baround \d|\bearlier\b|\bovernight\b|\bworth\b|\bi think\b|\b(?:he|she|they|i|we|it) \w+|"
    r"\b(?:most|every|all|each|usually|always|often|some) (?:nights?|days?|evenings?|mornings?|"
    r"weekends?|times?)\b)"
)
_FROM = re.compile(
    r"^(?:from|in|on|at)\s+(?=(?:outside|opposite|near|behind|next to|in front of)\b)", re.IGNORECASE
)
_PLACE_START = re.compile(rf"\b(?:{_PREPOSITION})\s+")


def find_place(text: str) -> Valid | None:
    """A firm place named inside a longer sentence ("my bike was nicked from outside the library on
    mill road last night" -> "outside the library on mill road"), or a postcode; else None."""
    cleaned = clean(text)
    lowered = cleaned.lower()
    for start in _PLACE_START.finditer(lowered):
        rest = lowered[start.start() :]
        first_prep = start.group(0).strip()
        body_start = start.end() - start.start()
        end = _PLACE_END.search(rest, body_start)
        length = end.start() if end else len(rest)
        original = cleaned[start.start() : start.start() + length]
        # "from outside the library": the place starts at "outside".
        original = _FROM.sub("", original)
        phrase = original.lower()
        if first_prep in {"from", "in", "on", "at", "by", "off", "along", "down", "up"}:
            body = phrase[len(first_prep) :].strip()
            if not body or (body.split()[0] in {"the", "a", "my", "our"} and len(body.split()) == 1):
                continue
        if len(phrase.split()) > 9 or not _is_firm(words(phrase), phrase):
            continue
        later = _PLACE_START.search(phrase, len(first_prep) + 1)
        if later and not _is_firm(words(phrase[: later.start()]), phrase[: later.start()]):
            continue  # "kids on bikes in the park": the place starts at "in the park"
        original = re.sub(r"^from\s+", "", original, flags=re.IGNORECASE)
        result = validate_location(original)
        if isinstance(result, Valid) and not result.loose:
            return result
    postcode = find_postcode(text)
    if postcode is not None:
        return Valid(postcode, postcode)
    return None
