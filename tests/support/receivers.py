"""Real receivers for the outbox's deliveries: an HTTP webhook receiver and an SMTP server.

Both run in their own thread (the standard library's ThreadingHTTPServer; aiosmtpd's
Controller), so they keep answering whatever the test's event loop or the gateway process does.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

from handoff.adapters.delivery import verify


@dataclass
class Received:
    at: float
    body: bytes
    headers: dict[str, str]
    status: int
    valid_signature: bool

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)  # type: ignore[no-any-return]


@dataclass
class WebhookReceiver:
    """Accepts signed events like a force's system would: the first ``fail_first`` requests (and
    every request while ``down``) get 503; a repeat of an accepted ``Idempotency-Key`` gets 200
    and is not accepted twice; a bad signature gets 401."""

    secret: str
    fail_first: int = 0
    down: bool = False
    requests: list[Received] = field(default_factory=list)
    accepted: dict[str, Received] = field(default_factory=dict)
    accepted_order: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""
    up_since: float | None = None

    def handle(self, body: bytes, headers: dict[str, str]) -> int:
        with self.lock:
            valid = verify(body, self.secret, headers.get("x-signature-256", ""))
            if self.down or len(self.requests) < self.fail_first:
                status = 503
            elif not valid:
                status = 401
            else:
                status = 200
            received = Received(time.monotonic(), body, headers, status, valid)
            self.requests.append(received)
            key = headers.get("idempotency-key", "")
            if status == 200 and key not in self.accepted:
                self.accepted[key] = received
                self.accepted_order.append(key)
            return status

    def come_back(self) -> None:
        with self.lock:
            self.down = False
            self.up_since = time.monotonic()

    def events(self) -> list[dict[str, Any]]:
        with self.lock:
            return [self.accepted[k].json for k in self.accepted_order]


@contextmanager
def webhook_receiver(secret: str, fail_first: int = 0, down: bool = False) -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver(secret=secret, fail_first=fail_first, down=down)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            status = receiver.handle(body, {k.lower(): v for k, v in self.headers.items()})
            payload = b'{"ok": true}' if status == 200 else b'{"error": "not now"}'
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/reports"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    """aiosmtpd on a free port of 127.0.0.1."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox(port=port)
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
