"""Pure validators for the answers citizens type into the report forms.

Every form (crime report, collision report, community information) asks for the same kinds of
thing: a place, a vehicle registration, a way to contact the citizen, a name, some free text, a
value.  Each validator here takes the raw text exactly as typed and returns either ``Valid`` (what
goes in the slot, and how the bot reads it back in the summary) or ``Invalid`` (the re-ask).  They
never raise on bad input, never do I/O and never import Rasa, so the form actions stay thin and
these rules can be tested exhaustively.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .numbers import read_pounds


@dataclass(frozen=True)
class Valid:
    value: Any  # what goes in the slot (JSON-serialisable: str, float, bool, ISO string, dict)
    display: str  # how the bot reads it back in the summary


@dataclass(frozen=True)
class Invalid:
    message: str  # the helpful re-ask


Result = Valid | Invalid


# --------------------------------------------------------------------------------------------
# Shared text helpers
# --------------------------------------------------------------------------------------------

# Phones, tablets and word processors substitute "smart" punctuation; normalise it so one set of
# patterns covers what people actually type.
_SMART = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)


def _clean(text: str) -> str:
    """Trim, unify smart punctuation and collapse whitespace; keeps case and inner punctuation."""
    text = unicodedata.normalize("NFC", text).translate(_SMART)
    return " ".join(text.split())


def _words(text: str) -> str:
    """Lower-cased text with punctuation other than apostrophes turned into spaces.

    Used for matching short conversational answers ("Nope.", "don't know!!") where punctuation
    carries no meaning.
    """
    text = _clean(text).lower()
    text = re.sub(r"[^\w\s']", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)  # quotes, not apostrophes inside words
    return " ".join(text.split())


def _strip_ends(text: str) -> str:
    """Drop punctuation that wraps an answer ("'SW1A 1AA'.", "(07700 900123)") but not inner text."""
    return _clean(text).strip(" .,;:!?\"'()[]{}<>")


def _strip_lead_in(text: str, lead_ins: re.Pattern[str]) -> str:
    """Remove a conversational lead-in like "it's" or "my number is" so the answer itself remains."""
    for _ in range(3):  # "it's, my email is x" has two; a bound keeps pathological input cheap
        stripped = _strip_ends(lead_ins.sub("", text, count=1))
        if stripped == text:
            break
        text = stripped
    return text


# --------------------------------------------------------------------------------------------
# Don't know / yes / no
# --------------------------------------------------------------------------------------------

_DONT_KNOW = re.compile(
    r"\b(?:"
    r"(?:i\s+)?(?:do\s*n'?t|do\s+not|dont)\s+(?:really\s+)?(?:know|remember|recall)"
    r"|dunno|duno|idk|no\s+idea|not\s+a\s+clue|no\s+clue|(?:have|had)\s*n'?t\s+(?:got\s+)?a\s+clue"
    r"|not\s+(?:too\s+|really\s+|totally\s+|quite\s+|very\s+)?sure|unsure|unknown|not\s+known"
    r"|(?:did\s*n'?t|did\s+not|never)\s+(?:see|notice|catch|get)"
    r"|(?:ca\s*n'?t|cannot|can\s+not|could\s*n'?t|could\s+not)\s+(?:remember|recall|say|tell|see)"
    r"|(?:god|who)\s+knows|n\s*/\s*a|not\s+applicable|no\s+recollection"
    r")\b"
)
# Words that may surround a don't-know phrase without adding information ("sorry, I really
# don't know it mate").  Anything else left over means the answer carries content.
_DONT_KNOW_FILLER = frozenset(
    (
        "i",
        "i'm",
        "im",
        "am",
        "really",
        "sorry",
        "honestly",
        "tbh",
        "to",
        "be",
        "honest",
        "afraid",
        "mate",
        "it",
        "them",
        "him",
        "her",
        "that",
        "the",
        "one",
        "any",
        "anything",
        "properly",
        "clearly",
        "at",
        "all",
        "um",
        "erm",
        "er",
        "uh",
        "oh",
        "well",
        "so",
        "ok",
        "okay",
        "just",
        "his",
        "their",
        "its",
        "this",
        "what",
        "who",
        "where",
        "when",
        "which",
        "reg",
        "registration",
        "plate",
        "number",
        "name",
        "face",
        "was",
        "were",
        "is",
        "sadly",
        "unfortunately",
        "quite",
        "exactly",
        "for",
        "sure",
        "certain",
    )
)


def is_dont_know(text: str) -> bool:
    """True when the whole answer amounts to "I don't know" (not merely contains it).

    "I don't know his name but he was tall" is information, not a don't-know, so the phrase has
    to account for the whole answer apart from filler words.
    """
    if re.fullmatch(r"\s*\?+\s*", text):  # a bare "?" answers "do you know ...?" with no
        return True
    words = _words(text)
    if not words:
        return False
    if words in {"na", "n a", "dk", "nk"}:
        return True
    # Keep "n/a" recognisable after punctuation was turned into spaces.
    normalised = _clean(text).lower().translate(_SMART)
    normalised = re.sub(r"[^\w\s'/]", " ", normalised)
    if not _DONT_KNOW.search(normalised):
        return False
    rest = _DONT_KNOW.sub(" ", normalised)
    rest_words = [w for w in re.split(r"[\s/]+", rest) if w]
    return all(w in _DONT_KNOW_FILLER for w in rest_words)


_YES = frozenset(
    (
        "yes",
        "yeah",
        "yea",
        "yeh",
        "yep",
        "yup",
        "ya",
        "y",
        "correct",
        "right",
        "sure",
        "ok",
        "okay",
        "k",
        "aye",
        "absolutely",
        "definitely",
        "certainly",
        "affirmative",
        "true",
        "indeed",
    )
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
)
_NO = frozenset(
    (
        "no",
        "nope",
        "nah",
        "n",
        "nobody",
        "none",
        "negative",
        "never",
        "incorrect",
        "wrong",
        "false",
        "nothing",
    )
)
_NO_PHRASES = (
    "not really",
    "no one",
    "no-one",
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
    "no way",
    "definitely not",
    "of course not",
)
# Politeness that may accompany a yes or no without changing it.
_YES_NO_FILLER = frozenset(
    (
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
    )
)


def parse_yes_no(text: str) -> bool | None:
    """Read a short confirmation: True for yes, False for no, None when it is neither or mixed.

    "yes but the date is wrong" returns None on purpose: a confirmation step should re-ask
    rather than guess.
    """
    words = _words(text)
    if not words:
        return None
    # Replace multi-word phrases first so "not really" does not read as ... "really".
    found_yes = found_no = False
    for phrase in sorted(_NO_PHRASES, key=len, reverse=True):
        if re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", words):
            words = re.sub(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", " ", words)
            found_no = True
    for phrase in sorted(_YES_PHRASES, key=len, reverse=True):
        if re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", words):
            words = re.sub(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", " ", words)
            found_yes = True
    for word in words.split():
        if word in _YES:
            found_yes = True
        elif word in _NO:
            found_no = True
        elif word not in _YES_NO_FILLER:
            return None  # content beyond yes/no: let the form re-ask
    if found_yes == found_no:
        return None
    return found_yes


# --------------------------------------------------------------------------------------------
# Postcodes and locations
# --------------------------------------------------------------------------------------------

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
    answer = _strip_lead_in(_strip_ends(text), _POSTCODE_LEAD_IN)
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
    match = _POSTCODE_IN_TEXT.search(_clean(text))
    if match is None:
        return None
    return f"{match.group(1).upper()} {match.group(2).upper()}"


_LOCATION_ASK = "I need at least a rough idea of where, even just a street or a landmark."
_LOCATION_MAX = 500


def validate_location(text: str) -> Result:
    """A description of a place: anything from a postcode to "outside the co-op on mill road"."""
    cleaned = _strip_ends(text)
    if (
        is_dont_know(cleaned)
        or parse_yes_no(cleaned) is not None
        or _words(cleaned)
        in {
            "somewhere",
            "anywhere",
            "nowhere",
            "not sure where",
            "dont know where",
            "don't know where",
        }
    ):
        return Invalid(_LOCATION_ASK)
    if len(cleaned) < 3 or not re.search(r"[^\W\d_]", cleaned):
        return Invalid(_LOCATION_ASK)
    if len(cleaned) > _LOCATION_MAX:
        return Invalid(
            f"That's a bit long for a location — please keep it under {_LOCATION_MAX} "
            "characters. A street, landmark or postcode is enough."
        )
    # Read the postcode back in its standard form so the citizen can check it easily.
    display = _POSTCODE_IN_TEXT.sub(lambda m: f"{m.group(1).upper()} {m.group(2).upper()}", cleaned, count=1)
    return Valid(cleaned, display)


# --------------------------------------------------------------------------------------------
# Vehicle registrations
# --------------------------------------------------------------------------------------------

# Each format with the conventional split used on the plate.  Letters are not restricted to the
# DVLA's issuing rules: witnesses misread I/1 and O/0, and a near miss is still worth recording.
_PLATE_FORMATS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"[A-Z]{2}[0-9]{2}[A-Z]{3}"), 4),  # current (2001-): AB12 CDE
    (re.compile(r"[A-Z][0-9]{1,3}[A-Z]{3}"), -3),  # prefix (1983-2001): A123 BCD
    (re.compile(r"[A-Z]{3}[0-9]{1,3}[A-Z]"), 3),  # suffix (1963-1983): ABC 123D
    (re.compile(r"[0-9]{1,4}[A-Z]{1,3}"), 0),  # dateless, digits first: 1234 AB
    (re.compile(r"[A-Z]{1,3}[0-9]{1,4}"), 0),  # dateless / Northern Ireland: ABC 123, ABZ 1234
)
# In running text only the distinctive dated formats are searched: the dateless shapes also
# match road numbers ("A34") and times ("6 PM").
_PLATE_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{2}[0-9]{2}\s?[A-Z]{3}|[A-Z][0-9]{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?[0-9]{1,3}[A-Z])"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_PLATE_LEAD_IN = re.compile(
    r"^(?:i\s+think\s+|i\s+believe\s+|maybe\s+)?(?:it\s+was|it'?s|it\s+is|the\s+)?\s*"
    r"(?:(?:vehicle\s+)?reg(?:istration)?(?:\s+(?:number|no|plate))?|(?:number\s+)?plate|number)?"
    r"\s*(?:was|is|:)?\s*",
    re.IGNORECASE,
)
_NO_PLATE = re.compile(
    r"\b(?:(?:did\s*n'?t|did\s+not|could\s*n'?t|could\s+not|ca\s*n'?t|cannot|never|was\s*n'?t\s+able\s+to)"
    r"\s+(?:get|got|see|catch|read|note|notice|make\s+out|take)"
    r"|too\s+(?:fast|quick|quickly|dark|far|far\s+away)|(?:drove|sped|made|went|raced)\s+(?:off|away)"
    r"|no\s+(?:plates?|reg|registration|number\s*plate)|(?:plate|reg)\s+(?:was\s+)?(?:covered|obscured|missing))\b",
    re.IGNORECASE,
)
_PLATE_ASK = (
    "That doesn't look like a UK registration. Please type it like 'AB12 CDE' "
    "(older plates look like 'A123 BCD' or 'ABC 123D'), or say 'don't know' if you didn't get it."
)


def _format_plate(compact: str) -> str | None:
    for pattern, split in _PLATE_FORMATS:
        if pattern.fullmatch(compact):
            if split == 0:  # dateless: the space goes where digits and letters meet
                split = next(i for i, c in enumerate(compact) if c.isdigit() != compact[0].isdigit())
            return f"{compact[:split]} {compact[split:]}"
    return None


def validate_registration(text: str) -> Result:
    """A UK number plate in any era's format, or an honest "didn't get it" (value "unknown")."""
    if is_dont_know(text) or parse_yes_no(text) is False or _NO_PLATE.search(_clean(text)):
        return Valid("unknown", "not known")
    answer = _strip_lead_in(_strip_ends(text), _PLATE_LEAD_IN)
    compact = re.sub(r"[\s\-.]", "", answer).upper()
    plate = _format_plate(compact) if compact.isascii() else None
    if plate is None:
        # "the reg was AB12 CDE I think": accept a dated-format plate inside a sentence.
        plate = find_registration(text)
    if plate is None:
        return Invalid(_PLATE_ASK)
    return Valid(plate, plate)


