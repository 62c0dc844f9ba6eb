"""Server-side agent sessions and login throttling.

The cookie holds a random token; the database holds only its SHA-256, with the CSRF token the
console must echo in ``X-CSRF-Token`` on every state-changing request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
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


@dataclass(frozen=True)
class ThrottlePolicy:
    """Failed logins allowed per (username, address) and per address in a sliding window, then a
    delay that doubles with each further failure (capped at the window). No limit applies to a
    username from everywhere, so nobody can lock an agent out from another address."""

    max_failures: int  # per username and address
    address_max_failures: int  # per address, any username
    window: timedelta
    first_delay: timedelta  # after max failures; doubles with each one after

    def delay(self, failures: int, limit: int) -> timedelta:
        if failures < limit:
            return timedelta(0)
        doubled: timedelta = self.first_delay * (2 ** (failures - limit))
        return min(self.window, doubled)


class LoginThrottle:
    """Failed logins, counted so that parallel attempts cannot race past the limit.

    Every attempt is first written as a failure and committed (``begin``); only then does it
    count the failures around it (``wait``), its own included. Of any two attempts in flight,
    the later to commit sees the other, so at most ``max_failures`` attempts of one
    (username, address) ever reach the password check, however many arrive at once. A
    refused attempt's row is removed again (``forget``), so hammering does not grow the delay;
    a correct password marks its row a success and clears that pair's failures (``succeeded``).
    """

    def __init__(self, session: AsyncSession, policy: ThrottlePolicy) -> None:
        self.session = session
        self.policy = policy

    async def begin(self, username: str, ip: str, now: datetime) -> int:
        row = LoginAttemptRow(username=username[:64], ip=ip[:64], at=now, success=False)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def wait(self, attempt: int, username: str, ip: str, now: datetime) -> float:
        """Seconds until this attempt would be allowed; 0: check the password."""
        since = now - self.policy.window
        pair = (LoginAttemptRow.username == username[:64], LoginAttemptRow.ip == ip[:64])
        longest = 0.0
        for where, limit in (
            (pair, self.policy.max_failures),
            ((LoginAttemptRow.ip == ip[:64],), self.policy.address_max_failures),
        ):
            result = await self.session.execute(
                select(func.count(), func.max(LoginAttemptRow.at)).where(
                    *where,
                    LoginAttemptRow.at > since,
                    LoginAttemptRow.success.is_(False),
                    LoginAttemptRow.id != attempt,
                )
            )
            others, latest = result.one()
            if others + 1 <= limit or latest is None:
                continue
            if latest.tzinfo is None:  # SQLite: func.max() bypasses the column type
                latest = latest.replace(tzinfo=now.tzinfo)
            allowed_at = latest + self.policy.delay(int(others), limit)
            longest = max(longest, (allowed_at - now).total_seconds())
        return max(0.0, longest)

    async def forget(self, attempt: int) -> None:
        await self.session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.id == attempt))

    async def succeeded(self, attempt: int, username: str, ip: str) -> None:
        # A correct password clears this pair's failures, so an agent who mistyped twice is not
        # one typo away from a delay for the rest of the window; other addresses keep theirs.
        await self.session.execute(
            delete(LoginAttemptRow).where(
                LoginAttemptRow.username == username[:64],
                LoginAttemptRow.ip == ip[:64],
                LoginAttemptRow.success.is_(False),
                LoginAttemptRow.id != attempt,
            )
        )
        await self.session.execute(
            update(LoginAttemptRow).where(LoginAttemptRow.id == attempt).values(success=True)
        )
