"""The outbox worker: a database-polled loop inside each gateway that delivers what the outbox holds.

One pass: read the unsent entries in write order, keep the due heads (one per report and
channel: in order per report, handoff.domain.outbox.heads), take a lease on each with a
version-checked UPDATE and commit it (two gateways never send one entry at once), send outside
any transaction, then record the result: sent, or failed with the next attempt after an
exponential backoff with jitter, or dead after ``REPORT_WEBHOOK_MAX_ATTEMPTS``. A gateway killed
mid-send leaves its lease to run out; the next pass (here or in another gateway) takes the entry
again — at-least-once delivery, which the receiver makes exactly-once with ``Idempotency-Key``.

The loop wakes at once when a commit added an entry (``wake``), else every
``OUTBOX_POLL_SECONDS``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.adapters.delivery import Result, Sender
from handoff.adapters.orm import OutboxRow
from handoff.adapters.reports import entry_of
from handoff.domain.outbox import AttemptFailed, Backoff, DeadLettered, Delivered, due
from handoff.service.notes import DeskChanged
from handoff.service.notify import Notifier
from handoff.service.uow import UnitOfWork

logger = logging.getLogger(__name__)

#: Longest a lease holds an entry: longer than any send may take.
LEASE_MARGIN_SECONDS = 30.0
#: Entries sent at once in one pass (different reports; one report's entries go one at a time).
PARALLEL_SENDS = 8


@dataclass
class Counters:
    delivered: int = 0
    failed: int = 0
    dead: int = 0
    passes: int = 0
    last_delivery_seconds: list[float] = field(default_factory=list)


class OutboxWorker:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        senders: Mapping[str, Sender],
        *,
        clock: Callable[[], datetime],
        backoff: Backoff,
        max_attempts: int,
        poll_seconds: float,
        send_timeout_seconds: float,
        notifier: Notifier | None = None,
        draw: Callable[[], float] = random.random,
    ) -> None:
        self.sessions = sessions
        self.senders = dict(senders)
        self.clock = clock
        self.backoff = backoff
        self.max_attempts = max_attempts
        self.poll_seconds = poll_seconds
        self.lease_seconds = send_timeout_seconds + LEASE_MARGIN_SECONDS
        self.notifier = notifier
        self.draw = draw
        self.owner = f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"
        self.counters = Counters()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # --- the loop ----------------------------------------------------------------------------------

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self.senders and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for sender in self.senders.values():
            await sender.close()

    async def _run(self) -> None:
        while True:
            try:
                await self.deliver_due()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                # The type only: a database error may quote a payload (personal data).
                logger.error("outbox pass failed: %s", type(error).__name__)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.sleep_seconds())

    def sleep_seconds(self) -> float:
        return self.poll_seconds

    # --- one pass ----------------------------------------------------------------------------------

    async def deliver_due(self) -> int:
        """Send every entry that is due now; returns how many were attempted."""
        self.counters.passes += 1
        leased = await self._lease_due()
        if not leased:
            return 0
        slots = asyncio.Semaphore(PARALLEL_SENDS)

        async def one(row: OutboxRow) -> None:
            async with slots:
                await self._deliver(row)

        await asyncio.gather(*(one(row) for row in leased))
        return len(leased)

    async def _lease_due(self) -> list[OutboxRow]:
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            rows = await uow.outbox.unsent()
            by_id = {row.event_id: row for row in rows}
            entries = [entry_of(row) for row in rows if row.channel in self.senders]
            leased: list[OutboxRow] = []
            for entry in due(entries, now):
                row = by_id[entry.id]
                entry.lease(self.owner, now, self.lease_seconds)
                if await uow.outbox.write(row, entry):
                    leased.append(row)
            await uow.commit()
        return leased

    async def _deliver(self, row: OutboxRow) -> None:
        sender = self.senders[row.channel]
        started, began = self.clock(), time.monotonic()
        try:
            result = await sender.send(row.event_id, row.payload)
        except Exception as error:  # a sender must not take the loop down
            result = Result(False, type(error).__name__)
        took = timedelta(seconds=time.monotonic() - began)
        now = self.clock()
        async with UnitOfWork(self.sessions) as uow:
            fresh = await uow.outbox.get(row.id)
            if fresh is None or fresh.lease_owner != self.owner or fresh.version != row.version:
                # Our lease ran out and another pass took the entry: its result counts.
                return
            entry = entry_of(fresh)
            if result.ok:
                events = entry.succeed(now)
            else:
                events = entry.fail(
                    now, result.code, max_attempts=self.max_attempts, backoff=self.backoff, draw=self.draw()
                )
            if not await uow.outbox.write(fresh, entry):
                return
            await uow.outbox.attempt(fresh.id, started, result.ok, result.code, took)
            for event in events:
                if isinstance(event, Delivered):
                    self.counters.delivered += 1
                    self.counters.last_delivery_seconds.append(event.seconds_since_created)
                elif isinstance(event, AttemptFailed):
                    self.counters.failed += 1
                elif isinstance(event, DeadLettered):
                    self.counters.dead += 1
                    uow.note(DeskChanged())
                    await uow.reports.record(
                        fresh.report_reference,
                        "dead_lettered",
                        now,
                        None,
                        {"event": fresh.event, "id": fresh.event_id, "attempts": entry.attempts},
                    )
                    logger.warning(
                        "outbox entry %s (%s) dead after %d attempts: %s",
                        fresh.event_id,
                        fresh.event,
                        entry.attempts,
                        result.code,
                    )
            notes = await uow.commit()
        if self.notifier is not None:
            await self.notifier.publish(notes)
        if not result.ok and any(isinstance(e, AttemptFailed) for e in events):
            logger.info("outbox entry %s attempt %d failed: %s", row.event_id, entry.attempts, result.code)