def find_registration(text: str) -> str | None:
    """The first current, prefix or suffix format plate in free text, normalised, or None."""
    match = _PLATE_IN_TEXT.search(_clean(text))
    if match is None:
        return None
    return _format_plate(re.sub(r"\s", "", match.group(0)).upper())


# --------------------------------------------------------------------------------------------
# Phone, email, contact
# --------------------------------------------------------------------------------------------

_PHONE_LEAD_IN = re.compile(
    r"^(?:it'?s|it\s+is|(?:you\s+can\s+)?(?:call|ring|text|reach)\s+me\s+on|on|"
    r"(?:my\s+)?(?:mobile|phone|tel(?:ephone)?|landline|contact)?\s*(?:number|no\.?|num)?\s*(?:is|:)|"
    r"(?:mobile|phone|tel|mob)\s*:?)\s*",
    re.IGNORECASE,
)
_PHONE_EXAMPLE = "like 07700 900123 or 020 7946 0000"


def _format_phone(national: str) -> str:
    """Group digits the way UK numbers are conventionally written (Ofcom's number plan)."""
    if national.startswith("02"):  # 020 7946 0000: 2-digit area code
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if national.startswith(("03", "08")) or re.match(r"01(?:1\d|\d1)", national):
        return f"{national[:4]} {national[4:7]} {national[7:]}"  # 0300 123 4567, 0121 496 0000
    return f"{national[:5]} {national[5:]}"  # 07700 900123, 01632 960000


