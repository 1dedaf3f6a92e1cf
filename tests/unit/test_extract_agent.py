"""The extract agent's logic through Faust's ``agent.test_context()`` (no broker).

The agent's output port (``Publisher``) is an in-memory recorder here; the integration tests run
the same agent against the real broker.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from faust.types.agents import AgentTestWrapperT

from brink.coder import Coder
from brink.ingestion.event_time import EARLIEST_PUBLISHED_AT
from brink.settings import Settings
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.event import CodedArticle, EscalationEvent
from services.extract.app import CODING_THREAD, ExtractApp, build_extract_app
from services.extract.metrics import ExtractMetrics
from services.extract.processor import ExtractProcessor, OutboundRecord, Outcome, SourceRecord
from tests.fixtures.coder import article, shared_coder
from tests.fixtures.extract import StubCoder, encode, make_article

SETTINGS = Settings(
    kafka_bootstrap_servers="127.0.0.1:9", topic_prefix="unit.", extract_max_message_bytes=4096
)
EVENTS = "unit.brink.events.v1"
DEADLETTER = "unit.brink.deadletter.v1"


@dataclass
class RecordingPublisher:
    """Records what the agent produced. With ``hold`` set, deliveries stay pending until released."""

    records: list[OutboundRecord] = field(default_factory=list)
    entered: asyncio.Event = field(default_factory=asyncio.Event)
    hold: bool = False
    pending: list[asyncio.Future[object]] = field(default_factory=list)

    async def send(self, records: Sequence[OutboundRecord]) -> Awaitable[object]:
        self.records.extend(records)
        self.entered.set()
        future: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        if self.hold:
            self.pending.append(future)
        else:
            future.set_result(None)
        return future

    def release(self) -> None:
        for future in self.pending:
            future.set_result(None)

    def events(self) -> list[tuple[bytes, EscalationEvent]]:
        return [
            (r.key, EscalationEvent.model_validate_json(r.value)) for r in self.records if r.topic == EVENTS
        ]

    def dead_letters(self) -> list[tuple[bytes, DeadLetter]]:
        return [
            (r.key, DeadLetter.model_validate_json(r.value)) for r in self.records if r.topic == DEADLETTER
        ]


@pytest.fixture
def publisher() -> RecordingPublisher:
    return RecordingPublisher()


def started(coder: Coder, publisher: RecordingPublisher) -> ExtractApp:
    """The extract app on ``coder``, finalized and flowing, its output recorded by ``publisher``."""
    built = build_extract_app(SETTINGS, coder, publisher=publisher)
    built.app.finalize()
    built.app.flow_control.resume()
    return built


@pytest.fixture
def extract(publisher: RecordingPublisher) -> ExtractApp:
    return started(StubCoder(), publisher)


@pytest.fixture
async def agent(extract: ExtractApp) -> AsyncIterator[AgentTestWrapperT]:
    async with extract.agent.test_context() as wrapper:
        yield wrapper


async def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


def last_outcome(agent: AgentTestWrapperT) -> Outcome:
    outcome = agent.results[max(agent.results)]
    assert isinstance(outcome, Outcome)
    return outcome


async def test_events_are_published_keyed_by_dyad(agent, publisher: RecordingPublisher) -> None:
    article = make_article("a1", "USA threatens IRN. ISR attacks SYR. Nothing here.")
    await agent.put(encode(article), key=b"a1")
    keyed = publisher.events()
    assert [(key, e.dyad, e.cameo) for key, e in keyed] == [
        (b"IRN-USA", "IRN-USA", "138"),
        (b"ISR-SYR", "ISR-SYR", "190"),
    ]
    assert {e.article_id for _, e in keyed} == {"a1"}
    assert last_outcome(agent).status == "coded"


async def test_the_offset_is_acknowledged_only_after_the_events_were_delivered(
    agent, publisher: RecordingPublisher
) -> None:
    publisher.hold = True
    first = await agent.put(encode(make_article("a1", "USA threatens IRN")), key=b"a1")
    second = await agent.put(encode(make_article("a2", "ISR attacks SYR")), key=b"a2")
    # Both articles were handed to the producer without waiting for the first one's delivery...
    assert [e.article_id for _, e in publisher.events()] == ["a1", "a2"]
    # ...but neither offset is acknowledged before the broker acknowledged its events.
    assert not first.message.acked and not second.message.acked
    publisher.release()
    await eventually(lambda: first.message.acked and second.message.acked)


async def test_a_worker_stopped_while_publishing_leaves_the_message_unacknowledged(
    extract: ExtractApp, publisher: RecordingPublisher
) -> None:
    # With Faust's automatic acks, the stream's generator acks the current message as it unwinds
    # on cancellation: the offset of an article whose events were never produced could be committed.
    publisher.hold = True  # never released: the delivery is pending when the agent stops
    async with extract.agent.test_context() as agent:
        event = await agent.put(encode(make_article("a1", "USA threatens IRN")))
        await asyncio.wait_for(publisher.entered.wait(), 5)
    assert not event.message.acked


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"this is not json", "invalid_json"),
        (b'{"schema_version": 2, "article_id": "x"}', "schema_version"),
        (b'{"article_id": "\xff\xfe"}', "invalid_utf8"),
        (b'{"article_id": "x", "text": "no dates"}', "schema"),
        (b'{"pad": "' + b"x" * 5000 + b'"}', "oversize"),
    ],
)
async def test_an_undecodable_message_is_dead_lettered_with_its_bytes_and_the_next_is_coded(
    agent, publisher: RecordingPublisher, raw: bytes, reason: str
) -> None:
    await agent.put(raw, key=b"bad")
    assert last_outcome(agent).status == "dead_lettered"
    [(key, letter)] = publisher.dead_letters()
    assert key == b"unit.brink.articles.v1"
    assert (letter.original, letter.key, letter.reason, letter.stage) == (raw, b"bad", reason, "extract")
    assert letter.topic == "unit.brink.articles.v1"
    await agent.put(encode(make_article("a2", "USA praises ISR")), key=b"a2")
    assert [e.article_id for _, e in publisher.events()] == ["a2"]


async def test_a_coder_exception_is_dead_lettered_as_processing_error_and_the_stream_goes_on(
    agent, publisher: RecordingPublisher, extract: ExtractApp
) -> None:
    boom = encode(make_article("boom", "EXPLODE now"))
    await agent.put(boom, key=b"boom")
    await agent.put(encode(make_article("a3", "IRN threatens ISR")), key=b"a3")
    [(_, letter)] = publisher.dead_letters()
    assert (letter.reason, letter.original) == ("processing_error", boom)
    assert "RuntimeError: stub coder exploded on purpose" in letter.error
    assert [e.article_id for _, e in publisher.events()] == ["a3"]
    value = extract.metrics.registry.get_sample_value
    await eventually(lambda: value("brink_extract_articles_total") == 1)
    assert value("brink_deadletters_total", {"stage": "extract", "reason": "processing_error"}) == 1


async def test_a_non_english_article_is_skipped_and_counted_not_dead_lettered(
    agent, publisher: RecordingPublisher, extract: ExtractApp
) -> None:
    await agent.put(encode(make_article("fr", "USA threatens IRN", language="fr")), key=b"fr")
    assert last_outcome(agent).status == "skipped"
    assert publisher.records == []
    value = extract.metrics.registry.get_sample_value
    await eventually(lambda: value("brink_extract_skipped_total", {"reason": "language"}) == 1)


async def test_metrics_count_articles_events_by_cameo_root_and_pipeline_latency(
    agent, extract: ExtractApp
) -> None:
    await agent.put(encode(make_article("a4", "USA threatens IRN. IRN threatens USA.", minutes_ago=2)))
    value = extract.metrics.registry.get_sample_value
    await eventually(lambda: value("brink_extract_articles_total") == 1)
    assert value("brink_extract_events_total", {"cameo_root": "13"}) == 2
    assert value("brink_extract_coding_seconds_count") == 1
    # ingested two minutes ago: the observation falls in the (60 s, 300 s] bucket
    assert value("brink_pipeline_latency_seconds_bucket", {"stage": "extract", "le": "60.0"}) == 0
    assert value("brink_pipeline_latency_seconds_bucket", {"stage": "extract", "le": "300.0"}) == 1
    assert (value("brink_extract_last_processed_timestamp_seconds") or 0) > time.time() - 60


@pytest.mark.parametrize(
    ("published", "says"),
    [("2999-01-01T00:00:00Z", "in the future"), ("0001-01-01T00:00:00Z", "before 1900-01-01")],
)
async def test_an_article_published_out_of_range_is_dead_lettered_with_its_reason_not_coded(
    agent, publisher: RecordingPublisher, extract: ExtractApp, published: str, says: str
) -> None:
    # Straight to the articles topic, past ingest: the extract worker applies ingest's bounds.
    record = make_article("odd", "USA threatens IRN").model_dump(mode="json")
    record["published_at"] = published
    raw = json.dumps(record).encode()
    await agent.put(raw, key=b"odd")
    assert last_outcome(agent).status == "dead_lettered"
    [(_, letter)] = publisher.dead_letters()
    assert (letter.original, letter.reason, letter.stage) == (raw, "schema", "extract")
    assert letter.error.startswith("published_at: ") and says in letter.error
    assert publisher.events() == []
    await agent.put(encode(make_article("a5", "USA praises ISR")), key=b"a5")
    assert [e.article_id for _, e in publisher.events()] == ["a5"]
    value = extract.metrics.registry.get_sample_value
    await eventually(lambda: value("brink_deadletters_total", {"stage": "extract", "reason": "schema"}) == 1)


async def test_language_tags_are_read_as_ingest_reads_them_and_an_invalid_one_is_dead_lettered(
    agent, publisher: RecordingPublisher
) -> None:
    for n, tag in enumerate(("en-GB", "EN", "eng")):
        await agent.put(encode(make_article(f"en{n}", "USA threatens IRN", language=tag)), key=b"en")
        assert last_outcome(agent).status == "coded", tag
    await agent.put(encode(make_article("pt", "USA threatens IRN", language="pt_BR")), key=b"pt")
    assert (last_outcome(agent).status, last_outcome(agent).skip_reason) == ("skipped", "language")
    bad = encode(make_article("bad", "USA threatens IRN", language="english"))
    await agent.put(bad, key=b"bad")
    [(_, letter)] = publisher.dead_letters()
    assert (letter.original, letter.reason) == (bad, "schema")
    assert letter.error.startswith("language: ") and "ISO 639-1" in letter.error
    assert [e.article_id for _, e in publisher.events()] == ["en0", "en1", "en2"]


def _decide(processor: ExtractProcessor, raw: bytes) -> Outcome:
    """One article through ``ExtractProcessor.decide`` (pure: no agent, no producer)."""
    return processor.decide(SourceRecord(raw, b"k", "unit.brink.articles.v1", 0, 0))


def _processor(coder: Coder, **options: Any) -> ExtractProcessor:
    return ExtractProcessor(
        coder=coder,
        metrics=ExtractMetrics.create(),
        events_topic=EVENTS,
        deadletter_topic=DEADLETTER,
        max_message_bytes=4096,
        **options,
    )


def test_the_coder_is_given_an_english_article_tagged_en_whatever_tag_it_came_with() -> None:
    seen: list[str | None] = []

    class RecordingCoder(StubCoder):
        def code(self, article: Article) -> CodedArticle:
            seen.append(article.language)
            return super().code(article)

    processor = _processor(RecordingCoder())
    for tag in ("en-GB", "eng", None):
        outcome = _decide(processor, encode(make_article("a", "USA threatens IRN", language=tag)))
        assert outcome.status == "coded" and len(outcome.events) == 1
    assert seen == ["en", "en", None]


@pytest.mark.parametrize("edge", ["earliest", "latest"])
def test_the_real_coder_codes_articles_at_both_ends_of_the_accepted_range(edge: str) -> None:
    now = datetime.now(UTC)
    skew = timedelta(minutes=5)
    published = EARLIEST_PUBLISHED_AT if edge == "earliest" else now + skew
    processor = _processor(shared_coder(), clock=lambda: now, max_future_skew=skew)
    text = "Yesterday Iran threatened to strike Israel. Last week Israel struck Gaza."
    outcome = _decide(processor, encode(article(text, published=published, article_id="edge")))
    assert outcome.status == "coded", outcome.dead_letter
    assert outcome.events and all(e.event_date <= published.date() for e in outcome.events)


class _CountingStub(StubCoder):
    """The stub coder, counting ``code_many`` calls and the articles coded one by one."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []
        self.singles: list[str] = []

    def code_many(self, articles: Sequence[Article]) -> list[CodedArticle]:
        self.batches.append([a.article_id for a in articles])
        return super().code_many(articles)

    def code(self, article: Article) -> CodedArticle:
        self.singles.append(article.article_id)
        return super().code(article)


