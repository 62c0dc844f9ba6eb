"""Sending outbox entries: the signed webhook (httpx) and the receipt email (smtplib).

Webhook: ``POST REPORT_WEBHOOK_URL`` with the JSON body ``{"id", "event", "occurred_at", "report"}``,
``X-Signature-256: sha256=<hex HMAC-SHA256 of the exact body bytes with REPORT_WEBHOOK_SECRET>``
and ``Idempotency-Key: <id>`` (the same on every retry: a receiver keeps the first and answers
2xx to repeats). Any 2xx is a delivery; anything else, or no answer, is a failed attempt.

Each sender returns a short result code ("200", "503", "ConnectError"): never a response body or
an exception message, which could quote personal data into the database or the log.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import httpx

SIGNATURE_HEADER = "X-Signature-256"
IDEMPOTENCY_HEADER = "Idempotency-Key"


def canonical_body(envelope: dict[str, Any]) -> bytes:
    """The bytes that are sent and signed: sorted keys, no spaces, UTF-8 (the same on every retry)."""
    return json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign(body: bytes, secret: str) -> str:
    """The ``X-Signature-256`` header value for ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str) -> bool:
    """What a receiver does (README "The reports desk"): constant-time compare."""
    return hmac.compare_digest(sign(body, secret), header or "")


@dataclass(frozen=True)
class Result:
    ok: bool
    code: str


class Sender(Protocol):
    async def send(self, event_id: str, payload: dict[str, Any]) -> Result: ...
    async def close(self) -> None: ...


class WebhookSender:
    def __init__(self, url: str, secret: str, timeout_seconds: float) -> None:
        self.url = url
        self.secret = secret
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(timeout_seconds), follow_redirects=False)

    async def send(self, event_id: str, payload: dict[str, Any]) -> Result:
        body = canonical_body(payload)
        try:
            response = await self._client.post(
                self.url,
                content=body,
                headers={
                    "Content-Type": "application/json",
                    SIGNATURE_HEADER: sign(body, self.secret),
                    IDEMPOTENCY_HEADER: event_id,
                    "User-Agent": "triage-gateway-outbox",
                },
            )
        except httpx.HTTPError as error:
            return Result(False, type(error).__name__)
        return Result(200 <= response.status_code < 300, str(response.status_code))

    async def close(self) -> None:
        await self._client.aclose()


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    tls: bool
    starttls: bool
    username: str | None
    password: str | None

    @classmethod
    def parse(cls, url: str) -> SmtpTarget:
        parts = urlsplit(url)
        tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or (465 if tls else 25),
            tls=tls,
            starttls="starttls=1" in (parts.query or "") or "starttls=true" in (parts.query or ""),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


class MailSender:
    """The receipt email, through the standard library's smtplib in a worker thread."""

    def __init__(self, url: str, sender: str, timeout_seconds: float) -> None:
        self.target = SmtpTarget.parse(url)
        self.sender = sender
        self.timeout = timeout_seconds

    def _message(self, payload: dict[str, Any]) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = str(payload["to"])
        message["Subject"] = str(payload["subject"])
        message.set_content(str(payload["body"]))
        return message

    def _send(self, payload: dict[str, Any]) -> None:
        target = self.target
        smtp: smtplib.SMTP
        if target.tls:
            smtp = smtplib.SMTP_SSL(
                target.host, target.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(target.host, target.port, timeout=self.timeout)
        with smtp:
            if target.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if target.username:
                smtp.login(target.username, target.password or "")
            smtp.send_message(self._message(payload))

    async def send(self, event_id: str, payload: dict[str, Any]) -> Result:
        try:
            await asyncio.wait_for(asyncio.to_thread(self._send, payload), self.timeout + 1)
        except (smtplib.SMTPException, OSError, TimeoutError) as error:
            return Result(False, type(error).__name__)
        return Result(True, "250")

    async def close(self) -> None:
        return None
