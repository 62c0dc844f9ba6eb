"""System notices the gateway itself sends to citizens (the bot's wording lives in Rasa/actions)."""

from __future__ import annotations

from triage.copy import BOT_DISCLOSURE, EMERGENCY_GUIDANCE, emergency_message, helplines_for

WELCOME = (
    "Hello. " + BOT_DISCLOSURE + " I can help you report a crime that is no longer happening, report a "
    "minor road collision, answer questions about speed cameras and tickets, or pass on information "
    "about crime in your community. What would you like to do?"
)
WELCOME_BUTTONS = [
    {"title": "Report a crime", "payload": "/report_crime"},
    {"title": "Report a road collision", "payload": "/report_collision"},
    {"title": "Speed cameras and tickets", "payload": "/ask_speed_camera"},
    {"title": "Give information about crime", "payload": "/give_community_info"},
    {"title": "Talk to a person", "payload": "/request_human"},
]

ASSISTANT_DOWN = (
    "Sorry, the automated assistant isn't available right now, so I've passed your chat to a person. "
    "Nothing you've written is lost."
)
EMERGENCY_NOTICE = emergency_message()


def emergency_notice(concern: str | None) -> str:
    """The gateway's own 999 notice: the bot's wording, with the service line for the concern."""
    return emergency_message(concern)


# The gateway cannot reach its database (or it does not answer in time): said instead of a bare
# error, always with the 999 routes, as the citizen may be in danger.
TROUBLE = (
    "Sorry, we're having trouble with this chat right now and couldn't save your message. "
    "If anyone is in danger, call 999 now.\n" + EMERGENCY_GUIDANCE + "\n"
    "Otherwise please try again in a few minutes, or call 101."
)
BACK_TO_QUEUE = "You're back in the queue for a person. You can keep typing: they'll see your messages."
BACK_TO_BOT = "You're back with the automated assistant. You can ask for a person again at any time."


def safeguarding_notice(concern: str | None, text: str | None = None) -> str:
    """``text``: the citizen's message (a child writing about themselves gets Childline)."""
    return "If you're in danger right now, call 999.\n" + "\n".join(helplines_for(concern, text))


CITIZEN_LEFT = {
    "exit": "The citizen left the chat with the quick exit button.",
    "closed": "The citizen closed the chat page.",
    "offline": "The citizen's page has been offline for a while: they may have left.",
}


def citizen_left(how: str) -> str:
    """The notice in the transcript when the citizen has gone (the agent reads it)."""
    return CITIZEN_LEFT.get(how, CITIZEN_LEFT["closed"])


def minutes(seconds: int) -> str:
    if seconds >= 3600:
        return "over an hour"
    mins = max(1, round(seconds / 60))
    return "about 1 minute" if mins == 1 else f"about {mins} minutes"


def queue_notice(position: int, wait_seconds: int, emergency: bool) -> str:
    lead = (
        "Your chat is at the top of the queue for our control room."
        if emergency
        else f"You're number {position} in the queue for a person."
    )
    return (
        f"{lead} The estimated wait is {minutes(wait_seconds)}. "
        "You can keep typing here; they'll see your messages. If anyone is in danger, call 999."
    )


def agent_joined(name: str) -> str:
    return f"You're now talking to {name}, a member of our contact centre staff."


def closed_notice() -> str:
    return (
        "This chat has now been closed. Thank you for contacting us. You can save a copy of it. "
        "If anything changes and anyone is in danger, call 999; otherwise call 101."
    )
