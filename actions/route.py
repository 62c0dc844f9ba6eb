"""A story read as an answer when no question is open: "my bike was nicked from outside the co-op
last night, it was worth about 300 quid" is full of answers (a place, a time, an amount), so the
classifier may call it ``inform``; with no question pending it is a report, not an answer.

``action_route_answer`` (data/rules/smalltalk.yml) starts the report the classifier ranked
highest among the main intents when the message tells a story (at least three words beyond "I
want to report a ..."), and otherwise offers the menu as before. It sets ``routed_report``; the
rules then start the form, whose first step reads this same message (nothing asked twice).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms.spec import informative
from triage import intents

ROUTES = {
    intents.REPORT_CRIME: "crime",
    intents.REPORT_COLLISION: "collision",
    intents.GIVE_COMMUNITY_INFO: "community",
}
NOT_ROUTED = "none"
#: The least a main intent must score, ranked under ``inform``, for a story to be routed to it.
MIN_CONFIDENCE = 0.1


def route_for(text: str, ranking: list[dict[str, Any]]) -> str:
    """Which report a message with no question pending starts, or ``NOT_ROUTED``."""
    if text.startswith("/") or not informative(text, min_content_words=4):
        return NOT_ROUTED
    for entry in ranking:
        name = entry.get("name")
        if name in ROUTES and float(entry.get("confidence") or 0.0) >= MIN_CONFIDENCE:
            return ROUTES[name]
    return NOT_ROUTED


class ActionRouteAnswer(Action):
    def name(self) -> str:
        return "action_route_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        route = route_for((message.get("text") or "").strip(), list(message.get("intent_ranking") or []))
        return [SlotSet("routed_report", route)]
