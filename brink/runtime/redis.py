"""Redis client construction, shared by every service shell.

Two things redis-py does not do by default, and every service needs:

- A pooled connection does not survive a Redis restart: the first command sent on it fails with
  "Connection closed by server". redis-py retries such errors only when told which ones, so
  connection errors and timeouts are retried here (exponential backoff): a restarted Redis costs
  no failed request once it is back.
- The asyncio pool refuses a 101st concurrent connection (``MaxConnectionsError``), which under a
  burst of requests turns into 503s although Redis is fine. Here the pool is a blocking one: a
  request waits (up to ``pool_timeout`` seconds) for a free connection instead.
"""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

MAX_CONNECTIONS = 100
POOL_TIMEOUT_SECONDS = 10.0


def make_redis(
    url: str,
    *,
    max_connections: int = MAX_CONNECTIONS,
    pool_timeout: float = POOL_TIMEOUT_SECONDS,
    **connection_options: Any,
) -> aioredis.Redis:
    """An asyncio Redis client for ``url`` that reconnects after a Redis restart and queues for a
    connection under load; ``aclose()`` closes its pool."""
    options: dict[str, Any] = {"retry_on_error": [RedisConnectionError, RedisTimeoutError]}
    options.update(connection_options)
    pool = aioredis.BlockingConnectionPool.from_url(
        url, max_connections=max_connections, timeout=pool_timeout, **options
    )
    return aioredis.Redis.from_pool(pool)
