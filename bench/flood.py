"""One client's flood against everyone else's latency (issue #11, item 2), in one run.

1. **Login flood** (``login``): the gateway process (``triage serve``, SQLite, no Rasa needed).
   Another citizen reads their transcript (``GET /api/chat/conversations/{id}``) one request at
   a time: first with nothing else going on (the baseline), then while ``--login-threads``
   clients post wrong passwords as fast as they are answered. Login throttling is set out of
   the way (a distributed flood: every attempt runs argon2), so this measures what argon2 does
   to the event loop.
2. **Bot-turn flood** (``turns``, needs ``models/served.tar.gz``): the real stack
   (tests/support/stack.py). Another citizen (its own loopback address) sends bot turns one at a
   time: the baseline, then while ``--senders`` conversations from one other address send
   turns back to back: once with ``RASA_CONCURRENCY_PER_CLIENT=0`` (no limit, as before) and once
   with the default (the gateway is restarted between them; Rasa keeps running).

Run from the repository root (figures on stdout and in bench/out/flood.json)::

    .venv/bin/python bench/flood.py [--only login|turns] [--samples 200] [--login-threads 8] [--senders 60]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

from handoff.adapters.migrate import upgrade  # noqa: E402
from handoff.settings import Settings  # noqa: E402
from tests.support.stack import PASSWORD, Process, Stack, free_port, start_stack  # noqa: E402

FLOODER = "127.0.0.2"
CITIZEN = "127.0.0.3"
TURNS = ["hello", "how long does a speeding ticket take to arrive?", "thanks"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50": round(percentile(ms, 50), 1),
        "p95": round(percentile(ms, 95), 1),
        "p99": round(percentile(ms, 99), 1),
        "mean": round(statistics.fmean(ms), 1),
    }


def client(base_url: str, local_address: str, connections: int = 10) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=60,
        transport=httpx.AsyncHTTPTransport(local_address=local_address),
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


async def timed(samples: int, call: Callable[[], Awaitable[None]]) -> list[float]:
    out = []
    for _ in range(samples):
        started = time.perf_counter()
        await call()
        out.append(time.perf_counter() - started)
    return out


async def during(flood: Callable[[asyncio.Event], Awaitable[int]], workers: int, measure: Any) -> Any:
    """Run ``workers`` flood loops while ``measure`` runs; returns (measure's result, flood count)."""
    stop = asyncio.Event()
    tasks = [asyncio.create_task(flood(stop)) for _ in range(workers)]
    await asyncio.sleep(1.0)  # let the flood build up
    try:
        result = await measure()
    finally:
        stop.set()
        counts = await asyncio.gather(*tasks, return_exceptions=True)
    return result, sum(c for c in counts if isinstance(c, int))


# --- 1. login flood ------------------------------------------------------------------------------


def start_gateway(workdir: Path, extra: dict[str, str]) -> tuple[Process, str]:
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "triage.db"
    upgrade(f"sqlite:///{database}")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "GATEWAY_HOST": "127.0.0.1",
        "GATEWAY_PORT": str(port),
        "SECRET_KEY": "bench-flood",
        "RASA_URL": f"http://127.0.0.1:{free_port()}",
        "IP_RATE_PER_MINUTE": "1000000",
        "CONVERSATION_RATE_PER_MINUTE": "1000000",
        **extra,
    }
    gateway = Process("gateway", [str(ROOT / ".venv/bin/triage"), "serve"], env, workdir / "gateway.log")
    gateway.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return gateway, url
        time.sleep(0.2)
    raise RuntimeError(f"gateway did not start:\n{gateway.tail()}")


def login_flood(workdir: Path, samples: int, threads: int) -> dict[str, Any]:
    throttle_off = {"LOGIN_MAX_FAILURES": "1000000", "LOGIN_ADDRESS_MAX_FAILURES": "1000000"}
    gateway, url = start_gateway(workdir, throttle_off)
    try:
        subprocess.run(
            [str(ROOT / ".venv/bin/triage"), "users", "add", "jo", "--role", "agent", "--password-stdin"],
            input=PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
            env={**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'triage.db'}"},
        )
        return asyncio.run(measure_logins(url, samples, threads))
    finally:
        gateway.stop()


