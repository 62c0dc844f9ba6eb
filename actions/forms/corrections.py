"""Corrections at any point: "sorry, actually it was Tuesday not Monday", "no wait, it was the
Co-op not Tesco", "sorry the address is 12 Mill Road".

A message is a correction of an earlier answer when it says so (a cue such as "sorry", "actually",
"no wait", "I meant", or "Y not X" where X is in an earlier answer) and it fits an earlier answer
better than the open question:

1. "... not X": the earlier answer that contains X is the one meant ("Tesco" is in the place);
   when X is a time or an amount, the earlier time or amount is;
2. "the <name of a field> is/was Y" ("the address is ...", "the time was 7pm");
3. otherwise the new words themselves: a time changes the time, an amount the value, a phone
   number or email the contact, a firm place the place.

Text answers get X replaced by Y ("outside Tesco on Mill Road" -> "outside the Co-op on Mill
Road"); the others are read again from Y by the field's own parser. When the open question's parser
reads the message firmly, it is an answer to that question, not a correction ("sorry, it's Mark
Jones" to "What is your name?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from actions import answers as a
from actions.answers.text import words
from actions.forms.spec import Answer, Field, Slots

_CUE = re.compile(
    # Only words that announce a correction: "no" or "oh" alone start ordinary answers too.
    r"^\s*(?:(?:sorry|soz|sry|oops|whoops|actually|no wait|wait|hang on|hold on|correction|my mistake|"
    r"my bad|i meant|i mean|scratch that|ignore that|i got (?:that|it) wrong|i made a mistake|i was wrong|"
    r"just to correct|to correct|erm|um)(?:[\s,.!:-]+|$))+",
    re.IGNORECASE,
)
_NOT_AT_END = re.compile(r"[,\s]+(?:and\s+)?not\s+(?:on\s+|at\s+|in\s+)?(?P<x>[^,.;!?]+?)\s*[.!]*\s*$", re.I)
_NOT_AT_START = re.compile(
    r"^\s*not\s+(?P<x>[^,;]+?)\s*(?:,|;|\bbut\b|\bit was\b|\bit's\b)\s*(?P<y>.+)$", re.I
)
_LEAD = re.compile(r"^(?:it\s+was|it'?s|its|it\s+is|it\s+happened|that\s+was|they\s+took|i\s+said)\s+", re.I)
_NAMED = re.compile(
    r"^(?:the\s+|my\s+|your\s+)?(?P<name>[\w' ]{2,30}?)\s+(?:is|was|should be|should say|=|:|wasn'?t|"
    r"isn'?t)\s+"
    r"(?P<value>.+)$",
    re.IGNORECASE,
)
#: Fields whose answers are text: a correction replaces the words it names.
_TEXT_LIKE = frozenset({"location", "text"})


@dataclass(frozen=True)
class Correction:
    slot: str
    result: a.Valid


def _kind(field: Field) -> str:
    slot = field.slot
    if not field.changeable:
        return "choice"  # yes/no and branching questions: never the target of a correction
    if slot.endswith("_when") and "community" not in slot:
        return "when"
    if slot.endswith(("_location", "_where")):
        return "location"
    if slot.endswith("_value"):
        return "money"
    if slot == "contact_details":
        return "contact"
    if slot == "contact_name":
        return "name"
    if slot.endswith("_reg"):
        return "reg"
    return "text"


def _stored(field: Field, slots: Slots) -> str:
    shown = (slots.get("report_fields") or {}).get(field.slot) or {}
    value = slots.get(field.slot)
    return f"{shown.get('display', '')} {value if isinstance(value, str) else ''}"


def _reparse(field: Field, answer: Answer, text: str) -> a.Valid | None:
    result = field.parse(replace(answer, text=text, intent="inform", entities=()))
    return result if isinstance(result, a.Valid) else None


def _fits(field: Field, answer: Answer, new: str) -> a.Valid | None:
    """``new`` read as a fresh answer to ``field``, only when it is clearly that kind of answer."""
    kind = _kind(field)
    if kind == "when":
        return _reparse(field, answer, new)
    if kind == "money":
        found = a.find_money(new)
        return found if found is not None else None
    if kind == "contact":
        return a.find_contact(new)
    if kind == "location":
        result = a.validate_location(new)
        return result if isinstance(result, a.Valid) and not result.loose else None
    if kind == "reg":
        plate = a.find_registration(new)
        return a.Valid(plate, plate) if plate else None
    return None


def _replace_words(stored_value: str, old: str, new: str) -> str | None:
    pattern = re.compile(rf"(?<![\w']){re.escape(old.strip())}(?![\w'])", re.IGNORECASE)
    if not pattern.search(stored_value):
        return None
    return pattern.sub(new.strip(), stored_value, count=1)


def find_correction(
    answer: Answer, open_field: Field, correctable: list[Field], slots: Slots
) -> Correction | None:
    """The earlier answer this message corrects, and its new reading; None when it is not one."""
    if answer.from_button or not correctable:
        return None
    text = answer.text.strip()
    cued = _CUE.match(text)
    body = text[cued.end() :] if cued else text
    old: str | None = None
    new = body
    at_end = _NOT_AT_END.search(body)
    at_start = _NOT_AT_START.match(body)
    if at_end:
        old, new = at_end.group("x"), body[: at_end.start()]
    elif at_start:
        old, new = at_start.group("x"), at_start.group("y")
    new = _LEAD.sub("", new.strip(" ,.-")).strip()
    if not new:
        return None
    named_old = old is not None and any(_mentions(_stored(f, slots), old) for f in correctable)
    if not cued and not named_old:
        return None
    # The open question comes first: a firm answer to it is not a correction.
    # (Free text takes any words, so it does not stand in the way of a correction.)
    own = open_field.parse(answer)
    if isinstance(own, a.Valid) and not own.loose and _kind(open_field) != "text" and not named_old:
        return None

    # 1. "... not X": the earlier answer that contains X, a time or an amount first when X is one.
    if old is not None:
        for field in correctable:
            if _kind(field) in ("when", "money") and _fits(field, answer, old) is not None:
                result = _fits(field, answer, new)
                if result is not None:
                    return Correction(field.slot, result)
        for field in correctable:
            stored_value = slots.get(field.slot)
            if not _mentions(_stored(field, slots), old):
                continue
            if _kind(field) in _TEXT_LIKE and isinstance(stored_value, str):
                replaced = _replace_words(stored_value, old, new)
                if replaced is not None:
                    result = _reparse(field, answer, replaced)
                    if result is not None:
                        return Correction(field.slot, result)
            result = _fits(field, answer, new)
            if result is not None:
                return Correction(field.slot, result)
    # 2. "the address is ...".
    named = _NAMED.match(new)
    if named:
        choice = a.choose(named.group("name"), [f.option() for f in correctable])
        if isinstance(choice, a.Valid) and choice.value != a.NOTHING:
            field = next(f for f in correctable if f.slot == choice.value)
            result = _reparse(field, answer, named.group("value"))
            if result is not None:
                return Correction(field.slot, result)
    # 3. The new words themselves.
    for field in correctable:
        result = _fits(field, answer, new)
        if result is not None:
            return Correction(field.slot, result)
    return None


def _mentions(stored: str, old: str) -> bool:
    wanted = words(old)
    return bool(wanted) and re.search(rf"(?<![\w']){re.escape(wanted)}(?![\w'])", words(stored)) is not None
