"""The gateway's client for the Rasa server's custom channel (bot/channel.py) and health checks."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from handoff.adapters.conversations import Triage

logger = logging.getLogger(__name__)


#: How much longer than its timeout a turn may take while Rasa loads a new model beside the old.
SWAP_GRACE_SECONDS = 30.0


class AssistantUnavailable(Exception):
    """Rasa did not answer in time, refused the connection or answered with an error."""


@dataclass(frozen=True)
class BotMessage:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)

    def replace_text(self, old: str, new: str) -> BotMessage:
        """The message with ``old`` replaced by ``new`` in its text and button payloads."""
        return BotMessage(
            text=self.text.replace(old, new),
            buttons=[{**b, "payload": b.get("payload", "").replace(old, new)} for b in self.buttons],
        )


@dataclass(frozen=True)
class AssistantReply:
    messages: list[BotMessage]
    triage: Triage | None
    safety_concern: str | None
    active_form: str | None
    slots: dict[str, Any]
    emergency: bool
    emergency_concern: str | None
    handoff_reason: str | None
    report_reference: str | None
    # The submitted report itself ({"reference", "kind", "fields"}): the gateway stores it.
    report: dict[str, Any] | None = None

    @property
    def report_fields(self) -> dict[str, Any]:
        value = self.slots.get("report_fields")
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Parse:
    triage: Triage
    safety_concern: str | None


class Assistant(Protocol):
    async def send(self, conversation_id: str, message: str) -> AssistantReply: ...
    async def parse(self, text: str) -> Parse: ...
    async def resume(self, conversation_id: str, form: str) -> AssistantReply: ...
    async def ready(self) -> dict[str, bool]: ...
    async def loaded_model(self) -> str | None: ...
    async def close(self) -> None: ...


def _safety_concern(parse: dict[str, Any]) -> str | None:
    safety = parse.get("safety")
    if isinstance(safety, dict) and isinstance(safety.get("concern"), str):
        return str(safety["concern"])
    intent = parse.get("intent") or {}
    concern = intent.get("safety_concern")
    return concern if isinstance(concern, str) else None


def _triage(parse: dict[str, Any]) -> Triage | None:
    intent = parse.get("intent") or {}
    name = intent.get("name")
    if not isinstance(name, str):
        return None
    confidence = intent.get("confidence")
    retrieval = parse.get("retrieval_intent")
    key = retrieval if isinstance(retrieval, str) and retrieval.startswith(name + "/") else None
    return Triage(
        intent=name,
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
        answer_key=key,
    )


def reply_from_channel(body: dict[str, Any]) -> AssistantReply:
    """Decode the custom channel's JSON (bot/channel.py documents the shape)."""
    parse = body.get("parse") or {}
    signals = body.get("signals") or {}
    handoff = signals.get("handoff") or {}
    report = signals.get("report") or {}
    slots = body.get("slots") or {}
    messages = [
        BotMessage(
            text=str(m.get("text") or ""),
            buttons=[
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                for b in m.get("buttons") or []
            ],
        )
        for m in body.get("messages") or []
    ]
    return AssistantReply(
        messages=messages,
        triage=_triage(parse),
        safety_concern=_safety_concern(parse),
        active_form=body.get("active_form"),
        slots=slots if isinstance(slots, dict) else {},
        emergency=bool(signals.get("emergency")),
        emergency_concern=signals.get("emergency_concern"),
        handoff_reason=handoff.get("reason"),
        report_reference=report.get("reference") or slots.get("report_reference"),
        report=dict(report) if isinstance(report, dict) and report.get("reference") else None,
    )


