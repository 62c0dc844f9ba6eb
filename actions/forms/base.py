"""Runs a pure ``FormSpec`` inside Rasa's form loop.

Rasa calls ``validate_<form>`` after every citizen message while the form is active (and once
when it starts). This action reads the message in the context of the open question
(actions/forms/context.py: as an answer first, as something new only when it does not fit), then
records, corrects, reacts (hand over, emergency, finish), pre-fills other fields the message
already answers, and names the next question by setting ``requested_slot`` (``None`` ends the
form; the form's submit action then finishes the conversation step).

A turn the form must not swallow (an emergency or a disclosure the safety rules found, a request
for a person, "are you a bot?") is rejected by returning no events: Rasa then raises
ActionExecutionRejection and the rules in data/rules/ take over.

No dead ends: after two answers it cannot use, the form stops repeating the question and asks the
``answer_help`` step instead (the question explained another way, a skip when the field is
optional, a person); a third unusable answer skips an optional field or passes the chat to a
person. The same question is never asked three times in a row.
"""

from __future__ import annotations

from abc import abstractmethod
from datetime import UTC, datetime
from enum import Enum
from typing import Any, ClassVar

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import answers as a
from actions.announce import announce_emergency, announce_handoff
from actions.forms.context import Kind, Reading, read
from actions.forms.spec import (
    ANSWER_HELP,
    CONFIRM_STOP,
    FIELD_TO_CHANGE,
    Answer,
    Field,
    FormSpec,
    Reaction,
    yes_no_answer,
)
from triage.priority import Reason

#: Control slots every form uses; reset whenever a form starts or ends.
CONTROL_SLOTS = (
    "form_control",
    "confirm_stop",
    "field_to_change",
    "answer_help",
    "answer_misses",
    "form_outcome",
)
#: Contact details carry over between reports in one conversation, so they are not asked twice.
SHARED_SLOTS = frozenset({"contact_name", "contact_details"})
#: The reading of the latest message, for bot/channel.py (see ``form_reading``).
READING_SLOT = "form_reading"
#: What a skipped optional field holds.
SKIPPED = "not given"

CARRY_ON_AFTER_STOP_MISSES = "I'll carry on with the report for now. You can say 'stop' at any time."
HANDOFF_AFTER_MISSES = (
    "I'm sorry, I'm not managing to follow. I'm passing you to a person, who will see everything "
    "you've told me so far."
)
SKIPPED_AFTER_MISSES = "Let's leave that one for now."
BACK_TO_SUMMARY = "Let's go back to the summary."

STOP_FIELD = Field(
    CONFIRM_STOP,
    "Stop",
    yes_no_answer(
        a.Cues(
            yes=(
                r"\bstop\b",
                r"\bcancel\b",
                r"\bend (?:it|this)\b",
                r"\bforget (?:it|about it)\b",
                r"\bdon'?t send\b",
            ),
            no=(
                r"\b(?:carry|keep|go|goes) on\b",
                r"\bcontinue\b",
                r"\bkeep going\b",
                r"\bdon'?t stop\b",
                r"\bnot stop\b",
                r"\blet'?s (?:finish|go on|carry on|continue)\b",
                r"\bfinish (?:it|the report)\b",
            ),
        ),
        ask="Sorry, I need a yes or a no: do you want to stop?",
    ),
    reported=False,
    changeable=False,
    help="Say 'stop' to stop here (nothing will be sent), or 'carry on' to go back to the report.",
)


def answer_from(tracker: Tracker) -> Answer:
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    entities = tuple(
        (str(e.get("entity")), str(e.get("value")))
        for e in message.get("entities") or []
        if e.get("entity") and e.get("value") is not None
    )
    safety = message.get("safety")
    return Answer(
        text=(message.get("text") or "").strip(),
        intent=intent.get("name") or "",
        confidence=float(intent.get("confidence") or 0.0),
        entities=entities,
        now=turn_time(tracker),
        safety=safety if isinstance(safety, dict) and safety else None,
        message_id=message.get("message_id"),
    )


