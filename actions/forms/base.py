"""Runs a pure ``FormSpec`` inside Rasa's form loop.

Rasa calls ``validate_<form>`` after every citizen message while the form is active (and once
when it starts). This action reads the answer to the requested question, validates it with the
shared validators, reacts (hand over, emergency, finish), pre-fills other fields the message
already answers, and names the next question by setting ``requested_slot`` (``None`` ends the
form; the form's submit action then finishes the conversation step).

A turn the form must not swallow (an emergency, a safeguarding disclosure, "talk to a person",
"are you a bot?") is rejected by returning no events: Rasa then raises ActionExecutionRejection
and the rules in data/rules/ take over.
"""

from __future__ import annotations

from abc import abstractmethod
from datetime import UTC, datetime
from typing import Any, ClassVar

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import validators as v
from actions.announce import announce_emergency, announce_handoff
from actions.forms.spec import Answer, FormSpec, Reaction
from triage import intents

#: Intents that are never an answer to a form question: the rules handle them.
NOT_AN_ANSWER = (*intents.INTERRUPTING_INTENTS, intents.BOT_CHALLENGE)
#: Control slots every form uses; reset whenever a form starts or ends.
CONTROL_SLOTS = ("form_control", "confirm_stop", "field_to_change", "form_outcome")
#: Contact details carry over between reports in one conversation, so they are not asked twice.
SHARED_SLOTS = frozenset({"contact_name", "contact_details"})


def answer_from(tracker: Tracker) -> Answer:
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name") or ""
    entities = tuple(
        (str(e.get("entity")), str(e.get("value")))
        for e in message.get("entities") or []
        if e.get("entity") and e.get("value") is not None
    )
    return Answer(
        text=(message.get("text") or "").strip(), intent=intent, entities=entities, now=turn_time(tracker)
    )