def _record(value: bytes, offset: int) -> SourceRecord:
    return SourceRecord(value=value, key=b"k", topic="unit.brink.articles.v1", partition=0, offset=offset)


def test_decide_many_codes_a_batch_in_one_call_with_the_outcomes_decide_gives_one_at_a_time() -> None:
    values = [
        encode(make_article("a1", "USA threatens IRN")),
        b"this is not json",
        encode(make_article("fr", "USA threatens IRN", language="fr")),
        encode(make_article("a2", "ISR attacks SYR")),
    ]
    records = [_record(v, n) for n, v in enumerate(values)]
    coder = _CountingStub()
    together = _processor(coder).decide_many(records)
    assert coder.batches == [["a1", "a2"]]
    alone = [_processor(StubCoder()).decide(r) for r in records]
    assert [o.status for o in together] == ["coded", "dead_lettered", "skipped", "coded"]
    assert [o.records for o in together if o.status == "coded"] == [
        o.records for o in alone if o.status == "coded"
    ]
    assert [(o.status, o.skip_reason) for o in together] == [(o.status, o.skip_reason) for o in alone]
    assert together[1].dead_letter is not None and together[1].dead_letter.reason == "invalid_json"


def test_an_article_that_breaks_the_coder_in_a_batch_is_dead_lettered_alone() -> None:
    values = [encode(make_article(i, text)) for i, text in (("a1", "USA threatens IRN"), ("boom", "EXPLODE"))]
    records = [_record(v, n) for n, v in enumerate(values)] + [
        _record(encode(make_article("a3", "IRN attacks ISR")), 2)
    ]
    coder = _CountingStub()
    outcomes = _processor(coder).decide_many(records)
    assert [o.status for o in outcomes] == ["coded", "dead_lettered", "coded"]
    assert outcomes[1].dead_letter is not None and outcomes[1].dead_letter.reason == "processing_error"
    assert [e.article_id for o in outcomes for e in o.events] == ["a1", "a3"]
    assert coder.singles[-3:] == ["a1", "boom", "a3"]  # (the batch failed; then one by one)
    assert _processor(coder).decide_many([]) == []


