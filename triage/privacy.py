"""Redaction of personal data in citizen text: analyst exports and log scrubbing share it.

``redact(text, known_values)`` replaces what identifies a person with a typed placeholder and keeps
everything else exactly as typed, so the text still says what the citizen wanted (an analyst can
label its intent). It is pure, never raises on odd input and is idempotent: redacting redacted text
changes nothing, because existing placeholders are never matched again.

Two sources of matches, both resolved together on the original text (the longest match wins where
two overlap; a known value wins a tie):

**Known values** — what the assistant collected in this conversation (``known_values_from_fields``
reads a conversation's ``collected`` column or a report's ``fields``). Matched case-insensitively,
as whole words, with spaces, commas, dots and dashes between the words optional:

* ``contact_name`` → ``[NAME]``: the whole name, and each part of two or more letters ("Jo", "Smith",
  "O'Brien"; single initials and particles such as "de" or "van" are skipped). A part that is also a
  common English word ("Will", "May", "Rose", "Hope", "Mark", ...) is matched only with the
  capitalisation it has in the name, so "I will" survives while "Will said" does not.
* ``contact_details`` → ``[PHONE]`` or ``[EMAIL]`` by its kind (``[CONTACT]`` when neither): a phone
  number matches however it is punctuated (+44, 0044, spaces, dashes, brackets, dots).
* ``crime_location``, ``collision_location``, ``community_where`` (any ``*_location``/``*_where``/
  ``*_address`` slot) → ``[ADDRESS]``: the whole value and each comma-separated part of it ("Flat 2,
  14 Mill Road, Ely": also "14 Mill Road" and "Ely" on their own). Values made only of generic words
  ("at home", "outside", "town centre") identify nobody and are left alone.
* ``collision_other_reg`` (any ``*_reg``/``*registration`` slot) → ``[REG]``, spaced or not, so even
  the dateless plates the patterns leave alone ("ABC 123") are caught.
* Free-text answers (what happened, property, offender, descriptions) are **not** known values: they
  are usually the very message under review. The patterns below still run over them.

**Patterns** — applied to every text:

* ``[EMAIL]``: ``local@domain.tld`` (Unicode letters allowed).
* ``[PHONE]``: UK numbers — a leading 0 (optionally in brackets), ``+44`` or ``0044`` (with an optional
  ``(0)``), then 9 or 10 more digits with spaces, dashes or brackets anywhere between them — and any
  other ``+<country>`` number of 7-15 digits. The service's own public numbers (Crimestoppers
  0800 555 111, the National Domestic Abuse Helpline 0808 2000 247) are not personal and stay.
  Short numbers (101, 999, 116 123, 18000), times, prices and dates never have the shape.
* ``[POSTCODE]``: full UK postcodes in any case, with or without the space (``SW1A 1AA``, ``cb12ab``).
  An outward code alone ("CB1", "M25") is a district or a road, not an address, and stays.
* ``[REG]``: current (``AB12 CDE``), prefix (``A123 BCD``) and suffix (``ABC 123D``) plates in any
  case, with or without the space. Dateless plates are left to known values: their shapes are road
  numbers and bus routes ("A34", "M25", "bus 101"). A spaced prefix or suffix plate whose letters
  are an English word is not a plate ("A34 was closed", "M25 and", "for 3m").
* ``[DOB]``: a date after a date-of-birth cue — "born (on|in)", "DOB", "D.O.B.", "date of birth",
  "birthday" — in numeric (``12/03/1985``, ``12.3.85``, ``1985-03-12``) or written (``3rd March
  1985``, ``March 3, 1985``, ``the 3rd of March``) form, or a bare year after "born in". The cue
  stays: "born [DOB]". Other dates (when it happened) are not personal and stay.
* ``[NAME]``: names after a cue — "my name is", "name's", "name:" (any case, up to three words,
  ending at a common word such as "and"), and "called", "named", "known as", "call me", "Miss", "Dr"
  followed by capitalised words; "Mr", "Mrs", "Ms", "Mx" followed by any name-like word. The cue
  stays: "my name is [NAME]".
* ``[ADDRESS]``: a house number and a street: ``12 Mill Road``, ``3a high street``. Unambiguous
  street words (Road, Street, Avenue, Lane, Crescent, Gardens, Terrace, Grove, Mews, ...) match in
  any case; words that are also ordinary English (Close, Drive, Way, Park, Hill, Green, ...) only
  when capitalised ("2 cars close by" stays).

Not attempted (no trained NER model is available offline): names or streets with no cue at all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Tuple, Union  # noqa: UP035 (runtime aliases on Python 3.9)

from triage.privacy_names import name_spans
from triage.privacy_patterns import all_spans


class Kind(str, Enum):  # noqa: UP042 (not StrEnum: the kernel imports on Python 3.9 too)
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    POSTCODE = "POSTCODE"
    REG = "REG"
    DOB = "DOB"
    NAME = "NAME"
    ADDRESS = "ADDRESS"
    CONTACT = "CONTACT"
    CARD = "CARD"
    SORT_CODE = "SORT_CODE"
    ACCOUNT = "ACCOUNT"
    NI_NUMBER = "NI_NUMBER"
    PASSPORT = "PASSPORT"
    LICENCE = "LICENCE"
    HANDLE = "HANDLE"

    @property
    def placeholder(self) -> str:
        return f"[{self.value}]"


PLACEHOLDERS = tuple(kind.placeholder for kind in Kind)


@dataclass(frozen=True)
class KnownValue:
    """A value collected in one conversation, and what kind of thing it is."""

    kind: Kind
    text: str


KnownInput = Union[KnownValue, Tuple[str, str], str]  # noqa: UP006, UP007 (a runtime alias on 3.9)

# --- word lists --------------------------------------------------------------------------------


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words that end a name after a cue ("my name is jo and ...") and are never a name part.
_STOPWORDS = _word_set(
    """
    a an the and or but nor so yet i im i'm id i'd ive i've me my mine myself we us our you your he him
    his she her they them their it its it's this that these those here there is was were are be been
    being am has have had do does did done can could would will shall should may might must not no
    yes ok okay hi hello hey please thanks thank sorry from of in at on to into onto by for with
    about as if when what who whom where why how which just also too very really only still again
    now then today tomorrow yesterday tonight later soon back up down out off over under all any
    some none nothing something anything everything someone anyone everyone nobody sir madam mate
    love police officer bot human person agent speaking here's there's that's what's who's
    """
)

#: Three-letter English words: a spaced prefix/suffix "plate" with these letters is a phrase
#: ("A34 was closed", "M25 and", "bus for 3m").
_THREE_LETTER_WORDS = _word_set(
    """
    the and for are but not you all any can had her was one our out day get has him his how man new
    now old see two way who boy did its let put say she too use car van bus lot off due set yet got
    ago far few big bad red end own run ran saw sat try why ask job top yes how may per via fee
    fpn nip mph kmh kph hit cut law age men war pay pad eye arm leg toe dog cat cop mum dad son kid
    gun bat fun sun tax bit led met won lie law sea air key ten six mon tue wed thu fri sat sun jan
    feb mar apr jun jul aug sep oct nov dec ago via nor his hers off its ours lie box bag act add
    """
)

#: Name parts that are also common words: matched only with the capitalisation in the name.
_COMMON_NAME_WORDS = _word_set(
    """
    will may mark bill rose hope jack sue grace joy dawn faith holly ivy june april summer pat ray
    rob guy frank art bob sunny amber ruby crystal dean king young white black brown green long
    little rich hall wood hill park bell cook baker wolf fox lamb rock stone north
    west south east street lane field brook hunter miles chase august penny sky
    storm river star angel page mo bo don sonny rusty wade bud buck
    """
)

#: Name particles: too short or common to redact on their own.
_NAME_PARTICLES = _word_set("de da di du la le van von der den del al el bin ibn mc st")

#: Location answers made only of these identify nobody.
_GENERIC_PLACE_WORDS = _word_set(
    """
    at in on near by outside inside behind opposite next to the a my our his her their home house
    flat work office shop shops school station town city centre center park car park street road
    here there somewhere outside garden driveway drive front back of side local area village
    """
)

# --- patterns ----------------------------------------------------------------------------------

_SPACE = r"[ \t\u00a0\u202f]"  # the spaces people type (incl. no-break spaces from phones)
_PROTECTED = re.compile(r"\[(?:" + "|".join(kind.value for kind in Kind) + r")\]")

_EMAIL = re.compile(r"(?<![\w.+'%-])[\w+'%-]+(?:\.[\w+'%-]+)*@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

_PHONE_SEP = r"[ \t\u00a0\u202f\-–()]{0,2}"
_PHONE_UK = re.compile(
    r"(?<![\d+\-])"
    r"(?:(?:\+|00)" + _SPACE + r"?44" + _SPACE + r"?(?:\(0\)" + _SPACE + r"?)?|\(?0)"
    r"(?:" + _PHONE_SEP + r"\d){9,10}"
    r"(?!\d)"
)
_PHONE_OTHER = re.compile(r"(?<![\w+])\+(?!44)[1-9](?:" + _PHONE_SEP + r"\d){6,14}(?!\d)")
#: The public numbers the service itself gives out (national digits): not personal data.
PUBLIC_NUMBERS = frozenset({"0800555111", "08082000247"})

_POSTCODE = re.compile(
    r"(?<![\w])(?:GIR" + _SPACE + r"*0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?" + _SPACE + r"*\d[ABD-HJLNP-UW-Z]{2})"
    r"(?![\w])",
    re.IGNORECASE,
)

#: "the A34 2nd exit": a road number and a lower-case ordinal, not a postcode.
_ROAD_AND_ORDINAL = re.compile(r"[ABMabm]\d{1,4}" + _SPACE + r"+(?:1st|2nd|3rd|[4-9]th)")
#: ...when a road word follows ("the A34 2nd exit", "M25 4th junction"); "b33 8th" alone is a postcode.
_AFTER_ORDINAL = re.compile(_SPACE + r"*(?:exit|junction|turn|turning|left|right|lane|roundabout)\b", re.I)

#: Current plates typed with odd spacing or dots: "AB 12 CDE", "ab.12.cde", "AB1 2CDE".
_REG_SPACED = re.compile(
    r"(?<![\w])(?P<a>[A-Z]{2})[ .\-]?(?P<n>\d[ .\-]?\d)[ .\-]?(?P<b>[A-Z]{3})(?![\w])", re.IGNORECASE
)
_REG_CURRENT = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:" + _SPACE + r"|-)?[A-Z]{3}(?![\w])", re.IGNORECASE)
_REG_PREFIX = re.compile(r"(?<![\w])[A-Z]\d{1,3}(?P<space>" + _SPACE + r"?)(?P<word>[A-Z]{3})(?![\w])", re.I)
_REG_SUFFIX = re.compile(r"(?<![\w])(?P<word>[A-Z]{3})(?P<space>" + _SPACE + r"?)\d{1,3}[A-Z](?![\w])", re.I)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:\d{4}|'?\d{2})"
_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[/.\-]\d{1,2}(?:[/.\-](?:\d{4}|\d{2}))?"
    r"|(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+" + _MONTH + r"(?:,?\s+" + _YEAR + r")?"
    r"|" + _MONTH + r"\s+(?:the\s+)?" + _DAY + r"(?:,?\s+" + _YEAR + r")?"
    r"|" + _MONTH + r",?\s+\d{4}"
    r"|(?:19|20)\d{2})"
)
_DOB = re.compile(
    r"\b(?:born(?:\s+(?:on|in))?|d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s?date|birthday)"
    r"(?:\s*(?:is|was|[:\-=]))?\s*(?:on\s+|in\s+)?"
    r"(?P<date>" + _DATE + r")(?![\w/.\-]\d)(?!\w)",
    re.IGNORECASE,
)

_NAME_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W\d_])?\.?")
_NAME_CUES_LOOSE = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name['’]?s|name['’]s|name\s+is|name\s*:)\s*", re.IGNORECASE
)
_NAME_CUES_TITLE = re.compile(r"\b(?:mr|mrs|ms|mx)\.?(?=\s)\s*", re.IGNORECASE)
_NAME_CUES_STRICT = re.compile(r"\b(?:(?i:called|named|known\s+as|call\s+me)|Miss|Dr\.?)(?=\s)\s*")

_STREET_CAPITALISED = (
    r"Close|Drive|Way|Place|Court|Hill|Park|Square|Walk|Rise|Row|Green|View|Vale|St|Dr|Ln|Ct"
)
_ADDRESS = re.compile(
    r"(?<![\w])\d{1,4}[A-Za-z]?,?" + _SPACE + r"+"
    r"(?P<words>(?:[^\W\d_][\w'’\-]*" + _SPACE + r"+){1,3}?)"
    r"(?:(?i:road|rd|street|avenue|ave|lane|crescent|gardens|terrace|grove|mews|boulevard|parade)"
    r"|" + _STREET_CAPITALISED + r")\.?(?![\w])"
)


# --- spans ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: Kind | None  # None: an existing placeholder, kept as it is
    rank: int  # lower wins a tie in length


def _pattern_spans(text: str) -> Iterator[_Span]:
    for match in _EMAIL.finditer(text):
        yield _Span(match.start(), match.end(), Kind.EMAIL, 1)
    for match in _PHONE_UK.finditer(text):
        if national_digits(match.group(0)) not in PUBLIC_NUMBERS:
            yield _Span(match.start(), match.end(), Kind.PHONE, 1)
    for match in _PHONE_OTHER.finditer(text):
        yield _Span(match.start(), match.end(), Kind.PHONE, 1)
    for match in _POSTCODE.finditer(text):
        road = _ROAD_AND_ORDINAL.fullmatch(match.group(0)) and _AFTER_ORDINAL.match(text, match.end())
        if not road:
            yield _Span(match.start(), match.end(), Kind.POSTCODE, 2)
    for match in _REG_CURRENT.finditer(text):
        yield _Span(match.start(), match.end(), Kind.REG, 2)
    for pattern in (_REG_PREFIX, _REG_SUFFIX):
        for match in pattern.finditer(text):
            if match.group("space") and match.group("word").lower() in _THREE_LETTER_WORDS:
                continue
            yield _Span(match.start(), match.end(), Kind.REG, 2)
    for match in _DOB.finditer(text):
        yield _Span(match.start("date"), match.end("date"), Kind.DOB, 1)
    for match in _ADDRESS.finditer(text):
        words = match.group("words").split()
        if not any(word.lower() in _STOPWORDS for word in words):
            yield _Span(match.start(), match.end(), Kind.ADDRESS, 3)
    yield from _name_cue_spans(text)
    for start, end, kind in all_spans(text):
        yield _Span(start, end, Kind(kind), 1)
    for start, end in name_spans(text, _STOPWORDS, _COMMON_NAME_WORDS):
        yield _Span(start, end, Kind.NAME, 4)
    for match in _REG_SPACED.finditer(text):
        letters, tail = match.group("a"), match.group("b")
        shouted = letters.isupper() and tail.isupper()
        if shouted or (letters.lower() not in _STOPWORDS and tail.lower() not in _THREE_LETTER_WORDS):
            yield _Span(match.start(), match.end(), Kind.REG, 2)


def _name_cue_spans(text: str) -> Iterator[_Span]:
    # (cues, the most words taken, must be capitalised). After a title a lower-case word is taken
    # alone ("mr smith next door"), capitalised ones up to two ("Mr John Smith").
    for cues, most, style in (
        (_NAME_CUES_LOOSE, 3, "any"),
        (_NAME_CUES_STRICT, 3, "capital"),
        (_NAME_CUES_TITLE, 2, "title"),
    ):
        for cue in cues.finditer(text):
            position, start, end, words = cue.end(), None, None, 0
            while words < most:
                word = _NAME_WORD.match(text, position)
                if word is None:
                    break
                bare = word.group(0).rstrip(".")
                capital = bare[:1].isupper()
                if bare.lower() in _STOPWORDS or (style == "capital" and not capital):
                    break
                if style == "title" and words and not capital:
                    break
                if style == "title" and not capital:
                    most = 1
                start = word.start() if start is None else start
                end, words = word.start() + len(bare), words + 1
                gap = re.match(_SPACE + r"+", text[word.end() :])
                if gap is None:
                    break
                position = word.end() + gap.end()
            if start is not None and end is not None:
                yield _Span(start, end, Kind.NAME, 3)


def _choose(spans: Iterable[_Span]) -> list[_Span]:
    """Non-overlapping spans: existing placeholders first, then longest first, then by rank."""
    chosen: list[_Span] = []
    taken: list[tuple[int, int]] = []
    ordered = sorted(spans, key=lambda s: (s.kind is not None, -(s.end - s.start), s.rank, s.start))
    for span in ordered:
        if span.end <= span.start:
            continue
        if any(span.start < end and start < span.end for start, end in taken):
            continue
        chosen.append(span)
        taken.append((span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


# --- known values --------------------------------------------------------------------------------


def national_digits(phone: str) -> str:
    """The digits of a UK number in national form ("+44 (0)20 7946 0000" -> "02079460000")."""
    digits = re.sub(r"\D", "", re.sub(r"\(0\)", "", phone))
    if phone.lstrip().startswith("+") and digits.startswith("44"):
        return "0" + digits[2:]
    if digits.startswith("0044"):
        return "0" + digits[4:]
    return digits


def _flexible(value: str) -> str:
    """A regex for ``value`` where the separators between its words may differ or be missing."""
    tokens = re.findall(r"\w+|@", value)
    return r"[\s,.\-'’]*".join(re.escape(token) for token in tokens)


def _whole(pattern: str) -> str:
    return r"(?<![\w])(?:" + pattern + r")(?![\w])"


def _phone_pattern(value: str) -> str | None:
    digits = national_digits(value)
    if len(digits) < 7:
        return None
    between = r"[^\w]{0,3}"
    if digits.startswith("0"):
        lead = r"(?:(?:\+|00)\s*44\s*(?:\(0\)\s*)?|\(?0)"
        return lead + between + between.join(digits[1:])
    return r"\+?" + between.join(digits)


def _classify(text: str) -> Kind:
    stripped = text.strip()
    if _EMAIL.fullmatch(stripped):
        return Kind.EMAIL
    if _PHONE_UK.fullmatch(stripped) or _PHONE_OTHER.fullmatch(stripped):
        return Kind.PHONE
    if _POSTCODE.fullmatch(stripped):
        return Kind.POSTCODE
    if any(p.fullmatch(stripped) for p in (_REG_CURRENT, _REG_PREFIX, _REG_SUFFIX)):
        return Kind.REG
    return Kind.NAME


def _as_known(value: KnownInput) -> KnownValue:
    if isinstance(value, KnownValue):
        return value
    if isinstance(value, tuple):
        kind, text = value
        return KnownValue(Kind(kind.upper().strip("[]")), text)
    return KnownValue(_classify(value), value)


_NOT_VALUES = frozenset({"", "unknown", "not known", "none", "anonymous", "n/a", "na", "no", "yes"})


def _known_patterns(value: KnownValue) -> list[tuple[re.Pattern[str], Kind]]:
    text = " ".join(value.text.split())
    if text.lower() in _NOT_VALUES or not re.search(r"\w", text):
        return []
    kind = value.kind
    found: list[tuple[str, int]] = []  # (regex, flags)
    if kind in (Kind.PHONE, Kind.CONTACT) and sum(c.isdigit() for c in text) >= 7 and "@" not in text:
        phone = _phone_pattern(text)
        if phone:
            found.append((_whole(phone), 0))
    if kind is Kind.NAME:
        found.append((_whole(_flexible(text)), re.IGNORECASE))
        words = [word.strip('.,;:()"') for word in text.split()]
        # Each word, and each piece of a hyphenated one ("Al-Rashid": also "Rashid").
        for part in dict.fromkeys([*words, *(piece for word in words for piece in word.split("-"))]):
            letters = sum(c.isalpha() for c in part)
            if letters < 2 or part.lower() in _NAME_PARTICLES:
                continue
            if part.lower() in _COMMON_NAME_WORDS or part.lower() in _STOPWORDS:
                found.append((_whole(_flexible(part)), 0))
                found.append((_whole(_flexible(part.upper())), 0))
            else:
                found.append((_whole(_flexible(part)), re.IGNORECASE))
    elif kind is Kind.ADDRESS:
        for piece in [text, *re.split(r"\s*[,;\n]\s*", text)]:
            words = re.findall(r"[\w'’]+", piece.lower())
            if len(piece) < 3 or not words or all(w in _GENERIC_PLACE_WORDS for w in words):
                continue
            found.append((_whole(_flexible(piece)), re.IGNORECASE))
    elif kind is Kind.REG:
        compact = re.sub(r"[\W_]", "", text)
        if len(compact) >= 2:
            found.append((_whole(r"[\s\-.]?".join(re.escape(c) for c in compact)), re.IGNORECASE))
    elif kind is not Kind.PHONE:
        found.append((_whole(_flexible(text)), re.IGNORECASE))
    return [(re.compile(pattern, flags), kind) for pattern, flags in dict.fromkeys(found)]


def known_values_from_fields(fields: Mapping[str, Any] | None) -> list[KnownValue]:
    """Known values from a conversation's ``collected`` ({slot: {"label", "display"}}) or a report's
    ``fields`` ({slot: {"label", "value", "display"}}); slots that hold no personal data are skipped."""
    values: list[KnownValue] = []
    for slot, entry in (fields or {}).items():
        kind = slot_kind(slot)
        if kind is None:
            continue
        candidates: list[Any] = [entry]
        if isinstance(entry, Mapping):
            candidates = [entry.get("value"), entry.get("display")]
        for candidate in candidates:
            if isinstance(candidate, Mapping):  # contact_details: {"kind": "phone", "value": "+44..."}
                sub = str(candidate.get("kind", "")).upper()
                text = candidate.get("value")
                if isinstance(text, str):
                    values.append(KnownValue(Kind(sub) if sub in ("PHONE", "EMAIL") else kind, text))
            elif isinstance(candidate, str) and candidate.strip():
                if kind is Kind.CONTACT:
                    guessed = _classify(candidate)
                    values.append(
                        KnownValue(guessed if guessed in (Kind.PHONE, Kind.EMAIL) else kind, candidate)
                    )
                else:
                    values.append(KnownValue(kind, candidate))
    return list(dict.fromkeys(values))


_SLOT_KINDS = {
    "contact_name": Kind.NAME,
    "contact_details": Kind.CONTACT,
    "crime_location": Kind.ADDRESS,
    "collision_location": Kind.ADDRESS,
    "community_where": Kind.ADDRESS,
    "collision_other_reg": Kind.REG,
}


def slot_kind(slot: str) -> Kind | None:
    """The placeholder kind of a slot that holds personal data, or None for any other slot."""
    if slot in _SLOT_KINDS:
        return _SLOT_KINDS[slot]
    if slot.endswith(("_name",)):
        return Kind.NAME
    if slot.endswith(("_location", "_where", "_address")):
        return Kind.ADDRESS
    if slot.endswith(("_reg", "_registration")):
        return Kind.REG
    if slot.endswith(("_phone",)):
        return Kind.PHONE
    if slot.endswith(("_email",)):
        return Kind.EMAIL
    return None


# --- the API -------------------------------------------------------------------------------------


class Redactor:
    """Compiled known values for one conversation: redact many messages with one ``Redactor``."""

    def __init__(self, known_values: Iterable[KnownInput] = ()) -> None:
        self._known: list[tuple[re.Pattern[str], Kind]] = []
        for value in known_values:
            self._known.extend(_known_patterns(_as_known(value)))

    def spans(self, text: str) -> list[tuple[int, int, Kind]]:
        """Where ``redact`` puts a placeholder, and which: (start, end, kind), in order."""
        return [(span.start, span.end, span.kind) for span in self._chosen(text) if span.kind is not None]

    def _chosen(self, text: str) -> list[_Span]:
        spans: list[_Span] = [_Span(m.start(), m.end(), None, 0) for m in _PROTECTED.finditer(text)]
        for pattern, kind in self._known:
            spans.extend(_Span(m.start(), m.end(), kind, 0) for m in pattern.finditer(text))
        spans.extend(_pattern_spans(text))
        return _choose(spans)

    def redact(self, text: str) -> str:
        if not text:
            return text
        pieces: list[str] = []
        position = 0
        for span in self._chosen(text):
            pieces.append(text[position : span.start])
            pieces.append(text[span.start : span.end] if span.kind is None else span.kind.placeholder)
            position = span.end
        pieces.append(text[position:])
        return "".join(pieces)


_ASKS_NAME = re.compile(
    r"\b(?:your|the)\s+(?:full\s+|first\s+|last\s+|sur)?name\b|\bwhat\s+should\s+(?:we|i)\s+call\s+you\b"
    r"|\bwho\s+am\s+i\s+(?:speaking|talking)\s+(?:to|with)\b",
    re.IGNORECASE,
)
_ANSWER_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def redact_answer(text: str, question: str | None, redactor: Redactor | None = None) -> str:
    """``text`` redacted as the answer to ``question``. An answer to "What is your name?" is a name
    even when the form refused it (so it was never a known value) and it has no cue or capital:
    every word that is not a common word, or that is a known name, becomes [NAME]."""
    redacted = (redactor or _PATTERNS_ONLY).redact(text)
    if not question or not _ASKS_NAME.search(question):
        return redacted
    from triage.privacy_names import gazetteer

    names = gazetteer()

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower().strip("'’")
        if (
            lower in _STOPWORDS
            or (names.is_ordinary(word) and not names.is_name(word))
            or lower in _NOT_VALUES
        ):
            return word
        return Kind.NAME.placeholder

    # Placeholders already there are kept as they are; only the text between them is looked at.
    pieces = _PROTECTED.split(redacted)
    kept = _PROTECTED.findall(redacted)
    joined = _ANSWER_WORD.sub(replace, pieces[0])
    for index, placeholder in enumerate(kept):
        joined += placeholder + _ANSWER_WORD.sub(replace, pieces[index + 1])
    return re.sub(r"\[NAME\](?:[ \t]+\[NAME\])+", Kind.NAME.placeholder, joined)


_PATTERNS_ONLY = Redactor()


def redact(text: str, known_values: Iterable[KnownInput] = ()) -> str:
    """``text`` with personal data replaced by typed placeholders (see the module docstring).

    ``known_values`` are :class:`KnownValue`s, ``(kind, text)`` pairs (``("NAME", "Jo Bloggs")``)
    or plain strings, whose kind is guessed: an email, a phone number, a postcode, a registration,
    else a name.
    """
    known = list(known_values)
    return (Redactor(known) if known else _PATTERNS_ONLY).redact(text)


# --- logs ----------------------------------------------------------------------------------------


def scrub_log_record(record: logging.LogRecord) -> logging.LogRecord:
    """Redact a record's message (arguments merged in) and any formatted exception, in place."""
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: logging reports it itself; don't hide the record
        return record
    record.msg = redact(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


class RedactingFilter(logging.Filter):
    """A handler filter that scrubs every record before it is formatted; it never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub_log_record(record)
        return True


def install_log_redaction() -> RedactingFilter:
    """Add one :class:`RedactingFilter` to every handler configured now (the root logger's and
    any named logger's, such as Sanic's). Call it after logging is configured. Idempotent."""
    from triage.privacy_names import gazetteer

    gazetteer()  # load (or build) the name gazetteer now, not on the first log line
    shared = RedactingFilter()
    loggers: list[logging.Logger] = [logging.getLogger()]
    loggers += [
        item for item in logging.Logger.manager.loggerDict.values() if isinstance(item, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(existing, RedactingFilter) for existing in handler.filters):
                handler.addFilter(shared)
    return shared
