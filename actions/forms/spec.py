"""Pure description of a report form: its fields in order, how each answer is read, which fields
apply, and how the form reacts to an answer (hand over, emergency, finish).

Nothing here touches Rasa: a form's behaviour is testable with plain values. The generic
``ReportFormValidation`` action (actions/forms/base.py) runs a spec inside Rasa's form loop; how a
message is read while a question is open (as an answer first, as something new only when it does
not fit) is actions/forms/context.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from actions import answers as a
from actions.answers.text import expand_text_speak, words
from actions.dates import resolve_when
from actions.dates.find import find_when
from triage import intents

Slots = Mapping[str, Any]


@dataclass(frozen=True)
class Answer:
    """One citizen message as a form sees it."""

    text: str
    intent: str
    entities: tuple[tuple[str, str], ...]
    now: datetime
    confidence: float = 0.0
    # The deterministic rule layer's reading (bot.components.SafetyOverride), when it fired:
    # {"category": "emergency" | "safeguarding", "concern", "rule"}.
    safety: Mapping[str, Any] | None = None
    message_id: str | None = None

    def entity(self, name: str) -> str | None:
        return next((value for entity, value in self.entities if entity == name), None)

    def entity_values(self, name: str) -> list[str]:
        return [value for entity, value in self.entities if entity == name]

    @property
    def from_button(self) -> bool:
        return self.text.startswith("/")


Parser = Callable[[Answer], a.Result]
Prefiller = Callable[[Answer, bool], a.Valid | None]


@dataclass(frozen=True)
class Field:
    slot: str
    label: str
    parse: Parser
    # Fills the field from a message that was not answering it (the first message, or an answer
    # to another question that also mentions a postcode or a time): "nothing asked twice".
    prefill: Prefiller | None = None
    # Offered in "which part would you like to change?" (branching questions are not: changing
    # them would invalidate the route the conversation took).
    changeable: bool = True
    # Kept in the report and shown on read-back (the confirmation itself is not).
    reported: bool = True
    # Everyday names for this answer, for "which part?" and corrections ("the day", "the address").
    names: tuple[str, ...] = ()
    # May be skipped after two answers the form could not use ("skip" / "rather not say").
    optional: bool = False
    # The question put another way, after two answers the form could not use.
    help: str = ""
    # Why the assistant asks ("why do you need my name?").
    why: str = ""
    # One of the assistant's own safety questions: its answer is judged as that answer
    # (actions/forms/context.py, "Safety in context").
    safety: bool = False

    def option(self) -> a.Option:
        return a.Option(self.slot, self.label, self.names)


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
    # For an emergency: the safety concern, which picks the service line (an ambulance for an injury).
    concern: str | None = None


NO_REACTION = Reaction()

#: Control steps every form can ask besides its fields (slots in domain.yml).
CONFIRM_STOP, FIELD_TO_CHANGE, ANSWER_HELP = "confirm_stop", "field_to_change", "answer_help"


@dataclass(frozen=True)
class FormSpec:
    name: str
    kind: str  # stored as the report's kind
    fields: tuple[Field, ...]
    confirm_slot: str
    # The intent that starts this form (report_crime ...): more about the same report is not "another one".
    intent: str = ""
    react: Callable[[str, Any, Slots], Reaction] = field(default=lambda _slot, _value, _slots: NO_REACTION)
    applies: Callable[[str, Slots], bool] = field(default=lambda _slot, _slots: True)

    def field(self, slot: str) -> Field:
        for f in self.fields:
            if f.slot == slot:
                return f
        raise KeyError(slot)

    def has(self, slot: str) -> bool:
        return any(f.slot == slot for f in self.fields)

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(f.slot for f in self.fields)

    def next_slot(self, slots: Slots) -> str | None:
        """The next question: a pending control step, else the first applicable empty field."""
        control = slots.get("form_control")
        if control == "stop":
            return CONFIRM_STOP
        if control == "change":
            return FIELD_TO_CHANGE
        if control == "help":
            return ANSWER_HELP
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


def text_answer(what: str, min_words: int = 1, *, loose: bool = True) -> Parser:
    """Free text; ``loose=False`` for a description of one thing (see ``validate_free_text``)."""

    def parse(answer: Answer) -> a.Result:
        return a.validate_free_text(answer.text, min_words=min_words, what=what, loose=loose)

    return parse


def when_answer(answer: Answer) -> a.Result:
    result = resolve_when(expand_text_speak(answer.text), answer.now)
    if isinstance(result, a.Valid):
        return result
    # "it was about 6pm yesterday I think": the time phrase alone resolves where the sentence doesn't.
    phrase = " ".join(answer.entity_values("time_expression"))
    if phrase and phrase != answer.text:
        from_phrase = resolve_when(phrase, answer.now)
        if isinstance(from_phrase, a.Valid):
            return from_phrase
    found = find_when(expand_text_speak(answer.text), answer.now)
    return found if found is not None else result


def location_answer(answer: Answer) -> a.Result:
    return a.validate_location(answer.text)


def yes_no_answer(cues: a.Cues = a.NO_CUES, *, firm_only: bool = False, ask: str | None = None) -> Parser:
    """Yes or no in words; buttons (``/affirm``, ``/deny``) by their intent."""

    def parse(answer: Answer) -> a.Result:
        if answer.from_button and answer.intent in (intents.AFFIRM, intents.DENY):
            value = answer.intent == intents.AFFIRM
            return a.Valid(value, "Yes" if value else "No")
        if ask is None:
            return a.read_yes_no(answer.text, cues, firm_only=firm_only)
        return a.read_yes_no(answer.text, cues, firm_only=firm_only, ask=ask)

    return parse


def name_answer(answer: Answer) -> a.Result:
    result = a.validate_name(answer.text)
    if isinstance(result, a.Invalid):
        # "my name is Sam Smith and my number is 07700 900123": the name inside the sentence.
        found = a.find_name(answer.text)
        if found is not None:
            return found
    return result


def contact_answer(answer: Answer) -> a.Result:
    found = answer.entity("phone") or answer.entity("email")
    if found:
        result = a.validate_contact(found)
        if isinstance(result, a.Valid):
            return result
    return a.validate_contact(answer.text)


def money_answer(answer: Answer) -> a.Result:
    return a.read_money(answer.text)


def optional_text_answer(what: str) -> Parser:
    """Free text where "don't know" / "none" are real answers (offender, evidence, descriptions)."""

    def parse(answer: Answer) -> a.Result:
        if answer.from_button and answer.intent == intents.DONT_KNOW:
            return a.Valid(a.NOT_KNOWN, a.NOT_KNOWN)
        return a.read_optional_text(answer.text, what=what)

    return parse


def property_answer(answer: Answer) -> a.Result:
    """What was stolen or damaged, without a value said with it ("my sat nav, about £150")."""
    if a.NOTHING_TAKEN.match(words(answer.text)):
        return a.Valid("nothing", "nothing")
    result = a.validate_free_text(
        a.property_answer_text(answer.text), min_words=1, what="what was stolen or damaged", loose=False
    )
    return result


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
        "my",
        "the",
    ]
)


def informative(text: str, min_content_words: int = 3) -> bool:
    """True when a first message says what happened, not just "I want to report a crime"."""
    tokens = [w.strip(".,!?'\"").lower() for w in text.split()]
    content = [w for w in tokens if w and w not in _GENERIC_REQUEST_WORDS]
    return len(content) >= min_content_words


def prefill_from_trigger(what: str) -> Prefiller:
    """The message that opened the form, when it already describes what happened."""

    def prefill(answer: Answer, trigger: bool) -> a.Valid | None:
        if not trigger or answer.from_button or not informative(answer.text):
            return None
        result = a.validate_free_text(answer.text, min_words=3, what=what)
        return result if isinstance(result, a.Valid) else None

    return prefill


def prefill_when(answer: Answer, _trigger: bool) -> a.Valid | None:
    if answer.from_button:
        return None
    phrase = " ".join(answer.entity_values("time_expression"))
    if phrase:
        result = resolve_when(phrase, answer.now)
        if isinstance(result, a.Valid):
            return result
    return find_when(expand_text_speak(answer.text), answer.now)


def prefill_location(answer: Answer, _trigger: bool) -> a.Valid | None:
    if answer.from_button:
        return None
    return a.find_place(answer.text)


def prefill_contact(answer: Answer, _trigger: bool) -> a.Valid | None:
    if answer.from_button:
        return None
    found = answer.entity("phone") or answer.entity("email")
    if found:
        result = a.validate_contact(found)
        if isinstance(result, a.Valid):
            return result
    return a.find_contact(answer.text)


def prefill_name(answer: Answer, _trigger: bool) -> a.Valid | None:
    return None if answer.from_button else a.find_name(answer.text)


def prefill_property(answer: Answer, _trigger: bool) -> a.Valid | None:
    if answer.from_button:
        return None
    found = a.find_property(answer.text)
    return a.Valid(found, found) if found else None


def prefill_money(answer: Answer, _trigger: bool) -> a.Valid | None:
    return None if answer.from_button else a.find_money(answer.text)


def prefill_registration(answer: Answer, _trigger: bool) -> a.Valid | None:
    if answer.from_button:
        return None
    found = a.find_registration(answer.text)
    return a.Valid(found, found) if found else None


def confirm_field(slot: str) -> Field:
    return Field(
        slot,
        "Send this report",
        yes_no_answer(CONFIRM_CUES),
        changeable=False,
        reported=False,
        help="If everything above is right, say 'send it'. If something is wrong, tell me which part.",
    )


CONFIRM_CUES = a.Cues(
    yes=(
        r"\bsend (?:it|that|this|the report)?\b",
        r"\bsubmit\b",
        r"\blooks? (?:good|right|fine|ok|okay|correct)\b",
        r"\ball (?:good|correct|right|fine)\b",
        r"\bthat'?s (?:all )?(?:right|correct|fine|everything)\b",
        r"\bperfect\b",
        r"\bspot on\b",
        r"\bgo for it\b",
    ),
    no=(
        r"\b(?:is|was|are|were|that'?s|it'?s) (?:wrong|not right|incorrect)\b",
        r"\bwrong\b",
        r"\bchange\b",
        r"\bmistake\b",
        r"\bedit\b",
        r"\bfix\b",
        r"\bnot quite\b",
    ),
)

CONTACT_FIELDS = (
    Field(
        "contact_name",
        "Your name",
        name_answer,
        prefill=prefill_name,
        names=("name", "my name", "your name", "who i am"),
        help=(
            "Just your first name and surname, as you'd like an officer to call you, for example 'Sam Smith'."
        ),
        why=(
            "An officer may need to contact you about the report, and the police need to know who"
            " reported it."
            " It stays with the police."
        ),
    ),
    Field(
        "contact_details",
        "Contact",
        contact_answer,
        prefill=prefill_contact,
        names=(
            "number",
            "my number",
            "phone",
            "phone number",
            "mobile",
            "email",
            "contact",
            "contact details",
        ),
        help="A mobile or landline number (like 07700 900123), or an email address (like name@example.com).",
        why=(
            "So an officer can get back to you about the report, for example to take a statement or"
            " give an update."
        ),
    ),
)
