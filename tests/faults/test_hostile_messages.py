"""Hostile messages written straight to each topic: every one is dead-lettered with its reason (or,
where the stage's contract allows it, processed), the stage keeps flowing and never crashes.

Every stage gets: invalid UTF-8, non-JSON, a tombstone, JSON nested 100,000 deep, schema version
99, a wrong schema and 10 MB (refused by the stock producer; Tansu has no size limit, so it is
written with a raised max_request_size and the stage must dead-letter it as ``oversize``).

Big valid messages, decided per stage by its size limit:
- extract (EXTRACT_MAX_MESSAGE_BYTES = 1 MiB): an article of one 1 MB "word", and one of one word
  repeated to the largest size the stock producer accepts, are within the limit: coded, not
  dead-lettered, and the article after them is coded too.
- alert (ALERT_MAX_EVENT_BYTES = 256 KiB): an event with a 1 MB sentence is dead-lettered as
  ``oversize``; one just under 256 KiB is counted.
- dispatch (DISPATCH_MAX_MESSAGE_BYTES = 1 MiB): an alert with a 1 MB summary is delivered.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import redis.asyncio as aioredis

from brink.coder import Coder
from brink.runtime.processes import wait_for
from brink.settings import Settings
from brink.webhooks.identity import transition_id, webhook_id
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.event import EscalationEvent
from schemas.topics import ALERTS, ARTICLES, DEADLETTER, EVENTS
from services.alert.state_store import AlertStateStore
from tests.fixtures.alerts import make_alert
from tests.fixtures.corpus import corpus_article, events_of
from tests.fixtures.events import NORWAY, SWEDEN, event, trump_conditional_threat
from tests.fixtures.extract import encode
from tests.fixtures.hostile import (
    LARGEST_STOCK_VALUE,
    TEN_MB,
    Hostile,
    hostile_messages,
    padded_json,
    produce_raw,
    stock_producer_refuses,
)
from tests.fixtures.kafka import consume_all_for, consume_until
from tests.fixtures.services import ServicePool
from tests.fixtures.webhooks import eventually as until

pytestmark = pytest.mark.integration

MAX_ORIGINAL_BYTES = 512 * 1024  # dead letters keep at most this much of the original
CODED = "brink_extract_articles_total"


def good_raw(item: EscalationEvent) -> bytes:
    return item.model_dump_json().encode()


def letters_of(records: list) -> list[DeadLetter]:
    return [DeadLetter.model_validate_json(r.value) for r in records]


def check_originals(letters: list[DeadLetter], hostile: list[Hostile]) -> None:
    """Each dead letter carries its message as read (cut to 512 KiB, saying so) and a readable error."""
    for letter, message in zip(letters, hostile, strict=True):
        if message.value is not None and len(message.value) > MAX_ORIGINAL_BYTES:
            assert letter.original == message.value[:MAX_ORIGINAL_BYTES], message.name
            assert f"truncated from {len(message.value)}" in letter.error, message.name
        else:
            assert letter.original == (message.value or b""), message.name
        assert letter.error, message.name


GOOD_TEXT = "Iran threatened the United States on Monday, saying it would strike American bases in Iraq."


async def good_article_coded(settings: Settings, good: Article) -> None:
    """The good article's events on the events topic are exactly what the coder makes of it."""
    expected = Coder.load().code(good).events
    assert expected, "the coder should find the threat in the good article"
    records = await consume_until(
        settings,
        settings.topic(EVENTS),
        lambda rs: sum(1 for e in events_of(rs) if e.article_id == good.article_id) >= len(expected),
        timeout=60,
    )
    # events of one article can sit on several partitions (one per dyad): compare them as a set
    coded = sorted(
        (e for e in events_of(records) if e.article_id == good.article_id), key=lambda e: e.event_id
    )
    assert coded == sorted(expected, key=lambda e: e.event_id)


async def test_hostile_articles_are_dead_lettered_with_reasons_and_extract_keeps_flowing(
    settings: Settings, pool: ServicePool
) -> None:
    articles = settings.topic(ARTICLES)
    worker = pool.extract("extract")
    valid = json.loads(encode(corpus_article("hostile-template", "x")))
    hostile = hostile_messages(valid, "text")
    ten_mb = next(h.value for h in hostile if h.name == "10 MB")
    assert ten_mb is not None and len(ten_mb) == TEN_MB
    assert await stock_producer_refuses(settings, articles, ten_mb)
    # A valid article whose text is one 1 MB "word": within EXTRACT_MAX_MESSAGE_BYTES, so coded.
    giant_word = padded_json({**valid, "article_id": "one-giant-word"}, "text", 1_000_000, "x")
    good = corpus_article("good-after-hostile", GOOD_TEXT)
    # One key: one partition, so the good article is read after every hostile one.
    await produce_raw(settings, articles, b"hostile", [h.value for h in hostile] + [giant_word, encode(good)])

    records = await consume_until(
        settings, settings.topic(DEADLETTER), lambda rs: len(rs) >= len(hostile), 120
    )
    letters = letters_of(records)
    assert [(d.offset, d.reason) for d in letters] == [(i, h.reason) for i, h in enumerate(hostile)]
    assert {(d.stage, d.topic, d.key) for d in letters} == {("extract", articles, b"hostile")}
    check_originals(letters, hostile)
    await good_article_coded(settings, good)
    wait_for(lambda: worker.metric(CODED) == 2, 10, "the giant-word article and the good one counted")
    # Nothing else was dead-lettered: the 1 MB valid article was coded, not refused.
    assert len(await consume_all_for(settings, settings.topic(DEADLETTER), quiet_seconds=0.5)) == len(hostile)
    for reason in {h.reason for h in hostile}:
        count = sum(1 for h in hostile if h.reason == reason)
        assert worker.metric(f"brink_deadletters_total{{reason={reason},stage=extract}}") == count, reason
    worker.check_alive()


