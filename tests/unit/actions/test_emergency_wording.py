"""The 999 reply names the service the emergency needs: an ambulance for an injury or someone not
breathing (issue #8 item 5). The wording lives once, in ``triage.copy``; ``action_emergency`` picks the
line by the rule layer's concern (``message["safety"]``, set by ``bot.components.SafetyOverride``).
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionEmergency
from triage import copy
from triage.safety import EMERGENCY_CONCERNS, default_rules


def _tracker(text: str, safety: dict[str, str] | None) -> Tracker:
    latest: dict[str, Any] = {
        "text": text,
        "intent": {"name": "emergency", "confidence": 1.0},
        "entities": [],
    }
    if safety is not None:
        latest["safety"] = safety
    return Tracker.from_dict(
        {
            "sender_id": "conv-emergency-wording",
            "slots": {},
            "latest_message": latest,
            "events": [{"event": "user", "timestamp": 0, "text": text, "parse_data": latest}],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


async def _first_text(text: str) -> str:
    hit = default_rules().check(text)
    safety = hit.as_dict() if hit else None
    dispatcher = CollectingDispatcher()
    await ActionEmergency().run(dispatcher, _tracker(text, safety), {})
    return str(dispatcher.messages[0]["text"])


@pytest.mark.parametrize(
    "text",
    [
        "my nan fell and can't get up and isn't making sense",
        "she's having a fit",
        "daddy won't wake up",
        "there's blood everywhere",
        "my husband's gone grey and sweaty and says his chest really hurts",
    ],
)
async def test_medical_emergencies_get_the_ambulance_line(text: str) -> None:
    reply = await _first_text(text)
    assert reply.startswith(copy.CALL_999_NOW)
    assert copy.AMBULANCE_LINE in reply
    assert copy.EMERGENCY_GUIDANCE in reply  # every route to 999 is still there


@pytest.mark.parametrize(
    "text",
    ["someone is breaking into my car right now", "he's outside the house now and he's got a bat"],
)
async def test_other_emergencies_do_not_send_an_ambulance(text: str) -> None:
    reply = await _first_text(text)
    assert copy.AMBULANCE_LINE not in reply and copy.AMBULANCE_TOO_LINE not in reply
    assert reply == f"{copy.CALL_999_NOW}\n{copy.EMERGENCY_GUIDANCE}"


async def test_no_concern_keeps_the_plain_999_reply() -> None:
    dispatcher = CollectingDispatcher()
    await ActionEmergency().run(dispatcher, _tracker("help", None), {})
    assert dispatcher.messages[0]["text"] == f"{copy.CALL_999_NOW}\n{copy.EMERGENCY_GUIDANCE}"


def test_every_service_line_belongs_to_a_declared_concern() -> None:
    assert set(copy.SERVICE_LINES_BY_CONCERN) <= set(EMERGENCY_CONCERNS)
    assert copy.emergency_message("injury").splitlines()[1] == copy.AMBULANCE_LINE
    assert copy.emergency_message("fire").splitlines()[1] == copy.FIRE_LINE
    assert copy.emergency_message("no_such_concern") == copy.emergency_message(None)