def turn_time(tracker: Tracker) -> datetime:
    """When the citizen sent the latest message (the tracker's clock, so replays are repeatable)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and event.get("timestamp"):
            return datetime.fromtimestamp(float(event["timestamp"]), UTC)
    return datetime.now(UTC)


class _Turn:
    """The slot changes of one turn, applied to a local copy so later steps see earlier ones."""

    def __init__(self, tracker: Tracker, spec: FormSpec) -> None:
        names = (*spec.slots, *CONTROL_SLOTS, "report_fields")
        self.slots: dict[str, Any] = {name: tracker.get_slot(name) for name in names}
        self.events: list[EventType] = []

    def set(self, slot: str, value: Any) -> None:
        self.slots[slot] = value
        self.events.append(SlotSet(slot, value))

    def record(self, spec: FormSpec, slot: str, result: v.Valid) -> None:
        self.set(slot, result.value)
        field = spec.field(slot)
        if field.reported:
            shown = dict(self.slots.get("report_fields") or {})
            shown[slot] = {"label": field.label, "display": result.display}
            self.set("report_fields", shown)

    def forget(self, slot: str) -> None:
        self.set(slot, None)
        shown = dict(self.slots.get("report_fields") or {})
        if shown.pop(slot, None) is not None:
            self.set("report_fields", shown)


class ReportFormValidation(FormValidationAction):
    """One subclass per form sets ``spec`` and ``name``."""

    spec: ClassVar[FormSpec]

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        spec = self.spec
        answer = answer_from(tracker)
        turn = _Turn(tracker, spec)
        requested = tracker.get_slot("requested_slot")

        if requested is None:
            self._start(spec, turn, answer)
        elif answer.intent in NOT_AN_ANSWER:
            return []
        elif requested == "confirm_stop":
            if self._answer_stop_question(spec, turn, answer, dispatcher):
                return turn.events
        elif answer.intent == intents.STOP:
            turn.set("form_control", "stop")
            turn.set("confirm_stop", None)
        elif requested == "field_to_change":
            self._answer_change_question(spec, turn, answer, dispatcher)
        else:
            reaction = self._answer_field(spec, turn, requested, answer, dispatcher)
            if reaction.outcome:
                return self._finish(turn, reaction, dispatcher)
            if reaction.retry:
                # An answer we could not use: ask the same question again, whatever else is empty.
                turn.set("requested_slot", requested)
                return turn.events
            self._prefill(spec, turn, answer, trigger=False)

        turn.set("requested_slot", spec.next_slot(turn.slots))
        return turn.events

    # --- steps ----------------------------------------------------------------------------------

    def _start(self, spec: FormSpec, turn: _Turn, answer: Answer) -> None:
        """A new report: forget an earlier report's answers, then use what the first message says."""
        for slot in (*spec.slots, *CONTROL_SLOTS):
            if slot not in SHARED_SLOTS and turn.slots.get(slot) is not None:
                turn.set(slot, None)
        shown = {
            slot: entry
            for slot, entry in (turn.slots.get("report_fields") or {}).items()
            if slot in SHARED_SLOTS
        }
        turn.set("report_fields", shown)
        self._prefill(spec, turn, answer, trigger=True)

    def _prefill(self, spec: FormSpec, turn: _Turn, answer: Answer, *, trigger: bool) -> None:
        for field in spec.fields:
            if field.prefill is None or turn.slots.get(field.slot) is not None:
                continue
            result = field.prefill(answer, trigger)
            if isinstance(result, v.Valid):
                turn.record(spec, field.slot, result)

    def _answer_field(
        self, spec: FormSpec, turn: _Turn, slot: str, answer: Answer, dispatcher: CollectingDispatcher
    ) -> Reaction:
        result = spec.field(slot).parse(answer)
        if isinstance(result, v.Invalid):
            dispatcher.utter_message(text=result.message)
            turn.set(slot, None)
            return Reaction(retry=True)
        turn.record(spec, slot, result)
        if slot == spec.confirm_slot and result.value is False:
            # "No, that's not right": ask which part to change, then read back again.
            turn.set(slot, None)
            turn.set("form_control", "change")
            return Reaction()
        reaction = spec.react(slot, result.value, turn.slots)
        for say in reaction.say:
            if say.response:
                dispatcher.utter_message(response=say.response)
            elif say.text:
                dispatcher.utter_message(text=say.text)
        return reaction

    def _answer_stop_question(
        self, spec: FormSpec, turn: _Turn, answer: Answer, dispatcher: CollectingDispatcher
    ) -> bool:
        """Returns True when the form ends here (the citizen confirmed stopping)."""
        stop = True if answer.intent == intents.STOP else v.parse_yes_no(answer.text)
        if answer.intent in (intents.AFFIRM, intents.DENY):
            stop = answer.intent == intents.AFFIRM
        if stop is None:
            dispatcher.utter_message(text="Sorry, I need a yes or a no: do you want to stop?")
            turn.set("confirm_stop", None)
            return False
        if stop:
            turn.set("confirm_stop", True)
            self._finish(turn, Reaction(outcome="stopped"), dispatcher)
            return True
        turn.set("form_control", None)
        turn.set("confirm_stop", None)
        dispatcher.utter_message(response="utter_carry_on")
        return False

    def _answer_change_question(
        self, spec: FormSpec, turn: _Turn, answer: Answer, dispatcher: CollectingDispatcher
    ) -> None:
        choices = spec.changeable_fields(turn.slots)
        wanted = answer.entity("field") or answer.text
        chosen = next(
            (f for f in choices if wanted.strip().lower() in (f.slot, f.label.lower())),
            None,
        )
        if chosen is None and wanted.strip().lower() not in ("none", "nothing"):
            dispatcher.utter_message(text="Please pick one of the buttons, or say 'nothing' to go back.")
            turn.set("field_to_change", None)
            return
        turn.set("form_control", None)
        turn.set("field_to_change", None)
        if chosen is not None:
            turn.forget(chosen.slot)

    def _finish(self, turn: _Turn, reaction: Reaction, dispatcher: CollectingDispatcher) -> list[EventType]:
        if reaction.outcome == "emergency":
            turn.events.extend(announce_emergency(dispatcher))
        elif reaction.outcome == "handoff" and reaction.handoff_reason:
            if reaction.handoff_text:
                turn.events.extend(
                    announce_handoff(dispatcher, reaction.handoff_reason, reaction.handoff_text)
                )
            else:
                turn.events.extend(announce_handoff(dispatcher, reaction.handoff_reason))
        turn.set("form_outcome", reaction.outcome)
        turn.set("requested_slot", None)
        return turn.events