def validate_phone(text: str) -> Result:
    """A UK mobile or landline; value in E.164 ("+447700900123"), display in national groups."""
    answer = _strip_lead_in(_strip_ends(text), _PHONE_LEAD_IN)
    if not answer or re.search(r"[^\d\s\-().+/]", answer):
        return Invalid(f"That doesn't look like a phone number. Please type it {_PHONE_EXAMPLE}.")
    if answer.count("+") > 1 or ("+" in answer and not answer.startswith("+")):
        return Invalid(f"That doesn't look like a phone number. Please type it {_PHONE_EXAMPLE}.")
    # "+44 (0)20 ..." writes the trunk 0 in brackets; it must not survive into the number.
    answer = re.sub(r"^(\+44|0044)\s*\(0\)", r"\1", answer)
    digits = re.sub(r"\D", "", answer)
    if answer.startswith("+"):
        if not digits.startswith("44"):
            return Invalid(f"Please give a UK phone number, {_PHONE_EXAMPLE}, or an email address instead.")
        national = "0" + digits[2:]
    elif digits.startswith("0044"):
        national = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) == 12:  # "447700900123", the + forgotten
        national = "0" + digits[2:]
    else:
        national = digits
    if national.startswith("00"):
        return Invalid(f"Please give a UK phone number, {_PHONE_EXAMPLE}, or an email address instead.")
    if not national.startswith("0"):
        return Invalid(f"UK numbers start with 0 (or +44). Please type it {_PHONE_EXAMPLE}.")
    if national.startswith("09"):
        return Invalid(
            "We can't call premium-rate (09) numbers. Please give a mobile or landline number, "
            f"{_PHONE_EXAMPLE}."
        )
    if not national.startswith(("01", "02", "03", "07")) or national.startswith("070"):
        # 08 and 070 numbers can charge the caller or forward anywhere; we need a direct line.
        return Invalid(f"Please give a mobile or landline number we can call you on, {_PHONE_EXAMPLE}.")
    # Almost all UK numbers have 11 digits; a few small 01 areas still use 10.
    shortest = 10 if national.startswith("01") else 11
    if len(national) < shortest or len(national) > 11:
        size = "short" if len(national) < shortest else "long"
        return Invalid(
            f"That number looks too {size} — UK numbers have 11 digits. Please type it {_PHONE_EXAMPLE}."
        )
    return Valid("+44" + national[1:], _format_phone(national))


