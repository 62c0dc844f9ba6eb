"""Safety wording shown to the public, defined once (DESIGN.md "Safety rules").

The citizen page renders ``EMERGENCY_GUIDANCE`` permanently; the bot repeats it, after
``CALL_999_NOW``, whenever it detects an emergency.
"""

from __future__ import annotations

EMERGENCY_GUIDANCE = (
    "In an emergency call 999. Can't speak? Call 999 from a mobile and press 55 when asked. "
    "Textphone 18000. Registered for emergencySMS: text 999. BSL: 999 BSL app or website. "
    "Non-emergency: 101, or 18001 101 by text relay."
)

CALL_999_NOW = "This sounds like an emergency. Please call 999 now. Do not wait for a reply in this chat."

#: The same routes as separate lines, for places that list them (the page's 999 block).
EMERGENCY_ROUTES = (
    ("In an emergency", "call 999"),
    ("Can't speak?", "call 999 from a mobile and press 55 when asked"),
    ("Textphone", "18000"),
    ("Registered for emergencySMS", "text 999"),
    ("BSL", "999 BSL app or website"),
    ("Non-emergency", "101, or 18001 101 by text relay"),
)

SAMARITANS = "Samaritans: call 116 123, free, day or night."
DOMESTIC_ABUSE_HELPLINE = "National Domestic Abuse Helpline: 0808 2000 247, free, 24 hours."
CRIMESTOPPERS = "Crimestoppers: 0800 555 111, or online. They never ask your name: it is fully anonymous."

#: Which helpline a kind of safeguarding disclosure gets; both are shown when the kind is unclear.
HELPLINES_BY_CONCERN = {
    "self_harm": (SAMARITANS,),
    "domestic_abuse": (DOMESTIC_ABUSE_HELPLINE,),
    "stalking": (DOMESTIC_ABUSE_HELPLINE,),
}
DEFAULT_HELPLINES = (DOMESTIC_ABUSE_HELPLINE, SAMARITANS)

BOT_DISCLOSURE = "I'm an automated assistant, not a person. You can ask to talk to a person at any time."


def helplines_for(concern: str | None) -> tuple[str, ...]:
    return HELPLINES_BY_CONCERN.get(concern or "", DEFAULT_HELPLINES)
