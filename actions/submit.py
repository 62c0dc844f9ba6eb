"""After a report form ends: send the report and give a receipt, or say what happened instead."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms import SPECS
from actions.forms.base import CONTROL_SLOTS, SHARED_SLOTS, turn_time
from actions.forms.spec import FormSpec
from triage.references import follow_up_payload, new_reference
from triage.signals import report_signal

NO_REPORT_NEEDED_TEXT = (
    "OK, nothing has been sent. Remember to tell your insurer. Is there anything else I can help with?"
)


FOLLOW_UP_BUTTON = "Check on this report"
FOLLOW_UP_TEXT = (
    " To check on it later, come back to this chat and type your receipt reference (or use the "
    "button): you'll be asked for the phone number or email you gave."
)
NO_FOLLOW_UP_TEXT = (
    " As you didn't leave contact details, this report can't be followed up in the chat: there is "
    "no way for us to check it's yours."
)


def receipt_text(reference: str, *, follow_up: bool = True) -> str:
    return (
        f"Thank you, your report has been sent. Your receipt reference is {reference}. "
        "Please keep it. This is a receipt, not a crime reference number: if your report is recorded "
        "as a crime, you'll be given a crime reference number."
        + (FOLLOW_UP_TEXT if follow_up else NO_FOLLOW_UP_TEXT)
        + " If anything changes, or anyone is in danger, call 999."
    )


def has_contact(fields: dict[str, Any]) -> bool:
    """Whether the citizen left a way to reach them (then they can follow the report up)."""
    entry = fields.get("contact_details")
    return isinstance(entry, dict) and bool(entry.get("value"))


def report_fields(spec: FormSpec, slots: dict[str, Any]) -> dict[str, Any]:
    """What is stored: each applicable answer with its label and the read-back text."""
    shown = slots.get("report_fields") or {}
    fields: dict[str, Any] = {}
    for f in spec.reported_fields(slots):
        entry = shown.get(f.slot) or {}
        fields[f.slot] = {
            "label": f.label,
            "value": slots[f.slot],
            "display": entry.get("display", str(slots[f.slot])),
        }
        if entry.get("note"):
            # What the citizen said beyond the answer ("no, he refused and drove off").
            fields[f.slot]["note"] = entry["note"]
    return fields


class ActionSubmitReport(Action, ABC):
    form: ClassVar[str]

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        spec = SPECS[self.form]
        slots = {name: tracker.get_slot(name) for name in (*spec.slots, "report_fields")}
        outcome = tracker.get_slot("form_outcome")
        events: list[EventType] = []
        keep_for_agent = outcome in ("handoff", "emergency")

        if outcome == "confirmed":
            # The gateway owns report data: the report travels to it in the reply (a signal the
            # citizen never sees) and is stored there with the reply, in one transaction.
            reference = new_reference()
            fields = report_fields(spec, slots)
            follow_up = has_contact(fields)
            buttons = (
                [{"title": FOLLOW_UP_BUTTON, "payload": follow_up_payload(reference)}] if follow_up else []
            )
            dispatcher.utter_message(text=receipt_text(reference, follow_up=follow_up), buttons=buttons)
            dispatcher.utter_message(
                json_message=report_signal(reference, spec.kind, fields, submitted_at=turn_time(tracker))
            )
            dispatcher.utter_message(response="utter_anything_else")
            events.append(SlotSet("report_reference", reference))
        elif outcome == "stopped":
            dispatcher.utter_message(response="utter_stopped")
        elif outcome == "no_report_needed":
            dispatcher.utter_message(text=NO_REPORT_NEEDED_TEXT)

        # The form's answers are cleared so a second report starts fresh; when a person takes over,
        # the read-back stays in report_fields for the agent's view.
        for slot in (*spec.slots, *CONTROL_SLOTS):
            if slot not in SHARED_SLOTS:
                events.append(SlotSet(slot, None))
        if not keep_for_agent:
            events.append(SlotSet("report_fields", None))
        return events


class ActionSubmitCrimeReport(ActionSubmitReport):
    form = "crime_report_form"

    def name(self) -> str:
        return "action_submit_crime_report"


class ActionSubmitCollisionReport(ActionSubmitReport):
    form = "collision_report_form"

    def name(self) -> str:
        return "action_submit_collision_report"


class ActionSubmitCommunityInfo(ActionSubmitReport):
    form = "community_info_form"

    def name(self) -> str:
        return "action_submit_community_info"
