"""Per-dyad alert-engine state in Redis (ADR 0001).

One string key per dyad, hash-tagged so a Redis Cluster keeps everything of one dyad on one slot:
``<prefix>:alert:{IRN-USA}:state`` holds the DyadState JSON. A hash ``<prefix>:alert:open``
maps each dyad with an open alert to its level, so the decay tick and the open-alerts gauge do
not have to scan every dyad.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from brink.alerting import DyadState
from brink.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")

_MAX_BACKOFF_SECONDS = 5.0


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class AlertStateStore:
    def __init__(self, client: aioredis.Redis, settings: Settings) -> None:
        self._redis = client
        self._prefix = settings.redis_key("alert")
        self._open_key = settings.redis_key("alert", "open")

    def state_key(self, dyad: str) -> str:
        return f"{self._prefix}:{{{dyad}}}:state"

    async def load(self, dyad: str) -> DyadState | None:
        raw = await self._retrying(lambda: self._redis.get(self.state_key(dyad)))
        return None if raw is None else DyadState.from_json(raw)

    async def save(self, state: DyadState) -> None:
        async def write() -> None:
            pipe = self._redis.pipeline(transaction=False)
            pipe.set(self.state_key(state.dyad), state.to_json())
            if state.alert is not None:
                pipe.hset(self._open_key, state.dyad, state.alert.level)
            else:
                pipe.hdel(self._open_key, state.dyad)
            await pipe.execute()

        await self._retrying(write)

    async def open_alerts(self) -> dict[str, str]:
        """dyad -> level of every open alert (all workers' dyads)."""
        raw = await self._retrying(lambda: self._redis.hgetall(self._open_key))
        return {_text(k): _text(v) for k, v in raw.items()}

    async def _retrying(self, operation: Callable[[], Awaitable[T]]) -> T:
        """Run ``operation``; while Redis is unreachable, wait and retry (the stream waits too)."""
        delay = 0.1
        failing_since: float | None = None
        while True:
            try:
                result = await operation()
            except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
                if failing_since is None:
                    failing_since = asyncio.get_running_loop().time()
                    log.warning("redis unreachable (%s); retrying until it is back", exc)
                await asyncio.sleep(delay)  # back-off between attempts, not synchronisation
                delay = min(delay * 2, _MAX_BACKOFF_SECONDS)
                continue
            if failing_since is not None:
                waited = asyncio.get_running_loop().time() - failing_since
                log.info("redis reachable again after %.1fs", waited)
            return result
