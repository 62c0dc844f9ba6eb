"""Emergencies and safeguarding: they interrupt anything, including a half-filled form."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.announce import announce_emergency, announce_safeguarding, safety_concern


def _leave_form(tracker: Tracker) -> list[EventType]:
    # Always ends any form (the rules expect active_loop: null). The form is deactivated, not
    # submitted: its answers stay in report_fields for the agent.
    return [ActiveLoop(None)]


class ActionEmergency(Action):
    """999 now. The rule layer's concern (``message["safety"]``) picks the service line: an ambulance
    for an injury or someone not breathing (``triage.copy.emergency_message``)."""

    def name(self) -> str:
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return [
            *_leave_form(tracker),
            *announce_emergency(dispatcher, safety_concern(tracker.latest_message)),
        ]


class ActionSafeguarding(Action):
    def name(self) -> str:
        return "action_safeguarding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return [
            *_leave_form(tracker),
            *announce_safeguarding(
                dispatcher, safety_concern(tracker.latest_message), tracker.latest_message.get("text")
            ),
        ]
