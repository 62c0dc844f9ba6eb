"""Handing the conversation to a person: on request, and when the assistant keeps not understanding."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.announce import announce_handoff
from triage import intents
from triage.priority import Reason

REPHRASE_TEXT = (
    "Sorry, I didn't understand that. Could you say it another way? I can take a report of a crime "
    "that has already happened or a minor road collision, answer questions about speed cameras and "
    "tickets, or pass on information about crime in your community."
)
OFFER_PERSON_TEXT = "Sorry, I'm still not understanding. Would you like to talk to a person?"
OFFER_PERSON_BUTTONS = [
    {"title": "Talk to a person", "payload": "/request_human"},
    {"title": "Start again", "payload": "/greet"},
]


def consecutive_fallbacks(events: list[dict[str, Any]]) -> int:
    """How many of the citizen's latest messages in a row the assistant did not understand."""
    count = 0
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") != intents.NLU_FALLBACK:
            break
        count += 1
    return count


class ActionHandoffHuman(Action):
    def name(self) -> str:
        return "action_handoff_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        # Always ends any form (the rules expect active_loop: null); its answers stay for the agent.
        return [ActiveLoop(None), *announce_handoff(dispatcher, Reason.REQUESTED)]


class ActionFallback(Action):
    """Two-stage fallback: ask to rephrase once, then offer a person."""

    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if consecutive_fallbacks(tracker.events) >= 2:
            dispatcher.utter_message(text=OFFER_PERSON_TEXT, buttons=OFFER_PERSON_BUTTONS)
        else:
            dispatcher.utter_message(text=REPHRASE_TEXT)
        return []
