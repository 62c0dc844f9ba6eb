"""The client address through a real nginx (README "Production layout"): the gateway process
(`triage serve`) behind nginx, clients on different loopback addresses (issue #11, item 1)."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from handoff.adapters.migrate import upgrade
from tests.support.proxy import nginx_in_front
from tests.support.stack import PASSWORD, ROOT, Process, free_port

pytestmark = pytest.mark.integration

LIMIT = 3


@contextmanager
def gateway_behind_nginx(tmp_path: Path, hops: int) -> Iterator[tuple[str, Path]]:
    database = tmp_path / "triage.db"
    upgrade(f"sqlite:///{database}")
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{database}",
        "GATEWAY_HOST": "127.0.0.1",
        "GATEWAY_PORT": str(port),
        "SECRET_KEY": "proxy-test-secret",
        "RASA_URL": f"http://127.0.0.1:{free_port()}",  # nothing there: these requests never need Rasa
        "IP_RATE_PER_MINUTE": str(LIMIT),
        "TRUSTED_PROXY_HOPS": str(hops),
    }
    env.pop("TRUST_X_FORWARDED_FOR", None)
    gateway = Process("gateway", [str(ROOT / ".venv/bin/triage"), "serve"], env, tmp_path / "gateway.log")
    gateway.start()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if (gateway.popen and gateway.popen.poll() is not None) or time.monotonic() > deadline:
                raise RuntimeError(f"gateway did not start:\n{gateway.tail()}")
            time.sleep(0.2)
        with nginx_in_front(port, tmp_path / "nginx") as proxy_url:
            yield proxy_url, database
    finally:
        gateway.stop()


def client(base_url: str, local_address: str) -> httpx.Client:
    """A machine of its own: requests leave from this loopback address."""
    return httpx.Client(
        base_url=base_url, transport=httpx.HTTPTransport(local_address=local_address), timeout=10
    )


def starts(http: httpx.Client, forwarded: list[str | None]) -> list[int]:
    out = []
    for value in forwarded:
        headers = {"X-Forwarded-For": value} if value is not None else {}
        out.append(http.post("/api/chat/conversations", headers=headers).status_code)
    return out


def add_user(database: Path, name: str) -> None:
    import subprocess

    subprocess.run(
        [str(ROOT / ".venv/bin/triage"), "users", "add", name, "--role", "agent", "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        check=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
    )


def login_addresses(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT json_extract(detail, '$.ip') FROM audit_log WHERE action LIKE 'login%' ORDER BY id"
        ).fetchall()
    return [row[0] for row in rows]


def test_one_trusted_hop_behind_nginx_uses_the_address_nginx_saw(tmp_path: Path) -> None:
    with gateway_behind_nginx(tmp_path, hops=1) as (proxy, database):
        add_user(database, "jo")
        with client(proxy, "127.0.0.2") as attacker:
            forged = [f"203.0.113.{n}" for n in range(LIMIT + 2)]
            assert starts(attacker, forged) == [201] * LIMIT + [429] * 2
            # A chained forgery ("a, b") is still only what the client wrote, left of nginx's entry.
            assert starts(attacker, ["198.51.100.1, 198.51.100.2"]) == [429]
        with client(proxy, "127.0.0.3") as citizen:
            assert starts(citizen, [None, "127.0.0.2"]) == [201, 201]
        with client(proxy, "127.0.0.4") as agent:
            response = agent.post(
                "/api/agent/login",
                json={"username": "jo", "password": PASSWORD},
                headers={"X-Forwarded-For": "192.0.2.99"},
            )
            assert response.status_code == 200, response.text
        assert login_addresses(database) == ["127.0.0.4"]


def test_zero_hops_behind_nginx_ignores_the_header_entirely(tmp_path: Path) -> None:
    """Misconfigured (a proxy but 0 hops): every client shares nginx's address, and forging
    the header still does not buy anyone a fresh limit."""
    with gateway_behind_nginx(tmp_path, hops=0) as (proxy, _database):
        with client(proxy, "127.0.0.2") as first:
            assert starts(first, ["203.0.113.1", "203.0.113.2", "203.0.113.3, 10.0.0.1"]) == [201] * 3
        with client(proxy, "127.0.0.3") as second:
            assert starts(second, ["203.0.113.4", None]) == [429, 429]