def turn_time(tracker: Tracker) -> datetime:
    """When the citizen sent the latest message (the tracker's clock, so replays are repeatable)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and event.get("timestamp"):
            return datetime.fromtimestamp(float(event["timestamp"]), UTC)
    return datetime.now(UTC)


class _Step(Enum):
    NEXT = "next"  # ask whatever comes next
    SAME = "same"  # ask the open question again
    ENDED = "ended"  # the form is over


class _Turn:
    """The slot changes of one turn, applied to a local copy so later steps see earlier ones."""

    def __init__(self, tracker: Tracker, spec: FormSpec) -> None:
        names = (*spec.slots, *CONTROL_SLOTS, "report_fields")
        self.slots: dict[str, Any] = {name: tracker.get_slot(name) for name in names}
        self.events: list[EventType] = []

    def set(self, slot: str, value: Any) -> None:
        self.slots[slot] = value
        self.events.append(SlotSet(slot, value))

    def record(self, spec: FormSpec, slot: str, result: a.Valid) -> None:
        self.set(slot, result.value)
        field = spec.field(slot)
        if field.reported:
            shown = dict(self.slots.get("report_fields") or {})
            entry: dict[str, Any] = {"label": field.label, "display": result.display}
            if result.note:
                entry["note"] = result.note
            shown[slot] = entry
            self.set("report_fields", shown)

    def forget(self, slot: str) -> None:
        self.set(slot, None)
        shown = dict(self.slots.get("report_fields") or {})
        if shown.pop(slot, None) is not None:
            self.set("report_fields", shown)

    # --- the count of unusable answers to the open question ------------------------------------

    def misses(self, slot: str) -> dict[str, Any]:
        current = self.slots.get("answer_misses") or {}
        if current.get("slot") != slot:
            return {"slot": slot, "count": 0, "asides": 0}
        return dict(current)

    def clear_misses(self) -> None:
        if self.slots.get("answer_misses") is not None:
            self.set("answer_misses", None)


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
            self._start(spec, turn, answer, dispatcher)
            if turn.slots.get("form_outcome"):
                return turn.events
        elif requested == CONFIRM_STOP:
            reading = read(STOP_FIELD, answer, turn.slots, stop_step=True)
            if reading.kind is Kind.INTERRUPT:
                return []
            self._note_reading(turn, answer, requested, reading)
            if self._stop_step(spec, turn, reading, dispatcher):
                return turn.events
        elif requested == FIELD_TO_CHANGE:
            reading = read(self._change_field(spec, turn), answer, turn.slots)
            if reading.kind is Kind.INTERRUPT:
                return []
            self._note_reading(turn, answer, requested, reading)
            self._change_step(spec, turn, reading, answer, dispatcher)
        else:
            helping = requested == ANSWER_HELP
            slot = (turn.slots.get("answer_misses") or {}).get("slot") if helping else requested
            if not isinstance(slot, str) or not spec.has(slot):
                # A help step with nothing to help with (should not happen): carry on with the form.
                turn.set("form_control", None)
                turn.set("requested_slot", spec.next_slot(turn.slots))
                return turn.events
            field = spec.field(slot)
            others = [f for f in spec.changeable_fields(turn.slots) if f.slot != slot]
            reading = read(field, answer, turn.slots, correctable=others, own_intent=spec.intent)
            if reading.kind is Kind.INTERRUPT:
                return []
            self._note_reading(turn, answer, slot, reading)
            step = self._field_step(spec, turn, field, reading, answer, dispatcher, helping=helping)
            if step is _Step.ENDED:
                return turn.events
            if step is _Step.SAME:
                # The same question again (a re-ask, an aside, a correction of another answer).
                turn.set("requested_slot", requested)
                return turn.events

        turn.set("requested_slot", spec.next_slot(turn.slots))
        return turn.events

    # --- steps ----------------------------------------------------------------------------------

    def _start(self, spec: FormSpec, turn: _Turn, answer: Answer, dispatcher: CollectingDispatcher) -> None:
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
        outcome = self._prefill(spec, turn, answer, dispatcher, trigger=True)
        if outcome is not None:
            self._finish(turn, outcome, dispatcher)

    def _prefill(
        self, spec: FormSpec, turn: _Turn, answer: Answer, dispatcher: CollectingDispatcher, *, trigger: bool
    ) -> Reaction | None:
        """Fill every empty field the message already answers; returns a reaction that ends the form."""
        for field in spec.fields:
            if field.prefill is None or turn.slots.get(field.slot) is not None:
                continue
            if not spec.applies(field.slot, turn.slots):
                continue
            result = field.prefill(answer, trigger)
            if result is None:
                continue
            turn.record(spec, field.slot, result)
            reaction = self._react(spec, turn, field.slot, result.value, dispatcher)
            if reaction.outcome:
                return reaction
        return None

    def _react(
        self, spec: FormSpec, turn: _Turn, slot: str, value: Any, dispatcher: CollectingDispatcher
    ) -> Reaction:
        reaction = spec.react(slot, value, turn.slots)
        for say in reaction.say:
            if say.response:
                dispatcher.utter_message(response=say.response)
            elif say.text:
                dispatcher.utter_message(text=say.text)
        return reaction

    def _field_step(
        self,
        spec: FormSpec,
        turn: _Turn,
        field: Field,
        reading: Reading,
        answer: Answer,
        dispatcher: CollectingDispatcher,
        *,
        helping: bool,
    ) -> _Step:
        """One message while ``field`` is open."""
        slot = field.slot
        if reading.kind is Kind.STOP:
            turn.set("form_control", "stop")
            turn.set("confirm_stop", None)
            return _Step.NEXT
        if reading.kind is Kind.CORRECTION and reading.correction is not None:
            corrected = spec.field(reading.correction.slot)
            turn.record(spec, corrected.slot, reading.correction.result)
            dispatcher.utter_message(
                text=(
                    f"Thanks, I've changed {corrected.label.lower()} to: {reading.correction.result.display}."
                )
            )
            return _Step.SAME
        if reading.kind is Kind.SKIP:
            self._skip(spec, turn, field, helping)
            return _Step.NEXT
        if reading.kind is Kind.ASIDE:
            misses = turn.misses(slot)
            if reading.text:
                dispatcher.utter_message(text=reading.text)
            misses["asides"] += 1
            if misses["asides"] > 1:  # asking "why?" again and again is not an answer either
                return self._miss(spec, turn, field, None, dispatcher, helping=helping, misses=misses)
            turn.set("answer_misses", misses)
            return _Step.SAME
        if reading.kind is Kind.MISS:
            return self._miss(spec, turn, field, reading.text, dispatcher, helping=helping)
        result = reading.result
        assert isinstance(result, a.Valid)
        if helping:
            turn.set("form_control", None)
        turn.clear_misses()
        turn.record(spec, slot, result)
        if slot == spec.confirm_slot and result.value is False:
            self._asked_to_change(spec, turn, result, answer, dispatcher)
            return _Step.NEXT
        reaction = self._react(spec, turn, slot, result.value, dispatcher)
        if reaction.outcome:
            self._finish(turn, reaction, dispatcher)
            return _Step.ENDED
        outcome = self._prefill(spec, turn, answer, dispatcher, trigger=False)
        if outcome is not None:
            self._finish(turn, outcome, dispatcher)
            return _Step.ENDED
        return _Step.NEXT

    def _miss(
        self,
        spec: FormSpec,
        turn: _Turn,
        field: Field,
        message: str | None,
        dispatcher: CollectingDispatcher,
        *,
        helping: bool,
        misses: dict[str, Any] | None = None,
    ) -> _Step:
        """An answer the form could not use: ask again, then the help step, then skip or a person."""
        misses = misses if misses is not None else turn.misses(field.slot)
        misses["count"] += 1
        turn.set("answer_misses", misses)
        turn.set(field.slot, None)
        if not helping and misses["count"] < 2:
            if message:
                dispatcher.utter_message(text=message)
            return _Step.SAME
        if not helping:
            # Second time: not the same question a third time, but the help step.
            turn.set("form_control", "help")
            return _Step.NEXT
        if field.optional:
            dispatcher.utter_message(text=SKIPPED_AFTER_MISSES)
            self._skip(spec, turn, field, helping)
            return _Step.NEXT
        self._finish(
            turn,
            Reaction(outcome="handoff", handoff_reason=Reason.FALLBACK, handoff_text=HANDOFF_AFTER_MISSES),
            dispatcher,
        )
        return _Step.ENDED

    def _skip(self, spec: FormSpec, turn: _Turn, field: Field, helping: bool) -> None:
        turn.record(spec, field.slot, a.Valid(SKIPPED, SKIPPED))
        turn.clear_misses()
        if helping or turn.slots.get("form_control") == "help":
            turn.set("form_control", None)

    def _asked_to_change(
        self, spec: FormSpec, turn: _Turn, result: a.Valid, answer: Answer, dispatcher: CollectingDispatcher
    ) -> None:
        """ "No, that's not right": straight to the part named ("no the date is wrong"), else ask which."""
        turn.set(spec.confirm_slot, None)
        options = spec.changeable_fields(turn.slots)
        if result.note:
            choice = a.choose(result.note, [f.option() for f in options])
            if isinstance(choice, a.Valid) and choice.value != a.NOTHING:
                chosen = spec.field(str(choice.value))
                again = chosen.parse(Answer(result.note, "inform", (), answer.now))
                if isinstance(again, a.Valid) and not again.loose:
                    turn.record(spec, chosen.slot, again)
                    dispatcher.utter_message(
                        text=f"Thanks, I've changed {chosen.label.lower()} to: {again.display}."
                    )
                else:
                    turn.forget(chosen.slot)
                return
        turn.set("form_control", "change")

    def _stop_step(
        self, spec: FormSpec, turn: _Turn, reading: Reading, dispatcher: CollectingDispatcher
    ) -> bool:
        """Returns True when the form ends here (the citizen confirmed stopping)."""
        if reading.kind is Kind.ANSWER and isinstance(reading.result, a.Valid):
            turn.clear_misses()
            if reading.result.value is True:
                turn.set("confirm_stop", True)
                self._finish(turn, Reaction(outcome="stopped"), dispatcher)
                return True
            turn.set("form_control", None)
            turn.set("confirm_stop", None)
            dispatcher.utter_message(response="utter_carry_on")
            return False
        if reading.kind is Kind.ASIDE:
            if reading.text:
                dispatcher.utter_message(text=reading.text)
            return False
        misses = turn.misses(CONFIRM_STOP)
        misses["count"] += 1
        turn.set("confirm_stop", None)
        if misses["count"] >= 2:
            turn.clear_misses()
            turn.set("form_control", None)
            dispatcher.utter_message(text=CARRY_ON_AFTER_STOP_MISSES)
            return False
        turn.set("answer_misses", misses)
        if reading.text:
            dispatcher.utter_message(text=reading.text)
        return False

    def _change_field(self, spec: FormSpec, turn: _Turn) -> Field:
        """ "Which part would you like to change?" as a field: its options are the answers so far."""
        options = [f.option() for f in spec.changeable_fields(turn.slots)]

        def parse(answer: Answer) -> a.Result:
            picked = answer.entity("field")
            if picked:
                if picked == a.NOTHING:
                    return a.Valid(a.NOTHING, "nothing")
                if any(o.key == picked for o in options):
                    return a.Valid(picked, picked)
            return a.choose(answer.text, options)

        return Field(FIELD_TO_CHANGE, "Which part", parse, reported=False, changeable=False)

    def _change_step(
        self, spec: FormSpec, turn: _Turn, reading: Reading, answer: Answer, dispatcher: CollectingDispatcher
    ) -> None:
        if reading.kind is Kind.STOP:
            turn.set("form_control", "stop")
            turn.set("field_to_change", None)
            return
        if reading.kind is Kind.ASIDE:
            if reading.text:
                dispatcher.utter_message(text=reading.text)
            return
        if reading.kind is not Kind.ANSWER or not isinstance(reading.result, a.Valid):
            misses = turn.misses(FIELD_TO_CHANGE)
            misses["count"] += 1
            turn.set("field_to_change", None)
            if misses["count"] >= 2:
                turn.clear_misses()
                turn.set("form_control", None)
                dispatcher.utter_message(text=BACK_TO_SUMMARY)
                return
            turn.set("answer_misses", misses)
            if reading.text:
                dispatcher.utter_message(text=reading.text)
            return
        turn.clear_misses()
        turn.set("form_control", None)
        turn.set("field_to_change", None)
        chosen = str(reading.result.value)
        if chosen == a.NOTHING or not spec.has(chosen):
            return
        field = spec.field(chosen)
        # "the day, it was tuesday": the new answer came with the choice.
        rest = _after_choice(answer.text)
        again = field.parse(Answer(rest, "inform", (), answer.now)) if rest else None
        if isinstance(again, a.Valid) and not again.loose:
            turn.record(spec, chosen, again)
            dispatcher.utter_message(text=f"Thanks, I've changed {field.label.lower()} to: {again.display}.")
            return
        turn.forget(chosen)

    def _note_reading(self, turn: _Turn, answer: Answer, slot: str, reading: Reading) -> None:
        """Tell the channel how this message was read (bot/channel.py reports it to the gateway)."""
        turn.set(
            READING_SLOT,
            {
                "message_id": answer.message_id,
                "slot": slot,
                "read_as": reading.kind.value,
                "intent": reading.intent or answer.intent,
            },
        )

    def _finish(self, turn: _Turn, reaction: Reaction, dispatcher: CollectingDispatcher) -> list[EventType]:
        if reaction.outcome == "emergency":
            turn.events.extend(announce_emergency(dispatcher, reaction.concern))
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


def _after_choice(text: str) -> str:
    """ "the day, it was tuesday" -> "it was tuesday"; a bare choice -> ""."""
    if text.startswith("/"):
        return ""
    for separator in (",", " - ", ":", ";", " it was ", " should be ", " is "):
        if separator in text:
            rest = text.split(separator, 1)[1].strip()
            if separator.strip() in ("it was", "should be", "is"):
                rest = f"{separator.strip()} {rest}"
            return rest
    return ""
