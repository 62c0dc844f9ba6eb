"""The real system for integration tests: Rasa server + action server + gateway, as processes.

Each backend (SQLite, PostgreSQL) gets its own stack, started on free ports with the served model
and a fresh migrated database, and stopped at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.support.databases import fresh_database

ROOT = Path(__file__).resolve().parents[2]


def test_model() -> Path:
    """The model the tests run: the one trained on the current data (``make test-model`` points
    models/test.tar.gz at it), else the served one. Its real file, so Rasa names it."""
    chosen = Path(os.environ.get("TRIAGE_TEST_MODEL") or ROOT / "models" / "test.tar.gz")
    if not chosen.exists():
        chosen = ROOT / "models" / "served.tar.gz"
    return chosen.resolve() if chosen.exists() else chosen


MODEL = test_model()
PASSWORD = "integration password 1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Process:
    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        handle = self.log.open("ab")
        self.popen = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
            self.popen.wait(30)

    def stop(self) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class Stack:
    backend: str
    database_url: str
    gateway_url: str
    rasa_url: str
    channel_token: str
    auth_token: str
    processes: dict[str, Process] = field(default_factory=dict)

    def wait_ready(self, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            for proc in self.processes.values():
                if proc.popen and proc.popen.poll() is not None:
                    raise RuntimeError(f"{proc.name} exited early:\n{proc.tail()}")
            try:
                response = httpx.get(f"{self.gateway_url}/readyz", timeout=2)
                if response.status_code == 200:
                    return
                last = response.text
            except httpx.HTTPError as error:
                last = repr(error)
            time.sleep(1)
        logs = "\n".join(f"--- {p.name}\n{p.tail()}" for p in self.processes.values())
        raise RuntimeError(f"stack not ready after {timeout}s ({last}):\n{logs}")

    def restart_rasa(self) -> None:
        rasa = self.processes["rasa"]
        rasa.stop()
        rasa.start()
        self.wait_ready()

    def restart_gateway(self, env: dict[str, str | None] | None = None, *, kill: bool = False) -> None:
        """Stop (or SIGKILL) the gateway and start it again, with ``env`` changed (None: unset)."""
        gateway = self.processes["gateway"]
        if kill:
            gateway.kill()
        else:
            gateway.stop()
        for key, value in (env or {}).items():
            if value is None:
                gateway.env.pop(key, None)
            else:
                gateway.env[key] = value
        gateway.start()
        self.wait_ready()

    def add_user(self, name: str, role: str = "agent", display: str | None = None) -> None:
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "triage"),
                "users",
                "add",
                name,
                "--role",
                role,
                "--password-stdin",
                "--display-name",
                display or name.title(),
            ],
            input=PASSWORD + "\n",
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": self.database_url},
        )

    def stop(self) -> None:
        for proc in reversed(list(self.processes.values())):
            proc.stop()


def start_stack(backend: str, workdir: Path, resources: ExitStack) -> Stack:
    if not MODEL.exists():
        raise RuntimeError("no model to test: run `make test-model` first (make test does)")
    url = resources.enter_context(fresh_database(backend, workdir))
    rasa_port, action_port, gateway_port = free_port(), free_port(), free_port()
    channel_token, auth_token = f"channel-{backend}", f"auth-{backend}"
    base_env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": url,
        "RASA_CHANNEL_TOKEN": channel_token,
        "RASA_AUTH_TOKEN": auth_token,
        "ACTION_SERVER_TOKEN": f"action-{backend}-{os.getpid()}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
    }
    stack = Stack(
        backend=backend,
        database_url=url,
        gateway_url=f"http://127.0.0.1:{gateway_port}",
        rasa_url=f"http://127.0.0.1:{rasa_port}",
        channel_token=channel_token,
        auth_token=auth_token,
    )
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    stack.processes = {
        "actions": Process(
            "actions",
            [str(ROOT / "scripts" / "run-actions")],
            {**base_env, "ACTION_PORT": str(action_port)},
            logs / "actions.log",
        ),
        "rasa": Process(
            "rasa",
            [str(ROOT / "scripts" / "run-rasa")],
            {
                **base_env,
                "RASA_PORT": str(rasa_port),
                "RASA_MODEL": str(MODEL),
                "RASA_TRACKER_DB": str(workdir / "rasa-trackers.db"),
            },
            logs / "rasa.log",
        ),
        "gateway": Process(
            "gateway",
            [str(ROOT / ".venv" / "bin" / "triage"), "serve"],
            {
                **base_env,
                "GATEWAY_HOST": "127.0.0.1",
                "GATEWAY_PORT": str(gateway_port),
                "RASA_URL": stack.rasa_url,
                "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}",
                "SECRET_KEY": f"secret-{backend}",
                "RASA_TIMEOUT_SECONDS": "5",
                "CONVERSATION_RATE_PER_MINUTE": "1000",
                "IP_RATE_PER_MINUTE": "100000",
                # Every simulated citizen here shares 127.0.0.1: a per-address limit on calls into
                # Rasa would queue them all behind one another (bench/flood.py sets it itself).
                "RASA_CONCURRENCY_PER_CLIENT": "0",
            },
            logs / "gateway.log",
        ),
    }
    for proc in stack.processes.values():
        proc.start()
    resources.callback(stack.stop)
    resources.callback(
        lambda: shutil.copytree(logs, ROOT / "results" / "integration-logs" / backend, dirs_exist_ok=True)
    )
    stack.wait_ready()
    return stack
