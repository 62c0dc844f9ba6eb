"""Agent, supervisor, analyst and admin accounts."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.adapters.orm import UserRow
from handoff.adapters.passwords import hash_password
from handoff.domain.agents import Role

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class UserExists(Exception):
    pass


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_username(self, username: str) -> UserRow | None:
        result = await self.session.execute(select(UserRow).where(UserRow.username == username.lower()))
        return result.scalar_one_or_none()

    async def by_id(self, user_id: int) -> UserRow | None:
        return await self.session.get(UserRow, user_id)

    async def by_ids(self, user_ids: set[int]) -> dict[int, UserRow]:
        if not user_ids:
            return {}
        result = await self.session.execute(select(UserRow).where(UserRow.id.in_(user_ids)))
        return {row.id: row for row in result.scalars()}

    async def all(self) -> list[UserRow]:
        result = await self.session.execute(select(UserRow).order_by(UserRow.username))
        return list(result.scalars())

    async def add(
        self, username: str, *, role: str, password: str, display_name: str | None, now: datetime
    ) -> UserRow:
        name = username.strip().lower()
        if not USERNAME.match(name):
            raise ValueError("usernames are 2-64 characters: lower-case letters, digits, '.', '_' or '-'")
        role_value = Role(role).value  # ValueError for an unknown role
        if await self.by_username(name) is not None:
            raise UserExists(name)
        row = UserRow(
            username=name,
            display_name=(display_name or name).strip()[:80],
            role=role_value,
            password_hash=hash_password(password, user_inputs=(name, display_name or "")),
            presence="offline",
            active=True,
            created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def set_active(self, username: str, active: bool) -> UserRow:
        row = await self.existing(username)
        row.active = active
        if not active:
            row.presence = "offline"
        await self.session.flush()
        return row

    async def set_password(self, username: str, password: str) -> UserRow:
        row = await self.existing(username)
        row.password_hash = hash_password(password, user_inputs=(row.username, row.display_name))
        await self.session.flush()
        return row

    async def existing(self, username: str) -> UserRow:
        row = await self.by_username(username)
        if row is None:
            raise UnknownUser(username.strip().lower())
        return row


class UnknownUser(LookupError):
    pass
