"""Message text is personal data: it never reaches the logs at INFO or above."""

from __future__ import annotations

import logging

import pytest

from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user

SECRETS = [
    "my name is Jo Bloggs and I live at 12 Mill Road CB1 2AB",
    "call me on 07700 900123",
    "someone is breaking into my house right now",
    "agent reply with a private detail",
]


async def test_no_message_text_in_logs_at_info(gateway: Gateway, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("What happened?", intent="report_crime"))
        await citizen.say(SECRETS[0])
        gateway.assistant.down = True  # the outage path logs a warning: still no text
        await citizen.say(SECRETS[1])
        await citizen.say(SECRETS[2])
        agent = await Agent.login(http, "jo", PASSWORD)
        await agent.post(f"/api/agent/conversations/{citizen.conversation_id}/claim")
        await agent.post(f"/api/agent/conversations/{citizen.conversation_id}/messages", {"text": SECRETS[3]})
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert any("assistant unavailable" in line for line in logged)  # the logs do say what happened
    for secret in SECRETS:
        assert not [line for line in logged if secret.lower() in line.lower()], secret
