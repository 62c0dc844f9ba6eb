"""Intent names: the stable vocabulary that analysts, tests and the gateway rely on (DESIGN.md)."""

from __future__ import annotations

REPORT_CRIME = "report_crime"
REPORT_COLLISION = "report_collision"
ASK_SPEED_CAMERA = "ask_speed_camera"
GIVE_COMMUNITY_INFO = "give_community_info"
EMERGENCY = "emergency"
SAFEGUARDING = "safeguarding"
REQUEST_HUMAN = "request_human"
OUT_OF_SCOPE = "out_of_scope"

GREET = "greet"
GOODBYE = "goodbye"
THANK = "thank"
AFFIRM = "affirm"
DENY = "deny"
STOP = "stop"
DONT_KNOW = "dont_know"
BOT_CHALLENGE = "bot_challenge"
INFORM = "inform"

# Rasa's FallbackClassifier writes this name when no intent is confident enough.
NLU_FALLBACK = "nlu_fallback"

#: The four things the service is for, plus the two safety intents: the held-out gate scores these.
MAIN_INTENTS = (REPORT_CRIME, REPORT_COLLISION, ASK_SPEED_CAMERA, GIVE_COMMUNITY_INFO)
SAFETY_INTENTS = (EMERGENCY, SAFEGUARDING)
SMALL_TALK = (GREET, GOODBYE, THANK, AFFIRM, DENY, STOP, DONT_KNOW, BOT_CHALLENGE, INFORM)

#: Every intent the assistant is trained on (retrieval sub-intents such as
#: ``ask_speed_camera/penalty`` belong to their base intent).
ALL_INTENTS = (*MAIN_INTENTS, *SAFETY_INTENTS, REQUEST_HUMAN, OUT_OF_SCOPE, *SMALL_TALK)

#: Intents that must never be swallowed as the answer to a form question: a form that sees one of
#: these rejects the turn so the rules for emergencies, safeguarding and handoff apply. ("stop" is
#: handled inside the forms, which ask for confirmation first.)
INTERRUPTING_INTENTS = (EMERGENCY, SAFEGUARDING, REQUEST_HUMAN)


def base_intent(name: str) -> str:
    """``ask_speed_camera/penalty`` -> ``ask_speed_camera``."""
    return name.split("/", 1)[0]


def is_known_intent(name: str) -> bool:
    return base_intent(name) in ALL_INTENTS
