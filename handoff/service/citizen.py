"""Citizen use cases: start a chat, send a message, read the transcript.

A citizen's message is committed before it is relayed anywhere; the assistant's reply is
committed before it is returned or pushed. If the assistant is unreachable or slower than the
timeout, the chat goes to the human queue with a system notice: nothing is lost.

Safety does not depend on the assistant: while a person has the chat, or when Rasa is down, the
gateway runs the same deterministic rule layer (triage.safety) on every message, and an
emergency always shows the 999 guidance and goes to the top of the queue.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from weakref import WeakValueDictionary

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.conversations import Triage, to_domain
from handoff.adapters.orm import ConversationRow, MessageRow
from handoff.adapters.rasa import Assistant, AssistantReply, AssistantUnavailable, Parse
from handoff.adapters.ratelimit import ConcurrencyLimit
from handoff.domain import Conversation, DomainError, DomainEvent, Queued, Route
from handoff.service import views, wording
from handoff.service.desk import DeskService
from handoff.service.followup import FollowUp
from handoff.service.notes import ConversationChanged, MessageAdded, QueueChanged
from handoff.service.notify import Notifier
from handoff.service.uow import UnitOfWork
from handoff.settings import Settings
from triage import intents
from triage.priority import Reason
from triage.safety import SafetyHit, default_rules

logger = logging.getLogger(__name__)

PAYLOAD = re.compile(r"^/[a-z_]{1,64}(\{.{0,400}\})?$", re.S)
TYPING_EVERY_SECONDS = 3.0
#: How long the NLU-only reading of a message sent to a person may take before we skip it.
PARSE_TIMEOUT_SECONDS = 1.5


class ConversationNotFound(Exception):
    pass


class ConversationClosed(Exception):
    pass


class InvalidMessage(ValueError):
    pass


#: Any failure to store a citizen's message: they still get the 999 guidance (StorageTrouble).
STORAGE_ERRORS = (SQLAlchemyError, OSError, TimeoutError)
#: What a database that is down, unreachable or silent raises through SQLAlchemy and its drivers
#: (503 on any route); other SQL errors are bugs, not outages (500).
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, PoolTimeout, OSError, TimeoutError)


class StorageTrouble(Exception):
    """The database failed while handling a citizen's message. ``safety`` is the rule layer's
    reading of the text, taken before anything was stored: an emergency still gets 999."""

    def __init__(self, safety: SafetyHit | None) -> None:
        super().__init__("the database is unavailable")
        self.safety = safety


@dataclass(frozen=True)
class CitizenInput:
    """Free text, or the payload of a button the bot offered."""

    text: str | None = None
    payload: str | None = None

    @classmethod
    def parse(cls, body: Any, max_chars: int) -> CitizenInput:
        if not isinstance(body, dict):
            raise InvalidMessage('the body must be a JSON object with "text" or "payload"')
        text, payload = body.get("text"), body.get("payload")
        if (text is None) == (payload is None):
            raise InvalidMessage('send exactly one of "text" or "payload"')
        if payload is not None:
            if not isinstance(payload, str) or not PAYLOAD.match(payload):
                raise InvalidMessage('"payload" must be a button payload such as "/affirm"')
            return cls(payload=payload)
        if not isinstance(text, str):
            raise InvalidMessage('"text" must be a string')
        if not text.strip():
            raise InvalidMessage('"text" must not be blank')
        if len(text) > max_chars:
            raise MessageTooLong(max_chars)
        return cls(text=text.strip())

    def fingerprint(self) -> str:
        """What was sent, for telling a repeat from another message under the same key."""
        canonical = json.dumps({"text": self.text, "payload": self.payload}, sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()


class IdempotencyConflict(ValueError):
    """The Idempotency-Key was already used for a different message in this conversation."""


class MessageTooLong(InvalidMessage):
    def __init__(self, limit: int) -> None:
        super().__init__(f"messages are limited to {limit} characters")
        self.limit = limit


@dataclass(frozen=True)
class Posted:
    messages: list[dict[str, Any]]
    state: dict[str, Any]


class CitizenService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        assistant: Assistant,
        notifier: Notifier,
        clock: Callable[[], datetime],
        desk: DeskService | None = None,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.assistant = assistant
        self.notifier = notifier
        self.clock = clock
        # The gateway owns report data: reports in the assistant's replies go to the desk, and
        # follow-ups on them are answered here (handoff/service/followup.py).
        self.desk = desk or DeskService(sessions, settings, notifier, clock)
        self.followup = FollowUp(sessions, settings, clock)
        # One turn at a time per conversation in this process (Rasa also locks per sender).
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()
        # A bounded number of calls into Rasa per client address (README "Configuration").
        self.assistant_slots = ConcurrencyLimit(settings.rasa_concurrency_per_client)
        self._typing: dict[str, datetime] = {}

    def _lock(self, conversation_id: str) -> asyncio.Lock:
        lock = self._locks.get(conversation_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[conversation_id] = lock
        return lock

    # --- start -----------------------------------------------------------------------------------

    async def start(self) -> tuple[str, list[dict[str, Any]]]:
        now = self.clock()
        conversation = Conversation(id=str(uuid.uuid4()), created_at=now)
        async with UnitOfWork(self.sessions) as uow:
            await uow.conversations.add(conversation, now)
            welcome = await uow.messages.add(
                conversation.id, "bot", wording.WELCOME, now, buttons=wording.WELCOME_BUTTONS
            )
            await uow.commit()
        return conversation.id, [views.message_json(welcome, {})]

    # --- read ------------------------------------------------------------------------------------

    async def transcript(self, conversation_id: str) -> dict[str, Any]:
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id)
            if row is None:
                raise ConversationNotFound(conversation_id)
            messages = await uow.messages.transcript(conversation_id)
            names = await views.agent_names(uow, messages)
            return {
                "state": await views.state_for(uow, self.settings, row),
                "messages": [views.message_json(m, names) for m in messages],
            }

    async def closed_at(self, conversation_id: str) -> datetime | None:
        """When the chat was closed (None while open); ConversationNotFound if there is none."""
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id)
            if row is None:
                raise ConversationNotFound(conversation_id)
            return row.closed_at if row.status == "closed" else None

    async def state(self, conversation_id: str) -> dict[str, Any]:
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id)
            if row is None:
                raise ConversationNotFound(conversation_id)
            return await views.state_for(uow, self.settings, row)

    # --- post ------------------------------------------------------------------------------------

    async def repeat(
        self, conversation_id: str, key: str, given: CitizenInput, *, finished_only: bool = False
    ) -> Posted | None:
        """The first answer to a message sent with this Idempotency-Key, or None if the key is new
        (or, with ``finished_only``, if the first answer is not complete yet). Nothing is stored.
        If the first attempt never finished (the gateway died mid-turn), the answer is what it
        produced so far and the state as it is now."""
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.idempotency.get(conversation_id, key)
            if row is None:
                return None
            if row.fingerprint != given.fingerprint():
                raise IdempotencyConflict(key)
            if row.response is not None:
                return Posted(messages=row.response["messages"], state=row.response["state"])
            if finished_only:
                return None
            conversation = await uow.conversations.row(conversation_id)
            if conversation is None:
                raise ConversationNotFound(conversation_id)
            produced: list[MessageRow] = []
            for message in await uow.messages.transcript(conversation_id, after_id=row.message_id):
                if message.sender == "citizen":
                    break
                produced.append(message)
            names = await views.agent_names(uow, produced)
            return Posted(
                [views.message_json(m, names) for m in produced],
                await views.state_for(uow, self.settings, conversation),
            )

    async def post(
        self, conversation_id: str, given: CitizenInput, client: str = "", idempotency_key: str | None = None
    ) -> Posted:
        """``client`` is the sender's address: their calls into Rasa share one bounded set of slots.

        The safety rules read the text first, before anything touches the database, so a failing
        database still answers an emergency with the 999 guidance (``StorageTrouble``)."""
        hit = self.safety_reading(given)
        try:
            posted = await self._post(conversation_id, given, client, hit, idempotency_key)
            if idempotency_key:
                async with UnitOfWork(self.sessions) as uow:
                    await uow.idempotency.answered(
                        conversation_id, idempotency_key, {"messages": posted.messages, "state": posted.state}
                    )
                    await uow.commit()
            return posted
        except IntegrityError:
            # The same key at the same moment through another gateway: theirs is the first.
            again = await self.repeat(conversation_id, idempotency_key, given) if idempotency_key else None
            if again is None:
                logger.error("storing a message of %s failed: IntegrityError", conversation_id)
                raise StorageTrouble(hit) from None
            return again
        except STORAGE_ERRORS as error:
            # The type only: a driver's message may quote the SQL parameters, i.e. the text.
            logger.error("storing a message of %s failed: %s", conversation_id, type(error).__name__)
            raise StorageTrouble(hit) from None

    @staticmethod
    def safety_reading(given: CitizenInput) -> SafetyHit | None:
        """The deterministic rule layer's reading of free text (buttons are not read here)."""
        return default_rules().check(given.text) if given.text else None

    async def _post(
        self,
        conversation_id: str,
        given: CitizenInput,
        client: str,
        hit: SafetyHit | None,
        idempotency_key: str | None,
    ) -> Posted:
        async with self._lock(conversation_id):
            if idempotency_key:
                # A repeat that raced the first one in this process waited for it here.
                again = await self.repeat(conversation_id, idempotency_key, given)
                if again is not None:
                    return again
            message_id, route, text = await self._store_citizen_message(
                conversation_id, given, idempotency_key
            )
            if route is Route.BOT and hit is None:
                followed = await self.followup.answer(conversation_id, given.text or text, given.payload)
                if followed is not None:
                    produced, notes = followed
                    await self.notifier.publish(notes)
                    return Posted(
                        [views.message_json(m, {}) for m in produced], await self.state(conversation_id)
                    )
            if route is Route.BOT:
                try:
                    async with self.assistant_slots.slot(client):
                        reply = await self.assistant.send(conversation_id, given.payload or text)
                    if not (reply.messages or reply.handoff_reason or reply.emergency):
                        # Every turn of this assistant says something; silence means a failure
                        # behind Rasa (e.g. the action server), and the citizen must not be left
                        # hanging.
                        raise AssistantUnavailable("the assistant produced no reply")
                except AssistantUnavailable as error:
                    logger.warning("assistant unavailable for %s: %s", conversation_id, error)
                    return await self._assistant_down(conversation_id, message_id, text, hit)
                return await self._apply_reply(conversation_id, message_id, reply)
            return await self._to_person(conversation_id, message_id, text if given.text else "", client, hit)

    async def _store_citizen_message(
        self, conversation_id: str, given: CitizenInput, idempotency_key: str | None = None
    ) -> tuple[int, Route, str]:
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id)
            if row is None:
                raise ConversationNotFound(conversation_id)
            conversation = to_domain(row)
            route = conversation.routes_to
            if route is None:
                raise ConversationClosed(conversation_id)
            text = given.text or await self._button_title(uow, conversation_id, given.payload or "")
            message = await uow.messages.add(conversation_id, "citizen", text, now)
            if row.citizen_left_at is not None:
                row.citizen_left_at = None  # they came back
                uow.note(ConversationChanged(conversation_id))
            if idempotency_key:
                # In the same transaction as the message: a retry after a crash finds it.
                await uow.idempotency.add(
                    conversation_id, idempotency_key, given.fingerprint(), message.id, now
                )
            uow.note(MessageAdded(conversation_id, message.id))
            notes = await uow.commit()
        await self.notifier.publish(notes)
        return message.id, route, text

    @staticmethod
    async def _button_title(uow: UnitOfWork, conversation_id: str, payload: str) -> str:
        for button in [*await uow.messages.latest_bot_buttons(conversation_id), *wording.WELCOME_BUTTONS]:
            if button.get("payload") == payload:
                return str(button.get("title") or payload)
        return payload

    async def _apply_reply(self, conversation_id: str, message_id: int, reply: AssistantReply) -> Posted:
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row, conversation, citizen = await self._load(uow, conversation_id, message_id)
            if reply.triage is not None:
                await uow.messages.set_triage(citizen, reply.triage, reply.safety_concern)
            if row.active_form and not reply.active_form and (reply.handoff_reason or reply.emergency):
                # The handoff interrupted a form: it resumes at its next question if the chat
                # comes back to the assistant (AgentService.return_to_bot).
                row.paused_form = row.active_form
            await uow.conversations.set_assistant_view(
                row,
                triage=reply.triage,
                active_form=reply.active_form,
                collected=reply.report_fields,
                now=now,
            )
            reference = reply.report_reference
            bot_messages = reply.messages
            if reply.report is not None:
                taken = await self.desk.take_in(uow, row, reply.report, now)
                if taken is not None:
                    reference, replaced = taken
                    if replaced:
                        bot_messages = [m.replace_text(replaced, reference) for m in bot_messages]
            produced = [
                await uow.messages.add(conversation_id, "bot", m.text, now, buttons=m.buttons)
                for m in bot_messages
            ]
            events: list[DomainEvent] = []
            classified_emergency = reply.triage is not None and reply.triage.intent == intents.EMERGENCY
            if reply.emergency or classified_emergency:
                events += self._try(conversation.flag_emergency, now)
                if not reply.emergency:
                    # The classifier said emergency but the bot did not act on it (a rule gap):
                    # the gateway still gives the 999 guidance.
                    produced.append(
                        await uow.messages.add(conversation_id, "system", wording.EMERGENCY_NOTICE, now)
                    )
            if reply.handoff_reason:
                events += self._try(conversation.hand_off, reply.handoff_reason, now)
            if reference and reference != conversation.report_reference:
                events += self._try(conversation.record_report, reference, now)
            produced += await self._after_transition(uow, row, conversation, events, now)
            for message in produced:
                uow.note(MessageAdded(conversation_id, message.id))
            notes = await uow.commit()
            result = Posted(
                [views.message_json(m, {}) for m in produced], await views.state_for(uow, self.settings, row)
            )
        await self.notifier.publish(notes)
        return result

    async def _assistant_down(
        self, conversation_id: str, message_id: int, text: str, hit: SafetyHit | None
    ) -> Posted:
        now = self.clock()
        if hit is None and text:
            hit = default_rules().check(text)  # a button's title (free text was read already)
        async with UnitOfWork(self.sessions) as uow:
            row, conversation, citizen = await self._load(uow, conversation_id, message_id)
            produced: list[MessageRow] = []
            events: list[DomainEvent] = []
            if hit is not None:
                await self._record_rule_reading(uow, row, citizen, hit, now)
            produced.append(await uow.messages.add(conversation_id, "system", wording.ASSISTANT_DOWN, now))
            produced += await self._safety_notice(uow, conversation_id, hit, now, text)
            events += self._escalate_for(conversation, hit, Reason.ASSISTANT_UNAVAILABLE, now)
            produced += await self._after_transition(uow, row, conversation, events, now)
            for message in produced:
                uow.note(MessageAdded(conversation_id, message.id))
            notes = await uow.commit()
            result = Posted(
                [views.message_json(m, {}) for m in produced], await views.state_for(uow, self.settings, row)
            )
        await self.notifier.publish(notes)
        return result

    async def _to_person(
        self, conversation_id: str, message_id: int, text: str, client: str, hit: SafetyHit | None
    ) -> Posted:
        """Queued or with an agent: the bot stays silent, but safety checks still run (``hit``:
        the rule layer's reading of ``text``, taken before it was stored)."""
        now = self.clock()
        reading: Triage | None = None
        concern: str | None = hit.concern if hit else None
        if text:
            try:
                # The wait for a slot counts: this reading is optional, the reply is not.
                parsed = await asyncio.wait_for(self._parse(text, client), PARSE_TIMEOUT_SECONDS)
                reading, concern = parsed.triage, parsed.safety_concern or concern
            except (AssistantUnavailable, TimeoutError):
                reading = None
        if hit is not None and (reading is None or reading.intent != hit.category):
            # The rule layer is authoritative (the same one runs inside Rasa's pipeline).
            reading = Triage(intent=hit.category, confidence=1.0)
        elif hit is None and reading is not None and reading.intent in intents.SAFETY_INTENTS:
            hit = SafetyHit(category=reading.intent, concern=concern or reading.intent, rule="classifier")
        async with UnitOfWork(self.sessions) as uow:
            row, conversation, citizen = await self._load(uow, conversation_id, message_id)
            if reading is not None:
                await uow.messages.set_triage(citizen, reading, concern)
                await uow.conversations.set_assistant_view(
                    row, triage=reading, active_form=row.active_form, collected=None, now=now
                )
            produced = await self._safety_notice(uow, conversation_id, hit, now, text)
            events = self._escalate_for(conversation, hit, None, now)
            produced += await self._after_transition(uow, row, conversation, events, now)
            for message in produced:
                uow.note(MessageAdded(conversation_id, message.id))
            if reading is not None:
                uow.note(ConversationChanged(conversation_id))
            notes = await uow.commit()
            result = Posted(
                [views.message_json(m, {}) for m in produced], await views.state_for(uow, self.settings, row)
            )
        await self.notifier.publish(notes)
        return result

    # --- the citizen's side reaching the agent -----------------------------------------------------

    async def leave(self, conversation_id: str, how: str) -> bool:
        """The citizen left (quick exit, closed the page, or offline longer than
        ``CITIZEN_OFFLINE_SECONDS``): the chat and its card say so, and the agent can close it as
        abandoned in one step. Returns whether anything changed (a second signal changes nothing)."""
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id, lock=True)
            if row is None:
                raise ConversationNotFound(conversation_id)
            if row.status == "closed" or row.citizen_left_at is not None:
                return False
            row.citizen_left_at = now
            if row.status in ("queued", "agent"):
                message = await uow.messages.add(conversation_id, "system", wording.citizen_left(how), now)
                uow.note(MessageAdded(conversation_id, message.id))
            await uow.audit.record(
                "citizen_left", now, user_id=None, conversation_id=conversation_id, detail={"how": how}
            )
            uow.note(ConversationChanged(conversation_id))
            if row.status == "queued":
                uow.note(QueueChanged())
            notes = await uow.commit()
        await self.notifier.publish(notes)
        return True

    async def typing(self, conversation_id: str) -> bool:
        """Tells the agent who has the chat that the citizen is typing (never what); throttled."""
        now = self.clock()
        last = self._typing.get(conversation_id)
        if last is not None and (now - last).total_seconds() < TYPING_EVERY_SECONDS:
            return False
        async with UnitOfWork(self.sessions) as uow:
            row = await uow.conversations.row(conversation_id)
            if row is None:
                raise ConversationNotFound(conversation_id)
            agent_id = row.agent_id if row.status == "agent" else None
        if len(self._typing) > 10_000:
            self._typing.clear()
        self._typing[conversation_id] = now
        if agent_id is None:
            return False
        await self.notifier.hub.to_user(
            agent_id, {"type": "typing", "conversation_id": conversation_id, "sender": "citizen"}
        )
        return True

    # --- helpers ---------------------------------------------------------------------------------

    async def _parse(self, text: str, client: str) -> Parse:
        async with self.assistant_slots.slot(client):
            return await self.assistant.parse(text)

    async def _load(
        self, uow: UnitOfWork, conversation_id: str, message_id: int
    ) -> tuple[ConversationRow, Conversation, MessageRow]:
        row = await uow.conversations.row(conversation_id, lock=True)
        citizen = await uow.messages.get(message_id)
        if row is None or citizen is None:
            raise ConversationNotFound(conversation_id)
        return row, to_domain(row), citizen

    async def _record_rule_reading(
        self, uow: UnitOfWork, row: ConversationRow, citizen: MessageRow, hit: SafetyHit, now: datetime
    ) -> None:
        reading = Triage(intent=hit.category, confidence=1.0)
        await uow.messages.set_triage(citizen, reading, hit.concern)
        await uow.conversations.set_assistant_view(
            row, triage=reading, active_form=None, collected=None, now=now
        )

    @staticmethod
    async def _safety_notice(
        uow: UnitOfWork, conversation_id: str, hit: SafetyHit | None, now: datetime, text: str | None = None
    ) -> list[MessageRow]:
        """The 999 or helpline block for a rule hit. The same helpline block is said once per chat:
        again after the next message it would push the conversation out of view, saying nothing new."""
        if hit is None:
            return []
        if hit.category == intents.EMERGENCY:
            # Always said: safety beats tidiness (the page's own 999 block is permanent too).
            notice = wording.emergency_notice(hit.concern)
        else:
            notice = wording.safeguarding_notice(hit.concern, text)
            if await uow.console.already_said(conversation_id, notice):
                return []
        return [await uow.messages.add(conversation_id, "system", notice, now)]

    def _escalate_for(
        self, conversation: Conversation, hit: SafetyHit | None, otherwise: str | None, now: datetime
    ) -> list[DomainEvent]:
        if hit is not None and hit.category == intents.EMERGENCY:
            return self._try(conversation.flag_emergency, now)
        if hit is not None:
            return self._try(conversation.hand_off, Reason.SAFEGUARDING, now)
        if otherwise is not None:
            return self._try(conversation.hand_off, otherwise, now)
        return []

    @staticmethod
    def _try(move: Callable[..., list[DomainEvent]], *args: Any) -> list[DomainEvent]:
        try:
            return move(*args)
        except DomainError as error:
            # e.g. a signal for a chat an agent closed while the bot was answering: the state
            # machine refuses, and the message is kept as it is.
            logger.info("transition refused: %s", error)
            return []

    async def _after_transition(
        self,
        uow: UnitOfWork,
        row: ConversationRow,
        conversation: Conversation,
        events: list[DomainEvent],
        now: datetime,
    ) -> list[MessageRow]:
        if not events:
            return []
        await uow.conversations.save(row, conversation, now)
        uow.note(ConversationChanged(conversation.id))
        uow.note(QueueChanged())
        if not any(isinstance(e, Queued) for e in events) or row.status != "queued":
            return []
        snapshot = await views.queue_snapshot(uow, self.settings)
        position = snapshot.position(conversation.id) or 1
        notice = wording.queue_notice(position, snapshot.wait_seconds(position), conversation.emergency)
        return [await uow.messages.add(conversation.id, "system", notice, now)]
