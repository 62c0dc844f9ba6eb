"""One client cannot slow every citizen (issue #11, item 2): argon2 runs off the event loop, and
each client address has a bounded number of calls into Rasa at once. The latency figures are
bench/flood.py's."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest

from handoff.adapters import passwords
from handoff.adapters.ratelimit import ConcurrencyLimit
from tests.support.server import Citizen
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def test_passwords_are_verified_off_the_event_loop(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_user(gateway.settings, "jo")
    threads: list[str] = []
    real = passwords.verify_password

    def spy(password_hash: str, password: str) -> bool:
        threads.append(threading.current_thread().name)
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", spy)
    async with gateway.client() as http:
        logins = [
            http.post("/api/agent/login", json={"username": name, "password": password})
            for name, password in [("jo", PASSWORD), ("jo", "wrong password here"), ("nobody", "x" * 12)]
        ]
        statuses = [r.status_code for r in await asyncio.gather(*logins)]
    assert sorted(statuses) == [200, 401, 401]
    assert len(threads) == 3
    assert all(name.startswith("argon2") for name in threads), threads
    assert threading.main_thread().name not in threads


async def test_one_clients_flood_queues_behind_its_own_limit(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(rasa_concurrency_per_client=2)  # type: ignore[operator]
    gateway.assistant.delay = 1.0
    slots: ConcurrencyLimit = gateway.running.app.ctx.gateway.citizen.assistant_slots
    async with gateway.client() as flood_http:
        flooders = [await Citizen.start(flood_http) for _ in range(6)]
        flood = [asyncio.create_task(c.say(f"flood {n}")) for n, c in enumerate(flooders)]
        for _ in range(200):
            if slots.in_use("127.0.0.1") == 6:
                break
            await asyncio.sleep(0.01)
        assert slots.in_use("127.0.0.1") == 6  # 2 in Rasa, 4 waiting their turn
        transport = httpx.AsyncHTTPTransport(local_address="127.0.0.2")
        async with httpx.AsyncClient(base_url=gateway.url, transport=transport, timeout=10) as other_http:
            other = await Citizen.start(other_http)
            reply = await other.say("my bike was stolen")
        assert reply["messages"]
        order = [text for _, text in gateway.assistant.sent]
        # The other citizen went straight into Rasa: third, not behind all six.
        assert order.index("my bike was stolen") == 2
        await asyncio.gather(*flood)
    assert gateway.assistant.max_in_flight == 3  # the flood's two and the other citizen
    assert slots.in_use("127.0.0.1") == 0


async def test_zero_means_no_limit(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(rasa_concurrency_per_client=0)  # type: ignore[operator]
    gateway.assistant.delay = 0.2
    async with gateway.client() as http:
        citizens = [await Citizen.start(http) for _ in range(4)]
        await asyncio.gather(*(c.say("hello") for c in citizens))
    assert gateway.assistant.max_in_flight == 4


async def test_waiting_calls_go_in_order_one_at_a_time() -> None:
    limit = ConcurrencyLimit(1)
    inside: list[int] = []

    async def call(n: int) -> None:
        async with limit.slot("a"):
            inside.append(n)
            await asyncio.sleep(0.01)
            assert limit.in_use("a") >= 1

    await asyncio.gather(*(call(n) for n in range(5)))
    assert inside == [0, 1, 2, 3, 4]  # in order, one at a time
    assert limit.in_use("a") == 0
