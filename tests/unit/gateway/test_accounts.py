"""Accounts from the command line (issue #11, item 9): weak passwords refused, and
`triage users list|disable|enable|reset-password|revoke-sessions`, whose effect reaches a running
gateway: a disabled or signed-out account loses its open console within seconds."""

from __future__ import annotations

import asyncio
import io

import pytest
import websockets

from handoff.adapters.passwords import password_problem
from handoff.cli import main
from tests.support.server import Agent, Socket
from tests.unit.gateway.conftest import PASSWORD, Gateway

NEW_PASSWORD = "violet kettle orbit seventeen"


def triage(monkeypatch: pytest.MonkeyPatch, database_url: str, *args: str, stdin: str = "") -> int:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(args))


@pytest.mark.parametrize(
    ("password", "why"),
    [
        (" " * 12, "at least 12 characters"),
        ("   a     b    ", "at least 12 characters"),
        ("password1234", "very common password"),
        ("Summer2024!!", "too easy to guess"),
        ("qwertyuiop123", "too easy to guess"),
        ("jo.bloggs.jo.bloggs", "too easy to guess"),  # the username, twice
        ("policepolice1", "too easy to guess"),
        ("x" * 129, "at most 128"),
    ],
)
def test_weak_passwords_are_refused_and_nothing_is_added(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    database_url: str,
    password: str,
    why: str,
) -> None:
    status = triage(
        monkeypatch,
        database_url,
        "users",
        "add",
        "jo.bloggs",
        "--role",
        "agent",
        "--password-stdin",
        stdin=password + "\n",
    )
    assert status == 2
    assert why in capsys.readouterr().err
    triage(monkeypatch, database_url, "users", "list")
    assert "jo.bloggs" not in capsys.readouterr().out


def test_passphrases_are_accepted() -> None:
    for good in (
        "correct horse battery staple",
        NEW_PASSWORD,
        "Tr0ub4dor&3 and a pony",
        "lange Wörter für alle",
    ):
        assert password_problem(good) is None, good


def test_list_disable_enable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    for name, role in (("jo", "agent"), ("sue", "supervisor")):
        assert (
            triage(
                monkeypatch,
                database_url,
                "users",
                "add",
                name,
                "--role",
                role,
                "--password-stdin",
                stdin=PASSWORD,
            )
            == 0
        )
    assert triage(monkeypatch, database_url, "users", "disable", "jo") == 0
    capsys.readouterr()
    triage(monkeypatch, database_url, "users", "list")
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows["jo"][1:4] == ["agent", "disabled", "0"] and rows["sue"][1:3] == ["supervisor", "active"]
    assert triage(monkeypatch, database_url, "users", "enable", "jo") == 0
    assert triage(monkeypatch, database_url, "users", "disable", "nobody") == 1
    assert "no user called nobody" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["disable", "revoke-sessions", "reset-password"])
async def test_the_command_ends_the_accounts_sessions_and_open_console(
    gateway_factory: object, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    gateway: Gateway = await gateway_factory(agent_grace_seconds=1)  # type: ignore[operator]
    url = gateway.settings.database_url
    assert (
        await asyncio.to_thread(
            triage,
            monkeypatch,
            url,
            "users",
            "add",
            "jo",
            "--role",
            "agent",
            "--password-stdin",
            stdin=PASSWORD,
        )
        == 0
    )
    async with gateway.client() as http:
        await Agent.login(http, "jo", PASSWORD)
        cookie = f"triage_session={http.cookies.get('triage_session')}"
        async with Socket.open(f"{gateway.running.ws_url}/api/agent/ws", {"Cookie": cookie}) as socket:
            await socket.wait_for(lambda e: e["type"] == "mine")
            args = ["users", command, "jo"] + (["--password-stdin"] if command == "reset-password" else [])
            assert await asyncio.to_thread(triage, monkeypatch, url, *args, stdin=NEW_PASSWORD) == 0
            with pytest.raises(websockets.ConnectionClosed) as closed:
                while True:
                    await socket.next(wait=5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
        assert (await http.get("/api/agent/me")).status_code == 401
        again = await http.post("/api/agent/login", json={"username": "jo", "password": PASSWORD})
        assert again.status_code == (200 if command == "revoke-sessions" else 401)
        if command == "reset-password":
            assert (
                await http.post("/api/agent/login", json={"username": "jo", "password": NEW_PASSWORD})
            ).status_code == 200
