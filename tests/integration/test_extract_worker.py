"""The extract worker as a real process against the real broker.

Workers are subprocesses: ``brink extract`` with the real coder, or the same worker code with
``StubCoder`` when a test needs a coder that fails or many small hand-made articles. Each test has
its own topics and consumer group.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiokafka import ConsumerRecord

from brink.runtime.embedded import Infrastructure
from brink.runtime.processes import wait_for
from brink.settings import Settings
from schemas.deadletter import DeadLetter
from schemas.event import EscalationEvent
from schemas.topics import ARTICLES, DEADLETTER, EVENTS
from tests.fixtures.coder import seed_article, shared_coder
from tests.fixtures.extract import ExtractWorkers, StubCoder, encode, eventually, make_article, produce
from tests.fixtures.kafka import consume_all_for, consume_until

pytestmark = pytest.mark.integration

Records = list[ConsumerRecord[bytes, bytes]]


@pytest.fixture
def workers(infra: Infrastructure, settings: Settings, tmp_path: Path) -> Iterator[ExtractWorkers]:
    pool = ExtractWorkers(infra, settings, tmp_path)
    yield pool
    pool.stop_all()


def events_of(records: Records) -> list[EscalationEvent]:
    return [EscalationEvent.model_validate_json(r.value) for r in records]


def event_ids(records: Records) -> set[str]:
    return {e.event_id for e in events_of(records)}


def expected_ids(texts: dict[str, str]) -> set[str]:
    coder = StubCoder()
    return {e.event_id for aid, text in texts.items() for e in coder.code(make_article(aid, text)).events}


async def test_the_seed_article_is_coded_into_events_keyed_by_dyad_with_the_same_ids_when_redelivered(
    settings: Settings, workers: ExtractWorkers
) -> None:
    worker = workers.spawn("real", stub=False)  # `brink extract`: the real coder
    article = seed_article().model_copy(update={"ingested_at": datetime.now(UTC)})
    coded = shared_coder().code(article)
    expected = {e.event_id for e in coded.events}
    assert any(e.dyad == "IRN-USA" for e in coded.events)
    articles, events = settings.topic(ARTICLES), settings.topic(EVENTS)
    await produce(settings, articles, [(article.article_id.encode(), encode(article))])
    first = await consume_until(settings, events, lambda rs: len(rs) >= len(coded.events), timeout=90)
    assert event_ids(first) == expected
    for record, event in zip(first, events_of(first), strict=True):
        assert record.key == (event.dyad or event.article_id).encode()
    assert b"IRN-USA" in {r.key for r in first}
    # Re-delivery (the same article again): the same event ids, nothing new.
    await produce(settings, articles, [(article.article_id.encode(), encode(article))])
    both = await consume_until(settings, events, lambda rs: len(rs) >= 2 * len(coded.events), timeout=60)
    assert event_ids(both) == expected
    wait_for(lambda: worker.metric("brink_extract_articles_total") == 2, 10, "two codings counted")
    metrics = worker.metrics()
    coded_events = sum(v for k, v in metrics.items() if k.startswith("brink_extract_events_total{"))
    assert coded_events == 2 * len(coded.events)
    assert metrics["brink_pipeline_latency_seconds_count{stage=extract}"] == 2
    assert metrics["brink_extract_coding_seconds_count"] == 2


async def test_poison_messages_are_dead_lettered_and_the_next_article_is_still_coded(
    settings: Settings, workers: ExtractWorkers
) -> None:
    workers.spawn("real", stub=False)
    seed = seed_article()
    poison = [
        b"not json at all",
        b'{"schema_version": 7, "article_id": "p2", "text": "x"}',
        b'{"article_id": "\xc3\x28"}',
    ]
    articles = settings.topic(ARTICLES)
    messages: list[tuple[bytes | None, bytes]] = []
    for index, raw in enumerate(poison):
        # One key for all: one partition, so each good article is read after its poison message.
        after = seed.model_copy(update={"article_id": f"ok{index}"})
        messages += [(b"k", raw), (b"k", encode(after))]
    await produce(settings, articles, messages)
    letters = await consume_until(settings, settings.topic(DEADLETTER), lambda rs: len(rs) >= 3, timeout=60)
    decoded = [DeadLetter.model_validate_json(r.value) for r in letters]
    assert [(d.original, d.reason, d.offset) for d in decoded] == [
        (poison[0], "invalid_json", 0),
        (poison[1], "schema_version", 2),
        (poison[2], "invalid_utf8", 4),
    ]
    assert {(d.key, d.stage, d.topic) for d in decoded} == {(b"k", "extract", articles)}
    assert {r.key for r in letters} == {articles.encode()}
    per_article = len(shared_coder().code(seed).events)
    records = await consume_until(settings, settings.topic(EVENTS), lambda rs: len(rs) >= 3 * per_article, 60)
    assert {e.article_id for e in events_of(records)} == {"ok0", "ok1", "ok2"}


async def test_a_coder_exception_is_dead_lettered_as_processing_error_and_the_stream_goes_on(
    settings: Settings, workers: ExtractWorkers
) -> None:
    workers.spawn("w1")
    boom = encode(make_article("boom", "EXPLODE"))
    after = make_article("after", "USA praises ISR")
    # Same key: same partition, so "after" is read after the failure.
    await produce(settings, settings.topic(ARTICLES), [(b"k", boom), (b"k", encode(after))])
    [letter] = await consume_until(settings, settings.topic(DEADLETTER), lambda rs: len(rs) >= 1, timeout=60)
    decoded = DeadLetter.model_validate_json(letter.value)
    assert (decoded.reason, decoded.original, decoded.stage) == ("processing_error", boom, "extract")
    assert "stub coder exploded" in decoded.error
    records = await consume_until(settings, settings.topic(EVENTS), lambda rs: len(rs) >= 1, timeout=30)
    assert [e.article_id for e in events_of(records)] == ["after"]


async def test_three_workers_share_the_partitions_evenly_and_code_each_article_once(
    settings: Settings, workers: ExtractWorkers
) -> None:
    # The default partition count fits 1, 2, 3 or 6 replicas evenly: none of three stands idle.
    trio = [workers.spawn("w1"), workers.spawn("w2"), workers.spawn("w3")]

    def balanced() -> bool:
        for worker in trio:
            worker.check_alive()
        return [worker.assigned() for worker in trio] == [ARTICLES.partitions // 3] * 3

    wait_for(balanced, 90, "the three workers to hold a third of the partitions each", interval=0.2)
    texts = {f"s{i}": f"USA threatens IRN {i}" for i in range(36)}
    messages = [(aid.encode(), encode(make_article(aid, text))) for aid, text in texts.items()]
    await produce(settings, settings.topic(ARTICLES), messages)

    def coded() -> list[float]:
        return [worker.metric("brink_extract_articles_total") for worker in trio]

    wait_for(lambda: sum(coded()) >= 36, 60, "36 articles to be coded", interval=0.2)
    all_events = events_of(await consume_all_for(settings, settings.topic(EVENTS), quiet_seconds=1.0))
    assert min(coded()) > 0 and sum(coded()) == 36, coded()
    assert len(all_events) == 36
    assert {e.event_id for e in all_events} == expected_ids(texts)


async def test_a_worker_killed_mid_stream_loses_no_article(
    settings: Settings, workers: ExtractWorkers
) -> None:
    texts = {f"k{i:03d}": f"USA threatens IRN number {i}. ISR attacks SYR." for i in range(160)}
    messages = [(aid.encode(), encode(make_article(aid, text))) for aid, text in texts.items()]
    expected = expected_ids(texts)
    articles, events = settings.topic(ARTICLES), settings.topic(EVENTS)
    victim = workers.spawn("victim")
    victim.wait_assigned()
    producing = asyncio.create_task(produce(settings, articles, messages[:120]))
    await eventually(lambda: victim.metric("brink_extract_articles_total") >= 10, 30, "some articles coded")
    victim.kill()
    await producing
    before = events_of(await consume_all_for(settings, events, quiet_seconds=0.3))
    await produce(settings, articles, messages[120:])  # these arrive while no worker runs
    workers.spawn("successor")
    records = await consume_until(settings, events, lambda rs: event_ids(rs) >= expected, timeout=90)
    assert event_ids(records) == expected
    # The kill happened mid-stream: the victim had not coded all it was given.
    assert 0 < len({e.article_id for e in before}) < 120


async def test_a_restarted_worker_resumes_after_the_committed_offsets(
    settings: Settings, workers: ExtractWorkers
) -> None:
    articles, events = settings.topic(ARTICLES), settings.topic(EVENTS)
    first = workers.spawn("first")
    await produce(
        settings,
        articles,
        [(f"r{i}".encode(), encode(make_article(f"r{i}", "USA threatens IRN"))) for i in range(5)],
    )
    wait_for(lambda: first.metric("brink_extract_articles_total") == 5, 60, "5 articles coded")
    lag = f"brink_consumer_lag_messages{{service=extract,topic={articles}}}"
    wait_for(lambda: lag in first.metrics() and first.metric(lag) == 0, 10, "the lag gauge to read 0")
    first.stop()  # SIGTERM: a clean shutdown
    late = make_article("late", "IRN threatens ISR")
    await produce(settings, articles, [(b"late", encode(late))])
    second = workers.spawn("second")
    records = await consume_until(
        settings, events, lambda rs: "late" in {e.article_id for e in events_of(rs)}, 60
    )
    assert len(records) == 6
    assert second.metric("brink_extract_articles_total") == 1, "the second worker re-coded committed articles"
