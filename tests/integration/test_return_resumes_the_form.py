"""Return to the assistant mid-form, through the real Rasa and action server: the form carries on
at its next question (not "What can I help you with?"), and an emergency cannot be returned."""

from __future__ import annotations

import httpx
import pytest

from tests.support.scripts import answer_for
from tests.support.server import Agent, Citizen
from tests.support.stack import PASSWORD, Stack

pytestmark = pytest.mark.integration


async def test_a_chat_returned_mid_form_resumes_at_the_next_question(sqlite_stack: Stack) -> None:
    stack = sqlite_stack
    name = f"resume{id(stack) % 100000}"
    stack.add_user(name, display="Jo Bloggs")
    async with (
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http,
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as staff,
    ):
        citizen = await Citizen.start(http)
        reply = await citizen.say("someone stole my bike from outside the library last night")
        answered = 0
        for _ in range(3):  # a few answers in, then ask for a person
            step = answer_for(" ".join(m["text"] for m in reply["messages"]))
            if step is None or reply["state"]["status"] != "bot":
                break
            reply = await (citizen.press(step.send) if step.is_payload else citizen.say(step.send))
            answered += 1
        assert answered >= 1 and reply["state"]["status"] == "bot"
        reply = await citizen.press("/request_human")
        assert reply["state"]["status"] == "queued"

        agent = await Agent.login(staff, name, PASSWORD)
        card = next(c for c in await agent.queue() if c["conversation_id"] == citizen.conversation_id)
        assert card["report_started"] and card["active_form"]
        base = f"/api/agent/conversations/{citizen.conversation_id}"
        assert (await agent.post(f"{base}/claim")).status_code == 200
        returned = await agent.post(f"{base}/return-to-bot")
        assert returned.status_code == 200, returned.text

        transcript = await citizen.transcript()
        texts = [m["text"] for m in transcript["messages"]]
        back = max(i for i, t in enumerate(texts) if "back with the automated assistant" in t)
        after = " ".join(texts[back + 1 :])
        assert after, "the assistant said nothing after the return"
        assert answer_for(after) is not None, f"not a form question: {after!r}"
        assert "what can i help you with" not in after.lower()
        # and the citizen's answer to it is taken by the form
        step = answer_for(after)
        assert step is not None
        reply = await (citizen.press(step.send) if step.is_payload else citizen.say(step.send))
        said = [(m["sender"], m["text"]) for m in reply["messages"]]
        assert reply["state"]["status"] == "bot", (after, step, said)
        assert answer_for(" ".join(m["text"] for m in reply["messages"])) is not None


async def test_an_emergency_cannot_be_returned_to_the_assistant(sqlite_stack: Stack) -> None:
    stack = sqlite_stack
    name = f"noreturn{id(stack) % 100000}"
    stack.add_user(name)
    async with (
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as http,
        httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as staff,
    ):
        citizen = await Citizen.start(http)
        reply = await citizen.say("there's a man outside my house with a knife right now")
        assert reply["state"]["emergency"]
        agent = await Agent.login(staff, name, PASSWORD)
        base = f"/api/agent/conversations/{citizen.conversation_id}"
        assert (await agent.post(f"{base}/claim")).status_code == 200
        view = (await staff.get(base)).json()
        assert "return_to_bot" not in view["allowed_moves"]
        refused = await agent.post(f"{base}/return-to-bot")
        assert refused.status_code == 409 and "emergency" in refused.json()["reason"]
        assert (await citizen.transcript())["state"]["status"] == "agent"
