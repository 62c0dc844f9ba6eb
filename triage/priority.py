"""Queue priorities and handoff reasons, defined once for the actions and the gateway.

Lower number = more urgent. The queue orders by priority, then by the time the citizen has waited.
"""

from __future__ import annotations

from enum import IntEnum


class Priority(IntEnum):
    EMERGENCY = 0
    SAFEGUARDING = 1
    NORMAL = 2


class Reason:
    """Why a conversation went to the human queue (the ``reason`` of a handoff and of a queue row)."""

    EMERGENCY = "emergency"
    SAFEGUARDING = "safeguarding"
    RISK = "risk_disclosed"  # a report form's "is anyone at risk / is the offender known to you" got a yes
    INJURY = "collision_injury"  # a minor injury in a collision: a person follows up
    REQUESTED = "requested"  # the citizen asked for a person
    FALLBACK = "not_understood"  # two-stage fallback ended in "talk to a person"
    SPECIFIC_TICKET = "specific_ticket"
    ASSISTANT_UNAVAILABLE = "assistant_unavailable"  # the gateway could not reach Rasa in time
    TRANSFER = "transfer"  # an agent released or transferred the chat

    ALL = (
        EMERGENCY,
        SAFEGUARDING,
        RISK,
        INJURY,
        REQUESTED,
        FALLBACK,
        SPECIFIC_TICKET,
        ASSISTANT_UNAVAILABLE,
        TRANSFER,
    )


_PRIORITY_OF_REASON = {
    Reason.EMERGENCY: Priority.EMERGENCY,
    Reason.SAFEGUARDING: Priority.SAFEGUARDING,
    Reason.RISK: Priority.SAFEGUARDING,
}


def priority_for(reason: str) -> Priority:
    """The queue priority a handoff reason gets: emergency > safeguarding (and risk) > the rest."""
    return _PRIORITY_OF_REASON.get(reason, Priority.NORMAL)
