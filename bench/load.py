"""Load benchmark of the gateway (issue 3, "Benchmark"), on the real stack, in one run.

Starts Rasa (models/served.tar.gz), the action server and the gateway on free loopback ports with a
fresh database (tests/support/stack.py), then:

1. **Bot turns.** ``--citizens`` simulated citizens run a scripted conversation in a loop (greet, a
   speed camera question, a crime report with a few answers, "stop" + "yes", thanks; 0.2-1 s of
   think time before each message; a fresh conversation when one ends). Blocks of
   ``--block-seconds`` alternate, in ABBA order, between the gateway (POST a conversation, open its
   websocket, POST /messages) and Rasa's triage channel directly (same scripts, same concurrency),
   ``--seconds`` in all for each. A gateway turn is timed to the HTTP reply and to the last of its
   messages on the websocket; a direct turn to Rasa's reply. p50/p95/p99 and the ratio.
2. **Agent -> citizen relay**, during the gateway blocks: ``--agents`` agents (3 chats each, the
   default AGENT_CONCURRENCY) claim citizens who asked for a person and write to them; timed from
   the agent's POST to the {"type": "message"} event on the citizen's websocket. Every fourth
   message the citizen answers (timed to the agent's websocket).
3. **Messages lost**: at the end every gateway conversation's transcript is read back and compared
   with what was sent, answered and pushed.
4. **Memory and CPU**: VmRSS of each process and its children sampled every second (start, peak,
   end), and CPU time per process in each kind of block.
5. **Where the gateway's time goes**: the same turns one at a time on the idle stack, both ways,
   and the gateway's own database work per turn timed in-process (CitizenService with an instant
   fake assistant, on the same database).

Run from the repository root (figures on stdout and in bench/out/load.json)::

    .venv/bin/python bench/load.py [--citizens 50] [--seconds 60] [--backend sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import httpx
import websockets
from websockets.asyncio.client import ClientConnection

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The stack's processes and `triage users add` import this checkout, not an installed copy.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

from handoff.adapters.database import create_engine, session_factory  # noqa: E402
from handoff.adapters.hub import Hub  # noqa: E402
from handoff.service.citizen import CitizenInput, CitizenService  # noqa: E402
from handoff.service.notify import Notifier  # noqa: E402
from handoff.service.wording import ASSISTANT_DOWN  # noqa: E402
from handoff.settings import Settings  # noqa: E402
from tests.support.fakes import FakeAssistant  # noqa: E402
from tests.support.scripts import answer_for  # noqa: E402
from tests.support.stack import PASSWORD, Stack, start_stack  # noqa: E402

GATEWAY, DIRECT = "gateway", "direct"
AGENT_THINK_SECONDS = (0.3, 1.0)
CITIZEN_REPLY_EVERY = 4
WS_WAIT_SECONDS = 5.0
HTTP_TIMEOUT_SECONDS = 30.0
FORM_ANSWERS = 3
RELAY_GOAL_P95_MS = 50.0
RATIO_GOAL = 1.15
PROBE_SECONDS = 0.2
OTHERS = "everything else"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

GREETINGS = ["hello", "hi there", "good morning"]
SPEED_QUESTIONS = [
    "when will I get the letter if a speed camera flashed me",
    "can I get a copy of the photo from the speed camera",
    "will I be offered a speed awareness course instead of points",
    "how many points do you get for going through a speed camera",
    "where are the mobile speed cameras this week",
]
CRIME_OPENINGS = [
    "someone stole my bike from outside the library last night",
    "my shed was broken into over the weekend and my tools were taken",
    "I want to report a theft from my car",
]
THANKS = ["thanks", "thank you for your help", "cheers"]
ASK_FOR_A_PERSON = "I want to talk to a real person"
PAYLOAD_AS_TEXT = {"/affirm": "yes", "/deny": "no"}
AGENT_LINES = [
    "Hello, I'm from the contact centre. How can I help?",
    "Thanks, I've noted that. Can you tell me a little more?",
    "I'm checking that for you now.",
]
CITIZEN_LINES = ["ok, thank you", "it was last Tuesday afternoon", "yes, that's right"]


# --- figures -------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (q in 0..100)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Summary:
    """Latency figures in milliseconds."""

    n: int
    p50: float
    p95: float
    p99: float
    mean: float
    max: float

    @classmethod
    def of(cls, seconds: list[float]) -> Summary | None:
        if not seconds:
            return None
        ms = [s * 1000 for s in seconds]
        return cls(
            n=len(ms),
            p50=percentile(ms, 50),
            p95=percentile(ms, 95),
            p99=percentile(ms, 99),
            mean=statistics.fmean(ms),
            max=max(ms),
        )


@dataclass
class Metrics:
    """Raw timings (seconds) and counts; latencies are kept only while ``measuring``."""

    measuring: bool = False
    gateway_http: list[float] = field(default_factory=list)
    gateway_ws: list[float] = field(default_factory=list)
    direct: list[float] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    agent_to_citizen: list[float] = field(default_factory=list)
    citizen_to_agent: list[float] = field(default_factory=list)
    agent_post: list[float] = field(default_factory=list)
    # Per kind of block: the gateway's /healthz (its event loop) and this process's own loop lag.
    healthz: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    loop_lag: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    assistant_down: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    left_the_bot: Counter[str] = field(default_factory=Counter)
    unscripted_questions: Counter[str] = field(default_factory=Counter)
    ws_late: Counter[str] = field(default_factory=Counter)
    conversations: Counter[str] = field(default_factory=Counter)

    def keep(self, series: list[float], seconds: float) -> None:
        if self.measuring:
            series.append(seconds)

    def error(self, where: str, what: str) -> None:
        self.errors[f"{where}: {what}"] += 1


# --- websockets ----------------------------------------------------------------------------------

Key = Callable[[dict[str, Any]], Hashable | None]


def message_id(event: dict[str, Any]) -> Hashable | None:
    """Citizen socket: every message event, by message id."""
    return int(event["message"]["id"]) if event.get("type") == "message" else None


def citizen_text(event: dict[str, Any]) -> Hashable | None:
    """Agent socket: the citizen's messages, by (conversation, text)."""
    if event.get("type") != "message" or event["message"].get("sender") != "citizen":
        return None
    return (event.get("conversation_id"), event["message"]["text"])


