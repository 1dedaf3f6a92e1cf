"""The embedded broker and Redis are real servers a client can round-trip through."""

from __future__ import annotations

import redis.asyncio as aioredis

from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.topics import ARTICLES
from tests.fixtures.kafka import consume_until


async def test_a_record_produced_with_acks_all_is_consumed_with_its_key(settings: Settings) -> None:
    producer = make_producer(settings)
    await producer.start()
    try:
        await producer.send_and_wait(settings.topic(ARTICLES), key=b"a1", value=b'{"x": 1}')
    finally:
        await producer.stop()
    records = await consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= 1)
    assert [(r.key, r.value) for r in records] == [(b"a1", b'{"x": 1}')]


async def test_redis_round_trip_under_the_test_prefix(
    settings: Settings, redis_client: aioredis.Redis
) -> None:
    key = settings.redis_key("probe")
    await redis_client.set(key, "v", ex=60)
    assert await redis_client.get(key) == b"v"
    assert key.startswith(settings.redis_key_prefix)
