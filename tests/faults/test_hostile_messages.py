"""Hostile messages written straight to each topic: every one is dead-lettered with its reason (or,
where the stage's contract allows it, processed), the stage keeps flowing and never crashes.

Per stage, what a message of the largest size the stock producer accepts (just under 1 MiB) means:
- extract (articles, EXTRACT_MAX_MESSAGE_BYTES = 1 MiB): a valid article that big is within the
  limit, so it is coded, not dead-lettered: one word repeated to ~1 MB, and one 1 MB "word".
"""

from __future__ import annotations

import json

import pytest

from brink.coder import Coder
from brink.runtime.processes import wait_for
from brink.settings import Settings
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES, DEADLETTER, EVENTS
from tests.fixtures.corpus import corpus_article, events_of
from tests.fixtures.extract import encode
from tests.fixtures.hostile import (
    LARGEST_STOCK_VALUE,
    TEN_MB,
    hostile_messages,
    padded_json,
    produce_raw,
    stock_producer_refuses,
)
from tests.fixtures.kafka import consume_all_for, consume_until
from tests.fixtures.services import ServicePool

pytestmark = pytest.mark.integration

MAX_ORIGINAL_BYTES = 512 * 1024  # dead letters keep at most this much of the original


def letters_of(records: list) -> list[DeadLetter]:
    return [DeadLetter.model_validate_json(r.value) for r in records]


async def test_hostile_articles_are_dead_lettered_with_reasons_big_valid_ones_coded_and_extract_keeps_flowing(
    settings: Settings, pool: ServicePool
) -> None:
    articles = settings.topic(ARTICLES)
    worker = pool.extract("extract")
    valid = json.loads(encode(corpus_article("hostile-template", "x")))
    hostile = hostile_messages(valid, "text")
    ten_mb = next(h.value for h in hostile if h.name == "10 MB")
    assert ten_mb is not None and len(ten_mb) == TEN_MB
    assert await stock_producer_refuses(settings, articles, ten_mb)

    repeated = padded_json(
        {**valid, "article_id": "one-word-repeated"}, "text", LARGEST_STOCK_VALUE, "threat "
    )
    giant_word = padded_json({**valid, "article_id": "one-giant-word"}, "text", 1_000_000, "x")
    good = corpus_article(
        "good-after-hostile",
        "Iran threatened the United States on Monday, saying it would strike American bases in Iraq.",
    )
    # One key: one partition, so the good article is read after every hostile one.
    values = [h.value for h in hostile] + [repeated, giant_word, encode(good)]
    await produce_raw(settings, articles, b"hostile", values)

    records = await consume_until(
        settings, settings.topic(DEADLETTER), lambda rs: len(rs) >= len(hostile), 120
    )
    letters = letters_of(records)
    assert [(d.offset, d.reason) for d in letters] == [(i, h.reason) for i, h in enumerate(hostile)]
    assert {(d.stage, d.topic, d.key) for d in letters} == {("extract", articles, b"hostile")}
    for letter, message in zip(letters, hostile, strict=True):
        if message.value is not None and len(message.value) > MAX_ORIGINAL_BYTES:
            assert letter.original == message.value[:MAX_ORIGINAL_BYTES]
            assert f"truncated from {len(message.value)}" in letter.error
        else:
            assert letter.original == (message.value or b"")
        assert letter.error, message.name

    coded = "brink_extract_articles_total"
    wait_for(lambda: worker.metric(coded) == 3, 120, "the two big articles and the good one to be coded")
    expected = Coder.load().code(good).events
    if expected:
        seen = await consume_until(
            settings, settings.topic(EVENTS), lambda rs: len(rs) >= len(expected), timeout=30
        )
    else:
        seen = await consume_all_for(settings, settings.topic(EVENTS), quiet_seconds=1.0)
    assert [e for e in events_of(seen) if e.article_id == good.article_id] == expected
    # Nothing else was dead-lettered: the big valid articles were coded, not refused.
    assert len(await consume_all_for(settings, settings.topic(DEADLETTER), quiet_seconds=0.5)) == len(hostile)
    for reason in {h.reason for h in hostile}:
        count = sum(1 for h in hostile if h.reason == reason)
        assert worker.metric(f"brink_deadletters_total{{reason={reason},stage=extract}}") == count, reason
    worker.check_alive()
