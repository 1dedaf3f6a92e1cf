"""Redis client construction, shared by every service shell.

A pooled connection does not survive a Redis restart: the first command sent on it fails with
"Connection closed by server". redis-py retries such errors only when told which ones, so every
service makes its client here: connection errors and timeouts are retried (exponential backoff),
and a restarted Redis costs no failed request once it is back.
"""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError


def make_redis(url: str, **overrides: Any) -> aioredis.Redis:
    """An asyncio Redis client for ``url`` that reconnects transparently after a Redis restart."""
    options: dict[str, Any] = {"retry_on_error": [RedisConnectionError, RedisTimeoutError]}
    options.update(overrides)
    return aioredis.Redis.from_url(url, **options)
