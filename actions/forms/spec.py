"""Pure description of a report form: its fields in order, how each answer is read, which fields
apply, and how the form reacts to an answer (hand over, emergency, finish).

Nothing here touches Rasa: a form's behaviour is testable with plain values. The generic
``ReportFormValidation`` action (actions/forms/base.py) runs a spec inside Rasa's form loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from actions import validators as v
from actions.dates import resolve_when
from triage import intents

Slots = Mapping[str, Any]


@dataclass(frozen=True)
class Answer:
    """One citizen message as a form sees it."""

    text: str
    intent: str
    entities: tuple[tuple[str, str], ...]
    now: datetime

    def entity(self, name: str) -> str | None:
        return next((value for entity, value in self.entities if entity == name), None)

    @property
    def from_button(self) -> bool:
        return self.text.startswith("/")


Parser = Callable[[Answer], v.Result]
Prefiller = Callable[[Answer, bool], v.Result | None]


@dataclass(frozen=True)
class Field:
    slot: str
    label: str
    parse: Parser
    # Fills the field from a message that was not answering it (the first message, or an answer
    # to another question that also mentions a postcode or a time): "not asked again".
    prefill: Prefiller | None = None
    # Offered in "which part would you like to change?" (branching questions are not: changing
    # them would invalidate the route the conversation took).
    changeable: bool = True
    # Kept in the report and shown on read-back (the confirmation itself is not).
    reported: bool = True


@dataclass(frozen=True)
class Say:
    """A bot message: a domain response name, or literal text."""

    response: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Reaction:
    """What a form does after a valid answer, besides asking the next question."""

    say: tuple[Say, ...] = ()
    # Ends the form: confirmed | stopped | no_report_needed | handoff | emergency
    outcome: str | None = None
    handoff_reason: str | None = None
    handoff_text: str | None = None
    retry: bool = False  # the answer was not usable: ask the same question again


NO_REACTION = Reaction()


@dataclass(frozen=True)
class FormSpec:
    name: str
    kind: str  # stored as the report's kind
    fields: tuple[Field, ...]
    confirm_slot: str
    react: Callable[[str, Any, Slots], Reaction] = field(default=lambda _slot, _value, _slots: NO_REACTION)
    applies: Callable[[str, Slots], bool] = field(default=lambda _slot, _slots: True)

    def field(self, slot: str) -> Field:
        for f in self.fields:
            if f.slot == slot:
                return f
        raise KeyError(slot)

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(f.slot for f in self.fields)

    def next_slot(self, slots: Slots) -> str | None:
        """The next question: a pending control step, else the first applicable empty field."""
        control = slots.get("form_control")
        if control == "stop":
            return "confirm_stop"
        if control == "change":
            return "field_to_change"
        for f in self.fields:
            if self.applies(f.slot, slots) and slots.get(f.slot) is None:
                return f.slot
        return None

    def reported_fields(self, slots: Slots) -> list[Field]:
        return [
            f
            for f in self.fields
            if f.reported and self.applies(f.slot, slots) and slots.get(f.slot) is not None
        ]

    def changeable_fields(self, slots: Slots) -> list[Field]:
        return [f for f in self.reported_fields(slots) if f.changeable]


# --- answer readers shared by the forms -------------------------------------------------------


def text_answer(what: str, min_words: int = 1) -> Parser:
    def parse(answer: Answer) -> v.Result:
        return v.validate_free_text(answer.text, min_words=min_words, what=what)

    return parse


def when_answer(answer: Answer) -> v.Result:
    result = resolve_when(answer.text, answer.now)
    phrase = answer.entity("time_expression")
    # "it was about 6pm yesterday I think": the time phrase alone resolves where the sentence doesn't.
    if isinstance(result, v.Invalid) and phrase and phrase != answer.text:
        from_phrase = resolve_when(phrase, answer.now)
        if isinstance(from_phrase, v.Valid):
            return from_phrase
    return result


def location_answer(answer: Answer) -> v.Result:
    return v.validate_location(answer.text)


def yes_no_answer(answer: Answer) -> v.Result:
    if answer.intent == intents.AFFIRM:
        return v.Valid(True, "Yes")
    if answer.intent == intents.DENY:
        return v.Valid(False, "No")
    parsed = v.parse_yes_no(answer.text)
    if parsed is None:
        return v.Invalid("Sorry, I need a yes or a no for this one.")
    return v.Valid(parsed, "Yes" if parsed else "No")


def name_answer(answer: Answer) -> v.Result:
    return v.validate_name(answer.text)


def contact_answer(answer: Answer) -> v.Result:
    found = answer.entity("phone") or answer.entity("email")
    if found:
        result = v.validate_contact(found)
        if isinstance(result, v.Valid):
            return result
    return v.validate_contact(answer.text)


def money_answer(answer: Answer) -> v.Result:
    if answer.intent == intents.DONT_KNOW:
        return v.Valid(None, "not known")
    return v.parse_money(answer.text)


def optional_text_answer(what: str) -> Parser:
    """Free text where "don't know" / "none" are real answers (offender, evidence, descriptions)."""

    def parse(answer: Answer) -> v.Result:
        if answer.intent == intents.DONT_KNOW or v.is_dont_know(answer.text):
            return v.Valid("not known", "not known")
        if answer.intent == intents.DENY or v.parse_yes_no(answer.text) is False:
            return v.Valid("none", "none")
        return v.validate_free_text(answer.text, min_words=1, what=what)

    return parse


# --- prefill from messages that were not answering the field ----------------------------------

_GENERIC_REQUEST_WORDS = frozenset(
    [
        "i",
        "im",
        "i'm",
        "id",
        "i'd",
        "want",
        "wanna",
        "would",
        "like",
        "need",
        "to",
        "can",
        "could",
        "please",
        "pls",
        "how",
        "do",
        "make",
        "a",
        "an",
        "report",
        "reporting",
        "crime",
        "collision",
        "accident",
        "incident",
        "some",
        "something",
        "give",
        "information",
        "info",
        "about",
        "tell",
        "you",
        "pass",
        "on",
        "hi",
        "hello",
        "hey",
        "there",
        "just",
        "yes",
        "yeah",
        "ok",
        "okay",
    ]
)


def informative(text: str, min_content_words: int = 3) -> bool:
    """True when a first message says what happened, not just "I want to report a crime"."""
    words = [w.strip(".,!?'\"").lower() for w in text.split()]
    content = [w for w in words if w and w not in _GENERIC_REQUEST_WORDS]
    return len(content) >= min_content_words


def prefill_from_trigger(what: str) -> Prefiller:
    """The message that opened the form, when it already describes what happened."""

    def prefill(answer: Answer, trigger: bool) -> v.Result | None:
        if not trigger or answer.from_button or not informative(answer.text):
            return None
        result = v.validate_free_text(answer.text, min_words=3, what=what)
        return result if isinstance(result, v.Valid) else None

    return prefill


def prefill_when(answer: Answer, _trigger: bool) -> v.Result | None:
    phrase = answer.entity("time_expression")
    if not phrase:
        return None
    result = resolve_when(phrase, answer.now)
    return result if isinstance(result, v.Valid) else None


def prefill_location(answer: Answer, _trigger: bool) -> v.Result | None:
    postcode = answer.entity("postcode")
    if not postcode:
        return None
    result = v.validate_location(postcode)
    return result if isinstance(result, v.Valid) else None


def prefill_contact(answer: Answer, _trigger: bool) -> v.Result | None:
    found = answer.entity("phone") or answer.entity("email")
    if not found:
        return None
    result = v.validate_contact(found)
    return result if isinstance(result, v.Valid) else None


def confirm_field(slot: str) -> Field:
    return Field(slot, "Send this report", yes_no_answer, changeable=False, reported=False)


CONTACT_FIELDS = (
    Field("contact_name", "Your name", name_answer),
    Field("contact_details", "Contact", contact_answer, prefill=prefill_contact),
)
