"""Agent use cases: log in, claim, talk, release, transfer, hand back to the bot, close, presence.

Every state change follows one shape: check (permission, capacity) → load the conversation with
a lock → domain transition → write (optimistic version check) → audit → commit → publish.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.console import handover_of
from handoff.adapters.conversations import ConcurrentUpdate, to_domain
from handoff.adapters.orm import ConversationRow, UserRow
from handoff.adapters.passwords import DUMMY_HASH, PasswordVerifier
from handoff.adapters.rasa import Assistant, AssistantUnavailable
from handoff.adapters.sessions import LoginThrottle, NewSession, ThrottlePolicy
from handoff.domain import (
    AlreadyClaimed,
    ChatAccessFacts,
    Conversation,
    Handover,
    Permission,
    Presence,
    Role,
    Status,
    allowed,
    can_take,
    close_details,
    may_view,
)
from handoff.service import views, wording
from handoff.service.notes import ConversationChanged, MessageAdded, QueueChanged, StaffChanged
from handoff.service.notify import Notifier
from handoff.service.uow import UnitOfWork
from handoff.settings import Settings
from triage.priority import Reason

logger = logging.getLogger(__name__)


class LoginFailed(Exception):
    pass


class LoginThrottled(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after:.0f} s")
        self.retry_after = max(1, math.ceil(retry_after))


class Forbidden(Exception):
    pass


class NotFound(Exception):
    pass


class Conflict(Exception):
    """The move does not fit the conversation's current state (409)."""


class BadRequest(ValueError):
    pass


@dataclass(frozen=True)
class Actor:
    """The signed-in member of staff making a request."""

    user_id: int
    username: str
    display_name: str
    role: str

    @classmethod
    def of(cls, user: UserRow) -> Actor:
        return cls(user_id=user.id, username=user.username, display_name=user.display_name, role=user.role)

    def require(self, permission: Permission) -> None:
        if not allowed(self.role, permission):
            raise Forbidden(f"your role ({self.role}) cannot do {permission.value}")

    @property
    def oversees(self) -> bool:
        """Supervisors and admins may act on chats other people hold."""
        return self.role in (Role.SUPERVISOR.value, Role.ADMIN.value)


@dataclass(frozen=True)
class LoggedIn:
    session: NewSession
    user: UserRow


