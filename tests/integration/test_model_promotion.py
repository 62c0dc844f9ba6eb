"""Promotion and rollback against the running Rasa server, without dropping a conversation."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.support.server import Citizen
from tests.support.stack import MODEL, ROOT, Stack

pytestmark = pytest.mark.integration


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


def served_by_rasa(stack: Stack) -> str:
    status = httpx.get(f"{stack.rasa_url}/status", params={"token": stack.auth_token}, timeout=10).json()
    return str(status["model_file"])


async def test_promote_and_roll_back_keep_the_conversation_going(sqlite_stack: Stack, tmp_path: Path) -> None:
    stack = sqlite_stack
    project = tmp_path / "project"
    candidates = project / "models" / "candidates"
    candidates.mkdir(parents=True)
    (project / "models" / "served.tar.gz").symlink_to(MODEL.resolve())
    candidate = candidates / "candidate-20260101T000000Z.tar.gz"
    shutil.copy(MODEL.resolve(), candidate)
    candidate.with_suffix("").with_suffix(".json").write_text(
        json.dumps({"status": "accepted", "reasons": []})
    )

    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=60) as http:
        citizen = await Citizen.start(http)
        first = await citizen.say("someone stole my bike from the station last night")
        assert "danger or at risk" in " ".join(m["text"] for m in first["messages"])

        promoted = triage(project, stack, "promote")
        assert promoted.returncode == 0, promoted.stderr
        assert "Rasa loaded it" in promoted.stdout
        assert served_by_rasa(stack).endswith(candidate.name)
        assert (project / "models" / "served.tar.gz").resolve() == candidate.resolve()

        # The form carries on where it was (when, where and what were already given): no fresh start.
        after = await citizen.press("/deny")
        assert "how much is it worth" in " ".join(m["text"] for m in after["messages"]).lower()

        rolled = triage(project, stack, "rollback")
        assert rolled.returncode == 0, rolled.stderr
        assert Path(served_by_rasa(stack)).name == MODEL.resolve().name
        again = await citizen.say("about 200 quid")
        assert "who did it" in " ".join(m["text"] for m in again["messages"]).lower()