async def measure_logins(url: str, samples: int, threads: int) -> dict[str, Any]:
    async with client(url, CITIZEN) as citizen, client(url, FLOODER, threads) as flooder:
        started = await citizen.post("/api/chat/conversations")
        body = started.json()
        path = f"/api/chat/conversations/{body['conversation_id']}"
        auth = {"Authorization": f"Bearer {body['token']}"}

        async def read() -> None:
            response = await citizen.get(path, headers=auth)
            assert response.status_code == 200, response.text

        async def flood(stop: asyncio.Event) -> int:
            sent = 0
            while not stop.is_set():
                response = await flooder.post(
                    "/api/agent/login", json={"username": "jo", "password": f"wrong guess {sent}"}
                )
                assert response.status_code in (401, 429), response.text
                sent += 1
            return sent

        await timed(20, read)  # warm-up
        baseline = await timed(samples, read)
        flood_started = time.perf_counter()
        flooded, logins = await during(flood, threads, lambda: timed(samples, read))
        flood_seconds = time.perf_counter() - flood_started
    return {
        "transcript_get_ms": {"baseline": summary(baseline), "login_flood": summary(flooded)},
        "login_threads": threads,
        "failed_logins_per_second": round(logins / flood_seconds, 1),
    }


# --- 2. bot-turn flood ---------------------------------------------------------------------------


async def turn_flood(stack: Stack, samples: int, senders: int, limit: str) -> dict[str, Any]:
    gateway = stack.processes["gateway"]
    gateway.stop()
    gateway.env["RASA_CONCURRENCY_PER_CLIENT"] = limit
    gateway.start()
    stack.wait_ready()
    async with (
        client(stack.gateway_url, CITIZEN) as citizen,
        client(stack.gateway_url, FLOODER, senders) as flooder,
    ):

        async def conversation(http: httpx.AsyncClient) -> tuple[str, dict[str, str]]:
            body = (await http.post("/api/chat/conversations")).json()
            return (
                f"/api/chat/conversations/{body['conversation_id']}/messages",
                {"Authorization": f"Bearer {body['token']}"},
            )

        state: dict[str, Any] = {"n": 0}

        async def turn() -> None:
            # A fresh conversation every few turns keeps Rasa's tracker (and its turn time) short.
            if state["n"] % len(TURNS) == 0:
                state["path"], state["auth"] = await conversation(citizen)
            text = TURNS[state["n"] % len(TURNS)]
            state["n"] += 1
            response = await citizen.post(state["path"], json={"text": text}, headers=state["auth"])
            assert response.status_code == 200, response.text

        async def flood(stop: asyncio.Event) -> int:
            sent = 0
            path, auth = await conversation(flooder)
            while not stop.is_set():
                if sent and sent % len(TURNS) == 0:
                    path, auth = await conversation(flooder)
                response = await flooder.post(path, json={"text": TURNS[sent % len(TURNS)]}, headers=auth)
                assert response.status_code == 200, response.text
                sent += 1
            return sent

        await timed(6, turn)  # warm-up
        baseline = await timed(samples, turn)
        started = time.perf_counter()
        flooded, turns = await during(flood, senders, lambda: timed(samples, turn))
        seconds = time.perf_counter() - started
    return {
        "rasa_concurrency_per_client": int(limit),
        "bot_turn_ms": {"baseline": summary(baseline), "flood": summary(flooded)},
        "flood_turns_per_second": round(turns / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["login", "turns"])
    parser.add_argument("--samples", type=int, default=200, help="measured requests per condition (200)")
    parser.add_argument("--turn-samples", type=int, default=45, help="measured bot turns per condition (45)")
    parser.add_argument("--login-threads", type=int, default=8)
    parser.add_argument("--senders", type=int, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "flood.json")
    args = parser.parse_args()
    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count()}}
    workdir = Path(tempfile.mkdtemp(prefix="bench-flood-"))
    if args.only in (None, "login"):
        print(f"login flood: {args.login_threads} clients posting wrong passwords ...", flush=True)
        results["login"] = login_flood(workdir / "login", args.samples, args.login_threads)
        print(json.dumps(results["login"], indent=2), flush=True)
    if args.only in (None, "turns"):
        print("starting Rasa, the action server and the gateway ...", flush=True)
        with ExitStack() as resources:
            stack = start_stack("sqlite", workdir / "stack", resources)
            default = str(Settings().rasa_concurrency_per_client)
            results["turns"] = []
            for limit in ("0", default):
                print(f"bot-turn flood: {args.senders} senders, RASA_CONCURRENCY_PER_CLIENT={limit} ...")
                run = asyncio.run(turn_flood(stack, args.turn_samples, args.senders, limit))
                results["turns"].append(run)
                print(json.dumps(run, indent=2), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
