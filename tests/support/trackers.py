"""Tracker JSON the way Rasa posts it to the action server, for the action unit tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from triage.signals import SIGNAL_KEY

# Saturday 28 November 2026, 14:00 in London (GMT).
NOW = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)


def tracker(
    text: str,
    intent: str,
    *,
    slots: dict[str, Any] | None = None,
    form: str | None = None,
    requested: str | None = None,
    entities: list[tuple[str, str]] | None = None,
    confidence: float = 0.95,
    safety: dict[str, str] | None = None,
    message_id: str = "m-1",
) -> Tracker:
    latest: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": [{"entity": e, "value": v, "start": 0, "end": 0} for e, v in entities or []],
        "message_id": message_id,
    }
    if safety:
        latest["safety"] = safety
    return Tracker.from_dict(
        {
            "sender_id": "conv-1",
            "slots": {"requested_slot": requested, **(slots or {})},
            "latest_message": latest,
            "events": [{"event": "user", "timestamp": NOW.timestamp(), "text": text, "parse_data": latest}],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": form} if form else {},
            "latest_action_name": "action_listen",
        }
    )


async def run(action: Any, t: Tracker) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {})
    slot_sets = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slot_sets, events, dispatcher.messages


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [m["response"] for m in messages if m.get("response")]


def signals(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m["custom"][SIGNAL_KEY] for m in messages if m.get("custom") and SIGNAL_KEY in m["custom"]]
