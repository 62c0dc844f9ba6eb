"""The 999 reply names the service the emergency needs, through the real stack: the rule layer's
concern travels from Rasa's ``SafetyOverride`` (``message["safety"]``) to ``action_emergency``."""

from __future__ import annotations

import httpx
import pytest

from tests.support.server import Citizen
from tests.support.stack import Stack
from triage import copy

pytestmark = pytest.mark.integration


async def _first_reply(stack: Stack, text: str) -> tuple[str, dict[str, object]]:
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http:
        citizen = await Citizen.start(http)
        reply = await citizen.say(text)
        return " ".join(m["text"] for m in reply["messages"]), reply["state"]


async def test_a_medical_emergency_in_plain_words_gets_the_ambulance_line(sqlite_stack: Stack) -> None:
    text, state = await _first_reply(sqlite_stack, "my nan fell and can't get up and isn't making sense")
    assert copy.CALL_999_NOW in text and copy.AMBULANCE_LINE in text and "press 55" in text
    assert state["emergency"] is True


async def test_a_crime_in_progress_gets_999_without_an_ambulance(sqlite_stack: Stack) -> None:
    text, state = await _first_reply(
        sqlite_stack, "two young men have just got into the house and walked off with my handbag"
    )
    assert copy.CALL_999_NOW in text and copy.AMBULANCE_LINE not in text
    assert state["emergency"] is True
