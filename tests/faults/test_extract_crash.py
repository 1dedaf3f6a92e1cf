"""SIGKILLed extract workers (``brink extract``, the real coder): 1,000 articles in flight, every
article's events still arrive, and duplicates from re-delivery change nothing downstream (the alert
engine counts each event id once).

The reference is a clean run: the same coder over the same articles in this process.
"""

from __future__ import annotations

import asyncio

import pytest
import redis.asyncio as aioredis

from brink.alerting import current_index
from brink.coder import Coder
from brink.runtime.processes import wait_for
from brink.settings import Settings
from schemas.topics import ARTICLES, EVENTS
from services.alert.state_store import AlertStateStore
from tests.fixtures.corpus import (
    ENGINE_CONFIG,
    PUBLISHED_AT,
    EventIdsSeen,
    dyad_indexes,
    events_of,
    hostile_corpus,
    messages,
    reference_events,
)
from tests.fixtures.extract import eventually, produce
from tests.fixtures.kafka import consume_all_for, consume_until
from tests.fixtures.services import BrinkProcess, ServicePool
from tests.fixtures.webhooks import eventually as until

pytestmark = pytest.mark.integration

ARTICLE_COUNT = 1000
ASSIGNED = "brink_extract_assigned_partitions"
CODED = "brink_extract_articles_total"


def assigned(worker: BrinkProcess) -> int:
    worker.check_alive()
    return int(worker.metric(ASSIGNED))


async def test_sigkilled_extract_worker_restarted_loses_no_event_and_the_index_matches_a_clean_run(
    settings: Settings, pool: ServicePool, redis_client: aioredis.Redis
) -> None:
    corpus = hostile_corpus(ARTICLE_COUNT)
    by_article = reference_events(corpus, Coder.load())
    assert all(by_article.values()), "every article of the corpus codes to at least one event"
    expected = {event_id: e for events_ in by_article.values() for event_id, e in events_.items()}
    clean = dyad_indexes(expected.values())
    articles, events = settings.topic(ARTICLES), settings.topic(EVENTS)
    # No decay tick during the test: every event has the same event time, so the index is a sum.
    pool.alert(env={"ALERT_TICK_INTERVAL_SECONDS": "3600"})
    worker = pool.extract("extract")
    wait_for(lambda: assigned(worker) == ARTICLES.partitions, 60, "the worker to own every partition")

    producing = asyncio.create_task(produce(settings, articles, messages(corpus)))
    await eventually(lambda: worker.metric(CODED) >= 300, 60, "300 articles coded")
    coded_before_kill = worker.metric(CODED)
    worker.kill()
    await producing
    # Mid-stream: the worker died with articles of the stream still uncoded.
    assert coded_before_kill < ARTICLE_COUNT
    worker.start()

    await consume_until(settings, events, EventIdsSeen(expected), timeout=120)
    records = await consume_all_for(settings, events, quiet_seconds=1.0)
    seen = events_of(records)
    # Nothing lost, nothing invented: the distinct events are exactly a clean run's, field for field.
    assert {e.event_id: e for e in seen} == expected
    assert {e.article_id for e in seen} == {a.article_id for a in corpus}
    # Re-delivered articles repeat their events (same ids); counted once, they change no index:
    # neither in the engine fed the topic as it is, duplicates included ...
    after_crash = dyad_indexes(seen)
    assert after_crash.keys() == clean.keys()
    for dyad, (index, counted) in clean.items():
        assert after_crash[dyad][1] == counted, dyad
        assert after_crash[dyad][0] == pytest.approx(index, rel=1e-9), dyad
    # ... nor in the alert worker's per-dyad state, which read the same topic.
    store = AlertStateStore(redis_client, settings)

    async def worker_counted_everything() -> bool:
        for dyad, (_, counted) in clean.items():
            state = await store.load(dyad)
            if state is None or state.events < counted:
                return False
        return True

    await until(worker_counted_everything, 60, "the alert worker to count every event")
    for dyad, (index, counted) in clean.items():
        state = await store.load(dyad)
        assert state is not None and state.events == counted, dyad
        assert current_index(state, PUBLISHED_AT, ENGINE_CONFIG) == pytest.approx(index, rel=1e-9), dyad


async def test_of_two_extract_workers_the_survivor_takes_over_the_killed_ones_partitions_and_nothing_is_lost(
    settings: Settings, pool: ServicePool
) -> None:
    corpus = hostile_corpus(ARTICLE_COUNT, seed=11)
    expected = {
        i: e for events_ in reference_events(corpus, Coder.load()).values() for i, e in events_.items()
    }
    articles, events = settings.topic(ARTICLES), settings.topic(EVENTS)
    survivor = pool.extract("survivor")
    victim = pool.extract("victim")

    def balanced() -> bool:
        mine, theirs = assigned(survivor), assigned(victim)
        return mine > 0 and theirs > 0 and mine + theirs == ARTICLES.partitions

    wait_for(balanced, 60, "the two workers to share the partitions", interval=0.2)
    producing = asyncio.create_task(produce(settings, articles, messages(corpus)))
    await eventually(
        lambda: victim.metric(CODED) >= 100 and survivor.metric(CODED) >= 100, 60, "both workers coding"
    )
    victim.kill()
    await eventually(lambda: assigned(survivor) == ARTICLES.partitions, 60, "the survivor to take over")
    await producing

    await consume_until(settings, events, EventIdsSeen(expected), timeout=120)
    seen = events_of(await consume_all_for(settings, events, quiet_seconds=1.0))
    assert {e.event_id: e for e in seen} == expected
    survivor.check_alive()
