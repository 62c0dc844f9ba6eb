"""Rasa killed mid-conversation: the chat goes to the human queue and nothing is lost."""

from __future__ import annotations

import httpx
import pytest

from tests.support.server import Citizen
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def test_rasa_killed_mid_conversation_queues_the_chat_with_every_message(sqlite_stack: Stack) -> None:
    stack = sqlite_stack
    try:
        async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http:
            citizen = await Citizen.start(http)
            first = await citizen.say("my car was keyed in the supermarket car park yesterday")
            assert first["state"]["status"] == "bot" and first["messages"]

            stack.processes["rasa"].kill()
            reply = await citizen.say("it's a silver Ford Focus")
            assert reply["state"]["status"] == "queued"
            assert reply["state"]["queue_position"] >= 1
            assert any(m["sender"] == "system" and "isn't available" in m["text"] for m in reply["messages"])
            # While Rasa is down, the gateway's own rule layer still catches an emergency.
            urgent = await citizen.say("he's come back and he's smashing the windows right now")
            assert urgent["state"]["emergency"] is True

            transcript = await citizen.transcript()
            said = [m["text"] for m in transcript["messages"] if m["sender"] == "citizen"]
            assert said == [
                "my car was keyed in the supermarket car park yesterday",
                "it's a silver Ford Focus",
                "he's come back and he's smashing the windows right now",
            ]
            ready = await http.get("/readyz")
            assert ready.status_code == 503 and ready.json()["checks"]["rasa_model_loaded"] is False
    finally:
        stack.restart_rasa()
