"""The alert processor's batches (what the worker's agent hands it) against the real broker and a
private Redis (private so that its command statistics are this test's alone).

The reference is always the pure engine fed the same events one at a time, in the order read.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from aiokafka import AIOKafkaProducer
from prometheus_client import CollectorRegistry

from brink.alerting import AlertConfig, AlertEngine
from brink.runtime.batches import InOrderBatches
from brink.runtime.embedded import EmbeddedRedis
from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.alert import Alert
from schemas.deadletter import DeadLetter
from schemas.event import EscalationEvent
from schemas.topics import ALERTS, DEADLETTER, EVENTS, event_key
from services.alert.metrics import AlertMetrics
from services.alert.processor import AlertProcessor, Publish, SourceRecord
from services.alert.state_store import AlertStateStore
from tests.fixtures.alert_worker import read_all
from tests.fixtures.events import many_dyads_events

pytestmark = pytest.mark.integration

POISON = b'{"event_id": "half a message'


def records(
    settings: Settings, items: Sequence[EscalationEvent | bytes], first_offset: int = 0
) -> list[SourceRecord]:
    """Records as the agent would read them from one partition (poison bytes keyed like an event)."""
    topic = settings.topic(EVENTS)
    out = []
    for offset, item in enumerate(items, start=first_offset):
        if isinstance(item, bytes):
            out.append(SourceRecord(item, b"poison", topic, 0, offset))
        else:
            out.append(SourceRecord(item.model_dump_json().encode(), event_key(item), topic, 0, offset))
    return out


def expected(events: Sequence[EscalationEvent]) -> tuple[list[Alert], dict[str, int]]:
    """The pure engine's transitions and events counted per dyad, fed one event at a time."""
    engine = AlertEngine(AlertConfig())
    transitions = [alert for e in events for alert in engine.process(e)]
    return transitions, {dyad: state.events for dyad, state in engine.states.items()}


def by_dyad(alerts: Sequence[Alert]) -> dict[str, list[Alert]]:
    grouped: dict[str, list[Alert]] = {}
    for alert in alerts:
        grouped.setdefault(alert.dyad, []).append(alert)
    return grouped


@dataclass
class Rig:
    settings: Settings
    redis: aioredis.Redis
    producer: AIOKafkaProducer
    tmp_path: Path

    async def publish(self, topic: str, key: bytes, value: bytes) -> None:
        await self.producer.send_and_wait(topic, key=key, value=value)

    def processor(self, publish: Publish | None = None) -> AlertProcessor:
        """A fresh processor, as a restarted worker would build it (nothing in memory)."""
        config = AlertConfig.from_settings(self.settings)
        return AlertProcessor(
            config=config,
            store=AlertStateStore(self.redis, self.settings),
            publish=publish or self.publish,
            metrics=AlertMetrics(CollectorRegistry(), config.half_life_seconds),
            alerts_topic=self.settings.topic(ALERTS),
            deadletter_topic=self.settings.topic(DEADLETTER),
            max_event_bytes=self.settings.alert_max_event_bytes,
        )

    async def counted(self) -> dict[str, int]:
        store = AlertStateStore(self.redis, self.settings)
        counts = {}
        for key in await self.redis.keys(f"{self.settings.redis_key('alert')}:*:state"):
            name = key.decode() if isinstance(key, bytes) else key
            dyad = name.split("{")[1].split("}")[0]
            state = await store.load(dyad)
            assert state is not None
            counts[dyad] = state.events
        return counts

    async def command_calls(self) -> dict[str, int]:
        stats = await self.redis.info("commandstats")
        return {name.removeprefix("cmdstat_"): int(value["calls"]) for name, value in stats.items()}

    async def alerts(self) -> list[Alert]:
        return [Alert.model_validate_json(r.value) for r in await read_all(self.settings, ALERTS)]


@pytest.fixture
async def rig(settings: Settings, tmp_path: Path) -> AsyncIterator[Rig]:
    server = EmbeddedRedis(tmp_path)
    server.start()
    client = aioredis.Redis.from_url(server.url)
    producer = make_producer(settings)
    await producer.start()
    try:
        yield Rig(settings.model_copy(update={"redis_url": server.url}), client, producer, tmp_path)
    finally:
        await producer.stop()
        await client.aclose()
        server.stop()


async def test_a_batch_of_many_dyads_counts_each_event_once_in_order_with_one_state_read_and_write_per_dyad(
    rig: Rig,
) -> None:
    events = many_dyads_events(strikes_per_dyad=5)
    # A redelivered event inside the same batch (the last strike of the first dyad, read again).
    batch = [*events, events[-45]]
    want, counts = expected(events)
    await rig.redis.config_resetstat()

    await rig.processor().process_batch(records(rig.settings, batch))

    calls = await rig.command_calls()
    # 45 dyads: one GET and one SET each for 226 records, and one HSET for the open alerts.
    assert (calls.get("get"), calls.get("set"), calls.get("hset")) == (45, 45, 1)
    assert await rig.counted() == counts and set(counts.values()) == {5}
    got = await rig.alerts()
    assert len(got) == len(want) == 45 * 3
    # Each dyad's transitions exactly as one-at-a-time processing emits them, in the same order.
    assert by_dyad(got) == by_dyad(want)
    assert {(a.type, a.level) for a in got} == {
        ("alert.firing", "watch"),
        ("alert.updated", "warning"),
        ("alert.updated", "critical"),
    }


