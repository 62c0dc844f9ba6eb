"""Questions a plain response cannot ask: the read-back before sending, and "which part?"."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import validators as v
from actions.forms import SPECS
from actions.forms.spec import FormSpec

CONFIRM_BUTTONS = [
    {"title": "Yes, send it", "payload": "/affirm"},
    {"title": "Change something", "payload": "/deny"},
    {"title": "Don't send it", "payload": "/stop"},
]


def read_back(spec: FormSpec, slots: dict[str, Any]) -> str:
    shown = slots.get("report_fields") or {}
    pairs = [(f.label, shown[f.slot]["display"]) for f in spec.reported_fields(slots) if f.slot in shown]
    return v.summarise(pairs)


def _slots(tracker: Tracker, spec: FormSpec) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in (*spec.slots, "report_fields")}


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
