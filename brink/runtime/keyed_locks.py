"""One asyncio lock per key, kept only while someone holds or waits for it.

The alert worker serialises work per dyad. A ``defaultdict(asyncio.Lock)`` keeps a lock for every dyad
ever seen, for the life of the process; this keeps one only while it is in use, so memory follows the
work in flight, not the history. No Kafka, Redis or HTTP imports.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}  # holders and waiters of each kept lock

    def __len__(self) -> int:
        """How many locks are kept (held or waited for)."""
        return len(self._locks)

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        async with self.hold_all([key]):
            yield

    @asynccontextmanager
    async def hold_all(self, keys: Iterable[str]) -> AsyncIterator[None]:
        """Hold the locks of ``keys`` together. They are taken in sorted order, so two callers with
        overlapping keys cannot deadlock."""
        wanted = sorted(set(keys))
        for key in wanted:  # registered before any wait: a lock in use is never dropped and re-made
            if key not in self._locks:
                self._locks[key] = asyncio.Lock()
                self._users[key] = 0
            self._users[key] += 1
        held: list[str] = []
        try:
            for key in wanted:
                await self._locks[key].acquire()
                held.append(key)
            yield
        finally:
            for key in held:
                self._locks[key].release()
            for key in wanted:
                self._users[key] -= 1
                if not self._users[key]:
                    del self._locks[key], self._users[key]
