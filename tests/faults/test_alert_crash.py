"""A SIGKILLed alert worker (``brink alert``) counting batches of many dyads: restarted, it loses
no event and counts none twice, and every dyad's alerts are exactly a clean run's.

The reference is the pure engine fed the same events one at a time, in the order produced.
"""

from __future__ import annotations

import asyncio

import pytest
import redis.asyncio as aioredis

from brink.alerting import AlertConfig, AlertEngine, current_index
from brink.settings import Settings
from schemas.alert import Alert
from schemas.topics import ALERTS, EVENTS, event_key
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
    messages = [(event_key(e), e.model_dump_json().encode()) for e in events]

    producing = asyncio.create_task(produce(settings, settings.topic(EVENTS), messages))
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