_EMAIL_LEAD_IN = re.compile(
    r"^(?:it'?s|it\s+is|(?:my\s+)?e-?mail(?:\s+address)?\s*(?:is|:)?)\s*", re.IGNORECASE
)
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+")
_EMAIL_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?")
_EMAIL_ASK = "That doesn't look like an email address. Please type it like name@example.com."


def validate_email(text: str) -> Result:
    """A pragmatic email check: one @, a dotted domain, no spaces.  The domain is lower-cased.

    Deliberately not RFC 5322: quoted local parts and IP literals are valid but never typed into
    a police chat, and a typo is far more likely than either.
    """
    answer = _strip_lead_in(_strip_ends(text), _EMAIL_LEAD_IN)
    answer = answer.removeprefix("mailto:")
    if answer.count("@") != 1 or re.search(r"\s", answer) or len(answer) > 254:
        return Invalid(_EMAIL_ASK)
    local, domain = answer.split("@")
    domain = domain.lower().rstrip(".")
    labels = domain.split(".")
    if (
        not _EMAIL_LOCAL.fullmatch(local)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
        or len(labels) < 2
        or not all(_EMAIL_LABEL.fullmatch(label) for label in labels)
        or not re.fullmatch(r"[a-z]{2,}", labels[-1])
    ):
        return Invalid(_EMAIL_ASK)
    email = f"{local}@{domain}"
    return Valid(email, email)


