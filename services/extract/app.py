"""The extract service's Faust app: the one composition root of an extract worker process.

    articles (brink.articles.v1) ──agent──▶ ExtractProcessor.decide ──▶ events (brink.events.v1, key dyad)
                                                                    └─▶ dead letters (brink.deadletter.v1)

The agent reads with manual acknowledgements (``stream.noack()``), codes the articles already read
together (up to ``MAX_BATCH``: one parse batch; a lone article at once) on the worker's one coding
thread, so the event loop goes on serving heartbeats, fetches and acks while an article is parsed, and
hands each message to an
``OrderedDelivery``: the message's records go to the producer at once, and the message is
acknowledged only after the broker acknowledged them, in the order messages were read. With
Faust's default acks, a message is acknowledged when the agent moves past it *or when the agent is
cancelled or crashes on it*, which could commit the offset of an article whose events were never
written. See docs/adr/0004-extract-acks-after-produce.md.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

import faust
from faust.types import TP

from brink.coder import Coder
from brink.runtime.delivery import OrderedDelivery
from brink.runtime.faust_app import make_faust_app
from brink.settings import Settings
from schemas.topics import ARTICLES, DEADLETTER, EVENTS
from services.extract.metrics import ExtractMetrics
from services.extract.processor import ExtractProcessor, OutboundRecord, Outcome, Publisher, SourceRecord
from services.extract.publisher import FaustPublisher

log = logging.getLogger(__name__)

APP_ID = "brink-extract"  # also the consumer group id (after the topic prefix)
# Articles coded together when several were read already (Coder.code_many: one parse batch, ~10 % faster
# per article with the parse coder, docs/BENCHMARKS.md); one at a time when nothing else is waiting.
MAX_BATCH = 8
CODING_THREAD = "brink-extract-coder"


@dataclass
class ExtractApp:
    app: faust.App
    agent: faust.types.AgentT
    processor: ExtractProcessor
    metrics: ExtractMetrics
    articles_topic: str
    # One thread: the coder is not shared between threads (spaCy's pipeline), and the agent codes one batch
    # at a time anyway. Off the event loop, a long article (the guard allows ~0.5 s) no longer stalls the
    # consumer's heartbeats and the producer's acknowledgements.
    coding: ThreadPoolExecutor


def build_extract_app(
    settings: Settings,
    coder: Coder,
    *,
    metrics: ExtractMetrics | None = None,
    publisher: Publisher | None = None,
) -> ExtractApp:
    """Wire the app, its agent and its timer. ``publisher`` replaces Faust's producer (agent unit tests)."""
    app = make_faust_app(settings, APP_ID)
    metrics = metrics or ExtractMetrics.create()
    pipeline = getattr(coder, "pipeline", None)  # the parse coder (None: the rules engine, test doubles)
    if pipeline is not None:
        metrics.watch_coder_cuts(pipeline.cut_totals)
    articles_name = settings.topic(ARTICLES)
    articles = app.topic(articles_name, partitions=ARTICLES.partitions)
    outputs = {
        settings.topic(spec): app.topic(settings.topic(spec), partitions=spec.partitions)
        for spec in (EVENTS, DEADLETTER)
    }
    publisher = publisher or FaustPublisher(outputs)
    coding = ThreadPoolExecutor(max_workers=1, thread_name_prefix=CODING_THREAD)
    processor = ExtractProcessor(
        coder=coder,
        metrics=metrics,
        events_topic=settings.topic(EVENTS),
        deadletter_topic=settings.topic(DEADLETTER),
        max_message_bytes=settings.extract_max_message_bytes,
        max_future_skew=timedelta(seconds=settings.ingest_max_future_skew_seconds),
    )

    async def extract(stream: faust.StreamT[bytes]) -> AsyncIterator[Outcome]:
        manual = cast(faust.Stream[bytes], stream).noack()

        async def acknowledge(item: tuple[faust.EventT[bytes], SourceRecord, Outcome]) -> None:
            await manual.ack(item[0])

        def delivered(item: tuple[faust.EventT[bytes], SourceRecord, Outcome]) -> None:
            processor.observe(item[1], item[2])

        async def stop_worker(error: BaseException) -> None:
            # Acknowledging failed (produce failures are retried, never raised). Stop the whole worker:
            # restarted, it reads again from the committed offset. Restarting only the agent would read on
            # past the unacknowledged articles, and Faust may commit past them (ADR 0004).
            log.critical("extract delivery failed; stopping the worker (%r)", error, exc_info=error)
            await app.crash(error)

        delivery: OrderedDelivery[tuple[faust.EventT[bytes], SourceRecord, Outcome], OutboundRecord]
        async with OrderedDelivery(
            publisher,
            acknowledge,
            max_in_flight=settings.extract_max_in_flight,
            on_delivered=delivered,
            on_retry=lambda exc: metrics.publish_retries.inc(),
            on_failure=stop_worker,
        ) as delivery:
            read: list[tuple[faust.EventT[bytes], SourceRecord]] = []
            async for event in manual.events():
                message = event.message
                record = SourceRecord(
                    value=message.value,
                    key=message.key,
                    topic=message.topic,
                    partition=message.partition,
                    offset=message.offset,
                )
                read.append((event, record))
                if len(read) < MAX_BATCH and _waiting(manual) > 0:
                    continue  # more articles were read already: code them together (one parse batch)
                batch = [r for _, r in read]
                loop = asyncio.get_running_loop()
                outcomes = await loop.run_in_executor(coding, processor.decide_many, batch)
                for (event, record), outcome in zip(read, outcomes, strict=True):
                    await delivery.submit((event, record, outcome), outcome.records)
                    yield outcome  # handed to the producer; acknowledged later, in order, once delivered
                read = []

    # concurrency=1: Faust commits past an in-flight offset when acks arrive out of order (see
    # brink/runtime/delivery.py); OrderedDelivery overlaps the produce round trips instead.
    agent = app.agent(articles, name=f"{APP_ID}.extract", concurrency=1)(extract)
    progress = _Progress(app, processor, metrics, articles_name)
    app.timer(settings.extract_progress_interval_seconds, name=f"{APP_ID}.progress")(progress.tick)
    # mode's SignalHandlerT does not type-check coroutine methods; Faust awaits async receivers.
    app.on_partitions_assigned.connect(progress.on_assigned)  # type: ignore[arg-type]
    return ExtractApp(app, agent, processor, metrics, articles_name, coding)