async def test_consecutive_batches_carry_each_dyads_state_and_match_one_at_a_time_processing(
    rig: Rig,
) -> None:
    events = many_dyads_events(strikes_per_dyad=6)
    processor = rig.processor()
    # Batches of odd sizes that split dyads' runs anywhere, as the worker's batches would.
    sizes, start = itertools.cycle((1, 7, 64, 3, 100)), 0
    all_records = records(rig.settings, events)
    while start < len(all_records):
        size = next(sizes)
        await processor.process_batch(all_records[start : start + size])
        start += size

    want, counts = expected(events)
    assert await rig.counted() == counts
    assert by_dyad(await rig.alerts()) == by_dyad(want)


async def test_a_poison_record_inside_a_batch_is_dead_lettered_with_its_bytes_and_the_rest_are_counted(
    rig: Rig,
) -> None:
    events = many_dyads_events(strikes_per_dyad=2)
    batch: list[EscalationEvent | bytes] = [*events[:50], POISON, *events[50:]]
    processor = rig.processor()

    await processor.process_batch(records(rig.settings, batch, first_offset=100))

    letters = [DeadLetter.model_validate_json(r.value) for r in await read_all(rig.settings, DEADLETTER)]
    assert [(d.original, d.key, d.offset, d.reason, d.stage) for d in letters] == [
        (POISON, b"poison", 150, "invalid_json", "alert")
    ]
    want, counts = expected(events)
    assert await rig.counted() == counts
    assert by_dyad(await rig.alerts()) == by_dyad(want)
    assert processor.positions == {0: 100 + len(batch)}


async def test_a_worker_stopped_after_publishing_a_batch_but_before_persisting_it_recounts_it_identically(
    rig: Rig,
) -> None:
    """A crash between publish and persist: the redelivered batch re-publishes the *same* transitions
    (duplicates the dispatcher drops by transition id) and counts every event exactly once."""
    events = many_dyads_events(strikes_per_dyad=4)
    batch = records(rig.settings, events)
    published: list[bytes] = []
    entered = 0
    stuck = asyncio.Event()

    async def publish_then_hang(topic: str, key: bytes, value: bytes) -> None:
        """The real producer for the first 60 transitions; the later ones never return (the
        process is stuck there when it dies)."""
        nonlocal entered
        entered += 1
        if entered > 60:
            await asyncio.Event().wait()
        await rig.publish(topic, key, value)
        published.append(value)
        if len(published) == 60:
            stuck.set()

    dying = asyncio.create_task(rig.processor(publish_then_hang).process_batch(batch))
    await asyncio.wait_for(stuck.wait(), 30)
    dying.cancel()
    await asyncio.gather(dying, return_exceptions=True)
    assert len(published) == 60 and await rig.counted() == {}  # published, nothing persisted

    # The restarted worker reads the same batch again (its offsets were never acknowledged).
    await rig.processor().process_batch(batch)
    # ... and once more, as if it had crashed after persisting: duplicates change nothing.
    await rig.processor().process_batch(batch)

    want, counts = expected(events)
    assert await rig.counted() == counts
    got = await rig.alerts()
    assert len(got) == 60 + len(want)
    # Every dyad's distinct transitions, in the order first sent, are exactly the engine's; the
    # ones sent before the crash are repeated identically (same alert id, type, level, times).
    assert len(want) > 60
    for dyad, alerts in by_dyad(got).items():
        distinct = list(dict.fromkeys(a.model_dump_json() for a in alerts))
        assert distinct == [a.model_dump_json() for a in by_dyad(want)[dyad]], dyad
    assert {a.model_dump_json() for a in got} == {a.model_dump_json() for a in want}


async def test_every_record_is_acknowledged_in_order_and_only_once_its_event_is_persisted(rig: Rig) -> None:
    events = many_dyads_events(strikes_per_dyad=3)
    items: list[EscalationEvent | bytes] = [*events[:70], POISON, *events[70:]]
    all_records = records(rig.settings, items)
    store = AlertStateStore(rig.redis, rig.settings)
    processor = rig.processor()
    acked: list[int] = []

    async def ack(record: SourceRecord) -> None:
        item = items[record.offset]
        if isinstance(item, EscalationEvent):
            assert item.dyad is not None
            state = await store.load(item.dyad)
            assert state is not None and item.event_id in state.seen, f"offset {record.offset} acked unsaved"
        acked.append(record.offset)

    async with InOrderBatches(processor.process_batch, ack, max_batch=32, max_pending=64) as batches:
        for record in all_records:
            await batches.submit(record)
        await batches.drain()

    assert acked == list(range(len(items)))
    assert await rig.counted() == expected(events)[1]
