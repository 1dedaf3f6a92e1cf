"""Hostile article texts through the real extract worker with the parse coder: each is coded within the
coder's bounds (brink/coder/guard.py), the worker stays in its group, the article after them is coded.

Before the guard, the first of these (5,000 brackets) kept the worker's event loop busy for over a minute
and the 900 KB one for about 100 s: far past the consumer group's session timeout (4 s in these tests, 10 s
by default), so the group evicted the worker mid-article and the next one stalled on it in turn.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from brink.runtime.embedded import Infrastructure
from brink.runtime.processes import wait_for
from brink.settings import Settings
from schemas.event import EscalationEvent
from schemas.topics import ARTICLES, DEADLETTER, EVENTS
from tests.fixtures.extract import ExtractWorkers, encode, make_article, produce
from tests.fixtures.kafka import consume_all_for, consume_until

pytestmark = pytest.mark.integration

PARAGRAPH = (
    "Iran threatened the United States on Monday. The Iraqi government condemned the attack. "
    "Israel warned Hezbollah it would respond.\n"
)
HOSTILE = {
    "brackets": "Iran " + "(" * 5000 + "threatened Israel" + ")" * 5000 + ". Israel warned Iran on Monday.",
    "megabyte": PARAGRAPH * (900_000 // len(PARAGRAPH)),
    "endless": " ".join(
        ["Iran threatens Israel and the United States warns Russia while China watches"] * 800
    ),
    "controls": "Iran\x00 threatened\x01 Israel\x1b[31m on Monday.\x7f Israel\x85warned Iran.\u202e",
}


@pytest.fixture
def workers(infra: Infrastructure, settings: Settings, tmp_path: Path) -> Iterator[ExtractWorkers]:
    pool = ExtractWorkers(infra, settings, tmp_path)
    yield pool
    pool.stop_all()


async def test_hostile_texts_are_coded_within_bounds_and_the_next_article_too(
    settings: Settings, workers: ExtractWorkers
) -> None:
    worker = workers.spawn("real", stub=False)
    worker.wait_assigned(timeout=120)  # (loading the parse coder takes a while on a busy machine)
    good = make_article("after", "Iran threatened Israel on Monday, saying it would strike Israeli cities.")
    messages = [(b"k", encode(make_article(name, text))) for name, text in HOSTILE.items()]
    messages.append((b"k", encode(good)))  # one key: one partition, read after them all
    assert max(len(value) for _, value in messages) < settings.extract_max_message_bytes
    await produce(settings, settings.topic(ARTICLES), messages)

    def after_coded(records: list) -> bool:
        return any(EscalationEvent.model_validate_json(r.value).article_id == "after" for r in records)

    records = await consume_until(settings, settings.topic(EVENTS), after_coded, timeout=120)
    coded = {EscalationEvent.model_validate_json(r.value).article_id for r in records}
    assert {"brackets", "megabyte", "endless", "controls", "after"} <= coded
    wait_for(lambda: worker.metric("brink_extract_articles_total") == len(messages), 30, "all coded")
    worker.check_alive()
    metrics = worker.metrics()
    assert metrics["brink_extract_coding_seconds_sum"] < 60.0  # (some seconds; unguarded: minutes)
    for kind in ("unread_chars", "split_sentences", "blanked_words", "unparsed_sentences"):
        assert metrics[f"brink_extract_coder_cuts_total{{kind={kind}}}"] > 0, kind
    assert worker.assigned() > 0
    assert await consume_all_for(settings, settings.topic(DEADLETTER), 1.0) == []
    controls = [
        e
        for e in (EscalationEvent.model_validate_json(r.value) for r in records)
        if e.article_id == "controls"
    ]
    assert sorted((e.source.code, e.target.code if e.target else None) for e in controls) == [
        ("IRN", "ISR"),
        ("ISR", "IRN"),
    ]
