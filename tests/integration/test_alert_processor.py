"""The alert processor (what the worker's agent calls per message) against a real broker and a
private Redis that is restarted mid-stream."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from prometheus_client import CollectorRegistry

from brink.alerting import AlertConfig, DyadState, apply_event
from brink.runtime.embedded import EmbeddedRedis
from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.alert import Alert
from schemas.topics import ALERTS, DEADLETTER, EVENTS
from services.alert.metrics import AlertMetrics
from services.alert.processor import AlertProcessor
from services.alert.state_store import AlertStateStore
from tests.fixtures.alert_worker import read_all, wait_until
from tests.fixtures.events import event, trump_conditional_threat

pytestmark = pytest.mark.integration


async def test_a_redis_restart_mid_stream_stalls_the_stream_and_loses_nothing(
    settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    redis_server = EmbeddedRedis(tmp_path)  # private: restarting it cannot disturb other tests
    redis_server.start()
    client = aioredis.Redis.from_url(redis_server.url)
    producer = make_producer(settings)
    await producer.start()

    async def publish(topic: str, key: bytes, value: bytes) -> None:
        await producer.send_and_wait(topic, key=key, value=value)

    config = AlertConfig.from_settings(settings)
    processor = AlertProcessor(
        config=config,
        store=AlertStateStore(client, settings),
        publish=publish,
        metrics=AlertMetrics(CollectorRegistry(), config.half_life_seconds),
        alerts_topic=settings.topic(ALERTS),
        deadletter_topic=settings.topic(DEADLETTER),
        max_event_bytes=settings.alert_max_event_bytes,
    )
    now = datetime.now(UTC)
    threat = trump_conditional_threat("p-threat", now)
    strike = event("p-strike", now + timedelta(seconds=1), cameo="190", goldstein=-10.0, threat_score=0.5)
    try:

        async def handle(e: object, offset: int) -> None:
            assert hasattr(e, "model_dump_json")
            await processor.handle(
                e.model_dump_json().encode(), b"IRN-USA", settings.topic(EVENTS), 0, offset
            )

        await handle(threat, 0)
        redis_server.stop()
        pending = asyncio.create_task(handle(strike, 1))
        await wait_until(lambda: "redis unreachable" in caplog.text, 10, "the processor to notice the outage")
        assert not pending.done()  # the stream waits for Redis instead of dropping the event
        redis_server.start()
        await asyncio.wait_for(pending, 30)
        await handle(threat, 2)  # a redelivery after the outage is still a duplicate

        alerts = [Alert.model_validate_json(r.value) for r in await read_all(settings, ALERTS)]
        assert [(a.type, a.level) for a in alerts] == [
            ("alert.firing", "watch"),
            ("alert.updated", "warning"),
        ]
        assert alerts[0].alert_id == alerts[1].alert_id
        state = await processor.store.load("IRN-USA")
        assert state is not None and state.seen == ["p-threat", "p-strike"]
        assert await client.hget(settings.redis_key("alert", "open"), "IRN-USA") == b"warning"
    finally:
        await producer.stop()
        await client.aclose()
        redis_server.stop()


async def test_a_pair_stored_with_a_2999_clock_is_repaired_on_load_and_its_alert_resolves(
    settings: Settings, redis_client: aioredis.Redis
) -> None:
    """A state a worker wrote before event time was bounded (ADR 0019) must not stay stuck."""
    config = AlertConfig.from_settings(settings)
    stuck = DyadState(dyad="IRN-USA")
    far = datetime(2999, 1, 1, tzinfo=UTC)
    for k in range(3):
        strike = event(f"far-{k}", far + timedelta(seconds=k), cameo="190", goldstein=-10.0)
        apply_event(stuck, strike, config)
    assert stuck.alert is not None
    store = AlertStateStore(redis_client, settings)
    await store.save(stuck)
    producer = make_producer(settings)
    await producer.start()

    async def publish(topic: str, key: bytes, value: bytes) -> None:
        await producer.send_and_wait(topic, key=key, value=value)

    registry = CollectorRegistry()
    processor = AlertProcessor(
        config=config,
        store=store,
        publish=publish,
        metrics=AlertMetrics(registry, config.half_life_seconds),
        alerts_topic=settings.topic(ALERTS),
        deadletter_topic=settings.topic(DEADLETTER),
        max_event_bytes=settings.alert_max_event_bytes,
    )
    try:
        wall = datetime.now(UTC)
        await processor.tick(wall, owns=lambda dyad: True)  # the repair is saved
        repaired = await store.load("IRN-USA")
        assert repaired is not None and repaired.clock is not None
        assert repaired.clock <= wall + timedelta(seconds=settings.ingest_max_future_skew_seconds)
        assert registry.get_sample_value("brink_alert_future_states_repaired_total") == 1.0
        sent = await processor.tick(wall + timedelta(days=60), owns=lambda dyad: True)
        assert [a.type for a in sent][-1] == "alert.resolved"
        assert await redis_client.hget(settings.redis_key("alert", "open"), "IRN-USA") is None
    finally:
        await producer.stop()