async def test_an_article_of_one_word_repeated_to_1mb_is_coded_without_holding_up_its_partition(
    settings: Settings, pool: ServicePool
) -> None:
    worker = pool.extract("extract")
    valid = json.loads(encode(corpus_article("template", "x")))
    # The largest message the stock producer accepts; within EXTRACT_MAX_MESSAGE_BYTES, so coded.
    repeated = padded_json(
        {**valid, "article_id": "one-word-repeated"}, "text", LARGEST_STOCK_VALUE, "threat "
    )
    good = corpus_article("good-after-repeated", GOOD_TEXT)
    await produce_raw(settings, settings.topic(ARTICLES), b"one-key", [repeated, encode(good)])
    try:
        # ~1 MB at the coder's target of 1,000 articles of 5 KB per second is 0.2 s; allow 30 s.
        wait_for(lambda: worker.metric(CODED) == 2, 30, "the 1 MB article and the one after it coded")
        await good_article_coded(settings, good)
        worker.check_alive()
    finally:
        worker.kill()  # a worker stuck in the coder would take its stop timeout to go


async def test_hostile_events_are_dead_lettered_with_reasons_and_the_alert_worker_keeps_counting(
    settings: Settings, pool: ServicePool, redis_client: aioredis.Redis
) -> None:
    events = settings.topic(EVENTS)
    worker = pool.alert()
    now = datetime.now(UTC)
    template = json.loads(event("template", now).model_dump_json())
    # ALERT_MAX_EVENT_BYTES is 256 KiB: an event with a 1 MB sentence is dead-lettered as oversize,
    # one just under the limit is counted.
    too_big = padded_json(
        json.loads(event("too-big", now).model_dump_json()), "sentence", 1_000_000, "threat "
    )
    hostile = [*hostile_messages(template, "sentence"), Hostile("1 MB sentence", too_big, "oversize")]
    largest = event("largest", now, source=NORWAY, target=SWEDEN)
    largest_raw = padded_json(json.loads(largest.model_dump_json()), "sentence", 256 * 1024, "threat ")
    good = trump_conditional_threat("good-after-hostile", now)
    await produce_raw(
        settings, events, b"hostile", [h.value for h in hostile] + [largest_raw, good_raw(good)]
    )

    records = await consume_until(
        settings, settings.topic(DEADLETTER), lambda rs: len(rs) >= len(hostile), 120
    )
    letters = letters_of(records)
    assert [(d.offset, d.reason) for d in letters] == [(i, h.reason) for i, h in enumerate(hostile)]
    assert {(d.stage, d.topic, d.key) for d in letters} == {("alert", events, b"hostile")}
    check_originals(letters, hostile)
    store = AlertStateStore(redis_client, settings)

    async def counted(item: EscalationEvent) -> bool:
        assert item.dyad is not None
        state = await store.load(item.dyad)
        return state is not None and item.event_id in state.seen

    await until(lambda: counted(good), 60, "the good event counted")
    assert await counted(largest), "the event just under ALERT_MAX_EVENT_BYTES was counted"
    assert len(await consume_all_for(settings, settings.topic(DEADLETTER), quiet_seconds=0.5)) == len(hostile)
    worker.check_alive()


async def test_hostile_alerts_are_dead_lettered_with_reasons_and_dispatch_keeps_delivering(
    settings: Settings, pool: ServicePool
) -> None:
    alerts = settings.topic(ALERTS)
    path = pool.webhook_path()
    template = json.loads(make_alert("IRN-USA").model_dump_json())
    hostile = hostile_messages(template, "summary")
    big = make_alert("ISR-SYR")
    big_raw = padded_json(json.loads(big.model_dump_json()), "summary", 1_000_000, "threat ")
    good = make_alert("IRN-ISR", level="critical")
    await produce_raw(
        settings, alerts, b"hostile", [h.value for h in hostile] + [big_raw, good.model_dump_json().encode()]
    )

    records = await consume_until(
        settings, settings.topic(DEADLETTER), lambda rs: len(rs) >= len(hostile), 120
    )
    letters = letters_of(records)
    assert [(d.offset, d.reason) for d in letters] == [(i, h.reason) for i, h in enumerate(hostile)]
    assert {(d.stage, d.topic, d.key) for d in letters} == {("dispatch", alerts, b"hostile")}
    check_originals(letters, hostile)
    # The 1 MB alert is within DISPATCH_MAX_MESSAGE_BYTES (1 MiB): delivered like any other.
    wanted = {webhook_id(transition_id(a), path.subscription_id) for a in (big, good)}
    wait_for(lambda: path.delivered_ids() == wanted, 60, "the big alert and the good one delivered")
    assert path.received()["rejected"] == []
    assert len(await consume_all_for(settings, settings.topic(DEADLETTER), quiet_seconds=0.5)) == len(hostile)
    path.dispatch.check_alive()
