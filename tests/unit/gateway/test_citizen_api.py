"""The public citizen API with a fake assistant: persistence, routing, signals, Rasa outages."""

from __future__ import annotations

import pytest
import websockets

from tests.support.fakes import channel_reply
from tests.support.server import Citizen, Socket
from tests.unit.gateway.conftest import Gateway


async def test_a_new_conversation_gets_a_welcome_that_says_it_is_a_bot(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        assert citizen.conversation_id and citizen.token
        [welcome] = citizen.welcome
        assert welcome["sender"] == "bot" and "automated assistant" in welcome["text"]
        assert {"id", "sender", "text", "buttons", "created_at"} <= set(welcome)
        assert "/request_human" in [b["payload"] for b in welcome["buttons"]]
        body = await citizen.transcript()
        assert body["state"] == {
            "status": "bot",
            "emergency": False,
            "triage": None,
            "queue_position": None,
            "estimated_wait_seconds": None,
            "report_reference": None,
            "agent_name": None,
        }


async def test_messages_are_relayed_to_the_assistant_and_both_sides_are_stored(gateway: Gateway) -> None:
    gateway.assistant.queue(
        channel_reply(
            "What happened?", intent="report_crime", confidence=0.93, active_form="crime_report_form"
        )
    )
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        reply = await citizen.say("my bike was nicked")
        assert [m["text"] for m in reply["messages"]] == ["What happened?"]
        assert reply["state"]["triage"] == {"intent": "report_crime", "confidence": 0.93}
        assert gateway.assistant.sent == [(citizen.conversation_id, "my bike was nicked")]
        transcript = await citizen.transcript()
        assert [(m["sender"], m["text"]) for m in transcript["messages"]][1:] == [
            ("citizen", "my bike was nicked"),
            ("bot", "What happened?"),
        ]


async def test_a_button_press_is_sent_as_its_payload_and_shown_as_its_title(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        await citizen.press("/report_crime")
        assert gateway.assistant.sent[-1][1] == "/report_crime"
        transcript = await citizen.transcript()
        assert transcript["messages"][1]["text"] == "Report a crime"


async def test_a_handoff_signal_queues_the_chat_with_a_position_and_a_wait(gateway: Gateway) -> None:
    gateway.assistant.queue(
        channel_reply("I'm passing you to a person.", intent="request_human", handoff="requested")
    )
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        reply = await citizen.say("can I speak to a real person")
        state = reply["state"]
        assert state["status"] == "queued" and state["queue_position"] == 1
        assert isinstance(state["estimated_wait_seconds"], int) and state["estimated_wait_seconds"] > 0
        assert [m["sender"] for m in reply["messages"]] == ["bot", "system"]
        assert "number 1 in the queue" in reply["messages"][1]["text"]
        # Queued: the bot stays silent, messages wait for the person.
        sent_before = len(gateway.assistant.sent)
        follow_up = await citizen.say("are you still there?")
        assert follow_up["messages"] == [] and follow_up["state"]["status"] == "queued"
        assert len(gateway.assistant.sent) == sent_before


async def test_an_emergency_signal_flags_the_chat_and_puts_it_first(gateway: Gateway) -> None:
    async with gateway.client() as http:
        first = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
        await first.say("person please")
        second = await Citizen.start(http)
        gateway.assistant.queue(
            channel_reply("Call 999 now.", intent="emergency", confidence=1.0, emergency=True)
        )
        reply = await second.say("someone is breaking in right now")
        assert reply["state"]["emergency"] is True
        assert reply["state"]["status"] == "queued" and reply["state"]["queue_position"] == 1
        assert (await first.transcript())["state"]["queue_position"] == 2


async def test_classifier_emergency_without_the_bot_acting_still_gets_999_guidance(gateway: Gateway) -> None:
    gateway.assistant.queue(channel_reply("OK.", intent="emergency", confidence=0.99))
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        reply = await citizen.say("there's a fire next door")
        assert reply["state"]["emergency"] is True
        assert any("999" in m["text"] and m["sender"] == "system" for m in reply["messages"])


async def test_a_report_signal_gives_the_state_its_receipt_reference(gateway: Gateway) -> None:
    gateway.assistant.queue(
        channel_reply("Your receipt reference is WEB-ABCD-2345.", intent="affirm", report="WEB-ABCD-2345")
    )
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        reply = await citizen.say("yes send it")
        assert reply["state"]["report_reference"] == "WEB-ABCD-2345"
        assert reply["state"]["status"] == "bot"


async def test_assistant_down_queues_the_chat_and_loses_nothing(gateway: Gateway) -> None:
    gateway.assistant.down = True
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        reply = await citizen.say("my car was keyed last night")
        assert reply["state"]["status"] == "queued"
        assert (
            reply["messages"][0]["sender"] == "system" and "isn't available" in reply["messages"][0]["text"]
        )
        transcript = await citizen.transcript()
        texts = [m["text"] for m in transcript["messages"]]
        assert "my car was keyed last night" in texts
        queue = transcript["state"]
        assert queue["queue_position"] == 1


async def test_a_silent_assistant_counts_as_down(gateway: Gateway) -> None:
    gateway.assistant.queue(channel_reply(intent="report_crime"))  # no messages at all
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        reply = await citizen.say("my bike was stolen")
        assert reply["state"]["status"] == "queued"
        assert "isn't available" in reply["messages"][0]["text"]


async def test_emergency_while_the_assistant_is_down_uses_the_gateways_own_rules(gateway: Gateway) -> None:
    gateway.assistant.down = True
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        reply = await citizen.say("someone is breaking into my house right now")
        assert reply["state"]["emergency"] is True
        assert reply["state"]["triage"] == {"intent": "emergency", "confidence": 1.0}
        assert any("call 999" in m["text"].lower() for m in reply["messages"])


async def test_emergency_while_waiting_for_a_person_escalates_and_shows_999(gateway: Gateway) -> None:
    gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        await citizen.say("person please")
        reply = await citizen.say("he's back outside with a knife")
        assert reply["state"]["emergency"] is True
        assert any("999" in m["text"] for m in reply["messages"])


async def test_the_websocket_pushes_messages_and_state(gateway: Gateway) -> None:
    gateway.assistant.queue(channel_reply("passing you on", intent="request_human", handoff="requested"))
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        path = f"/api/chat/conversations/{citizen.conversation_id}/ws?token={citizen.token}"
        url = f"{gateway.running.ws_url}{path}"
        async with Socket.open(url) as socket:
            first = await socket.next()
            assert first["type"] == "state" and first["state"]["status"] == "bot"
            await citizen.say("person please")
            bot = await socket.wait_for(lambda e: e["type"] == "message" and e["message"]["sender"] == "bot")
            assert bot["message"]["text"] == "passing you on"
            queued = await socket.wait_for(
                lambda e: e["type"] == "state" and e["state"]["status"] == "queued"
            )
            assert queued["state"]["queue_position"] == 1


async def test_a_websocket_with_another_conversations_token_is_closed(gateway: Gateway) -> None:
    async with gateway.client() as http:
        mine = await Citizen.start(http)
        other = await Citizen.start(http)
        url = f"{gateway.running.ws_url}/api/chat/conversations/{other.conversation_id}/ws?token={mine.token}"
        async with Socket.open(url) as socket:
            refusal = await socket.next()
            assert refusal == {
                "type": "error",
                "status": 403,
                "error": "this token belongs to a different conversation",
            }
            with pytest.raises(websockets.ConnectionClosed):
                await socket.next(wait=3)
