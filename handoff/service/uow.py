"""One database session per request or websocket message, with the notes to publish after commit."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.audit import AuditLog
from handoff.adapters.console import ConsoleRepository
from handoff.adapters.conversations import AssignmentRepository, ConversationRepository, MessageRepository
from handoff.adapters.idempotency import IdempotencyRepository
from handoff.adapters.reports import OutboxRepository, ReportRepository
from handoff.adapters.sessions import SessionRepository
from handoff.adapters.users import UserRepository
from handoff.service.notes import Note


class UnitOfWork:
    session: AsyncSession

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self.notes: list[Note] = []

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.conversations = ConversationRepository(self.session)
        self.messages = MessageRepository(self.session)
        self.assignments = AssignmentRepository(self.session)
        self.users = UserRepository(self.session)
        self.sessions = SessionRepository(self.session)
        self.reports = ReportRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self.audit = AuditLog(self.session)
        self.idempotency = IdempotencyRepository(self.session)
        self.console = ConsoleRepository(self.session)
        self.notes = []
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None:
            await self.session.rollback()
            # Notes describe writes that never happened: drop them so nothing is published.
            self.notes = []
        await self.session.close()

    def note(self, note: Note) -> None:
        self.notes.append(note)

    async def commit(self) -> list[Note]:
        """Commit; returns the notes the caller publishes now that the writes are durable."""
        await self.session.commit()
        notes, self.notes = self.notes, []
        return notes
