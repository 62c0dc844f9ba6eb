"""Server-side agent sessions and login throttling.

The cookie holds a random token; the database holds only its SHA-256, with the CSRF token the
console must echo in ``X-CSRF-Token`` on every state-changing request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.adapters.orm import LoginAttemptRow, SessionRow, UserRow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_id(token: str) -> str:
    """The id a session cookie's token is stored under (its SHA-256)."""
    return _digest(token)


@dataclass(frozen=True)
class NewSession:
    token: str  # goes in the cookie, never stored
    csrf_token: str
    expires_at: datetime


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, user_id: int, now: datetime, lifetime: timedelta) -> NewSession:
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        expires = now + lifetime
        self.session.add(
            SessionRow(
                id=_digest(token),
                user_id=user_id,
                csrf_token=csrf,
                created_at=now,
                expires_at=expires,
                last_seen_at=now,
            )
        )
        await self.session.flush()
        return NewSession(token=token, csrf_token=csrf, expires_at=expires)

    async def lookup(self, token: str, now: datetime) -> tuple[SessionRow, UserRow] | None:
        result = await self.session.execute(
            select(SessionRow, UserRow)
            .join(UserRow, UserRow.id == SessionRow.user_id)
            .where(SessionRow.id == _digest(token), SessionRow.expires_at > now, UserRow.active.is_(True))
        )
        found = result.first()
        return (found[0], found[1]) if found else None

    async def live(self, session_ids: set[str], now: datetime) -> set[str]:
        """Which of these sessions still hold: not logged out or revoked, not expired, and the
        account still active."""
        if not session_ids:
            return set()
        result = await self.session.execute(
            select(SessionRow.id)
            .join(UserRow, UserRow.id == SessionRow.user_id)
            .where(SessionRow.id.in_(session_ids), SessionRow.expires_at > now, UserRow.active.is_(True))
        )
        return set(result.scalars())

    async def delete_for_user(self, user_id: int) -> int:
        result = await self.session.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def delete(self, token: str) -> None:
        await self.session.execute(delete(SessionRow).where(SessionRow.id == _digest(token)))

    async def purge_expired(self, now: datetime) -> int:
        result = await self.session.execute(delete(SessionRow).where(SessionRow.expires_at <= now))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


class LoginThrottle:
    """Failed logins in a sliding window, per username and per client address."""

    def __init__(self, session: AsyncSession, max_failures: int, window: timedelta) -> None:
        self.session = session
        self.max_failures = max_failures
        self.window = window

    async def blocked(self, username: str, ip: str, now: datetime) -> bool:
        since = now - self.window
        for column, value in ((LoginAttemptRow.username, username), (LoginAttemptRow.ip, ip)):
            result = await self.session.execute(
                select(func.count()).where(
                    column == value, LoginAttemptRow.at > since, LoginAttemptRow.success.is_(False)
                )
            )
            if int(result.scalar_one()) >= self.max_failures:
                return True
        return False

    async def record(self, username: str, ip: str, now: datetime, *, success: bool) -> None:
        self.session.add(LoginAttemptRow(username=username[:64], ip=ip[:64], at=now, success=success))
        if success:
            # A successful login clears the username's failures, so an agent who mistyped twice
            # is not one typo away from a lock-out for the rest of the window.
            await self.session.execute(
                delete(LoginAttemptRow).where(
                    LoginAttemptRow.username == username, LoginAttemptRow.success.is_(False)
                )
            )
        await self.session.flush()