async def test_articles_read_while_one_was_being_coded_are_coded_together_and_acknowledged_in_order(
    publisher: RecordingPublisher,
) -> None:
    coder = _CountingStub()
    async with started(coder, publisher).agent.test_context() as agent:
        texts = [("b1", "USA threatens IRN"), ("b2", "EXPLODE"), ("b3", "ISR attacks SYR")]
        events = [await agent.put(encode(make_article(i, t)), key=i.encode(), wait=False) for i, t in texts]
        await eventually(lambda: all(e.message.acked for e in events))
    assert coder.batches == [["b1", "b2", "b3"]]  # (read before the agent ran: one batch)
    assert [e.article_id for _, e in publisher.events()] == ["b1", "b3"]
    [(_, letter)] = publisher.dead_letters()
    assert letter.reason == "processing_error" and letter.key == b"b2"


class _GatedCoder(StubCoder):
    """Codes only once the event loop opens its gate: a coder run on the loop itself would wait in vain."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.gate = threading.Event()
        self.threads: list[str] = []

    def code_many(self, articles: Sequence[Article]) -> list[CodedArticle]:
        self.threads.append(threading.current_thread().name)
        self.started.set()
        if not self.gate.wait(timeout=5):
            raise RuntimeError("the event loop never ran while the coder was coding")
        return super().code_many(articles)


async def test_articles_are_coded_off_the_event_loop_which_keeps_running_meanwhile(
    publisher: RecordingPublisher,
) -> None:
    coder = _GatedCoder()
    async with started(coder, publisher).agent.test_context() as agent:
        event = await agent.put(encode(make_article("c1", "USA threatens IRN")), key=b"c1", wait=False)
        await eventually(coder.started.is_set)  # the loop runs while the coder is inside code_many
        coder.gate.set()
        await eventually(lambda: event.message.acked)
    assert coder.threads and all(name.startswith(CODING_THREAD) for name in coder.threads)
    assert [e.article_id for _, e in publisher.events()] == ["c1"]
    assert publisher.dead_letters() == []
