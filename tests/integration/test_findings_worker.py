"""The alert worker, a real child process on the real broker and Redis, records what it consumes
so the read API (real HTTP) shows it: events, and articles with their events; bad messages on the
events topic are dead-lettered, not recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.event import EscalationEvent
from schemas.topics import ARTICLES, DEADLETTER, EVENTS, event_key
from tests.fixtures.alert_worker import read_until, started_alert_worker
from tests.fixtures.events import IRAN, T0, TRUMP, event
from tests.fixtures.read_api import READ, article, findings_store, scoped_settings
from tests.fixtures.webhooks import eventually, running_api

pytestmark = pytest.mark.integration


async def test_alert_worker_records_consumed_events_and_articles_for_the_read_api(
    settings: Settings, tmp_path: Path
) -> None:
    events = [
        event("threat", source=TRUMP, target=IRAN, cameo="138", threat_score=0.8, article_id="seed"),
        event("strike", timedelta(minutes=5), cameo="190", article_id="seed", span=(50, 90)),
        event("stateless", article_id="seed", span=(100, 120)).model_copy(
            update={"dyad": None, "target": None}
        ),
        # produced straight to the topic, dated 2999: counted by nothing and not kept for reading
        event("from-2999", datetime(2999, 1, 1, tzinfo=UTC) - T0, article_id="future"),
    ]
    async with started_alert_worker(settings, tmp_path):
        await _publish(settings, events)
        await _check_findings(settings)
    async with findings_store(settings) as store:
        assert await store.redis.hexists(store.events_key, "threat")
        assert not await store.redis.hexists(store.events_key, "from-2999")
    letters = await read_until(settings, DEADLETTER, lambda records: len(records) >= 1)
    assert len(letters) == 1


async def _publish(settings: Settings, events: list[EscalationEvent]) -> None:
    producer = make_producer(settings)
    await producer.start()
    try:
        for item in events:
            value = item.model_dump_json().encode()
            await producer.send_and_wait(settings.topic(EVENTS), key=event_key(item), value=value)
        await producer.send_and_wait(settings.topic(EVENTS), key=b"IRN-USA", value=b'{"event_id": "half')
        # produced straight to the topic, dated 2999: dead-lettered by extract, never coded, not shown
        future = article("future", title="From the future").model_copy(
            update={"published_at": datetime(2999, 1, 1, tzinfo=UTC)}
        )
        for piece in (future, article("seed", title="Embassy stormed")):
            # the same key, so one partition: "future" is handled before "seed" shows
            await producer.send_and_wait(
                settings.topic(ARTICLES), key=b"seed", value=piece.model_dump_json().encode()
            )
    finally:
        await producer.stop()


async def _check_findings(settings: Settings) -> None:
    async with running_api(scoped_settings(settings)) as client:

        async def shown() -> bool:
            found = await client.get("/v1/articles/seed", headers=READ)
            return (
                found.status_code == 200
                and found.json()["article"] is not None
                and len(found.json()["events"]) == 3
            )

        await eventually(shown, 60, "the article and its 3 events in the read API")
        seed = (await client.get("/v1/articles/seed", headers=READ)).json()
        assert seed["article"]["title"] == "Embassy stormed"
        assert [e["event_id"] for e in seed["events"]] == ["threat", "strike", "stateless"]
        dyad = (await client.get("/v1/events", params={"dyad": "USA-IRN"}, headers=READ)).json()
        assert [e["event_id"] for e in dyad["events"]] == ["strike", "threat"]
        listed = (await client.get("/v1/articles", headers=READ)).json()["articles"]
        assert [a["article_id"] for a in listed] == ["seed"]
        assert (await client.get("/v1/articles/future", headers=READ)).status_code == 404
        everything = (await client.get("/v1/events", headers=READ)).json()["events"]
        assert len(everything) == 3  # the half message is a dead letter, not a finding
