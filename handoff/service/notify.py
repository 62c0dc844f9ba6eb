"""Turns committed notes into websocket pushes (citizen page and agent console).

Called only after a commit, with a fresh read of the database, so a push never describes a write
that was rolled back and every push carries the state as it now is.

Websocket payloads:
  citizen: {"type": "message", "message": Message} | {"type": "state", "state": State}
  staff:   {"type": "message", "conversation_id", "message"}      (the chat's agent)
           {"type": "conversation", "conversation": summary}       (the chat's agent, old and new)
           {"type": "queue", "conversations": [...]}               (everyone on duty)
           {"type": "overview", ...}                               (supervisors)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.hub import Hub
from handoff.domain import Role, Status
from handoff.service import views
from handoff.service.notes import (
    ConversationChanged,
    DeskChanged,
    MessageAdded,
    Note,
    OutboxAdded,
    QueueChanged,
    StaffChanged,
)
from handoff.service.uow import UnitOfWork
from handoff.settings import Settings

logger = logging.getLogger(__name__)

SUPERVISOR_ROLES = (Role.SUPERVISOR.value, Role.ADMIN.value)


class Notifier:
    def __init__(
        self,
        hub: Hub,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: Callable[[], datetime],
    ) -> None:
        self.hub = hub
        self.sessions = sessions
        self.settings = settings
        self.clock = clock
        # The outbox worker's wake-up (handoff/service/outbox.py): entries leave only after the
        # commit that wrote them, and at once rather than at the next poll.
        self.outbox_wake: Callable[[], None] | None = None

    async def publish(self, notes: Sequence[Note]) -> None:
        if not notes:
            return
        if self.outbox_wake is not None and any(isinstance(n, OutboxAdded) for n in notes):
            self.outbox_wake()
        notes = [n for n in notes if not isinstance(n, OutboxAdded)]
        if not notes:
            return
        try:
            await self._publish(notes)
        except Exception:
            # A failed push must never fail the request whose write already committed: clients
            # re-read the transcript on reconnect, so nothing is lost.
            logger.exception("publishing websocket updates failed")

    async def _publish(self, notes: Sequence[Note]) -> None:
        queue_changed = any(isinstance(n, QueueChanged) for n in notes)
        staff_changed = queue_changed or any(
            isinstance(n, StaffChanged | ConversationChanged | DeskChanged) for n in notes
        )
        async with UnitOfWork(self.sessions) as uow:
            for note in notes:
                if isinstance(note, MessageAdded):
                    await self._message(uow, note)
            changed = list(dict.fromkeys(n for n in notes if isinstance(n, ConversationChanged)))
            for note in changed:
                await self._conversation(uow, note, skip_citizen_state=queue_changed)
            if queue_changed:
                await self._queue(uow)
            if staff_changed:
                overview = await views.staff_overview(
                    uow, self.settings, self.clock(), self.hub.connected_staff_ids()
                )
                await self.hub.to_staff({"type": "overview", **overview}, roles=SUPERVISOR_ROLES)

    async def _message(self, uow: UnitOfWork, note: MessageAdded) -> None:
        row = await uow.messages.get(note.message_id)
        conversation = await uow.conversations.row(note.conversation_id)
        if row is None or conversation is None:
            return
        message = views.message_json(row, await views.agent_names(uow, [row]))
        await self.hub.to_citizen(note.conversation_id, {"type": "message", "message": message})
        if conversation.agent_id is not None and conversation.status == Status.AGENT.value:
            await self.hub.to_user(
                conversation.agent_id,
                {"type": "message", "conversation_id": conversation.id, "message": message},
            )

    async def _conversation(
        self, uow: UnitOfWork, note: ConversationChanged, *, skip_citizen_state: bool
    ) -> None:
        row = await uow.conversations.row(note.conversation_id)
        if row is None:
            return
        names = await views.agent_names(uow, ids={i for i in (row.agent_id, note.previous_agent_id) if i})
        if not (skip_citizen_state and row.status == Status.QUEUED.value):
            await self.hub.to_citizen(
                row.id, {"type": "state", "state": await views.state_for(uow, self.settings, row)}
            )
        plain = views.conversation_summary(row, names)
        for user_id in {row.agent_id, note.previous_agent_id} - {None}:
            assert user_id is not None
            card = plain
            if user_id == row.agent_id and row.status == Status.AGENT.value:
                (card,) = await views.my_cards(uow, user_id, [row])
            await self.hub.to_user(user_id, {"type": "conversation", "conversation": card})

    async def _queue(self, uow: UnitOfWork) -> None:
        snapshot = await views.queue_snapshot(uow, self.settings)
        cards = await views.queue_cards(uow, snapshot, self.clock())
        await self.hub.to_staff({"type": "queue", "conversations": cards})
        # Everyone waiting may have moved up: push each connected, queued citizen their new place.
        for conversation_id in self.hub.citizen_conversations():
            row = snapshot.rows.get(conversation_id)
            if row is not None:
                await self.hub.to_citizen(
                    conversation_id, {"type": "state", "state": views.citizen_state(row, snapshot, None)}
                )