class PushSocket:
    """A websocket client that timestamps every message event as it arrives."""

    def __init__(self, connection: ClientConnection, key: Key) -> None:
        self.connection = connection
        self.key = key
        self.arrived: dict[Hashable, float] = {}
        self.messages: dict[Hashable, dict[str, Any]] = {}
        self.duplicates = 0
        self.events = 0
        self._waiters: dict[Hashable, asyncio.Future[float]] = {}
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def connect(cls, url: str, key: Key, headers: dict[str, str] | None = None) -> PushSocket:
        connection = await websockets.connect(url, additional_headers=headers, open_timeout=30)
        return cls(connection, key)

    async def _read(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            async for raw in self.connection:
                now = time.perf_counter()
                self.events += 1
                event = json.loads(raw)
                key = self.key(event)
                if key is None:
                    continue
                if key in self.arrived:
                    self.duplicates += 1
                    continue
                self.arrived[key] = now
                self.messages[key] = event["message"]
                waiter = self._waiters.pop(key, None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(now)

    async def arrival(self, key: Hashable) -> float | None:
        """When the event arrived (perf_counter), waiting up to WS_WAIT_SECONDS; None if it never did."""
        if key in self.arrived:
            return self.arrived[key]
        waiter = asyncio.get_running_loop().create_future()
        self._waiters[key] = waiter
        try:
            return await asyncio.wait_for(waiter, WS_WAIT_SECONDS)
        except TimeoutError:
            self._waiters.pop(key, None)
            return None

    async def close(self) -> None:
        await self.connection.close()
        with contextlib.suppress(Exception):
            await self._reader


# --- chats ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    texts: list[str]
    status: str


class Chat(Protocol):
    async def say(self, text: str) -> Reply | None: ...
    async def close(self) -> None: ...


@dataclass
class ConversationLog:
    """Everything one gateway conversation sent and received, to check against its transcript."""

    conversation_id: str
    token: str
    kind: str
    welcome_ids: set[int] = field(default_factory=set)
    sent: list[str] = field(default_factory=list)  # citizen texts the gateway acknowledged
    unacknowledged: list[str] = field(default_factory=list)  # error or timeout: stored or not
    received: dict[int, tuple[str, str]] = field(default_factory=dict)  # HTTP replies, agent POSTs
    pushed: dict[int, tuple[str, str]] = field(default_factory=dict)  # citizen websocket
    duplicate_pushes: int = 0


class GatewayChat:
    """A citizen on the public API with the conversation's websocket open."""

    def __init__(self, http: httpx.AsyncClient, metrics: Metrics, log: ConversationLog, socket: PushSocket):
        self.http = http
        self.metrics = metrics
        self.log = log
        self.socket = socket
        self.path = f"/api/chat/conversations/{log.conversation_id}"
        self.headers = {"Authorization": f"Bearer {log.token}"}

    @classmethod
    async def open(
        cls, http: httpx.AsyncClient, ws_base: str, metrics: Metrics, kind: str = "bot"
    ) -> GatewayChat | None:
        started = time.perf_counter()
        try:
            response = await http.post("/api/chat/conversations")
        except httpx.HTTPError as error:
            metrics.error("gateway POST /conversations", type(error).__name__)
            return None
        if response.status_code != 201:
            metrics.error("gateway POST /conversations", str(response.status_code))
            return None
        metrics.keep(metrics.starts, time.perf_counter() - started)
        body = response.json()
        log = ConversationLog(body["conversation_id"], body["token"], kind)
        for message in body["messages"]:
            log.welcome_ids.add(message["id"])
            log.received[message["id"]] = (message["sender"], message["text"])
        url = f"{ws_base}/api/chat/conversations/{log.conversation_id}/ws?token={log.token}"
        try:
            socket = await PushSocket.connect(url, message_id)
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            metrics.error("gateway citizen websocket", type(error).__name__)
            return None
        if metrics.measuring and kind == "bot":
            metrics.conversations[GATEWAY] += 1
        return cls(http, metrics, log, socket)

    async def post(self, text: str) -> dict[str, Any] | None:
        """POST a message; the reply body, or None (counted) when the gateway refused or failed."""
        try:
            response = await self.http.post(
                f"{self.path}/messages", json={"text": text}, headers=self.headers
            )
        except httpx.HTTPError as error:
            self.metrics.error("gateway POST /messages", type(error).__name__)
            self.log.unacknowledged.append(text)
            return None
        if response.status_code != 200:
            self.metrics.error("gateway POST /messages", str(response.status_code))
            self.log.unacknowledged.append(text)
            return None
        self.log.sent.append(text)
        body: dict[str, Any] = response.json()
        for message in body["messages"]:
            self.log.received[message["id"]] = (message["sender"], message["text"])
        return body

    async def say(self, text: str) -> Reply | None:
        started = time.perf_counter()
        body = await self.post(text)
        if body is None:
            return None
        self.metrics.keep(self.metrics.gateway_http, time.perf_counter() - started)
        if self.metrics.measuring and any(m["text"] == ASSISTANT_DOWN for m in body["messages"]):
            self.metrics.assistant_down += 1
        arrivals = [await self.socket.arrival(m["id"]) for m in body["messages"]]
        if arrivals and all(a is not None for a in arrivals):
            self.metrics.keep(self.metrics.gateway_ws, max(a for a in arrivals if a is not None) - started)
        elif arrivals:
            self.metrics.ws_late["bot reply not on the citizen websocket within 5 s"] += 1
        return Reply([m["text"] for m in body["messages"]], body["state"]["status"])

    async def close(self) -> None:
        await self.socket.close()
        self.log.pushed = {
            k: (m["sender"], m["text"]) for k, m in self.socket.messages.items() if isinstance(k, int)
        }
        self.log.duplicate_pushes = self.socket.duplicates


class DirectChat:
    """The same citizen talking to Rasa's triage channel with no gateway in between."""

    def __init__(self, http: httpx.AsyncClient, stack: Stack, metrics: Metrics) -> None:
        self.http = http
        self.url = f"{stack.rasa_url}/webhooks/triage/webhook"
        self.headers = {"X-Channel-Token": stack.channel_token}
        self.sender = f"bench-{uuid.uuid4().hex}"
        self.metrics = metrics
        if metrics.measuring:
            metrics.conversations[DIRECT] += 1

    async def say(self, text: str) -> Reply | None:
        started = time.perf_counter()
        try:
            response = await self.http.post(
                self.url, json={"sender": self.sender, "message": text}, headers=self.headers
            )
        except httpx.HTTPError as error:
            self.metrics.error("rasa POST /webhooks/triage/webhook", type(error).__name__)
            return None
        if response.status_code != 200:
            self.metrics.error("rasa POST /webhooks/triage/webhook", str(response.status_code))
            return None
        self.metrics.keep(self.metrics.direct, time.perf_counter() - started)
        return Reply([str(m.get("text") or "") for m in response.json().get("messages", [])], "bot")

    async def close(self) -> None:
        return None


# --- the scripted citizen ------------------------------------------------------------------------


def form_answer(reply: Reply, metrics: Metrics) -> str:
    question = " ".join(reply.texts)
    step = answer_for(question)
    if step is None:
        metrics.unscripted_questions[question[:80]] += 1
        return "I don't know"
    return PAYLOAD_AS_TEXT.get(step.send, step.send)


async def scripted_conversation(
    chat: Chat, rng: random.Random, deadline: float, metrics: Metrics, think: tuple[float, float]
) -> None:
    """Greet, ask about speed cameras, start a crime report and answer a few questions, stop it,
    say thanks. Ends early at the deadline or if the chat leaves the assistant."""

    async def turn(text: str) -> Reply | None:
        await asyncio.sleep(rng.uniform(*think))
        if time.monotonic() >= deadline:
            return None
        reply = await chat.say(text)
        if reply is not None and reply.status != "bot":
            metrics.left_the_bot[f"state {reply.status!r} after {text!r}"] += 1
            return None
        return reply

    reply: Reply | None = None
    for text in (rng.choice(GREETINGS), rng.choice(SPEED_QUESTIONS), rng.choice(CRIME_OPENINGS)):
        if (reply := await turn(text)) is None:
            return
    for _ in range(FORM_ANSWERS):
        assert reply is not None
        if (reply := await turn(form_answer(reply, metrics))) is None:
            return
    for text in ("stop", "yes", rng.choice(THANKS)):
        if await turn(text) is None:
            return


# --- agents --------------------------------------------------------------------------------------


@dataclass
class AgentSession:
    username: str
    http: httpx.AsyncClient
    csrf: str
    socket: PushSocket
    chats: list[GatewayChat] = field(default_factory=list)
    sent: int = 0  # messages so far, across blocks: it makes every text unique

    async def post(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        return await self.http.post(path, json=body or {}, headers={"X-CSRF-Token": self.csrf})


async def log_in_agent(stack: Stack, username: str) -> AgentSession:
    http = httpx.AsyncClient(base_url=stack.gateway_url, timeout=HTTP_TIMEOUT_SECONDS)
    response = await http.post("/api/agent/login", json={"username": username, "password": PASSWORD})
    response.raise_for_status()
    csrf = response.json()["csrf_token"]
    presence = await http.post(
        "/api/agent/presence", json={"presence": "available"}, headers={"X-CSRF-Token": csrf}
    )
    presence.raise_for_status()
    cookie = f"triage_session={http.cookies.get('triage_session')}"
    ws_url = stack.gateway_url.replace("http://", "ws://") + "/api/agent/ws"
    socket = await PushSocket.connect(ws_url, citizen_text, {"Cookie": cookie})
    return AgentSession(username, http, csrf, socket)


async def hand_over(agent: AgentSession, chat: GatewayChat) -> None:
    """The citizen asks for a person and this agent claims the chat."""
    body = await chat.post(ASK_FOR_A_PERSON)
    if body is None or body["state"]["status"] != "queued":
        raise RuntimeError(f"asking for a person did not queue the chat: {body}")
    claimed = await agent.post(f"/api/agent/conversations/{chat.log.conversation_id}/claim")
    if claimed.status_code != 200:
        raise RuntimeError(f"claim failed: {claimed.status_code} {claimed.text}")
    agent.chats.append(chat)


async def relay_worker(agent: AgentSession, deadline: float, rng: random.Random, metrics: Metrics) -> None:
    """Write to each of this agent's chats in turn; now and then the citizen answers."""
    while True:
        await asyncio.sleep(rng.uniform(*AGENT_THINK_SECONDS))
        if time.monotonic() >= deadline:
            return
        chat = agent.chats[agent.sent % len(agent.chats)]
        agent.sent += 1
        number = agent.sent
        await agent_says(agent, chat, f"[{agent.username} #{number}] {rng.choice(AGENT_LINES)}", metrics)
        if number % CITIZEN_REPLY_EVERY == 0:
            answer = f"[reply to {agent.username} #{number}] {rng.choice(CITIZEN_LINES)}"
            await citizen_answers(agent, chat, answer, metrics)


async def agent_says(agent: AgentSession, chat: GatewayChat, text: str, metrics: Metrics) -> None:
    started = time.perf_counter()
    path = f"/api/agent/conversations/{chat.log.conversation_id}/messages"
    try:
        response = await agent.post(path, {"text": text})
    except httpx.HTTPError as error:
        metrics.error("gateway POST agent /messages", type(error).__name__)
        return
    if response.status_code != 200:
        metrics.error("gateway POST agent /messages", str(response.status_code))
        return
    metrics.keep(metrics.agent_post, time.perf_counter() - started)
    message = response.json()["message"]
    chat.log.received[message["id"]] = (message["sender"], message["text"])
    arrived = await chat.socket.arrival(message["id"])
    if arrived is None:
        metrics.ws_late["agent message not on the citizen websocket within 5 s"] += 1
    else:
        metrics.keep(metrics.agent_to_citizen, arrived - started)


async def citizen_answers(agent: AgentSession, chat: GatewayChat, text: str, metrics: Metrics) -> None:
    started = time.perf_counter()
    if await chat.post(text) is None:
        return
    arrived = await agent.socket.arrival((chat.log.conversation_id, text))
    if arrived is None:
        metrics.ws_late["citizen message not on the agent websocket within 5 s"] += 1
    else:
        metrics.keep(metrics.citizen_to_agent, arrived - started)


# --- processes: memory and CPU -------------------------------------------------------------------


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, CPU ticks used) for every process."""
    table: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return table


def _tree(root: int, table: dict[int, tuple[int, int]], stop: set[int]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table and pid not in stop:
            found.append(pid)
            todo.extend(children.get(pid, []))
    return found


def _machine_busy_ticks() -> int:
    """CPU ticks all cores have spent on anything but idling since boot (/proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return user + nice + system + irq + softirq + steal


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Usage:
    start_mib: float = 0.0
    peak_mib: float = 0.0
    end_mib: float = 0.0
    processes: int = 0


class ProcessMonitor:
    """Resident memory of each process tree, sampled every second; CPU ticks on demand."""

    def __init__(self, roots: dict[str, int]) -> None:
        self.roots = roots
        self.usage = {name: Usage() for name in roots}
        self.ticks_per_second = os.sysconf("SC_CLK_TCK")
        self.samples = 0

    def sample(self) -> dict[str, int]:
        """Records RSS; returns the CPU ticks each tree has used so far."""
        table = _proc_table()
        ticks: dict[str, int] = {}
        others = set(self.roots.values())
        for name, root in self.roots.items():
            # The stack's processes are this script's children: each tree stops at another root.
            pids = _tree(root, table, others - {root})
            mib = sum(_rss_kib(pid) for pid in pids) / 1024
            usage = self.usage[name]
            if self.samples == 0:
                usage.start_mib = mib
            usage.peak_mib = max(usage.peak_mib, mib)
            usage.end_mib = mib
            usage.processes = max(usage.processes, len(pids))
            ticks[name] = sum(table[pid][1] for pid in pids)
        # Whatever else runs on the machine meanwhile (the PostgreSQL server, other people's work).
        ticks[OTHERS] = _machine_busy_ticks() - sum(ticks.values())
        self.samples += 1
        return ticks

    async def run(self, interval: float = 1.0) -> None:
        while True:
            self.sample()
            await asyncio.sleep(interval)


# --- the run -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    citizens: int
    seconds: float
    backend: str
    block_seconds: float
    warmup_seconds: float
    agents: int
    think: tuple[float, float]
    solo_conversations: int
    seed: int
    out: Path


@dataclass
class Bench:
    options: Options
    stack: Stack
    metrics: Metrics
    gateway_http: httpx.AsyncClient
    rasa_http: httpx.AsyncClient
    monitor: ProcessMonitor
    logs: list[ConversationLog] = field(default_factory=list)
    wall: Counter[str] = field(default_factory=Counter)
    cpu_ticks: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def ws_base(self) -> str:
        return self.stack.gateway_url.replace("http://", "ws://")

    async def open_chat(self, mode: str, metrics: Metrics) -> Chat | None:
        if mode == DIRECT:
            return DirectChat(self.rasa_http, self.stack, metrics)
        chat = await GatewayChat.open(self.gateway_http, self.ws_base, metrics)
        if chat is not None:
            self.logs.append(chat.log)
        return chat


async def citizen_worker(bench: Bench, mode: str, index: int, round_: int, deadline: float) -> None:
    # The same seed for both modes in a round: the same scripts go each way.
    rng = random.Random(f"{bench.options.seed}-{round_}-{index}")
    while time.monotonic() < deadline:
        chat = await bench.open_chat(mode, bench.metrics)
        if chat is None:
            await asyncio.sleep(1)
            continue
        try:
            await scripted_conversation(chat, rng, deadline, bench.metrics, bench.options.think)
        finally:
            await chat.close()


async def probe(bench: Bench, mode: str, deadline: float) -> None:
    """Every PROBE_SECONDS: how late this process's event loop wakes up, and how long the
    gateway takes to answer /healthz (no database, no Rasa: its event loop's responsiveness)."""
    metrics = bench.metrics
    while time.monotonic() < deadline:
        began = time.perf_counter()
        await asyncio.sleep(PROBE_SECONDS)
        metrics.keep(metrics.loop_lag[mode], time.perf_counter() - began - PROBE_SECONDS)
        began = time.perf_counter()
        try:
            response = await bench.gateway_http.get("/healthz")
        except httpx.HTTPError as error:
            metrics.error("gateway GET /healthz", type(error).__name__)
            continue
        if response.status_code == 200:
            metrics.keep(metrics.healthz[mode], time.perf_counter() - began)
        else:
            metrics.error("gateway GET /healthz", str(response.status_code))


async def run_block(bench: Bench, mode: str, round_: int, seconds: float, agents: list[AgentSession]) -> None:
    before = bench.monitor.sample()
    started = time.monotonic()
    deadline = started + seconds
    tasks = [citizen_worker(bench, mode, i, round_, deadline) for i in range(bench.options.citizens)]
    tasks.append(probe(bench, mode, deadline))
    if mode == GATEWAY:
        rng = random.Random(f"{bench.options.seed}-agents-{round_}")
        tasks += [relay_worker(agent, deadline, rng, bench.metrics) for agent in agents if agent.chats]
    await asyncio.gather(*tasks)
    if bench.metrics.measuring:
        bench.wall[mode] += time.monotonic() - started
        after = bench.monitor.sample()
        ticks = bench.cpu_ticks.setdefault(mode, Counter())
        for name, used in after.items():
            ticks[name] += used - before[name]


def block_plan(seconds: float, block_seconds: float) -> list[tuple[str, int, float]]:
    """ABBA order (gateway, direct, direct, gateway, ...) so drift weighs on both alike."""
    rounds = max(1, round(seconds / block_seconds))
    length = seconds / rounds
    plan = []
    for round_ in range(rounds):
        order = (GATEWAY, DIRECT) if round_ % 2 == 0 else (DIRECT, GATEWAY)
        plan += [(mode, round_, length) for mode in order]
    return plan


async def set_up_relay(bench: Bench) -> list[AgentSession]:
    agents = []
    for index in range(bench.options.agents):
        agent = await log_in_agent(bench.stack, f"bench_agent_{index}")
        for _ in range(3):
            chat = await GatewayChat.open(bench.gateway_http, bench.ws_base, bench.metrics, kind="agent")
            if chat is None:
                raise RuntimeError("could not open a conversation for the relay")
            bench.logs.append(chat.log)
            await hand_over(agent, chat)
        agents.append(agent)
    return agents


async def wind_down_relay(agents: list[AgentSession], metrics: Metrics) -> None:
    for agent in agents:
        for chat in agent.chats:
            closed = await agent.post(
                f"/api/agent/conversations/{chat.log.conversation_id}/close", {"outcome": "advice_given"}
            )
            if closed.status_code != 200:
                metrics.error("gateway POST agent /close", str(closed.status_code))
    await asyncio.sleep(1)  # let the "closed" pushes arrive before the sockets go
    for agent in agents:
        for chat in agent.chats:
            await chat.close()
        await agent.socket.close()
        await agent.http.aclose()


# --- messages lost -------------------------------------------------------------------------------


@dataclass
class LossReport:
    conversations: int = 0
    transcripts_unreadable: int = 0
    citizen_sent: int = 0
    citizen_missing: int = 0
    unacknowledged: int = 0
    unacknowledged_stored: int = 0
    replies_received: int = 0
    replies_missing: int = 0
    replies_changed: int = 0
    pushed: int = 0
    pushed_not_matching: int = 0
    pushed_twice: int = 0
    never_pushed: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return self.citizen_missing + self.replies_missing + self.replies_changed

    def check(self, log: ConversationLog, transcript: dict[str, Any]) -> None:
        stored = {int(m["id"]): (m["sender"], m["text"]) for m in transcript["messages"]}
        stored_citizen = Counter(text for sender, text in stored.values() if sender == "citizen")
        self.conversations += 1
        self.citizen_sent += len(log.sent)
        missing = Counter(log.sent) - stored_citizen
        self.citizen_missing += sum(missing.values())
        self.unacknowledged += len(log.unacknowledged)
        extra = stored_citizen - Counter(log.sent)
        self.unacknowledged_stored += sum(
            min(extra[text], count) for text, count in Counter(log.unacknowledged).items()
        )
        self.replies_received += len(log.received)
        for mid, message in log.received.items():
            if mid not in stored:
                self.replies_missing += 1
                self._note(f"{log.conversation_id}: message {mid} ({message[0]}) not in the transcript")
            elif stored[mid] != message:
                self.replies_changed += 1
                self._note(f"{log.conversation_id}: message {mid} differs from the transcript")
        self.pushed += len(log.pushed)
        self.pushed_twice += log.duplicate_pushes
        self.pushed_not_matching += sum(1 for mid, m in log.pushed.items() if stored.get(mid) != m)
        self.never_pushed += sum(1 for mid in stored if mid not in log.pushed and mid not in log.welcome_ids)
        if missing:
            self._note(f"{log.conversation_id}: citizen messages missing: {dict(missing)}")

    def _note(self, line: str) -> None:
        if len(self.details) < 10:
            self.details.append(line)


async def verify_transcripts(bench: Bench) -> LossReport:
    report = LossReport()
    semaphore = asyncio.Semaphore(10)

    async def one(log: ConversationLog) -> None:
        async with semaphore:
            response = await bench.gateway_http.get(
                f"/api/chat/conversations/{log.conversation_id}",
                headers={"Authorization": f"Bearer {log.token}"},
            )
        if response.status_code != 200:
            report.transcripts_unreadable += 1
            report._note(f"{log.conversation_id}: transcript answered {response.status_code}")
            return
        report.check(log, response.json())

    await asyncio.gather(*(one(log) for log in bench.logs))
    return report


# --- where the gateway's time goes ---------------------------------------------------------------


async def solo_turns(bench: Bench) -> dict[str, Summary | None]:
    """The same scripted conversations one turn at a time, no think time, on the idle stack."""
    metrics = Metrics(measuring=True)
    for index in range(bench.options.solo_conversations):
        for mode in (GATEWAY, DIRECT):
            chat = await bench.open_chat(mode, metrics)
            if chat is None:
                continue
            rng = random.Random(f"{bench.options.seed}-solo-{index}")
            try:
                await scripted_conversation(chat, rng, float("inf"), metrics, (0.0, 0.0))
            finally:
                await chat.close()
    bench.metrics.errors.update(metrics.errors)
    return {
        "gateway_http": Summary.of(metrics.gateway_http),
        "gateway_ws": Summary.of(metrics.gateway_ws),
        "direct": Summary.of(metrics.direct),
    }


async def gateway_database_work(database_url: str, conversations: int = 10, turns: int = 6) -> dict[str, Any]:
    """The gateway's own work for a bot turn, minus HTTP and Rasa: CitizenService.post with an
    instant fake assistant (store the citizen message, apply the reply, read for the pushes) and
    the per-request authorisation read, timed in this process against the same database."""
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    settings = Settings(database_url=database_url)

    def clock() -> datetime:
        return datetime.now(UTC)

    service = CitizenService(
        sessions, settings, FakeAssistant(), Notifier(Hub(), sessions, settings, clock), clock
    )
    starts: list[float] = []
    posts: list[float] = []
    reads: list[float] = []
    try:
        for _ in range(conversations):
            began = time.perf_counter()
            conversation_id, _ = await service.start()
            starts.append(time.perf_counter() - began)
            for _ in range(turns):
                began = time.perf_counter()
                await service.state(conversation_id)
                reads.append(time.perf_counter() - began)
                began = time.perf_counter()
                await service.post(conversation_id, CitizenInput(text="hello"))
                posts.append(time.perf_counter() - began)
    finally:
        await engine.dispose()
    return {
        "start_conversation": Summary.of(starts),
        "authorise_read": Summary.of(reads),
        "post_turn_db_work": Summary.of(posts),
    }


def log_findings(path: Path) -> dict[str, Any]:
    """Warnings, errors and tracebacks in a process log (distinct lines, timestamps dropped)."""
    if not path.exists():
        return {"warnings": 0, "errors": 0, "tracebacks": 0, "samples": []}
    lines = path.read_text(errors="replace").splitlines()
    flagged = [line for line in lines if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line)]
    distinct = Counter(UUID.sub("<id>", re.sub(r"^[\d\-: ,.T]+", "", line))[:200] for line in flagged)
    return {
        "warnings": sum(1 for line in flagged if "WARNING" in line),
        "errors": sum(1 for line in flagged if re.search(r"\b(ERROR|CRITICAL)\b", line)),
        "tracebacks": sum(1 for line in lines if line.startswith("Traceback")),
        "samples": [f"{count} x {line}" for line, count in distinct.most_common(5)],
    }


# --- report --------------------------------------------------------------------------------------


def ratio(gateway: Summary | None, direct: Summary | None, attribute: str) -> float | None:
    if gateway is None or direct is None:
        return None
    return float(getattr(gateway, attribute)) / float(getattr(direct, attribute))


def build_results(
    bench: Bench, loss: LossReport, solo: dict[str, Summary | None], database: dict[str, Any]
) -> dict[str, Any]:
    m = bench.metrics
    latency = {
        "gateway_http": Summary.of(m.gateway_http),
        "gateway_ws": Summary.of(m.gateway_ws),
        "direct": Summary.of(m.direct),
        "conversation_start": Summary.of(m.starts),
    }
    turns = {GATEWAY: len(m.gateway_http), DIRECT: len(m.direct)}
    wall = {mode: bench.wall[mode] for mode in (GATEWAY, DIRECT)}
    tick = bench.monitor.ticks_per_second
    cpu = {
        mode: {name: ticks / tick / wall[mode] for name, ticks in bench.cpu_ticks.get(mode, {}).items()}
        for mode in (GATEWAY, DIRECT)
        if wall[mode]
    }
    stack = bench.stack
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "options": {**asdict(bench.options), "out": str(bench.options.out)},
        "bot_turn_ms": latency,
        "turns": turns,
        "turns_per_second": {mode: turns[mode] / wall[mode] for mode in turns if wall[mode]},
        "measured_seconds": wall,
        "conversations": dict(m.conversations),
        "ratio_gateway_over_direct": {
            "p50": ratio(latency["gateway_http"], latency["direct"], "p50"),
            "p95": ratio(latency["gateway_http"], latency["direct"], "p95"),
            "p99": ratio(latency["gateway_http"], latency["direct"], "p99"),
            "goal": RATIO_GOAL,
        },
        "relay_ms": {
            "agent_to_citizen": Summary.of(m.agent_to_citizen),
            "citizen_to_agent": Summary.of(m.citizen_to_agent),
            "agent_post_http": Summary.of(m.agent_post),
            "goal_p95": RELAY_GOAL_P95_MS,
        },
        "gateway_healthz_ms": {mode: Summary.of(m.healthz[mode]) for mode in (GATEWAY, DIRECT)},
        "load_generator_loop_lag_ms": {mode: Summary.of(m.loop_lag[mode]) for mode in (GATEWAY, DIRECT)},
        "assistant_timeouts": {
            "turns": m.assistant_down,
            "share": m.assistant_down / turns[GATEWAY] if turns[GATEWAY] else None,
        },
        "messages": {**asdict(loss), "lost": loss.lost},
        "errors": dict(m.errors),
        "left_the_bot": dict(m.left_the_bot),
        "websocket_late": dict(m.ws_late),
        "unscripted_questions": dict(m.unscripted_questions),
        "memory_mib": {name: asdict(usage) for name, usage in bench.monitor.usage.items()},
        "memory_samples": bench.monitor.samples,
        "cpu_cores_busy": cpu,
        "idle_one_turn_at_a_time_ms": solo,
        "gateway_database_work_ms": database,
        "logs": {name: log_findings(proc.log) for name, proc in stack.processes.items()},
    }


def _row(label: str, summary: Summary | None, extra: str = "") -> str:
    if summary is None:
        return f"  {label:<34}{'(no data)':>16}"
    return (
        f"  {label:<34}{summary.n:>7}{summary.p50:>9.1f}{summary.p95:>9.1f}{summary.p99:>9.1f}"
        f"{summary.mean:>9.1f}{summary.max:>9.1f}  {extra}"
    )


def _fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


HEADER = f"  {'':<34}{'n':>7}{'p50':>9}{'p95':>9}{'p99':>9}{'mean':>9}{'max':>9}"


def print_latency(results: dict[str, Any]) -> None:
    o, seconds = results["options"], results["measured_seconds"]
    lat, tps = results["bot_turn_ms"], results["turns_per_second"]
    ratios, timeouts = results["ratio_gateway_over_direct"], results["assistant_timeouts"]
    print(
        f"\nLoad benchmark: {o['citizens']} citizens (think {o['think'][0]}-{o['think'][1]} s), "
        f"{o['backend']}, {seconds[GATEWAY]:.0f} s via the gateway + {seconds[DIRECT]:.0f} s direct "
        f"in alternating blocks, {o['agents']} agents x 3 chats, {results['machine']['cores']} cores"
    )
    print("\nBot turn latency (ms)")
    print(HEADER)
    print(
        _row("gateway: POST /messages -> HTTP", lat["gateway_http"], f"{_fmt(tps.get(GATEWAY), 1)} turns/s")
    )
    print(_row("gateway: POST -> last msg on ws", lat["gateway_ws"]))
    print(_row("direct: Rasa triage channel", lat["direct"], f"{_fmt(tps.get(DIRECT), 1)} turns/s"))
    print(_row("gateway: POST /conversations", lat["conversation_start"]))
    print(
        f"  ratio gateway/direct: p50 {_fmt(ratios['p50'])}, p95 {_fmt(ratios['p95'])}, "
        f"p99 {_fmt(ratios['p99'])} (goal <= {RATIO_GOAL})"
    )
    share = timeouts["share"]
    print(
        f"  gateway turns where Rasa took > RASA_TIMEOUT_SECONDS and the chat went to a person: "
        f"{timeouts['turns']} ({_fmt(None if share is None else share * 100, 1)} %)"
    )


def print_relay(results: dict[str, Any]) -> None:
    relay, healthz, lag = (
        results["relay_ms"],
        results["gateway_healthz_ms"],
        results["load_generator_loop_lag_ms"],
    )
    print("\nRelay latency (ms), during the gateway blocks")
    print(HEADER)
    print(_row("agent POST -> citizen ws", relay["agent_to_citizen"], f"goal p95 <= {RELAY_GOAL_P95_MS:.0f}"))
    print(_row("agent POST -> HTTP reply", relay["agent_post_http"]))
    print(_row("citizen POST -> agent ws", relay["citizen_to_agent"]))
    print("\nResponsiveness probes (ms, every 0.2 s)")
    print(HEADER)
    for mode in (GATEWAY, DIRECT):
        print(_row(f"gateway GET /healthz, {mode} blocks", healthz[mode]))
    for mode in (GATEWAY, DIRECT):
        print(_row(f"load generator loop lag, {mode}", lag[mode]))


def print_messages(results: dict[str, Any]) -> None:
    msgs = results["messages"]
    print("\nMessages (every gateway conversation's transcript read back)")
    print(
        f"  conversations {msgs['conversations']}, citizen messages sent {msgs['citizen_sent']}, "
        f"missing {msgs['citizen_missing']}; replies received {msgs['replies_received']}, "
        f"missing {msgs['replies_missing']}, changed {msgs['replies_changed']}"
    )
    print(
        f"  websocket pushes {msgs['pushed']}, not matching the transcript {msgs['pushed_not_matching']}, "
        f"pushed twice {msgs['pushed_twice']}, transcript messages never pushed {msgs['never_pushed']}"
    )
    print(
        f"  unacknowledged sends {msgs['unacknowledged']} (stored anyway {msgs['unacknowledged_stored']}); "
        f"unreadable transcripts {msgs['transcripts_unreadable']}"
    )
    print(f"  LOST: {msgs['lost']}")
    for line in msgs["details"]:
        print(f"    {line}")


def print_problems(results: dict[str, Any]) -> None:
    print("\nErrors and surprises")
    for name in ("errors", "left_the_bot", "websocket_late", "unscripted_questions"):
        print(f"  {name.replace('_', ' ')}: {results[name] or 'none'}")
    for name, found in results["logs"].items():
        print(
            f"  {name} log: {found['warnings']} warnings, {found['errors']} errors, "
            f"{found['tracebacks']} tracebacks"
        )
        for line in found["samples"]:
            print(f"    {line}")


def print_processes(results: dict[str, Any]) -> None:
    print(f"\nResident memory (MiB, process and children, {results['memory_samples']} samples, 1 s apart)")
    print(f"  {'':<22}{'start':>9}{'peak':>9}{'end':>9}{'procs':>7}")
    for name, usage in results["memory_mib"].items():
        print(
            f"  {name:<22}{usage['start_mib']:>9.0f}{usage['peak_mib']:>9.0f}{usage['end_mib']:>9.0f}"
            f"{usage['processes']:>7}"
        )
    cpu = results["cpu_cores_busy"]
    print("\nCPU (cores busy on average)")
    print(f"  {'':<22}{'gateway blocks':>16}{'direct blocks':>16}")
    for name in [*results["memory_mib"], OTHERS]:
        by_mode = [_fmt(cpu.get(mode, {}).get(name)) for mode in (GATEWAY, DIRECT)]
        print(f"  {name:<22}{by_mode[0]:>16}{by_mode[1]:>16}")


def print_breakdown(results: dict[str, Any]) -> None:
    solo = results["idle_one_turn_at_a_time_ms"]
    print("\nWhere the gateway's time goes (idle stack, one turn at a time, ms)")
    print(HEADER)
    print(_row("gateway: POST /messages -> HTTP", solo["gateway_http"]))
    print(_row("direct: Rasa triage channel", solo["direct"]))
    for name, summary in results["gateway_database_work_ms"].items():
        print(_row(f"in-process: {name.replace('_', ' ')}", summary))


def print_report(results: dict[str, Any]) -> None:
    for section in (
        print_latency,
        print_relay,
        print_messages,
        print_problems,
        print_processes,
        print_breakdown,
    ):
        section(results)
    print(f"\nFigures written to {results['options']['out']}; logs in {results['log_dir']}")


# --- main ----------------------------------------------------------------------------------------


async def measure(options: Options, stack: Stack) -> dict[str, Any]:
    roots = {name: proc.popen.pid for name, proc in stack.processes.items() if proc.popen}
    monitor = ProcessMonitor({**roots, "load generator": os.getpid()})
    limits = httpx.Limits(
        max_connections=options.citizens * 2 + 20, max_keepalive_connections=options.citizens * 2
    )
    async with (
        httpx.AsyncClient(
            base_url=stack.gateway_url, timeout=HTTP_TIMEOUT_SECONDS, limits=limits
        ) as gateway_http,
        httpx.AsyncClient(timeout=HTTP_TIMEOUT_SECONDS, limits=limits) as rasa_http,
    ):
        bench = Bench(options, stack, Metrics(), gateway_http, rasa_http, monitor)
        sampler = asyncio.create_task(monitor.run())
        try:
            print(f"setting up {options.agents} agents with 3 chats each ...", flush=True)
            agents = await set_up_relay(bench)
            print(f"warming up ({options.warmup_seconds:.0f} s each way) ...", flush=True)
            for mode in (GATEWAY, DIRECT):
                await run_block(bench, mode, -1, options.warmup_seconds, agents)
            bench.metrics.measuring = True
            for mode, round_, seconds in block_plan(options.seconds, options.block_seconds):
                print(f"  block {round_}: {mode} for {seconds:.0f} s", flush=True)
                await run_block(bench, mode, round_, seconds, agents)
            bench.metrics.measuring = False
            await wind_down_relay(agents, bench.metrics)
            print("reading back every transcript ...", flush=True)
            loss = await verify_transcripts(bench)
            print("timing idle turns and the gateway's database work ...", flush=True)
            solo = await solo_turns(bench)
            database = await gateway_database_work(stack.database_url)
            monitor.sample()
        finally:
            sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampler
    return build_results(bench, loss, solo, database)


def to_json(value: Any) -> Any:
    if isinstance(value, Summary):
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description="Load benchmark of the gateway on the real stack.")
    parser.add_argument("--citizens", type=int, default=50, help="concurrent simulated citizens (50)")
    parser.add_argument("--seconds", type=float, default=60, help="measured seconds each way (60)")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--block-seconds", type=float, default=15, help="length of one block (15)")
    parser.add_argument("--warmup-seconds", type=float, default=5, help="unmeasured warm-up each way (5)")
    parser.add_argument("--agents", type=int, default=4, help="agents, each holding 3 chats (4)")
    parser.add_argument(
        "--think", type=float, nargs=2, default=(0.2, 1.0), metavar=("MIN", "MAX"), help="seconds (0.2 1)"
    )
    parser.add_argument("--solo-conversations", type=int, default=3, help="idle conversations each way (3)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "load.json")
    args = parser.parse_args()
    return Options(
        citizens=args.citizens,
        seconds=args.seconds,
        backend=args.backend,
        block_seconds=args.block_seconds,
        warmup_seconds=args.warmup_seconds,
        agents=args.agents,
        think=(args.think[0], args.think[1]),
        solo_conversations=args.solo_conversations,
        seed=args.seed,
        out=args.out,
    )


def main() -> None:
    options = parse_options()
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    logs = options.out.parent / f"load-logs-{options.backend}"
    try:
        with ExitStack() as resources:
            print(f"starting Rasa, the action server and the gateway ({options.backend}) ...", flush=True)
            stack = start_stack(options.backend, workdir, resources)
            for index in range(options.agents):
                stack.add_user(f"bench_agent_{index}", "agent", f"Bench Agent {index}")
            results = asyncio.run(measure(options, stack))
        shutil.copytree(workdir / "logs", logs, dirs_exist_ok=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["log_dir"] = str(logs)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(to_json(results), indent=2) + "\n")
    print_report(results)


if __name__ == "__main__":
    main()