class RasaClient:
    """HTTP client for Rasa; every failure becomes ``AssistantUnavailable``."""

    def __init__(
        self,
        rasa_url: str,
        *,
        channel_token: str,
        auth_token: str,
        action_server_url: str,
        timeout_seconds: float,
    ) -> None:
        self.rasa_url = rasa_url.rstrip("/")
        self.channel_token = channel_token
        self.auth_token = auth_token
        self.action_server_url = action_server_url.rstrip("/")
        self.timeout = timeout_seconds
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(timeout_seconds))
        self._swap_seen_at: float | None = None  # when Rasa last said it was loading a model

    async def _post(self, url: str, **kwargs: Any) -> dict[str, Any]:
        # A request Rasa never received (connection refused while it restarts) or refused as not
        # ready (503) is tried again until the timeout is spent, so a model swap or a restart
        # within the timeout costs the citizen a wait, not a place in the human queue. A request
        # that may have reached the bot (a read timeout) is never sent twice.
        deadline = time.monotonic() + self.timeout
        pause = 0.2
        while True:
            try:
                response = await self._client.post(url, **kwargs)
            except (httpx.ConnectError, httpx.RemoteProtocolError) as error:
                if time.monotonic() + pause < deadline:
                    await asyncio.sleep(pause)
                    pause = min(pause * 2, 1.0)
                    continue
                raise AssistantUnavailable(f"{type(error).__name__} calling the assistant") from error
            except httpx.HTTPError as error:
                raise AssistantUnavailable(f"{type(error).__name__} calling the assistant") from error
            if response.status_code == 503 and time.monotonic() + pause < deadline:
                await asyncio.sleep(pause)
                pause = min(pause * 2, 1.0)
                continue
            break
        if response.status_code != 200:
            raise AssistantUnavailable(f"assistant answered {response.status_code}")
        try:
            body = response.json()
        except ValueError as error:
            raise AssistantUnavailable("assistant answered with invalid JSON") from error
        if not isinstance(body, dict):
            raise AssistantUnavailable("assistant answered with unexpected JSON")
        return body

    async def send(self, conversation_id: str, message: str) -> AssistantReply:
        """One turn. Slower than the timeout, the chat goes to the human queue — unless Rasa is
        swapping its model (bot/model_swap.py), when the turn waits up to SWAP_GRACE_SECONDS more:
        a promotion or rollback never sends a citizen to the queue."""
        turn = asyncio.ensure_future(
            self._post(
                f"{self.rasa_url}/webhooks/triage/webhook",
                json={"sender": conversation_id, "message": message},
                headers={"X-Channel-Token": self.channel_token},
                timeout=self.timeout + SWAP_GRACE_SECONDS,
            )
        )
        try:
            body = await asyncio.wait_for(asyncio.shield(turn), self.timeout)
        except TimeoutError:
            if not await self._swapping():
                turn.cancel()
                raise AssistantUnavailable("ReadTimeout calling the assistant") from None
            logger.info("assistant is swapping its model: the turn waits")
            try:
                body = await asyncio.wait_for(turn, SWAP_GRACE_SECONDS)
            except TimeoutError:
                raise AssistantUnavailable("ReadTimeout calling the assistant during a model swap") from None
        return reply_from_channel(body)

    async def _swapping(self) -> bool:
        """Is Rasa loading a new model, or has it just finished loading one? A load can keep Rasa
        from answering even this question for seconds, so once a load was seen, an unanswered
        question within the grace counts as yes; and a turn that started during the load and ends
        just after it (the loop the load kept busy catching up) is the swap's tail, not an outage."""
        try:
            status = await self._client.get(
                f"{self.rasa_url}/webhooks/model/status",
                headers={"Authorization": f"Bearer {self.auth_token}"},
                timeout=max(1.0, min(3.0, self.timeout / 2)),
            )
            body = status.json() if status.status_code == 200 else {}
            loading = bool(body.get("loading"))
            ago = body.get("swapped_seconds_ago")
        except (httpx.HTTPError, ValueError, AttributeError):
            seen = self._swap_seen_at
            return seen is not None and time.monotonic() - seen < 2 * SWAP_GRACE_SECONDS
        self._swap_seen_at = time.monotonic() if loading else None
        tail = isinstance(ago, int | float) and ago < self.timeout + SWAP_GRACE_SECONDS
        return loading or tail

    async def parse(self, text: str) -> Parse:
        """NLU only (no dialogue): the reading of messages that go to a person, not the bot."""
        body = await self._post(
            f"{self.rasa_url}/model/parse", params={"token": self.auth_token}, json={"text": text}
        )
        triage = _triage(body)
        if triage is None:
            raise AssistantUnavailable("assistant parse had no intent")
        return Parse(triage=triage, safety_concern=_safety_concern(body))

    async def resume(self, conversation_id: str, form: str) -> AssistantReply:
        """Runs ``form`` again in this conversation (Rasa's ``/conversations/{id}/execute``): the
        form the handoff interrupted re-activates with the answers it already has and asks its
        requested slot, i.e. the next question, instead of the bot starting over."""
        body = await self._post(
            f"{self.rasa_url}/conversations/{conversation_id}/execute",
            params={"token": self.auth_token},
            json={"name": form},
        )
        # ``execute`` runs the action but does not listen afterwards: without an action_listen the
        # citizen's next message is not read as an answer to the form's question (Rasa replies
        # nothing). Appending it makes the tracker what a normal turn leaves.
        await self._post(
            f"{self.rasa_url}/conversations/{conversation_id}/tracker/events",
            params={"token": self.auth_token},
            json=[{"event": "action", "name": "action_listen"}],
        )
        tracker = body.get("tracker") or {}
        loop = tracker.get("active_loop") or {}
        return reply_from_channel(
            {
                "messages": [m for m in body.get("messages") or [] if isinstance(m, dict) and m.get("text")],
                "active_form": loop.get("name") if isinstance(loop, dict) else None,
                "slots": tracker.get("slots") or {},
            }
        )

    async def ready(self) -> dict[str, bool]:
        checks = {"rasa_model_loaded": False, "action_server": False}
        try:
            status = await self._client.get(
                f"{self.rasa_url}/status", params={"token": self.auth_token}, timeout=2.0
            )
            checks["rasa_model_loaded"] = status.status_code == 200 and bool(status.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            pass
        try:
            health = await self._client.get(f"{self.action_server_url}/health", timeout=2.0)
            checks["action_server"] = health.status_code == 200
        except httpx.HTTPError:
            pass
        return checks

    async def loaded_model(self) -> str | None:
        """The file name of the model Rasa has loaded (``/status``), or None if it does not say."""
        try:
            status = await self._client.get(
                f"{self.rasa_url}/status", params={"token": self.auth_token}, timeout=2.0
            )
            name = status.json().get("model_file") if status.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None
        return str(name).rsplit("/", 1)[-1] if name else None

    async def close(self) -> None:
        await self._client.aclose()
