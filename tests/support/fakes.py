"""Fakes for the gateway's unit tests. Never evidence that a feature works end to end: the
integration tests run the real Rasa server and action server."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from handoff.adapters.conversations import Triage
from handoff.adapters.rasa import AssistantReply, AssistantUnavailable, Parse, reply_from_channel


def channel_reply(
    *texts: str,
    intent: str = "greet",
    confidence: float = 0.97,
    emergency: bool = False,
    handoff: str | None = None,
    report: str | None = None,
    report_kind: str = "crime",
    report_fields: dict[str, Any] | None = None,
    slots: dict[str, Any] | None = None,
    active_form: str | None = None,
    buttons: list[dict[str, str]] | None = None,
) -> AssistantReply:
    """A reply shaped exactly like bot/channel.py's JSON."""
    return reply_from_channel(
        {
            "messages": [{"text": t, "buttons": buttons or []} for t in texts],
            "parse": {"intent": {"name": intent, "confidence": confidence}, "entities": []},
            "active_form": active_form,
            "slots": slots or {},
            "signals": {
                "emergency": emergency,
                "handoff": {"reason": handoff, "priority": 2} if handoff else None,
                "report": (
                    {"reference": report, "kind": report_kind, "fields": report_fields or {}}
                    if report
                    else None
                ),
            },
        }
    )


class FakeAssistant:
    def __init__(self) -> None:
        self.replies: deque[AssistantReply] = deque()
        self.sent: list[tuple[str, str]] = []
        self.parsed: list[str] = []
        self.resumed: list[tuple[str, str]] = []
        self.down = False
        self.delay = 0.0
        self.parse_intent = "inform"
        self.in_flight = 0
        self.max_in_flight = 0

    def queue(self, *replies: AssistantReply) -> None:
        self.replies.extend(replies)

    async def send(self, conversation_id: str, message: str) -> AssistantReply:
        self.sent.append((conversation_id, message))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        if self.down:
            raise AssistantUnavailable("fake assistant is down")
        if self.replies:
            return self.replies.popleft()
        return channel_reply("OK.", intent="inform")

    async def parse(self, text: str) -> Parse:
        self.parsed.append(text)
        if self.down:
            raise AssistantUnavailable("fake assistant is down")
        return Parse(triage=Triage(intent=self.parse_intent, confidence=0.9), safety_concern=None)

    async def resume(self, conversation_id: str, form: str) -> AssistantReply:
        self.resumed.append((conversation_id, form))
        if self.down:
            raise AssistantUnavailable("fake assistant is down")
        return channel_reply(f"Resuming {form}: what is the next answer?", active_form=form)

    async def ready(self) -> dict[str, bool]:
        return {"rasa_model_loaded": not self.down, "action_server": not self.down}

    async def loaded_model(self) -> str | None:
        return None if self.down else "fake-model.tar.gz"

    async def close(self) -> None:
        return None
