"""RasaClient against tiny local HTTP servers: timeouts, refusals and bad answers all become
AssistantUnavailable, and the channel's JSON decodes into the reply the gateway uses."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from handoff.adapters.rasa import AssistantUnavailable, RasaClient

Respond = Callable[[bytes], Awaitable[bytes]]


@asynccontextmanager
async def http_server(respond: Respond) -> AsyncIterator[str]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            (
                int(line.split(b":")[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            ),
            0,
        )
        body = await reader.readexactly(length) if length else b""
        try:
            writer.write(await respond(body))
            await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"http://127.0.0.1:{port}"


def ok(payload: object, status: str = "200 OK") -> bytes:
    body = json.dumps(payload).encode()
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def client(url: str, timeout: float = 0.3) -> RasaClient:
    return RasaClient(url, channel_token="t", auth_token="a", action_server_url=url, timeout_seconds=timeout)


async def test_a_slow_assistant_times_out_within_the_limit() -> None:
    async def slow(_: bytes) -> bytes:
        await asyncio.sleep(3)
        return ok({})

    async with http_server(slow) as url:
        rasa = client(url, timeout=0.3)
        started = time.monotonic()
        with pytest.raises(AssistantUnavailable):
            await rasa.send("c1", "hello")
        assert time.monotonic() - started < 1.5
        await rasa.close()


async def test_a_turn_slower_than_the_timeout_waits_while_the_model_is_swapped() -> None:
    async def swapping(body: bytes) -> bytes:
        if not body:  # GET /webhooks/model/status
            return ok({"model": "old.tar.gz", "loading": "new.tar.gz", "error": None})
        await asyncio.sleep(0.8)  # the turn, slowed by the load
        return ok({"messages": [{"text": "Hello!"}], "parse": {"intent": {"name": "greet", "confidence": 1}}})

    async with http_server(swapping) as url:
        rasa = client(url, timeout=0.3)
        reply = await rasa.send("c1", "hello")
        assert [m.text for m in reply.messages] == ["Hello!"]
        await rasa.close()


@pytest.mark.parametrize(("ago", "waits"), [(0.5, True), (3600.0, False)])
async def test_a_turn_finishing_just_after_a_swap_is_the_swaps_tail(ago: float, waits: bool) -> None:
    """The load has ended (``loading`` is null) but the turn, started during it, is still running:
    moments after the swap that is the swap's tail; an hour after it, an outage."""

    async def after_swap(body: bytes) -> bytes:
        if not body:  # GET /webhooks/model/status
            return ok({"model": "new.tar.gz", "loading": None, "error": None, "swapped_seconds_ago": ago})
        await asyncio.sleep(0.8)
        return ok({"messages": [{"text": "Hello!"}], "parse": {"intent": {"name": "greet", "confidence": 1}}})

    async with http_server(after_swap) as url:
        rasa = client(url, timeout=0.3)
        if waits:
            reply = await rasa.send("c1", "hello")
            assert [m.text for m in reply.messages] == ["Hello!"]
        else:
            with pytest.raises(AssistantUnavailable):
                await rasa.send("c1", "hello")
        await rasa.close()


async def test_a_refused_connection_is_unavailable() -> None:
    rasa = client("http://127.0.0.1:9")  # discard port: nothing listens
    with pytest.raises(AssistantUnavailable):
        await rasa.send("c1", "hello")
    await rasa.close()


@pytest.mark.parametrize(
    "answer",
    [
        ok({"error": "boom"}, "500 Internal Server Error"),
        b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnot",
        ok(["a", "list"]),
    ],
)
async def test_errors_and_garbage_are_unavailable(answer: bytes) -> None:
    async def respond(_: bytes) -> bytes:
        return answer

    async with http_server(respond) as url:
        rasa = client(url)
        with pytest.raises(AssistantUnavailable):
            await rasa.send("c1", "hello")
        await rasa.close()


async def test_the_channel_reply_is_decoded_with_signals_and_parse() -> None:
    seen: list[dict[str, object]] = []

    async def respond(body: bytes) -> bytes:
        seen.append(json.loads(body))
        return ok(
            {
                "messages": [{"text": "Call 999 now.", "buttons": []}],
                "parse": {
                    "intent": {"name": "emergency", "confidence": 1.0},
                    "safety": {"category": "emergency", "concern": "weapon", "rule": "x"},
                },
                "active_form": None,
                "slots": {"report_fields": {"crime_when": {"label": "When", "display": "last night"}}},
                "signals": {
                    "emergency": True,
                    "emergency_concern": "weapon",
                    "handoff": {"reason": "emergency", "priority": 0},
                    "report": None,
                },
            }
        )

    async with http_server(respond) as url:
        rasa = client(url)
        reply = await rasa.send("c1", "he has a knife")
        await rasa.close()
    assert seen == [{"sender": "c1", "message": "he has a knife"}]
    assert reply.emergency and reply.emergency_concern == "weapon" and reply.safety_concern == "weapon"
    assert reply.triage is not None and reply.triage.intent == "emergency"
    assert reply.handoff_reason == "emergency"
    assert reply.report_fields == {"crime_when": {"label": "When", "display": "last night"}}
    assert [m.text for m in reply.messages] == ["Call 999 now."]


def test_a_retrieval_answer_key_is_kept_beside_the_intent() -> None:
    from handoff.adapters.rasa import reply_from_channel

    reply = reply_from_channel(
        {
            "messages": [{"text": "Report fraud to Action Fraud."}],
            "parse": {
                "intent": {"name": "signpost", "confidence": 0.9},
                "retrieval_intent": "signpost/fraud",
            },
        }
    )
    assert reply.triage is not None
    assert (reply.triage.intent, reply.triage.answer_key) == ("signpost", "signpost/fraud")
    other = reply_from_channel({"parse": {"intent": {"name": "greet"}, "retrieval_intent": "signpost/fraud"}})
    assert other.triage is not None and other.triage.answer_key is None
