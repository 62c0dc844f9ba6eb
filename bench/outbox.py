"""The outbox's delivery figures with the default retry settings, on simulated time.

A real worker (handoff/service/outbox.py), a real SQLite database and a real HTTP receiver (a
thread), but the gateway's clock is a simulated one: the receiver refuses everything (503) until
``--down`` seconds of simulated time have passed, and the loop jumps the clock to the next due
attempt instead of sleeping. Prints the events, the attempts, the dead letters and how long after
the receiver came back each event was delivered.

    .venv/bin/python bench/outbox.py [--reports 50] [--down 3600] [--attempts 12] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import threading
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handoff.adapters.database import create_engine, session_factory
from handoff.adapters.delivery import WebhookSender, verify
from handoff.adapters.migrate import upgrade
from handoff.adapters.reports import entry_of
from handoff.domain.outbox import WEBHOOK, Backoff, OutboxStatus, heads
from handoff.service.outbox import OutboxWorker
from handoff.service.uow import UnitOfWork
from handoff.settings import Settings

SECRET = "bench-secret-0123456789abcdef"
T0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


class SimClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def receiver(clock: SimClock, down_until: datetime, log: list[dict[str, Any]]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            ok = clock.now >= down_until and verify(body, SECRET, self.headers.get("X-Signature-256", ""))
            log.append({"at": clock.now, "key": self.headers.get("Idempotency-Key"), "ok": ok})
            self.send_response(200 if ok else 503)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


async def run(url: str, reports: int, down: float, attempts: int, seed: int) -> dict[str, Any]:
    settings = Settings()
    engine = create_engine(url)
    sessions = session_factory(engine)
    clock = SimClock()
    log: list[dict[str, Any]] = []
    back_at = T0 + timedelta(seconds=down)
    server = receiver(clock, back_at, log)
    sender = WebhookSender(f"http://127.0.0.1:{server.server_address[1]}/", SECRET, 5)
    worker = OutboxWorker(
        sessions,
        {WEBHOOK: sender},
        clock=clock,
        backoff=Backoff(settings.outbox_backoff_seconds, settings.outbox_backoff_cap_seconds, 0.25),
        max_attempts=attempts,
        poll_seconds=settings.outbox_poll_seconds,
        send_timeout_seconds=5,
        draw=random.Random(seed).random,
    )
    async with UnitOfWork(sessions) as uow:
        for n in range(reports):
            reference = f"WEB-{n:04d}-2222"
            for event in ("report.submitted", "report.decided"):
                event_id = str(uuid.uuid4())
                await uow.outbox.add(
                    event_id=event_id,
                    channel=WEBHOOK,
                    reference=reference,
                    event=event,
                    payload={"id": event_id, "event": event, "report": {"reference": reference}},
                    now=clock.now,
                )
        await uow.commit()
    passes = 0
    while True:
        await worker.deliver_due()
        passes += 1
        async with UnitOfWork(sessions) as uow:
            unsent = await uow.outbox.unsent()
        # Only heads can go next (in order per report): entries held behind a dead one wait.
        waiting = [
            e.next_attempt_at for e in heads(entry_of(r) for r in unsent) if e.status is OutboxStatus.PENDING
        ]
        if not waiting:
            break
        # Sleep until the next attempt is due (the real worker polls every OUTBOX_POLL_SECONDS).
        soonest = min(w for w in waiting if w is not None)
        step = timedelta(seconds=settings.outbox_poll_seconds)
        clock.now = max(clock.now + step, soonest + step - timedelta(microseconds=1))
    async with UnitOfWork(sessions) as uow:
        dead = len(await uow.outbox.dead())
        held = len(await uow.outbox.unsent()) - dead
    await sender.close()
    server.shutdown()
    await engine.dispose()
    accepted: dict[str, datetime] = {}
    for entry in log:
        if entry["ok"] and entry["key"] not in accepted:
            accepted[entry["key"]] = entry["at"]
    after = sorted((at - back_at).total_seconds() for at in accepted.values())
    return {
        "reports": reports,
        "events": reports * 2,
        "receiver_down_seconds": down,
        "max_attempts": attempts,
        "attempts": len(log),
        "delivered": len(accepted),
        "duplicates": sum(1 for e in log if e["ok"]) - len(accepted),
        "dead_letters": dead,
        "held_behind_dead": held,
        "seconds_to_deliver_after_back": {
            "min": after[0] if after else None,
            "median": statistics.median(after) if after else None,
            "max": after[-1] if after else None,
        },
        "worker_passes": passes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--down", type=float, default=3600)
    parser.add_argument("--attempts", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        upgrade(url)
        figures = asyncio.run(run(url, args.reports, args.down, args.attempts, args.seed))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
