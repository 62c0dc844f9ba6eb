"""Login throttling (issue #11, item 5): parallel attempts cannot race past the limit; failures
count per (username, address) and per address with doubling delays, so nobody can lock an agent
out from elsewhere; the login takes same-origin JSON only. Addresses come from X-Forwarded-For
with one trusted hop (item 1)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import func, select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import AuditRow
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def login(http: httpx.AsyncClient, username: str, password: str, address: str) -> httpx.Response:
    return await http.post(
        "/api/agent/login",
        json={"username": username, "password": password},
        headers={"X-Forwarded-For": address},
    )


async def audited(gateway: Gateway, action: str) -> int:
    engine = create_engine(gateway.settings.database_url)
    try:
        async with session_factory(engine)() as session:
            query = select(func.count()).select_from(AuditRow).where(AuditRow.action == action)
            return int((await session.execute(query)).scalar_one())
    finally:
        await engine.dispose()


async def test_thirty_parallel_wrong_passwords_check_at_most_the_limit(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(trusted_proxy_hops=1)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        responses = await asyncio.gather(
            *(login(http, "jo", f"wrong password {n}", "192.0.2.1") for n in range(30))
        )
    statuses = [r.status_code for r in responses]
    assert set(statuses) <= {401, 429}
    assert statuses.count(401) <= gateway.settings.login_max_failures
    assert await audited(gateway, "login_failed") == statuses.count(401)
    throttled = [r for r in responses if r.status_code == 429]
    assert throttled and all(int(r.headers["Retry-After"]) >= 1 for r in throttled)


async def test_failures_from_one_address_do_not_lock_the_agent_out_elsewhere(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(trusted_proxy_hops=1)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        for n in range(gateway.settings.login_max_failures):
            assert (await login(http, "jo", f"guess {n}", "203.0.113.66")).status_code == 401
        # The attacker's address is held back, even with the right password ...
        held = await login(http, "jo", PASSWORD, "203.0.113.66")
        assert held.status_code == 429
        assert 1 <= int(held.headers["Retry-After"]) <= gateway.settings.login_delay_seconds
        assert "try again in" in held.json()["error"]
        # ... the agent at their own desk is not.
        assert (await login(http, "jo", PASSWORD, "192.0.2.10")).status_code == 200


async def test_delays_double_with_each_further_failure(gateway_factory: object) -> None:
    # The throttle's clock is the gateway's: moved by hand, so a slow (loaded) machine cannot let a
    # delay run out between two requests.
    now = [datetime.now(UTC)]
    gateway: Gateway = await gateway_factory(  # type: ignore[operator]
        clock=lambda: now[0], trusted_proxy_hops=1, login_max_failures=2, login_delay_seconds=1
    )
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        assert [(await login(http, "jo", "nope nope nope", "192.0.2.5")).status_code for _ in range(2)] == [
            401,
            401,
        ]
        first = await login(http, "jo", "nope nope nope", "192.0.2.5")
        assert first.status_code == 429 and first.headers["Retry-After"] == "1"
        now[0] += timedelta(seconds=1.1)
        assert (await login(http, "jo", "nope nope nope", "192.0.2.5")).status_code == 401  # checked
        second = await login(http, "jo", "nope nope nope", "192.0.2.5")
        assert second.status_code == 429 and second.headers["Retry-After"] == "2"  # doubled
        # Refused attempts are not counted: hammering does not lengthen the delay.
        for _ in range(5):
            assert (await login(http, "jo", "nope nope nope", "192.0.2.5")).status_code == 429
        now[0] += timedelta(seconds=2.1)
        assert (await login(http, "jo", PASSWORD, "192.0.2.5")).status_code == 200


async def test_one_address_trying_many_usernames_is_held_back(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(  # type: ignore[operator]
        trusted_proxy_hops=1, login_address_max_failures=6
    )
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        for n in range(6):
            assert (await login(http, f"user{n}", "wrong wrong wrong", "198.51.100.9")).status_code == 401
        assert (await login(http, "jo", PASSWORD, "198.51.100.9")).status_code == 429
        assert (await login(http, "jo", PASSWORD, "198.51.100.10")).status_code == 200


async def test_a_correct_password_clears_that_addresses_failures(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(trusted_proxy_hops=1)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        for _ in range(2):
            for n in range(gateway.settings.login_max_failures - 1):
                assert (await login(http, "jo", f"typo {n}", "192.0.2.7")).status_code == 401
            assert (await login(http, "jo", PASSWORD, "192.0.2.7")).status_code == 200


async def test_the_login_takes_same_origin_json_only(gateway: Gateway) -> None:
    await add_user(gateway.settings, "jo")
    body = '{"username": "jo", "password": "' + PASSWORD + '"}'
    async with gateway.client() as http:
        # A cross-site form can send text/plain without a preflight: refused.
        plain = await http.post("/api/agent/login", content=body, headers={"Content-Type": "text/plain"})
        assert plain.status_code == 415 and "application/json" in plain.json()["error"]
        none = await http.post("/api/agent/login", content=body)
        assert none.status_code == 415
        host = gateway.url.removeprefix("http://")
        for headers in (
            {"Origin": "https://evil.example"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
        ):
            refused = await http.post(
                "/api/agent/login", content=body, headers={"Content-Type": "application/json", **headers}
            )
            assert refused.status_code == 403, headers
        same = await http.post(
            "/api/agent/login",
            content=body,
            headers={"Content-Type": "application/json; charset=utf-8", "Origin": f"http://{host}"},
        )
        assert same.status_code == 200
