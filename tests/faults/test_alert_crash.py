"""A SIGKILLed alert worker (``brink alert``) counting batches of many dyads: restarted, it loses
no event and counts none twice, and every dyad's alerts are exactly a clean run's.

The reference is the pure engine fed the same events one at a time, in the order produced.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from brink.alerting import AlertConfig, AlertEngine, current_index
from brink.runtime.embedded import EmbeddedRedis, Infrastructure
from brink.runtime.processes import wait_for
from brink.settings import Settings
from schemas.alert import Alert
from schemas.event import EscalationEvent
from schemas.topics import ALERTS, DEADLETTER, EVENTS, event_key
from services.alert.state_store import AlertStateStore
from tests.fixtures.alert_worker import read_all
from tests.fixtures.events import many_dyads_events
from tests.fixtures.extract import eventually, produce
from tests.fixtures.services import ServicePool
from tests.fixtures.webhooks import eventually as until

pytestmark = pytest.mark.integration

COUNTED = "brink_alert_events_total"
BATCHES = "brink_alert_batch_events_count"


async def test_sigkilled_alert_worker_restarted_counts_every_event_of_every_dyad_once(
    settings: Settings, pool: ServicePool, redis_client: aioredis.Redis
) -> None:
    events = many_dyads_events(strikes_per_dyad=6, countries=20)  # 190 dyads, 1,140 events
    config = AlertConfig.from_settings(settings)
    engine = AlertEngine(config)
    want = [alert for e in events for alert in engine.process(e)]
    # No decay tick during the test: the transitions come from the events alone.
    worker = pool.alert(env={"ALERT_TICK_INTERVAL_SECONDS": "3600"})
    producing = asyncio.create_task(produce(settings, settings.topic(EVENTS), messages(events)))
    await eventually(lambda: worker.metric(COUNTED) >= 300, 60, "300 events counted")
    worker.kill()
    assert not producing.done(), "the worker must die mid-stream, with events still coming"
    await producing
    worker.start()  # reads from the committed offsets: a backlog, counted in batches

    store = AlertStateStore(redis_client, settings)

    async def every_event_counted() -> bool:
        for dyad, state in engine.states.items():
            stored = await store.load(dyad)
            if stored is None or stored.events < state.events:
                return False
        return True

    await until(every_event_counted, 90, "the restarted worker to count every event")
    # Nothing lost, nothing counted twice: each dyad's count and index are a clean run's.
    at = max(e.published_at for e in events)
    for dyad, state in engine.states.items():
        stored = await store.load(dyad)
        assert stored is not None and stored.events == state.events == 6, dyad
        assert stored.seen == state.seen, dyad  # counted in the order produced
        assert current_index(stored, at, config) == pytest.approx(current_index(state, at, config)), dyad

    # Every dyad's transitions, in the order first sent, are exactly the engine's; what was sent
    # again after the crash is identical (the dispatcher drops it by transition id).
    sent = [Alert.model_validate_json(r.value) for r in await read_all(settings, ALERTS)]
    for dyad in engine.states:
        distinct = list(dict.fromkeys(a.model_dump_json() for a in sent if a.dyad == dyad))
        assert distinct == [a.model_dump_json() for a in want if a.dyad == dyad], dyad
    # The restarted worker took its backlog in batches of more than one event.
    assert worker.metric(BATCHES) < worker.metric(COUNTED)
    worker.check_alive()


async def test_a_redis_refusing_writes_stops_the_alert_worker_and_after_a_restart_nothing_is_lost(
    settings: Settings, infra: Infrastructure, tmp_path: Path
) -> None:
    """Not a bad record, not an outage the worker can wait out: Redis answers, but refuses every
    write (out of memory). The batch fails; the worker must stop rather than read on past it (or
    dead-letter good events), and a restarted worker counts everything once."""
    server = EmbeddedRedis(tmp_path)  # private: its memory limit cannot disturb other tests
    server.start()
    client = aioredis.Redis.from_url(server.url)
    pool = ServicePool(infra, settings, tmp_path, redis_url=server.url)
    events = many_dyads_events(strikes_per_dyad=4)  # 45 dyads, 180 events
    first, second = events[:90], events[90:]  # two strikes per dyad each
    engine = AlertEngine(AlertConfig.from_settings(settings))
    want = [alert for e in events for alert in engine.process(e)]
    store = AlertStateStore(client, settings)

    def counted(strikes: int) -> Callable[[], Awaitable[bool]]:
        async def check() -> bool:
            for dyad in engine.states:
                state = await store.load(dyad)
                if state is None or state.events < strikes:
                    return False
            return True

        return check

    try:
        worker = pool.alert(env={"ALERT_TICK_INTERVAL_SECONDS": "3600"})
        await produce(settings, settings.topic(EVENTS), messages(first))
        await until(counted(2), 60, "the first two strikes of every dyad counted")
        await client.config_set("maxmemory-policy", "noeviction")
        await client.config_set("maxmemory", "1")  # every write now fails with OOM
        await produce(settings, settings.topic(EVENTS), messages(second))

        # (stopping is Faust's whole shutdown sequence: alone ~10 s, but twice > 60 s on the 2-core machine
        # under the full suite; the deadline bounds a hang, the assertions below are the check)
        wait_for(lambda: not worker.alive(), 180, "the alert worker to stop on the refused writes")
        assert worker.proc is not None and worker.proc.returncode != 0
        assert "alert batch failed; stopping the worker" in worker.log()
        assert await read_all(settings, DEADLETTER) == []  # good events are never dead-lettered
        for dyad in engine.states:
            stored = await store.load(dyad)
            assert stored is not None and stored.events == 2, dyad

        await client.config_set("maxmemory", "0")
        worker.start()
        await until(counted(4), 60, "every strike counted after the restart")
        for dyad, state in engine.states.items():
            stored = await store.load(dyad)
            assert stored is not None and stored.seen == state.seen, dyad
        sent = [Alert.model_validate_json(r.value) for r in await read_all(settings, ALERTS)]
        for dyad in engine.states:
            distinct = list(dict.fromkeys(a.model_dump_json() for a in sent if a.dyad == dyad))
            assert distinct == [a.model_dump_json() for a in want if a.dyad == dyad], dyad
        worker.check_alive()
    finally:
        pool.stop_all()
        await client.aclose()
        server.stop()


def messages(events: list[EscalationEvent]) -> list[tuple[bytes | None, bytes]]:
    return [(event_key(e), e.model_dump_json().encode()) for e in events]