class AgentService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        notifier: Notifier,
        clock: Callable[[], datetime],
        assistant: Assistant | None = None,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.notifier = notifier
        self.clock = clock
        self.assistant = assistant  # to resume an unfinished form on return to the assistant
        self.passwords = PasswordVerifier()
        # Typing pushes per (conversation, user): at most one per TYPING_EVERY_SECONDS.
        self._typing: dict[tuple[str, int], datetime] = {}

    # --- accounts --------------------------------------------------------------------------------

    def _throttle(self, uow: UnitOfWork) -> LoginThrottle:
        return LoginThrottle(
            uow.session,
            ThrottlePolicy(
                max_failures=self.settings.login_max_failures,
                address_max_failures=self.settings.login_address_max_failures,
                window=timedelta(seconds=self.settings.login_window_seconds),
                first_delay=timedelta(seconds=self.settings.login_delay_seconds),
            ),
        )

    async def login(self, username: str, password: str, ip: str) -> LoggedIn:
        """Four short steps, no transaction held while argon2 runs: write the attempt (as a
        failure), count (LoginThrottle), verify in the password pool, record the outcome."""
        now = self.clock()
        name = username.strip().lower()
        async with UnitOfWork(self.sessions) as uow:
            attempt = await self._throttle(uow).begin(name, ip, now)
            await uow.commit()
        async with UnitOfWork(self.sessions) as uow:
            throttle = self._throttle(uow)
            wait = await throttle.wait(attempt, name, ip, now)
            if wait > 0:
                await throttle.forget(attempt)
                await uow.audit.record("login_throttled", now, user_id=None, detail={"ip": ip})
                await uow.commit()
                raise LoginThrottled(wait)
            user = await uow.users.by_username(name)
            password_hash = user.password_hash if user else DUMMY_HASH
        # Verify against a dummy hash for unknown users: the same work either way.
        ok = await self.passwords.verify(password_hash, password)
        async with UnitOfWork(self.sessions) as uow:
            user = await uow.users.by_username(name) if user else None
            if user is None or not user.active or not ok:
                await uow.audit.record(
                    "login_failed", now, user_id=user.id if user else None, detail={"ip": ip}
                )
                await uow.commit()
                raise LoginFailed(name)
            await self._throttle(uow).succeeded(attempt, name, ip)
            new = await uow.sessions.create(user.id, now, timedelta(hours=self.settings.session_hours))
            await uow.audit.record("login", now, user_id=user.id, detail={"ip": ip})
            await uow.commit()
            return LoggedIn(session=new, user=user)

    async def logout(self, token: str, actor: Actor) -> None:
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            await uow.sessions.delete(token)
            await uow.audit.record("logout", now, user_id=actor.user_id)
            await uow.commit()

    async def authenticate(self, token: str) -> tuple[Actor, str] | None:
        """The actor and CSRF token of a live session cookie."""
        async with UnitOfWork(self.sessions) as uow:
            found = await uow.sessions.lookup(token, self.clock())
            if found is None:
                return None
            session, user = found
            return Actor.of(user), session.csrf_token

    # --- reading ---------------------------------------------------------------------------------

    async def queue(self, actor: Actor) -> list[dict[str, Any]]:
        actor.require(Permission.QUEUE_VIEW)
        async with UnitOfWork(self.sessions) as uow:
            return await views.queue_cards(uow, await views.queue_snapshot(uow, self.settings), self.clock())

    async def mine(self, actor: Actor) -> list[dict[str, Any]]:
        actor.require(Permission.QUEUE_VIEW)
        async with UnitOfWork(self.sessions) as uow:
            rows = await uow.conversations.assigned_to(actor.user_id)
            return await views.my_cards(uow, actor.user_id, rows)

    async def _check_access(self, uow: UnitOfWork, actor: Actor, row: ConversationRow, now: datetime) -> None:
        """Need to know (handoff.domain.access); a refusal is audited too."""
        facts = ChatAccessFacts(
            viewer_id=str(actor.user_id),
            viewer_role=actor.role,
            status=row.status,
            holder_id=str(row.agent_id) if row.agent_id is not None else None,
            previous_holders=frozenset(str(i) for i in await uow.assignments.holders(row.id)),
        )
        if not may_view(facts):
            await uow.audit.record("view_refused", now, user_id=actor.user_id, conversation_id=row.id)
            await uow.commit()
            raise Forbidden("you can open chats in the queue, chats you hold and chats you held")

    async def view(self, actor: Actor, conversation_id: str, *, action: str = "view") -> dict[str, Any]:
        actor.require(Permission.CONVERSATION_VIEW)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id)
            if row is None:
                raise NotFound(conversation_id)
            await self._check_access(uow, actor, row, now)
            messages = await uow.messages.transcript(conversation_id)
            names = await views.agent_names(uow, messages, ids={row.agent_id} if row.agent_id else None)
            reports = await uow.reports.for_conversation(conversation_id)
            notes = await uow.console.notes(conversation_id)
            handover = await uow.console.latest_handover(conversation_id)
            note_names = await views.agent_names(
                uow,
                ids={n.user_id for n in notes}
                | ({handover.from_user_id, handover.to_user_id} if handover else set()),
            )
            holder = row.status == Status.AGENT.value and row.agent_id == actor.user_id
            if holder and messages and action == "view":
                await uow.console.mark_read(actor.user_id, conversation_id, messages[-1].id)
            await uow.audit.record(action, now, user_id=actor.user_id, conversation_id=conversation_id)
            await uow.commit()
            return {
                "conversation": views.conversation_summary(row, names),
                "private_notes": [views.note_json(n, note_names) for n in notes],
                "handover": views.handover_json(handover, note_names) if handover else None,
                "state": await views.state_for(uow, self.settings, row),
                "triage": views.triage_json(row),
                "report_fields": [
                    {"slot": slot, "label": entry.get("label"), "display": entry.get("display")}
                    for slot, entry in (row.collected or {}).items()
                    if isinstance(entry, dict)
                ],
                "reports": [
                    {
                        "reference": r.reference,
                        "kind": r.kind,
                        "created_at": views.iso(r.created_at),
                        "fields": r.fields,
                    }
                    for r in reports
                ],
                "messages": [
                    {**views.message_json(m, names), "intent": m.intent, "confidence": m.confidence}
                    for m in messages
                ],
                "allowed_moves": sorted(move.value for move in to_domain(row).moves()),
                "unsafe_to_return": to_domain(row).unsafe_to_return,
                "read_only": action == "watch" or not (holder or actor.oversees),
            }

    async def staff(self, actor: Actor) -> list[dict[str, Any]]:
        """Colleagues who can take a transfer, with their load."""
        actor.require(Permission.CONVERSATION_TRANSFER)
        async with UnitOfWork(self.sessions) as uow:
            loads = await uow.conversations.loads()
            return [
                {
                    **views.user_json(u),
                    "load": loads.get(u.id, 0),
                    "capacity": self.settings.agent_concurrency,
                }
                for u in await views.available_agents(uow)
                if u.id != actor.user_id
            ]

    async def overview(self, actor: Actor, connected: set[int]) -> dict[str, Any]:
        actor.require(Permission.SUPERVISOR_VIEW)
        async with UnitOfWork(self.sessions) as uow:
            return await views.staff_overview(uow, self.settings, self.clock(), connected)

    # --- presence --------------------------------------------------------------------------------

    async def set_presence(self, actor: Actor, presence: str) -> dict[str, Any]:
        try:
            value = Presence(presence)
        except ValueError as error:
            raise BadRequest("presence must be one of: available, away, offline") from error
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            user = await uow.users.by_id(actor.user_id)
            if user is None:
                raise NotFound(str(actor.user_id))
            user.presence = value.value
            user.last_seen_at = now
            await uow.audit.record("presence", now, user_id=actor.user_id, detail={"presence": value.value})
            uow.note(StaffChanged())
            uow.note(QueueChanged())  # the wait estimate depends on who is available
            notes = await uow.commit()
            result = views.user_json(user)
        await self.notifier.publish(notes)
        return result

    # --- conversation moves ----------------------------------------------------------------------

    async def claim(self, actor: Actor, conversation_id: str) -> dict[str, Any]:
        actor.require(Permission.CONVERSATION_CLAIM)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            load = (await uow.conversations.loads()).get(actor.user_id, 0)
            # Claiming is an explicit act, so presence does not matter here; the limit does.
            if load >= self.settings.agent_concurrency:
                raise Conflict(
                    f"you already have {load} chats open (the limit is {self.settings.agent_concurrency})"
                )
            row, conversation = await self._load(uow, conversation_id)
            if conversation.status is Status.AGENT:
                holder = await uow.users.by_id(int(conversation.agent_id or 0))
                raise AlreadyClaimed(conversation_id, holder.display_name if holder else "another agent")
            conversation.claim(str(actor.user_id), now)
            try:
                await uow.conversations.save(row, conversation, now)
            except ConcurrentUpdate as error:
                raise AlreadyClaimed(conversation_id, "another agent") from error
            await uow.assignments.start(conversation_id, actor.user_id, now)
            await self._system(uow, conversation_id, wording.agent_joined(actor.display_name), now)
            await uow.audit.record("claim", now, user_id=actor.user_id, conversation_id=conversation_id)
            uow.note(ConversationChanged(conversation_id))
            uow.note(QueueChanged())
            return await self._finish(uow, row)

    async def claim_next(self, actor: Actor) -> dict[str, Any]:
        """Claims the most urgent chat waiting (emergencies first, then the longest wait). If
        another agent takes it at the same moment, the next one is tried."""
        actor.require(Permission.CONVERSATION_CLAIM)
        for _ in range(5):
            async with UnitOfWork(self.sessions) as uow:
                snapshot = await views.queue_snapshot(uow, self.settings)
            if not snapshot.ordered:
                raise Conflict("nobody is waiting in the queue")
            try:
                return await self.claim(actor, snapshot.ordered[0].conversation_id)
            except AlreadyClaimed:
                continue
        raise Conflict("other agents took the chats at the top of the queue; try again")

    async def accept_handover(self, actor: Actor, conversation_id: str) -> dict[str, Any]:
        actor.require(Permission.CONVERSATION_MESSAGE)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.console.pending_handover(conversation_id)
            if row is None:
                raise Conflict("there is no handover note waiting to be accepted on this chat")
            handover = handover_of(row)
            handover.accept(str(actor.user_id), now)
            await uow.console.save_handover(row, handover)
            await uow.audit.record(
                "handover_accepted", now, user_id=actor.user_id, conversation_id=conversation_id
            )
            uow.note(ConversationChanged(conversation_id))
            notes = await uow.commit()
            names = await views.agent_names(uow, ids={row.from_user_id, row.to_user_id})
            result = views.handover_json(row, names)
        await self.notifier.publish(notes)
        return result

    async def add_note(self, actor: Actor, conversation_id: str, text: Any) -> dict[str, Any]:
        """A private note: staff only, never shown to the citizen; audited (without its text)."""
        actor.require(Permission.CONVERSATION_MESSAGE)
        if not isinstance(text, str) or not text.strip():
            raise BadRequest('"text" must be a non-blank string')
        if len(text) > self.settings.max_message_chars:
            raise TooLong(self.settings.max_message_chars)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id)
            if row is None:
                raise NotFound(conversation_id)
            await self._check_access(uow, actor, row, now)
            if row.status == Status.QUEUED.value and not actor.oversees:
                raise Forbidden("claim the chat before writing notes on it")
            note = await uow.console.add_note(conversation_id, actor.user_id, text.strip(), now)
            await uow.audit.record(
                "private_note", now, user_id=actor.user_id, conversation_id=conversation_id
            )
            await uow.commit()
            return views.note_json(note, {actor.user_id: actor.display_name})

    async def mark_read(self, actor: Actor, conversation_id: str, message_id: Any) -> None:
        actor.require(Permission.CONVERSATION_MESSAGE)
        if not isinstance(message_id, int) or isinstance(message_id, bool) or message_id < 0:
            raise BadRequest('"message_id" must be a message id')
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id)
            if row is None:
                raise NotFound(conversation_id)
            if row.agent_id != actor.user_id:
                raise Forbidden("this chat is not yours")
            await uow.console.mark_read(actor.user_id, conversation_id, message_id)
            await uow.commit()

    async def typing(self, actor: Actor, conversation_id: str) -> bool:
        """Tells the citizen the agent is typing (never what); throttled. Returns whether pushed."""
        actor.require(Permission.CONVERSATION_MESSAGE)
        now = self.clock()
        key = (conversation_id, actor.user_id)
        last = self._typing.get(key)
        if last is not None and (now - last).total_seconds() < TYPING_EVERY_SECONDS:
            return False
        async with UnitOfWork(self.sessions) as uow:
            _row, conversation = await self._load(uow, conversation_id)
            self._require_holder(actor, conversation)
        if len(self._typing) > 10_000:
            self._typing.clear()
        self._typing[key] = now
        await self.notifier.hub.to_citizen(conversation_id, {"type": "typing", "sender": "agent"})
        return True

    async def send_message(self, actor: Actor, conversation_id: str, text: Any) -> dict[str, Any]:
        actor.require(Permission.CONVERSATION_MESSAGE)
        if not isinstance(text, str) or not text.strip():
            raise BadRequest('"text" must be a non-blank string')
        if len(text) > self.settings.max_message_chars:
            raise TooLong(self.settings.max_message_chars)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            _row, conversation = await self._load(uow, conversation_id)
            self._require_holder(actor, conversation)
            message = await uow.messages.add(
                conversation_id, "agent", text.strip(), now, agent_id=actor.user_id
            )
            await uow.audit.record("message", now, user_id=actor.user_id, conversation_id=conversation_id)
            uow.note(MessageAdded(conversation_id, message.id))
            notes = await uow.commit()
            result = views.message_json(message, {actor.user_id: actor.display_name})
        await self.notifier.publish(notes)
        return result

    async def release(self, actor: Actor, conversation_id: str) -> dict[str, Any]:
        actor.require(Permission.CONVERSATION_RELEASE)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row, conversation = await self._load(uow, conversation_id)
            self._require_holder(actor, conversation)
            previous = row.agent_id
            conversation.release(now, Reason.TRANSFER)
            await self._save(uow, row, conversation, now)
            await uow.assignments.end(conversation_id, now, "released")
            await uow.console.supersede_pending(conversation_id)
            await self._system(uow, conversation_id, wording.BACK_TO_QUEUE, now)
            await uow.audit.record("release", now, user_id=actor.user_id, conversation_id=conversation_id)
            uow.note(ConversationChanged(conversation_id, previous_agent_id=previous))
            uow.note(QueueChanged())
            return await self._finish(uow, row)

    async def transfer(
        self, actor: Actor, conversation_id: str, to_user: Any, note: Any = None
    ) -> dict[str, Any]:
        actor.require(Permission.CONVERSATION_TRANSFER)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            target = await self._transfer_target(uow, to_user)
            handover = Handover.write(conversation_id, str(actor.user_id), str(target.id), note, now)
            load = (await uow.conversations.loads()).get(target.id, 0)
            if not can_take(load, self.settings.agent_concurrency, Presence(target.presence)):
                raise Conflict(f"{target.display_name} is not available or already has {load} chats")
            row, conversation = await self._load(uow, conversation_id)
            self._require_holder(actor, conversation)
            previous = row.agent_id
            conversation.transfer(str(target.id), now)
            await self._save(uow, row, conversation, now)
            await uow.assignments.end(conversation_id, now, "transferred")
            await uow.assignments.start(conversation_id, target.id, now)
            await uow.console.supersede_pending(conversation_id)
            await uow.console.add_handover(handover)
            await self._system(uow, conversation_id, wording.agent_joined(target.display_name), now)
            await uow.audit.record(
                "transfer",
                now,
                user_id=actor.user_id,
                conversation_id=conversation_id,
                detail={"to": target.id},
            )
            uow.note(ConversationChanged(conversation_id, previous_agent_id=previous))
            return await self._finish(uow, row)

    async def return_to_bot(self, actor: Actor, conversation_id: str) -> dict[str, Any]:
        actor.require(Permission.CONVERSATION_RELEASE)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row, conversation = await self._load(uow, conversation_id)
            self._require_holder(actor, conversation)
            previous = row.agent_id
            conversation.return_to_bot(now)
            await self._save(uow, row, conversation, now)
            await uow.assignments.end(conversation_id, now, "returned_to_bot")
            await uow.console.supersede_pending(conversation_id)
            await self._system(uow, conversation_id, wording.BACK_TO_BOT, now)
            await uow.audit.record(
                "return_to_bot", now, user_id=actor.user_id, conversation_id=conversation_id
            )
            uow.note(ConversationChanged(conversation_id, previous_agent_id=previous))
            paused_form = row.paused_form
            summary = await self._finish(uow, row)
        if paused_form:
            await self._resume_form(conversation_id, paused_form)
        return summary

    async def _resume_form(self, conversation_id: str, form: str) -> None:
        """The form the handoff interrupted asks its next question again (``Assistant.resume``).
        If the assistant cannot be reached, the citizen still has the "back with the assistant"
        notice and can carry on typing: nothing is lost."""
        if self.assistant is None:
            return
        try:
            reply = await self.assistant.resume(conversation_id, form)
        except AssistantUnavailable as error:
            logger.warning("resuming the form of %s failed: %s", conversation_id, error)
            return
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id, lock=True)
            if row is None or row.status != Status.BOT.value:
                return
            for message in reply.messages:
                added = await uow.messages.add(
                    conversation_id, "bot", message.text, now, buttons=message.buttons
                )
                uow.note(MessageAdded(conversation_id, added.id))
            await uow.conversations.set_assistant_view(
                row,
                triage=None,
                active_form=reply.active_form or form,
                collected=reply.report_fields or None,
                now=now,
            )
            row.paused_form = None
            notes = await uow.commit()
        await self.notifier.publish(notes)

    async def close(
        self,
        actor: Actor,
        conversation_id: str,
        outcome: Any,
        thrive: Any = None,
        incident_reference: Any = None,
    ) -> dict[str, Any]:
        actor.require(Permission.CONVERSATION_CLOSE)
        if not isinstance(outcome, str) or not outcome:
            raise BadRequest('"outcome" is required')
        details = close_details(thrive, incident_reference, self.settings.incident_reference_pattern)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row, conversation = await self._load(uow, conversation_id)
            if conversation.status is Status.AGENT:
                self._require_holder(actor, conversation)
            elif not actor.oversees:
                raise Forbidden("only a supervisor can close a chat nobody has claimed")
            previous = row.agent_id
            was_queued = conversation.status is Status.QUEUED
            conversation.close(outcome, now)
            await self._save(uow, row, conversation, now)
            row.thrive = dict(details.thrive) or None
            row.incident_reference = details.incident_reference
            await uow.assignments.end(conversation_id, now, "closed")
            await uow.console.supersede_pending(conversation_id)
            await self._system(uow, conversation_id, wording.closed_notice(), now)
            await uow.audit.record(
                "close",
                now,
                user_id=actor.user_id,
                conversation_id=conversation_id,
                detail={
                    "outcome": outcome,
                    "thrive": bool(details.thrive),
                    "incident_reference": details.incident_reference is not None,
                },
            )
            uow.note(ConversationChanged(conversation_id, previous_agent_id=previous))
            if was_queued:
                uow.note(QueueChanged())
            return await self._finish(uow, row)

    async def release_disconnected(self, user_id: int) -> int:
        """An agent offline past the grace period: their chats go back to the queue."""
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            rows = await uow.conversations.assigned_to(user_id)
            user = await uow.users.by_id(user_id)
            if user is not None and user.presence != Presence.OFFLINE.value:
                user.presence = Presence.OFFLINE.value
                uow.note(StaffChanged())
            if user is not None and rows:
                # Told when the console connects again (``released_while_away``).
                user.released_while_away = [*(user.released_while_away or []), *(r.id for r in rows)][-50:]
            for row in rows:
                row_locked, conversation = await self._load(uow, row.id)
                conversation.release(now, Reason.TRANSFER)
                await uow.conversations.save(row_locked, conversation, now)
                await uow.assignments.end(row.id, now, "disconnected")
                await self._system(uow, row.id, wording.BACK_TO_QUEUE, now)
                await uow.audit.record("release_disconnected", now, user_id=user_id, conversation_id=row.id)
                uow.note(ConversationChanged(row.id, previous_agent_id=user_id))
            if rows:
                uow.note(QueueChanged())
            notes = await uow.commit()
        await self.notifier.publish(notes)
        return len(rows)

    async def released_while_away(self, user_id: int) -> list[str]:
        """The chats that went back to the queue while this agent was gone; cleared once read."""
        async with UnitOfWork(self.sessions) as uow:
            user = await uow.users.by_id(user_id)
            if user is None or not user.released_while_away:
                return []
            released = [str(i) for i in user.released_while_away]
            user.released_while_away = []
            await uow.commit()
            return released

    async def presence_of(self, user_id: int) -> str:
        async with UnitOfWork(self.sessions) as uow:
            user = await uow.users.by_id(user_id)
            return user.presence if user else Presence.OFFLINE.value

    async def audit_view(
        self, actor: Actor, conversation_id: str | None, username: str | None
    ) -> list[dict[str, Any]]:
        """Who saw, claimed, wrote, closed what, and when: supervisors and admins only."""
        actor.require(Permission.SUPERVISOR_VIEW)
        async with UnitOfWork(self.sessions) as uow:
            user_id: int | None = None
            if username:
                user = await uow.users.by_username(username.strip().lower())
                if user is None:
                    raise NotFound("no such member of staff")
                user_id = user.id
            rows = await uow.audit.entries(conversation_id=conversation_id or None, user_id=user_id)
            names = await views.agent_names(uow, ids={r.user_id for r in rows if r.user_id is not None})
            await uow.audit.record(
                "audit_view",
                self.clock(),
                user_id=actor.user_id,
                conversation_id=conversation_id or None,
                detail={"user": user_id} if user_id else None,
            )
            await uow.commit()
            return [
                {
                    "at": views.iso(r.at),
                    "action": r.action,
                    "user_id": r.user_id,
                    "user_name": names.get(r.user_id) if r.user_id is not None else None,
                    "conversation_id": r.conversation_id,
                    "detail": r.detail or {},
                }
                for r in rows
            ]

    async def watch(self, actor: Actor, conversation_id: str) -> dict[str, Any]:
        """A supervisor reads a chat as it happens, without taking part (audited as "watch")."""
        actor.require(Permission.SUPERVISOR_VIEW)
        return await self.view(actor, conversation_id, action="watch")

    # --- helpers ---------------------------------------------------------------------------------

    async def _load(self, uow: UnitOfWork, conversation_id: str) -> tuple[ConversationRow, Conversation]:
        row = await uow.conversations.row(conversation_id, lock=True)
        if row is None:
            raise NotFound(conversation_id)
        return row, to_domain(row)

    @staticmethod
    async def _save(uow: UnitOfWork, row: ConversationRow, conversation: Conversation, now: datetime) -> None:
        try:
            await uow.conversations.save(row, conversation, now)
        except ConcurrentUpdate as error:
            raise Conflict(
                "someone else changed this chat at the same moment; reload and try again"
            ) from error

    @staticmethod
    def _require_holder(actor: Actor, conversation: Conversation) -> None:
        if conversation.status is not Status.AGENT:
            raise Conflict(f"this chat is {conversation.status.value}, not with an agent")
        if conversation.agent_id != str(actor.user_id) and not actor.oversees:
            raise Forbidden("this chat is held by another agent")

    @staticmethod
    async def _system(uow: UnitOfWork, conversation_id: str, text: str, now: datetime) -> None:
        message = await uow.messages.add(conversation_id, "system", text, now)
        uow.note(MessageAdded(conversation_id, message.id))

    async def _transfer_target(self, uow: UnitOfWork, to_user: Any) -> UserRow:
        target: UserRow | None = None
        if isinstance(to_user, int) and not isinstance(to_user, bool):
            target = await uow.users.by_id(to_user)
        elif isinstance(to_user, str) and to_user:
            target = await uow.users.by_username(to_user)
        else:
            raise BadRequest('"to" must be a colleague\'s username or user id')
        if target is None or not target.active or target.role not in views.STAFF_WHO_TAKE_CHATS:
            raise NotFound("no such agent to transfer to")
        return target

    async def _finish(self, uow: UnitOfWork, row: ConversationRow) -> dict[str, Any]:
        notes = await uow.commit()
        names = await views.agent_names(uow, ids={row.agent_id} if row.agent_id else None)
        summary = views.conversation_summary(row, names)
        await self.notifier.publish(notes)
        return summary


TYPING_EVERY_SECONDS = 3.0


class TooLong(BadRequest):
    def __init__(self, limit: int) -> None:
        super().__init__(f"messages are limited to {limit} characters")
        self.limit = limit
