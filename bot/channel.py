"""The gateway's channel into Rasa: a REST-like webhook whose reply carries the assistant's state.

``POST /webhooks/triage/webhook`` with ``{"sender": id, "message": text, "metadata": {...}}``
returns::

    {"messages": [{"text", "buttons"}],           # what the citizen sees, in order
     "parse": {"intent": {"name", "confidence"}, "intent_ranking": [...], "entities": [...],
               "retrieval_intent": str | None, "safety": {...} | None,
               "context": {"slot", "read_as", "classifier": {"name", "confidence"}} | None},
     "active_form": str | None,
     "slots": {...},                               # non-empty slots (report fields etc.)
     "signals": {"emergency": bool, "emergency_concern": str | None,
                 "handoff": {"reason", "priority", "concern"} | None,
                 "report": {"reference", "kind", "fields", "submitted_at"} | None}}

Rasa's own REST channel returns only the messages, and its socket.io channel is unusable here
(DESIGN.md). Analysts need the parse of every message and the gateway needs handoff/emergency
flags without parsing bot text, so both travel in the reply. Signals are taken out of the bot's
custom payloads (triage.signals), never shown to the citizen.

Context before intent: while a form waits for an answer, the form reads the message as that answer
first (actions/forms/context.py) and records its reading in the ``form_reading`` slot. When that
reading is about the latest message, ``parse.intent`` is the form's reading (a name typed at "What
is your name?" is ``inform``, not the classifier's ``stop``; "no not right now he's gone" to "Is
anyone in danger now?" is ``deny``, not ``emergency``) and the classifier's is kept in
``parse.context.classifier``. The gateway then does not flag an emergency the assistant judged,
in context, not to be one. A rule-layer hit is never re-read this way: the form steps aside for it,
so no reading is recorded for that message.
"""

from __future__ import annotations

import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from triage.signals import extract_signal

logger = logging.getLogger(__name__)

TOKEN_HEADER = "X-Channel-Token"
DEFAULT_TOKEN_ENV = "RASA_CHANNEL_TOKEN"
MAX_RANKING = 5


def _display_message(message: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    text = message.get("text")
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or []
    ]
    if not text and not buttons:
        return None
    return {"text": text or "", "buttons": buttons}


def _parse_summary(parse_data: Dict[str, Any]) -> Dict[str, Any]:
    intent = parse_data.get("intent") or {}
    ranking = parse_data.get("intent_ranking") or []
    # Any retrieval intent (ask_speed_camera, signpost, ...): its selector is named after it.
    selector = (parse_data.get("response_selector") or {}).get(str(intent.get("name") or "")) or {}
    retrieval = (selector.get("response") or {}).get("intent_response_key")
    return {
        "intent": {"name": intent.get("name"), "confidence": intent.get("confidence")},
        "intent_ranking": [
            {"name": r.get("name"), "confidence": r.get("confidence")} for r in ranking[:MAX_RANKING]
        ],
        "entities": [
            {k: e.get(k) for k in ("entity", "value", "start", "end", "extractor")}
            for e in parse_data.get("entities") or []
        ],
        "retrieval_intent": retrieval,
        "safety": parse_data.get("safety"),
        "context": None,
    }


READING_SLOT = "form_reading"


def _apply_reading(parse: Dict[str, Any], tracker: DialogueStateTracker) -> Dict[str, Any]:
    """The form's reading of the latest message replaces the classifier's (see the module docstring)."""
    reading = tracker.get_slot(READING_SLOT) if READING_SLOT in tracker.slots else None
    latest = tracker.latest_message
    if not isinstance(reading, dict) or latest is None or not reading.get("intent"):
        return parse
    if not latest.message_id or reading.get("message_id") != latest.message_id:
        return parse
    if parse.get("safety"):
        return parse
    return {
        **parse,
        "intent": {"name": reading["intent"], "confidence": 1.0},
        "context": {
            "slot": reading.get("slot"),
            "read_as": reading.get("read_as"),
            "classifier": parse.get("intent"),
        },
    }


def build_reply(messages: List[Dict[str, Any]], tracker: DialogueStateTracker) -> Dict[str, Any]:
    """The channel's reply for one turn: messages, latest parse, form, slots and signals."""
    shown: List[Dict[str, Any]] = []
    signals: Dict[str, Any] = {"emergency": False, "emergency_concern": None, "handoff": None, "report": None}
    for message in messages:
        signal = extract_signal(message.get("custom"))
        if signal is None:
            display = _display_message(message)
            if display:
                shown.append(display)
            continue
        kind = signal.get("type")
        if kind == "emergency":
            signals["emergency"] = True
            signals["emergency_concern"] = signal.get("concern")
        elif kind == "handoff":
            # The most urgent handoff of the turn wins (lower priority number = more urgent).
            current = signals["handoff"]
            if current is None or signal.get("priority", 99) < current.get("priority", 99):
                signals["handoff"] = {k: signal.get(k) for k in ("reason", "priority", "concern")}
        elif kind == "report":
            # The whole report: the gateway stores it (it owns report data).
            signals["report"] = {
                k: signal.get(k) for k in ("reference", "kind", "fields", "submitted_at") if k in signal
            }

    slots = {k: v for k, v in tracker.current_slot_values().items() if v is not None and k != "session_started_metadata"}
    if slots.get("emergency") is True:
        signals["emergency"] = True
    return {
        "messages": shown,
        "parse": _apply_reading(
            _parse_summary(tracker.latest_message.parse_data if tracker.latest_message else {}), tracker
        ),
        "active_form": tracker.active_loop_name,
        "slots": slots,
        "signals": signals,
    }


class TriageInput(InputChannel):
    """Webhook for the gateway (``/webhooks/triage/webhook``), protected by a shared token."""

    @classmethod
    def name(cls) -> Text:
        return "triage"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        """``token`` in credentials.yml, or the environment variable named by ``token_env``.

        Rasa 3.6 does not expand ``${VAR}`` in credentials.yml (only in endpoints.yml), so the
        secret comes from the environment here rather than being written into the file.
        """
        credentials = credentials or {}
        token = credentials.get("token") or os.environ.get(credentials.get("token_env") or DEFAULT_TOKEN_ENV)
        if not token:
            raise ValueError(
                f"the triage channel needs a shared token: set {credentials.get('token_env') or DEFAULT_TOKEN_ENV}"
            )
        return cls(token=token)

    def __init__(self, token: Text) -> None:
        self.token = token

    def _authorised(self, request: Request) -> bool:
        given = request.headers.get(TOKEN_HEADER, "")
        return hmac.compare_digest(given.encode(), self.token.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("triage_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            ready = bool(agent and agent.is_ready())
            return response.json({"status": "ok", "model_loaded": ready}, status=200 if ready else 503)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.json({"error": "bad channel token"}, status=401)
            body = request.json if isinstance(request.json, dict) else {}
            sender = body.get("sender")
            text = body.get("message")
            if not isinstance(sender, str) or not sender or not isinstance(text, str):
                return response.json({"error": "sender and message (strings) are required"}, status=400)
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            )
            tracker = await request.app.ctx.agent.processor.get_tracker(sender)
            # Message text is personal data: it is never logged here.
            logger.debug("triage channel turn for %s produced %d messages", sender, len(collector.messages))
            return response.json(build_reply(collector.messages, tracker))

        return webhook
