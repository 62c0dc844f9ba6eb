"""Sliding-window rate limits and per-client concurrency limits, kept in memory (per gateway
process)."""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class RateLimiter:
    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def hit(self, key: str, now: float) -> int:
        """Record a request; returns 0 when allowed, else the seconds to wait (Retry-After)."""
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(1, math.ceil(hits[0] + self.window - now))
        hits.append(now)
        return 0

    def prune(self, now: float) -> None:
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self.window]:
            del self._hits[key]


class ConcurrencyLimit:
    """At most ``limit`` calls at once per key (a client address); further calls wait their turn
    in order. One client's flood then queues behind its own limit instead of everyone's: Rasa
    answers one turn at a time, so without this 60 parallel senders put every other citizen
    behind 60 turns. ``limit`` 0 means no limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._holders: dict[str, int] = defaultdict(int)

    @asynccontextmanager
    async def slot(self, key: str) -> AsyncIterator[None]:
        if self.limit <= 0:
            yield
            return
        semaphore = self._slots.get(key)
        if semaphore is None:
            semaphore = self._slots[key] = asyncio.Semaphore(self.limit)
        self._holders[key] += 1
        try:
            async with semaphore:
                yield
        finally:
            self._holders[key] -= 1
            if self._holders[key] == 0:
                # Nobody holds or waits for this key: forget it, so idle clients cost nothing.
                del self._holders[key], self._slots[key]

    def in_use(self, key: str) -> int:
        """Calls holding or waiting for a slot of ``key`` (for tests and diagnostics)."""
        return self._holders.get(key, 0)
