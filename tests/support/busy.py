"""A busy shift for the browser tests and bench/console_reach.py: hundreds of chats waiting.

The waiting chats are written straight into the gateway's database (there is no quicker honest way
to have 300 people in a queue, and the gateway reads the queue from the database on every view);
the chats a test then acts on go through the real public API.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from datetime import UTC, datetime, timedelta

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.orm import ConversationRow, MessageRow
from triage.priority import Priority, Reason

SAFEGUARDING_LINES = (
    "my partner hits me when he's been drinking and I'm scared to go home",
    "someone keeps following me home from work every night",
    "my mate has been talking about ending it all",
    "a man online keeps messaging my daughter and asking for photos",
)
LINES = (
    "someone keyed my car outside work yesterday",
    "my bike was nicked from the station racks",
    "I want to ask about a speeding letter I got",
    "there's people dealing outside the shop every night",
    "a van reversed into me in the car park, no one hurt",
    "my phone was stolen on the bus last week",
    "can I talk to someone please",
    "the neighbours' fence was smashed overnight",
)


async def _seed(database_url: str, count: int, safeguarding: int, reports: int, now: datetime) -> list[str]:
    engine = create_engine(database_url)
    ids: list[str] = []
    try:
        async with session_factory(engine)() as session:
            for i in range(count):
                cid = str(uuid.uuid4())
                ids.append(cid)
                at = now - timedelta(seconds=20 * (count - i) + 60)
                guarded = i < safeguarding
                session.add(
                    ConversationRow(
                        id=cid,
                        status="queued",
                        emergency=False,
                        priority=int(Priority.SAFEGUARDING if guarded else Priority.NORMAL),
                        reason=Reason.SAFEGUARDING if guarded else Reason.REQUESTED,
                        queued_at=at,
                        first_queued_at=at,
                        active_form="crime_report_form"
                        if safeguarding <= i < safeguarding + reports
                        else None,
                        collected={},
                        created_at=at - timedelta(seconds=30),
                        updated_at=at,
                        version=1,
                    )
                )
            await session.flush()
            for i, cid in enumerate(ids):
                at = now - timedelta(seconds=20 * (count - i) + 60)
                session.add(
                    MessageRow(
                        conversation_id=cid,
                        sender="citizen",
                        text=SAFEGUARDING_LINES[i % 4] if i < safeguarding else LINES[i % len(LINES)],
                        created_at=at,
                        buttons=[],
                    )
                )
            await session.commit()
    finally:
        await engine.dispose()
    return ids


def seed_busy_queue(
    database_url: str, count: int = 300, *, safeguarding: int = 4, reports: int = 10
) -> list[str]:
    """Puts ``count`` chats in the queue (oldest first in the returned list). Runs in its own
    thread: Playwright's sync API keeps an event loop running in the caller's."""
    result: list[str] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.extend(asyncio.run(_seed(database_url, count, safeguarding, reports, datetime.now(UTC))))
        except BaseException as error:  # re-raised in the caller
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result