_CONTACT_ASK = "Please give a phone number (like 07700 900123) or an email address."


def validate_contact(text: str) -> Result:
    """A phone number or an email address, tagged with which it is."""
    if "@" in text:
        email = validate_email(text)
        if isinstance(email, Valid):
            return Valid({"kind": "email", "value": email.value}, email.display)
        return Invalid(f"{email.message} Or give a phone number (like 07700 900123).")
    phone = validate_phone(text)
    if isinstance(phone, Valid):
        return Valid({"kind": "phone", "value": phone.value}, phone.display)
    if sum(c.isdigit() for c in text) >= 6:  # clearly an attempt at a number: say what was wrong
        return Invalid(f"{phone.message} Or give an email address.")
    return Invalid(_CONTACT_ASK)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_NAME_LEAD_IN = re.compile(
    r"^(?:hi|hello|hey)?[\s,]*(?:my\s+name\s+is|my\s+name'?s|name'?s|name\s+is|name:|it'?s|it\s+is|i'?m|i\s+am|"
    r"this\s+is|call\s+me|you\s+can\s+call\s+me)\s+",
    re.IGNORECASE,
)
# A word of a name: letters (any script, so Siân and Zoë work) joined by hyphens or apostrophes;
# a lone initial may keep its full stop ("J. Smith").
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*|[^\W\d_]\.")
_NOT_A_NAME = frozenset(
    (
        "no",
        "nope",
        "nah",
        "yes",
        "yeah",
        "yep",
        "ok",
        "okay",
        "anonymous",
        "anon",
        "anonymously",
        "none",
        "nobody",
        "noone",
        "unknown",
        "me",
        "myself",
        "hi",
        "hello",
        "hey",
        "why",
        "what",
        "who",
        "test",
        "nothing",
        "name",
        "na",
        "idk",
        "private",
        "withheld",
        "secret",
        "thanks",
        "cheers",
        "sorry",
    )
)
_NAME_ASK = (
    "We need a name to contact you about this report. If you'd rather stay anonymous, say 'anonymous'."
)


def validate_name(text: str) -> Result:
    """A person's name, 1-4 words; title-cased only when typed all in lower case."""
    answer = _strip_lead_in(_strip_ends(text), _NAME_LEAD_IN)
    lowered = _words(answer)
    if (
        not answer
        or is_dont_know(answer)
        or parse_yes_no(answer) is not None
        or lowered in _NOT_A_NAME
        or re.search(r"\bname\b|\bprefer\s+not|\brather\s+not", lowered)
    ):
        return Invalid(_NAME_ASK)
    words = answer.split()
    if not 1 <= len(words) <= 4 or not 2 <= len(answer) <= 80:
        return Invalid(_NAME_ASK)
    if not all(_NAME_WORD.fullmatch(word) for word in words):
        return Invalid(_NAME_ASK)
    if all(word in _NOT_A_NAME for word in lowered.split()):
        return Invalid(_NAME_ASK)
    # Respect the citizen's own capitalisation ("McDonald", "de Souza"); only fix all-lower input.
    name = answer.title() if answer == answer.lower() else answer
    return Valid(name, name)


# --------------------------------------------------------------------------------------------
# Free text
# --------------------------------------------------------------------------------------------

FREE_TEXT_MAX = 1000
_DISPLAY_MAX = 200  # the summary reads back a preview; the slot keeps everything


