"""Run a gateway app in the test's event loop on a free port (Sanic's own server), and clients for it."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import websockets
from sanic import Sanic


@dataclass
class Running:
    base_url: str
    app: Sanic

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http://", "ws://")


@asynccontextmanager
async def serve_app(app: Sanic) -> AsyncIterator[Running]:
    """Sanic's own HTTP and websocket server (the one `triage serve` runs), in this event loop.
    No proxy-header rewriting happens in front of it: TRUSTED_PROXY_HOPS is the only reader of
    X-Forwarded-For, and websocket close codes reach the client as in production."""
    # A socket bound here to a free port: Sanic reads port=0 as "the default, 8000", which another
    # test run on the machine may hold.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    assert server is not None
    await server.startup()
    await server.before_start()
    await server.after_start()
    port = server.server.sockets[0].getsockname()[1]
    try:
        yield Running(base_url=f"http://127.0.0.1:{port}", app=app)
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()


def unique_name(prefix: str = "gw") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@dataclass
class Citizen:
    """A member of the public using the public API."""

    http: httpx.AsyncClient
    conversation_id: str = ""
    token: str = ""
    welcome: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    async def start(cls, http: httpx.AsyncClient) -> Citizen:
        response = await http.post("/api/chat/conversations")
        assert response.status_code == 201, response.text
        body = response.json()
        return cls(
            http=http, conversation_id=body["conversation_id"], token=body["token"], welcome=body["messages"]
        )

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def say(self, text: str, expect: int = 200) -> dict[str, Any]:
        response = await self.http.post(
            f"/api/chat/conversations/{self.conversation_id}/messages", json={"text": text}, headers=self.auth
        )
        assert response.status_code == expect, response.text
        return dict(response.json())

    async def press(self, payload: str) -> dict[str, Any]:
        response = await self.http.post(
            f"/api/chat/conversations/{self.conversation_id}/messages",
            json={"payload": payload},
            headers=self.auth,
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def transcript(self) -> dict[str, Any]:
        response = await self.http.get(f"/api/chat/conversations/{self.conversation_id}", headers=self.auth)
        assert response.status_code == 200, response.text
        return dict(response.json())


@dataclass
class Agent:
    http: httpx.AsyncClient
    csrf: str
    user: dict[str, Any]

    @classmethod
    async def login(cls, http: httpx.AsyncClient, username: str, password: str) -> Agent:
        response = await http.post("/api/agent/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        body = response.json()
        return cls(http=http, csrf=body["csrf_token"], user=body["user"])

    async def post(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        return await self.http.post(path, json=body or {}, headers={"X-CSRF-Token": self.csrf})

    async def queue(self) -> list[dict[str, Any]]:
        response = await self.http.get("/api/agent/queue")
        assert response.status_code == 200, response.text
        return list(response.json()["conversations"])


class Socket:
    """A websocket client that collects JSON events."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.events: list[dict[str, Any]] = []

    @classmethod
    @asynccontextmanager
    async def open(cls, url: str, headers: dict[str, str] | None = None) -> AsyncIterator[Socket]:
        async with websockets.connect(url, additional_headers=headers or {}) as connection:
            yield cls(connection)

    async def next(self, wait: float = 5.0) -> dict[str, Any]:
        event = json.loads(await asyncio.wait_for(self.connection.recv(), wait))
        self.events.append(event)
        return dict(event)

    async def wait_for(self, predicate: Any, wait: float = 5.0) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"no matching event; saw {[e.get('type') for e in self.events]}")
            event = await self.next(remaining)
            if predicate(event):
                return event
