"""What the extract worker does with one article message; the Faust agent only feeds records in.

``decide`` is pure (bytes in, the records to produce out): it never raises, bad input and coder
failures become a dead letter. ``observe`` updates the metrics once the records were delivered.
Producing and acknowledging, in order and only after delivery, is ``brink.runtime.delivery``'s job.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal, Protocol

from brink.coder import Coder
from brink.ingestion.admission import admit
from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.language import ENGLISH
from brink.ingestion.revisions import is_repeated
from brink.runtime.deadletter import SourceRecord, dead_letter_for, dead_letter_key, encode_dead_letter
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.decode import DecodeError, decode
from schemas.event import CodedArticle, EscalationEvent
from schemas.topics import event_key
from services.extract.metrics import ExtractMetrics

log = logging.getLogger(__name__)

STAGE = "extract"


@dataclass(frozen=True)
class OutboundRecord:
    topic: str
    key: bytes
    value: bytes


class Publisher(Protocol):
    async def send(self, records: Sequence[OutboundRecord]) -> Awaitable[object]:
        """Hand ``records`` to the producer; the awaitable resolves once the broker acknowledged all."""


Status = Literal["coded", "skipped", "dead_lettered"]


@dataclass(frozen=True)
class Outcome:
    status: Status
    records: tuple[OutboundRecord, ...] = ()
    article: Article | None = None
    events: tuple[EscalationEvent, ...] = ()
    dead_letter: DeadLetter | None = None
    skip_reason: str | None = None
    coding_seconds: float | None = None


@dataclass
class ExtractProcessor:
    coder: Coder
    metrics: ExtractMetrics
    events_topic: str
    deadletter_topic: str
    max_message_bytes: int
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # INGEST_MAX_FUTURE_SKEW_SECONDS: articles produced straight to the topic get ingest's bounds.
    max_future_skew: timedelta = timedelta(minutes=5)
    # Next offset to process per (topic, partition): what the consumer lag is measured against.
    next_offsets: dict[tuple[str, int], int] = field(default_factory=dict)

    def decide(self, record: SourceRecord) -> Outcome:
        """Decode and code one message; say what to produce. Never raises for bad input or coder bugs."""
        ready = self._admit(record)
        return ready if isinstance(ready, Outcome) else self._code(record, ready)

    def decide_many(self, records: Sequence[SourceRecord]) -> list[Outcome]:
        """``decide`` for each record, in order, with the same outcomes; the articles to code are coded in one
        ``Coder.code_many`` call (the parse coder parses their sentences in one batch). If that call fails,
        the batch's articles are coded one by one, so only the failing article is dead-lettered."""
        admitted = [self._admit(record) for record in records]
        articles = [a for a in admitted if not isinstance(a, Outcome)]
        if not articles:
            return [a for a in admitted if isinstance(a, Outcome)]
        started = time.perf_counter()
        try:
            coded = iter(self.coder.code_many(articles))
            seconds = (time.perf_counter() - started) / len(articles)  # (the batch's time, shared)
            return [
                a if isinstance(a, Outcome) else self._outcome(r, a, next(coded), seconds)
                for r, a in zip(records, admitted, strict=True)
            ]
        except Exception:  # one article broke the coder: find it, and code the others
            pairs = zip(records, admitted, strict=True)
            return [a if isinstance(a, Outcome) else self._code(r, a) for r, a in pairs]

    def _admit(self, record: SourceRecord) -> Article | Outcome:
        """The article to code, or the message's outcome already (a dead letter, a skip)."""
        try:
            article = decode(record.value, Article, self.max_message_bytes)
        except Exception as exc:  # DecodeError, or a bug in decoding: either way this message is dead
            return self._dead(record, exc)
        try:
            # Ingest's rules, for articles produced straight to the topic: a publication time out
            # of range would move the event clock (docs/adr/0019-bounded-event-time.md), and
            # 0001-01-01 breaks date arithmetic; a language tag must be ISO 639-1.
            english = admit(article, self.clock(), self.max_future_skew)
        except SubmissionRejected as exc:
            return self._dead(record, DecodeError("schema", f"{exc.field}: {exc.reason}"), article)
        if not english:
            return Outcome("skipped", article=article, skip_reason="language")
        if article.language not in (None, ENGLISH):  # "en-GB", "eng": the coder reads "en"
            article = article.model_copy(update={"language": ENGLISH})
        return article

    def _code(self, record: SourceRecord, article: Article) -> Outcome:
        started = time.perf_counter()
        try:
            coded = self.coder.code(article)
        except Exception as exc:
            return self._failed(record, article, exc)
        return self._outcome(record, article, coded, time.perf_counter() - started)

    def _outcome(
        self, record: SourceRecord, article: Article, coded: CodedArticle, seconds: float
    ) -> Outcome:
        # A revision (same URL, new text): what an earlier version said was counted then.
        events = tuple(e for e in coded.events if not is_repeated(e.span, article.repeated_spans))
        try:
            records = tuple(
                OutboundRecord(self.events_topic, event_key(event), event.model_dump_json().encode())
                for event in events
            )
        except Exception as exc:
            return self._failed(record, article, exc)
        return Outcome("coded", records=records, article=article, events=events, coding_seconds=seconds)

    def _failed(self, record: SourceRecord, article: Article, exc: Exception) -> Outcome:
        log.warning(
            "coder failed; dead-lettering the article",
            extra={"article_id": article.article_id, "error": f"{type(exc).__name__}: {exc}"},
        )
        return self._dead(record, exc, article)

    def _dead(self, record: SourceRecord, exc: BaseException, article: Article | None = None) -> Outcome:
        letter = dead_letter_for(
            exc,
            original=record.value,
            key=record.key,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            stage=STAGE,
            now=self.clock(),
        )
        out = OutboundRecord(self.deadletter_topic, dead_letter_key(letter), encode_dead_letter(letter))
        return Outcome("dead_lettered", records=(out,), article=article, dead_letter=letter)

    def observe(self, record: SourceRecord, outcome: Outcome) -> None:
        """Count a message whose records the broker acknowledged."""
        self.next_offsets[(record.topic, record.partition)] = record.offset + 1
        m = self.metrics
        m.totals[outcome.status] += 1
        if outcome.status == "coded":
            assert outcome.article is not None
            m.articles.inc()
            m.totals["events"] += len(outcome.events)
            for event in outcome.events:
                m.events.labels(cameo_root=str(event.cameo_root)).inc()
            if outcome.coding_seconds is not None:
                m.coding_seconds.observe(outcome.coding_seconds)
            m.stage.emitted(outcome.article.ingested_at, self.clock())
        elif outcome.status == "skipped":
            m.skipped.labels(reason=outcome.skip_reason or "unknown").inc()
        elif outcome.dead_letter is not None:
            m.stage.dead_lettered(outcome.dead_letter.reason)
        m.last_processed.set(time.time())