def _waiting(stream: faust.StreamT[bytes]) -> int:
    """Messages read from the broker and queued for the agent, not yet taken (0 if it cannot tell)."""
    queue = getattr(stream.channel, "queue", None)
    try:
        return int(queue.qsize()) if queue is not None else 0
    except Exception:  # a queue that cannot tell: code what was read
        return 0


@dataclass
class _Progress:
    """Consumer lag, assignment gauge and one progress log line per interval (not one per record)."""

    app: faust.App
    processor: ExtractProcessor
    metrics: ExtractMetrics
    topic: str
    _last_totals: tuple[int, ...] = ()
    _last_time: float = 0.0

    def assigned(self) -> set[TP]:
        return {tp for tp in self.app.consumer.assignment() if tp.topic == self.topic}

    async def on_assigned(self, sender: Any, *args: Any, signal: Any = None, **kwargs: Any) -> None:
        """Receiver of ``app.on_partitions_assigned``: called as (app, assigned, signal=...)."""
        assigned: set[TP] = set(args[0]) if args else set()
        mine = sorted(tp.partition for tp in assigned if tp.topic == self.topic)
        self.metrics.assigned_partitions.set(len(mine))
        log.info("partitions assigned", extra={"topic": self.topic, "partitions": mine})
        # The lag is measured by the timer, not here: a broker round trip inside the rebalance
        # callback would slow the rebalance, and an error here would crash the worker.

    async def update_lag(self) -> int:
        tps = self.assigned()
        if not tps:
            self.metrics.stage.lag(self.topic, 0)
            return 0
        highwaters = await self.app.consumer.highwaters(*tps)
        lag = 0
        for tp in tps:
            done = self.processor.next_offsets.get((tp.topic, tp.partition))
            if done is None:
                done = await self.app.consumer.position(tp) or 0
            lag += max(int(highwaters.get(tp, 0)) - done, 0)
        self.metrics.stage.lag(self.topic, lag)
        return lag

    async def tick(self) -> None:
        try:
            lag = await self.update_lag()
        except Exception as exc:  # the broker may be briefly unavailable; try again next tick
            log.warning("could not measure consumer lag", extra={"error": repr(exc)})
            lag = -1
        totals = self.metrics.totals
        now_totals = tuple(totals[k] for k in ("coded", "events", "skipped", "dead_lettered"))
        if now_totals == self._last_totals and lag <= 0:
            return
        previous = self._last_totals or (0, 0, 0, 0)
        now = time.monotonic()
        elapsed = now - self._last_time if self._last_time else None
        coded_delta = now_totals[0] - previous[0]
        log.info(
            "extract progress",
            extra={
                "articles": now_totals[0],
                "events": now_totals[1],
                "skipped": now_totals[2],
                "dead_lettered": now_totals[3],
                "articles_per_second": round(coded_delta / elapsed, 1) if elapsed else None,
                "lag_messages": lag,
                "partitions": sorted(tp.partition for tp in self.assigned()),
            },
        )
        self._last_totals = now_totals
        self._last_time = now