def validate_free_text(text: str, *, min_words: int = 2, what: str = "what happened") -> Result:
    """Descriptions (what happened, property, evidence, people): trimmed, whitespace collapsed.

    Over-long answers are rejected rather than silently cut: a truncated statement could lose
    the detail that matters, and the citizen is the one who knows what to keep.
    """
    cleaned = _clean(text)
    word_count = len(re.findall(r"[^\W_]+", cleaned))
    if len(cleaned) < 2 or word_count == 0:
        return Invalid(f"Could you tell me {what}? A sentence or two is enough.")
    if word_count < max(min_words, 1):
        return Invalid(f"Could you tell me a bit more about {what}? A sentence or two is enough.")
    if len(cleaned) > FREE_TEXT_MAX:
        return Invalid(
            f"That's a bit long — please describe {what} in under {FREE_TEXT_MAX:,} characters "
            f"(that was {len(cleaned):,}). An officer can take more detail later."
        )
    display = cleaned if len(cleaned) <= _DISPLAY_MAX else cleaned[: _DISPLAY_MAX - 1].rstrip() + "…"
    return Valid(cleaned, display)


# --------------------------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------------------------

# Reading the number itself ("£1.2k", "fifty quid") is numbers.read_pounds; this section decides
# what counts as an answer: don't know, nothing, foreign currency, hedges, ranges and limits.
_MONEY_HEDGE = re.compile(
    r"\b(?:about|around|roughly|approx(?:imately)?|maybe|probably|circa|approximately|"
    r"at\s+least|over|under|less\s+than|more\s+than|nearly|almost|or\s+so|ish|i\s+(?:think|reckon|guess|"
    r"believe)|at\s+a\s+guess|give\s+or\s+take|something\s+like)\b|ish\b"
)
_MONEY_NOTHING = re.compile(
    r"^(?:nothing|none|zero|no\s+value|not\s+worth\s+anything|worthless|no\s+money|"
    r"(?:it\s+)?(?:was|is|had)\s+(?:no|zero)\s+value|no\s+cost|free|nil|0)$"
)
_FOREIGN = re.compile(r"[$€¥]|\b(?:dollars?|euros?|usd|eur|bucks)\b")
_MONEY_MAX = 100_000_000
_MONEY_ASK = "I couldn't read that as an amount in pounds, for example '£300' or 'about 50 quid'."


def _format_money(amount: float) -> str:
    return f"£{amount:,.0f}" if amount == int(amount) else f"£{amount:,.2f}"


def parse_money(text: str) -> Result:
    """A value in pounds: float, 0 for "nothing", None for "don't know"."""
    if is_dont_know(text):
        return Valid(None, "not known")
    answer = _clean(text).lower().strip(" .,;:!?\"'()")
    answer = re.sub(r"^(?:it\s+was|it'?s|it\s+is|worth|about\s+worth)\s+", "", answer)
    if _MONEY_NOTHING.match(answer):
        return Valid(0.0, "no value (£0)")
    if _FOREIGN.search(answer):
        return Invalid("Please give the value in pounds (£), for example '£300'.")
    hedged = bool(_MONEY_HEDGE.search(answer))
    answer = _MONEY_HEDGE.sub(" ", answer)
    # A range ("£200-£300", "between 200 and 300"): record the top so nothing is under-valued,
    # and read the range back so the citizen sees exactly what was understood.
    range_match = re.fullmatch(r"\s*(?:between\s+)?(.+?)\s*(?:-|to|and|or)\s*(.+?)\s*", answer)
    if range_match:
        low, high = read_pounds(range_match.group(1)), read_pounds(range_match.group(2))
        if low is not None and high is not None and 0 <= low <= high <= _MONEY_MAX:
            return Valid(float(high), f"{_format_money(low)}–{_format_money(high)}")
    amount = read_pounds(answer)
    if amount is None:
        return Invalid(_MONEY_ASK)
    if amount > _MONEY_MAX:
        return Invalid(
            f"That's more than {_format_money(_MONEY_MAX)} — please check the amount. {_MONEY_ASK}"
        )
    if amount == 0:
        return Valid(0.0, "no value (£0)")
    display = _format_money(amount)
    return Valid(float(amount), f"about {display}" if hedged else display)


# --------------------------------------------------------------------------------------------
# Read-back
# --------------------------------------------------------------------------------------------


def summarise(fields: list[tuple[str, str]]) -> str:
    """The read-back before submitting: one bullet per answered field, in the order given."""
    lines = []
    for label, display in fields:
        label, display = _clean(label or ""), _clean(display or "")
        if label and display:
            lines.append(f"• {label}: {display}")
    if not lines:
        return "I don't have any details yet."
    return "Here is what I have:\n" + "\n".join(lines)
