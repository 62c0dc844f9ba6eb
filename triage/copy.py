"""Safety wording shown to the public, defined once (DESIGN.md "Safety rules").

The citizen page renders ``EMERGENCY_GUIDANCE`` permanently; the bot repeats it, after
``CALL_999_NOW`` and the service the concern needs (``emergency_message``), whenever it detects an
emergency.
"""

from __future__ import annotations

# The helplines are defined in triage.helplines (who and what decide which); re-exported here.
from triage.helplines import (
    CHILDLINE,
    CRIMESTOPPERS,
    DEFAULT_HELPLINES,
    DOMESTIC_ABUSE_HELPLINE,
    HELPLINES_BY_CONCERN,
    SAMARITANS,
    VICTIM_SUPPORT,
    helplines_for,
)

__all__ = [
    "AMBULANCE_LINE",
    "AMBULANCE_TOO_LINE",
    "BOT_DISCLOSURE",
    "CALL_999_NOW",
    "CHILDLINE",
    "CRIMESTOPPERS",
    "DEFAULT_HELPLINES",
    "DOMESTIC_ABUSE_HELPLINE",
    "EMERGENCY_GUIDANCE",
    "EMERGENCY_ROUTES",
    "FIRE_LINE",
    "HELPLINES_BY_CONCERN",
    "SAMARITANS",
    "SERVICE_LINES_BY_CONCERN",
    "VICTIM_SUPPORT",
    "emergency_message",
    "helplines_for",
]

EMERGENCY_GUIDANCE = (
    "In an emergency call 999. Can't speak? Call 999 from a mobile and press 55 when asked. "
    "Textphone 18000. Registered for emergencySMS: text 999. BSL: 999 BSL app or website. "
    "Non-emergency: 101, or 18001 101 by text relay."
)

CALL_999_NOW = "This sounds like an emergency. Please call 999 now. Do not wait for a reply in this chat."

#: The service to ask for, after "call 999 now", by the rule layer's concern (``triage.safety``).
AMBULANCE_LINE = (
    "Ask for an ambulance. Stay on the line: the call handler will tell you what to do until help arrives."
)
AMBULANCE_TOO_LINE = "If anyone is hurt, unwell or has taken something, ask for an ambulance too."
FIRE_LINE = "Get everyone out, stay out, and ask for the fire service."
SERVICE_LINES_BY_CONCERN = {
    "not_breathing": AMBULANCE_LINE,
    "injury": AMBULANCE_LINE,
    "threat_to_life": AMBULANCE_TOO_LINE,
    "fire": FIRE_LINE,
}

#: The same routes as separate lines, for places that list them (the page's 999 block).
EMERGENCY_ROUTES = (
    ("In an emergency", "call 999"),
    ("Can't speak?", "call 999 from a mobile and press 55 when asked"),
    ("Textphone", "18000"),
    ("Registered for emergencySMS", "text 999"),
    ("BSL", "999 BSL app or website"),
    ("Non-emergency", "101, or 18001 101 by text relay"),
)

BOT_DISCLOSURE = "I'm an automated assistant, not a person. You can ask to talk to a person at any time."


def emergency_message(concern: str | None = None) -> str:
    """What the citizen reads when an emergency is detected: call 999 now, the service to ask for
    (when the concern names one: an ambulance for an injury or someone not breathing), then every
    route to 999 (``EMERGENCY_GUIDANCE``)."""
    service = SERVICE_LINES_BY_CONCERN.get(concern or "")
    return "\n".join(line for line in (CALL_999_NOW, service, EMERGENCY_GUIDANCE) if line)
