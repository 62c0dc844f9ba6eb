"""Promotion and rollback against the running Rasa server: no conversation dropped, and no citizen
sent to the human queue while the model is swapped under load."""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from analytics.registry import ACCEPTED, ModelRecord, Registry
from tests.support.server import Citizen
from tests.support.stack import MODEL, ROOT, Stack

pytestmark = pytest.mark.integration

CITIZENS = 8
TURNS = ("hello", "how long does a speeding ticket take to arrive", "thanks")
# Seconds between one citizen's messages: far busier than the public (3-10 s in bench/), so the
# swap is tried under a load that keeps Rasa busy throughout.
THINK = (0.5, 1.5)


def triage(project: Path, stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RASA_URL": stack.rasa_url, "RASA_AUTH_TOKEN": stack.auth_token}
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "triage"), "model", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


async def loaded(stack: Stack, http: httpx.AsyncClient) -> str:
    """The model the gateway says Rasa has loaded (/readyz names it)."""
    response = await http.get("/readyz")
    assert response.status_code == 200, response.text
    return str(response.json()["model"])


def project_with_two_models(tmp_path: Path) -> tuple[Path, str, str]:
    project = tmp_path / "project"
    (project / "models" / "candidates").mkdir(parents=True)
    registry = Registry.for_project(project)
    original = MODEL.resolve().name.removesuffix(".tar.gz")
    (project / "models" / f"{original}.tar.gz").symlink_to(MODEL.resolve())
    registry.register(ModelRecord(name=original, path=f"{original}.tar.gz", fingerprint="a"))
    registry.record_verdict(
        original, status=ACCEPTED, absolute=[], relative=[], compared_with=None, report=None
    )
    registry.serve_first(original, by="test")
    candidate = "candidate-20260101T000000Z"
    shutil.copy(MODEL.resolve(), project / "models" / "candidates" / f"{candidate}.tar.gz")
    registry.register(ModelRecord(name=candidate, path=f"candidates/{candidate}.tar.gz", fingerprint="b"))
    registry.record_verdict(
        candidate, status=ACCEPTED, absolute=[], relative=[], compared_with=original, report=None
    )
    return project, original, candidate


async def chat_until(
    stop: asyncio.Event, http: httpx.AsyncClient, log: list[tuple[float, str, float]]
) -> None:
    """One citizen talking to the bot until ``stop``: (when, status, seconds) per turn."""
    citizen = await Citizen.start(http)
    turn = 0
    while not stop.is_set():
        started = time.monotonic()
        body = await citizen.say(TURNS[turn % len(TURNS)])
        log.append((started, body["state"]["status"], time.monotonic() - started))
        turn += 1
        await asyncio.sleep(random.uniform(*THINK))


@pytest.mark.timeout(900)  # loading a model beside the served one takes 1-3 minutes on a busy machine
async def test_a_swap_under_load_sends_nobody_to_the_queue_and_keeps_the_form_going(
    sqlite_stack: Stack, tmp_path: Path
) -> None:
    stack = sqlite_stack
    project, _, candidate = project_with_two_models(tmp_path)
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=60) as http:
        assert await loaded(stack, http) == MODEL.resolve().name
        citizen = await Citizen.start(http)
        first = await citizen.say("someone stole my bike from the station last night")
        assert "danger or at risk" in " ".join(m["text"] for m in first["messages"])

        stop = asyncio.Event()
        log: list[tuple[float, str, float]] = []
        load = [asyncio.create_task(chat_until(stop, http, log)) for _ in range(CITIZENS)]
        await asyncio.sleep(2)
        swap_started = time.monotonic()
        promoted = await asyncio.to_thread(triage, project, stack, "promote", candidate)
        swap_seconds = time.monotonic() - swap_started
        await asyncio.sleep(2)
        stop.set()
        await asyncio.gather(*load)

        assert promoted.returncode == 0, promoted.stderr
        assert "Rasa loaded it" in promoted.stdout
        assert await loaded(stack, http) == f"{candidate}.tar.gz"
        during = [entry for entry in log if swap_started <= entry[0] <= swap_started + swap_seconds]
        slowest = max(seconds for _, _, seconds in log)
        print(
            f"\nswap took {swap_seconds:.1f} s; {len(during)} turns during it, {len(log)} in all; "
            f"slowest {slowest:.2f} s"
        )
        assert len(during) >= CITIZENS, "the load did not overlap the swap"
        assert {status for _, status, _ in log} == {"bot"}, "a citizen was sent to the human queue"

        # The form carries on where it was (when, where and what were already given): no fresh start.
        after = await citizen.press("/deny")
        assert "how much is it worth" in " ".join(m["text"] for m in after["messages"]).lower()

        rolled = await asyncio.to_thread(triage, project, stack, "rollback")
        assert rolled.returncode == 0, rolled.stderr
        assert await loaded(stack, http) == MODEL.resolve().name
        again = await citizen.say("about 200 quid")
        assert "who did it" in " ".join(m["text"] for m in again["messages"]).lower()
        # Nothing further back was served and accepted: rollback refuses rather than guess.
        refused = await asyncio.to_thread(triage, project, stack, "rollback")
        assert refused.returncode == 1 and "nothing to roll back to" in refused.stderr
        assert await loaded(stack, http) == MODEL.resolve().name
