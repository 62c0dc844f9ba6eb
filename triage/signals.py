"""Signals from the actions to the gateway, carried as Rasa custom payloads.

An action sends ``dispatcher.utter_message(json_message=handoff_signal(...))``; the custom channel
(bot/channel.py) takes these out of the bot messages and reports them beside the reply, so the
citizen never sees them and the gateway never has to parse bot text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from triage.priority import Reason, priority_for

SIGNAL_KEY = "triage_signal"


def handoff_signal(reason: str, concern: str | None = None) -> dict[str, Any]:
    """Ask the gateway to put the conversation in the human queue."""
    if reason not in Reason.ALL:
        raise ValueError(f"unknown handoff reason {reason!r}")
    signal: dict[str, Any] = {"type": "handoff", "reason": reason, "priority": int(priority_for(reason))}
    if concern:
        signal["concern"] = concern
    return {SIGNAL_KEY: signal}


def emergency_signal(concern: str | None = None) -> dict[str, Any]:
    """Flag the conversation as an emergency: top of the queue, whatever else happens."""
    return {SIGNAL_KEY: {"type": "emergency", "concern": concern}}


def report_signal(
    reference: str, kind: str, fields: dict[str, Any] | None = None, submitted_at: datetime | None = None
) -> dict[str, Any]:
    """A report was sent with this receipt reference: the report itself, for the gateway to store
    (the gateway owns report data; the action server never writes its database)."""
    signal: dict[str, Any] = {"type": "report", "reference": reference, "kind": kind}
    if fields is not None:
        signal["fields"] = fields
    if submitted_at is not None:
        signal["submitted_at"] = submitted_at.isoformat()
    return {SIGNAL_KEY: signal}


def extract_signal(custom: Any) -> dict[str, Any] | None:
    """The signal inside a bot message's ``custom`` payload, if it is one."""
    if isinstance(custom, dict) and isinstance(custom.get(SIGNAL_KEY), dict):
        return dict(custom[SIGNAL_KEY])
    return None
