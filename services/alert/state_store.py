"""Per-dyad alert-engine state in Redis (ADR 0001).

One string key per dyad, hash-tagged so a Redis Cluster keeps everything of one dyad on one slot:
``<prefix>:alert:{IRN-USA}:state`` holds the DyadState JSON. A hash ``<prefix>:alert:open``
maps each dyad with an open alert to its level, so the decay tick and the open-alerts gauge do
not have to scan every dyad.

The stream reads and writes the states of a whole batch of dyads at once (``load_many`` /
``save_many``): one pipelined round trip each way, whatever the number of dyads. Pipelines are
not transactions and every key stays in its dyad's slot, so this works on Redis Cluster too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.typing import EncodableT, FieldT

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

    async def load_raw_many(self, dyads: Sequence[str]) -> list[bytes | None]:
        """The stored JSON of each dyad's state (None where there is none), in one round trip.

        Raw, not parsed: a state that does not parse is the caller's to report, per dyad."""
        if not dyads:
            return []

        async def read() -> list[bytes | None]:
            pipe = self._redis.pipeline(transaction=False)
            for dyad in dyads:
                pipe.get(self.state_key(dyad))
            return list(await pipe.execute())

        return await self._retrying(read)

    async def save(self, state: DyadState) -> None:
        await self.save_many([state])

    async def save_many(self, states: Sequence[DyadState]) -> None:
        """Write every state and its entry in the open-alerts hash, in one round trip.

        Idempotent, so a write retried after a lost connection does no harm."""
        if not states:
            return
        payload = [(self.state_key(state.dyad), state.to_json()) for state in states]
        opened: dict[FieldT, EncodableT] = {
            state.dyad: state.alert.level for state in states if state.alert is not None
        }
        closed = [state.dyad for state in states if state.alert is None]

        async def write() -> None:
            pipe = self._redis.pipeline(transaction=False)
            for key, value in payload:
                pipe.set(key, value)
            if opened:
                pipe.hset(self._open_key, mapping=opened)
            if closed:
                pipe.hdel(self._open_key, *closed)
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
