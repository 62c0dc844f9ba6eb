"""Questions a plain response cannot ask: the read-back before sending, "which part?", and the
question put another way after two answers the form could not use."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers.text import clean
from actions.forms import SPECS
from actions.forms.spec import FormSpec

CONFIRM_BUTTONS = [
    {"title": "Yes, send it", "payload": "/affirm"},
    {"title": "Change something", "payload": "/deny"},
    {"title": "Don't send it", "payload": "/stop"},
]


def summarise(fields: list[tuple[str, str]]) -> str:
    """The read-back before submitting: one bullet per answered field, in the order given."""
    lines = []
    for label, display in fields:
        label, display = clean(label or ""), clean(display or "")
        if label and display:
            lines.append(f"• {label}: {display}")
    if not lines:
        return "I don't have any details yet."
    return "Here is what I have:\n" + "\n".join(lines)


def read_back(spec: FormSpec, slots: dict[str, Any]) -> str:
    shown = slots.get("report_fields") or {}
    pairs = [(f.label, shown[f.slot]["display"]) for f in spec.reported_fields(slots) if f.slot in shown]
    return summarise(pairs)


def _slots(tracker: Tracker, spec: FormSpec) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in (*spec.slots, "report_fields", "answer_misses")}


class ActionAskConfirm(Action, ABC):
    """``action_ask_<form>_confirmed``: read the report back and ask to send it."""

    form: ClassVar[str]

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        spec = SPECS[self.form]
        dispatcher.utter_message(text=read_back(spec, _slots(tracker, spec)))
        dispatcher.utter_message(text="Shall I send this?", buttons=CONFIRM_BUTTONS)
        return []


class ActionAskCrimeConfirmed(ActionAskConfirm):
    form = "crime_report_form"

    def name(self) -> str:
        return "action_ask_crime_confirmed"


class ActionAskCollisionConfirmed(ActionAskConfirm):
    form = "collision_report_form"

    def name(self) -> str:
        return "action_ask_collision_confirmed"


class ActionAskCommunityConfirmed(ActionAskConfirm):
    form = "community_info_form"

    def name(self) -> str:
        return "action_ask_community_confirmed"


class ActionAskFieldToChange(Action):
    """Offer the answers the citizen can change, as buttons."""

    def name(self) -> str:
        return "action_ask_field_to_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        spec = SPECS.get(tracker.active_loop_name or "")
        if spec is None:
            return []
        buttons = [
            {"title": f.label, "payload": "/change_field" + json.dumps({"field": f.slot})}
            for f in spec.changeable_fields(_slots(tracker, spec))
        ]
        buttons.append(
            {"title": "Nothing, go back", "payload": "/change_field" + json.dumps({"field": "none"})}
        )
        dispatcher.utter_message(text="Which part would you like to change?", buttons=buttons)
        return []


# The skip button sends "don't know", which the form reads as a skip on an optional question.
SKIP_BUTTON = {"title": "Skip this question", "payload": "/dont_know"}
PERSON_BUTTON = {"title": "Talk to a person", "payload": "/request_human"}


def help_text(spec: FormSpec, slot: str) -> tuple[str, list[dict[str, str]]]:
    """What the help step says about ``slot``: the question another way, and the ways out."""
    field = spec.field(slot)
    lines = ["Sorry, I still couldn't use that. Let me put it another way.", field.help or ""]
    buttons = []
    if field.optional:
        lines.append("If you'd rather not answer, you can skip this question.")
        buttons.append(SKIP_BUTTON)
    lines.append("Or I can pass you to a person.")
    buttons.append(PERSON_BUTTON)
    return " ".join(line for line in lines if line), buttons


class ActionAskAnswerHelp(Action):
    """``action_ask_answer_help``: after two answers the form could not use (actions/forms/base.py)."""

    def name(self) -> str:
        return "action_ask_answer_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        spec = SPECS.get(tracker.active_loop_name or "")
        slot = (tracker.get_slot("answer_misses") or {}).get("slot")
        if spec is None or not isinstance(slot, str) or not spec.has(slot):
            dispatcher.utter_message(text="Sorry, I didn't follow that.", buttons=[PERSON_BUTTON])
            return []
        text, buttons = help_text(spec, slot)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []
