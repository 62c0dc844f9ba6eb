"""The client address (rate limits, login throttling, audit) over real HTTP: X-Forwarded-For is
read only as far as TRUSTED_PROXY_HOPS says, counted from the right (issue #11, item 1).

Through a real nginx: tests/integration/test_proxy.py."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import AuditRow
from handoff.settings import ConfigError, Settings
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user


async def _starts(http: httpx.AsyncClient, forwarded: list[str]) -> list[int]:
    statuses = []
    for value in forwarded:
        response = await http.post("/api/chat/conversations", headers={"X-Forwarded-For": value})
        statuses.append(response.status_code)
    return statuses


async def _login_addresses(gateway: Gateway) -> list[str]:
    engine = create_engine(gateway.settings.database_url)
    try:
        async with session_factory(engine)() as session:
            rows = (await session.execute(select(AuditRow).order_by(AuditRow.id))).scalars()
            return [str(r.detail.get("ip")) for r in rows if r.action.startswith("login")]
    finally:
        await engine.dispose()


async def test_with_no_trusted_proxy_a_forged_header_changes_nothing(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(ip_rate=5)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    forged = [f"203.0.113.{n}" for n in range(8)]
    async with gateway.client() as http:
        assert await _starts(http, forged) == [201] * 5 + [429] * 3
        response = await http.post(
            "/api/agent/login",
            json={"username": "jo", "password": PASSWORD},
            headers={"X-Forwarded-For": "198.51.100.7"},
        )
        assert response.status_code == 200
    assert await _login_addresses(gateway) == ["127.0.0.1"]


async def test_the_peer_address_counts_when_no_proxy_is_trusted(gateway_factory: object) -> None:
    """Two machines (two loopback addresses) get a limit each."""
    gateway: Gateway = await gateway_factory(ip_rate=2)  # type: ignore[operator]
    for local in ("127.0.0.2", "127.0.0.3"):
        transport = httpx.AsyncHTTPTransport(local_address=local)
        async with httpx.AsyncClient(base_url=gateway.url, transport=transport) as http:
            assert await _starts(http, ["1.1.1.1", "1.1.1.1", "1.1.1.1"]) == [201, 201, 429]


async def test_one_hop_takes_the_rightmost_entry_and_ignores_what_the_client_wrote(
    gateway_factory: object,
) -> None:
    gateway: Gateway = await gateway_factory(ip_rate=3, trusted_proxy_hops=1)  # type: ignore[operator]
    await add_user(gateway.settings, "jo")
    async with gateway.client() as http:
        # The proxy appended 192.0.2.10 (the real client); whatever is on the left is forged.
        chained = [f"10.0.0.{n}, 192.0.2.10" for n in range(5)]
        assert await _starts(http, chained) == [201, 201, 201, 429, 429]
        # Another real client behind the same proxy has its own limit.
        assert await _starts(http, ["192.0.2.11", "evil, 192.0.2.11"]) == [201, 201]
        response = await http.post(
            "/api/agent/login",
            json={"username": "jo", "password": PASSWORD},
            headers={"X-Forwarded-For": "198.51.100.7, 192.0.2.12"},
        )
        assert response.status_code == 200
        # No header (the request did not come through the proxy): the peer address.
        assert await _starts(http, ["", "", "", ""]) == [201, 201, 201, 429]
    assert await _login_addresses(gateway) == ["192.0.2.12"]


async def test_two_hops_take_the_second_entry_from_the_right(gateway_factory: object) -> None:
    gateway: Gateway = await gateway_factory(ip_rate=2, trusted_proxy_hops=2)  # type: ignore[operator]
    async with gateway.client() as http:
        # forged, real client, first proxy (as seen by the second).
        chained = [f"10.9.9.{n}, 192.0.2.20, 10.0.0.1" for n in range(3)]
        assert await _starts(http, chained) == [201, 201, 429]
        # Two entries split over two header lines count the same as one line.
        response = await http.post(
            "/api/chat/conversations",
            headers=[("X-Forwarded-For", "192.0.2.21"), ("X-Forwarded-For", "10.0.0.1")],
        )
        assert response.status_code == 201


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRUSTED_PROXY_HOPS": "one"}, "TRUSTED_PROXY_HOPS must be a whole number"),
        ({"TRUSTED_PROXY_HOPS": "-1"}, "TRUSTED_PROXY_HOPS must be at least 0"),
        ({"TRUST_X_FORWARDED_FOR": "true"}, "TRUST_X_FORWARDED_FOR is no longer read"),
    ],
)
def test_bad_proxy_settings_stop_start_up_naming_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_hops_default_to_zero() -> None:
    assert Settings.from_env({}).trusted_proxy_hops == 0
    assert Settings.from_env({"TRUSTED_PROXY_HOPS": "2"}).trusted_proxy_hops == 2
