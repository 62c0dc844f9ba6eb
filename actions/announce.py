"""What the assistant says and signals when it sends a citizen to 999 or to a person.

Shared by the safety actions, the handoff action and the forms (a serious injury in a collision
gets exactly the same emergency wording as the emergency intent).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from triage.copy import emergency_message, helplines_for
from triage.priority import Reason
from triage.signals import emergency_signal, handoff_signal

EMERGENCY_FOLLOW_UP = (
    "I've flagged this chat as urgent so a person in our control room sees it straight away, "
    "but please don't wait for them: call 999."
)
HANDOFF_TEXT = (
    "I'm passing you to a person. You'll see your place in the queue here. "
    "You can keep typing: they'll see everything you've told me."
)
SAFEGUARDING_TEXT = (
    "Thank you for telling me. I'm passing this chat to a person now, as a priority. "
    "If you're in danger right now, call 999."
)


def announce_emergency(dispatcher: CollectingDispatcher, concern: str | None = None) -> list[EventType]:
    dispatcher.utter_message(text=emergency_message(concern))
    dispatcher.utter_message(text=EMERGENCY_FOLLOW_UP)
    dispatcher.utter_message(json_message=emergency_signal(concern))
    return [SlotSet("emergency", True), SlotSet("handoff_reason", Reason.EMERGENCY)]


def announce_handoff(
    dispatcher: CollectingDispatcher, reason: str, text: str = HANDOFF_TEXT
) -> list[EventType]:
    dispatcher.utter_message(text=text)
    dispatcher.utter_message(json_message=handoff_signal(reason))
    return [SlotSet("handoff_reason", reason)]


def announce_safeguarding(
    dispatcher: CollectingDispatcher, concern: str | None, text: str | None = None
) -> list[EventType]:
    """``text``: the citizen's message, so a child writing about themselves gets Childline."""
    dispatcher.utter_message(text=SAFEGUARDING_TEXT)
    dispatcher.utter_message(text="\n".join(helplines_for(concern, text)))
    dispatcher.utter_message(json_message=handoff_signal(Reason.SAFEGUARDING, concern))
    return [SlotSet("handoff_reason", Reason.SAFEGUARDING)]


def safety_concern(latest_message: dict[str, Any]) -> str | None:
    """The rule layer's concern for the latest message (bot.components.SafetyOverride), if any."""
    for holder in (latest_message.get("safety"), latest_message.get("intent")):
        if isinstance(holder, dict):
            concern = holder.get("concern") or holder.get("safety_concern")
            if isinstance(concern, str):
                return concern
    return None
