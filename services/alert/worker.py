"""Composition root of the alert worker (``brink alert``): Faust app, Redis state, metrics.

    events (brink.events.v1, keyed by dyad) ─▶ AlertProcessor ─▶ brink.alerts.v1 (keyed by dyad)
                                                   │   └──────▶ brink.deadletter.v1
                                                   └─ per-dyad state in Redis (ADR 0002)
    events and articles (brink.articles.v1) ──▶ FindingsStore: the newest ones, readable by
                                                `brink api` (GET /v1/events, /v1/articles)

Records are counted in batches (``brink.runtime.batches``; ADR 0011): whatever arrived while the
previous batch was being processed, grouped by dyad, one state read and one write per dyad per
batch, acknowledged in order once published and persisted.

Partitions are the unit of ownership: a dyad's events all land on one partition, so exactly one
worker of the group counts them, and the decay tick of each worker only touches the open alerts
of dyads whose partition it is assigned.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar, cast

import click
import faust
import redis.asyncio as aioredis
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from aiokafka.partitioner import DefaultPartitioner
from prometheus_client import CollectorRegistry, start_http_server
from pydantic import BaseModel

from brink.alerting import AlertConfig
from brink.ingestion.admission import admissible
from brink.logs import setup_logging
from brink.runtime.batches import InOrderBatches
from brink.runtime.faust_app import make_faust_app
from brink.settings import Settings
from schemas.article import Article
from schemas.decode import DecodeError, decode
from schemas.event import EscalationEvent
from schemas.topics import ALERTS, ARTICLES, DEADLETTER, EVENTS
from services.alert.findings import FindingsStore, admissible_at
from services.alert.metrics import AlertMetrics
from services.alert.processor import AlertProcessor, SourceRecord
from services.alert.state_store import AlertStateStore

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

APP_ID = "brink-alert"
SERVICE = "alert"
LAG_INTERVAL_SECONDS = 1.0
SESSION_TIMEOUT_SECONDS = 6.0  # the least Apache Kafka accepts (group.min.session.timeout.ms)
_MAX_BACKOFF_SECONDS = 5.0


class AlertWorker:
    """Everything one alert-worker process owns, built from Settings and nothing else."""

    def __init__(self, settings: Settings, registry: CollectorRegistry | None = None) -> None:
        self.settings = settings
        self.config = AlertConfig.from_settings(settings)
        self.events_topic = settings.topic(EVENTS)
        self.registry = registry or CollectorRegistry()
        self.metrics = AlertMetrics(self.registry, self.config.half_life_seconds)
        # A short session lets a replacement worker take over a killed one's partitions quickly
        # (Tansu also holds every join for half the session timeout; Faust's default is 60 s).
        self.app = make_faust_app(
            settings, APP_ID, broker_session_timeout=SESSION_TIMEOUT_SECONDS, broker_heartbeat_interval=1.0
        )
        if settings.redis_url is None:
            raise click.UsageError("REDIS_URL is not set: the alert worker keeps its state in Redis")
        self.redis = aioredis.Redis.from_url(settings.redis_url)
        self.processor = AlertProcessor(
            config=self.config,
            store=AlertStateStore(self.redis, settings),
            publish=self.publish,
            metrics=self.metrics,
            alerts_topic=settings.topic(ALERTS),
            deadletter_topic=settings.topic(DEADLETTER),
            max_event_bytes=settings.alert_max_event_bytes,
            max_future_skew=timedelta(seconds=settings.ingest_max_future_skew_seconds),
        )
        self.findings = FindingsStore(self.redis, settings)
        self._partitions: list[int] | None = None
        self._partitioner = DefaultPartitioner()
        self._wire()

    def _wire(self) -> None:
        app, processor = self.app, self.processor
        topic = app.topic(self.events_topic)

        max_batch = self.settings.alert_batch_max_events

        async def process(items: Sequence[tuple[faust.EventT[bytes], SourceRecord]]) -> None:
            records = [record for _, record in items]
            await processor.process_batch(records)
            # Readable findings: the events the processor decoded (the others are dead letters now),
            # dated as ingest admits (one dated 2999, produced straight to the topic, would hold a
            # retention slot for ever: trimming drops the oldest first).
            decoded = _decodable(
                [r.value for r in records], EscalationEvent, self.settings.alert_max_event_bytes
            )
            now, skew = datetime.now(UTC), timedelta(seconds=self.settings.ingest_max_future_skew_seconds)
            await self.findings.record_events(
                [e for e in decoded if admissible_at(e.published_at, now, skew)]
            )

        # concurrency=1 and manual, in-order acks (docs/adr/0011-alert-worker-batches.md): a record is
        # acknowledged only after its batch is published and persisted, never when the agent is
        # stopped or crashes while holding it (Faust's automatic acks would: ADR 0004).
        @app.agent(topic, name=f"{APP_ID}-events", concurrency=1)
        async def count_events(stream: Any) -> None:
            manual = cast(faust.Stream[bytes], stream).noack()

            async def acknowledge(item: tuple[faust.EventT[bytes], SourceRecord]) -> None:
                await manual.ack(item[0])

            async with InOrderBatches(
                process,
                acknowledge,
                max_batch=max_batch,
                on_batch=self.metrics.batch_events.observe,
                on_failure=self._crash,
            ) as batches:
                async for event in manual.events():
                    message = event.message
                    record = SourceRecord(
                        message.value, message.key, message.topic, message.partition, message.offset
                    )
                    await batches.submit((event, record))

        @app.agent(app.topic(self.settings.topic(ARTICLES)), name=f"{APP_ID}-articles", concurrency=1)
        async def keep_articles(stream: Any) -> None:
            """Article summaries for the read API; acknowledged once they are in Redis. Articles
            that do not decode or break ingest's rules (dated 2999, say) are the extract worker's to
            dead-letter, so they are skipped here."""
            manual = cast(faust.Stream[bytes], stream).noack()
            skew = timedelta(seconds=self.settings.ingest_max_future_skew_seconds)
            async for event in manual.events():
                decoded = _decodable([event.message.value], Article, self.settings.extract_max_message_bytes)
                articles = [a for a in decoded if admissible(a, datetime.now(UTC), skew)]
                await self.findings.record_articles(articles)
                await manual.ack(event)

        @app.timer(interval=self.settings.alert_tick_interval_seconds)
        async def decay_tick() -> None:
            owns = await self._owner()
            if owns is not None:
                await processor.tick(datetime.now(UTC), owns)

        @app.timer(interval=LAG_INTERVAL_SECONDS)
        async def consumer_lag() -> None:
            await self._measure_lag()

    async def _crash(self, error: BaseException) -> None:
        """A batch failed for a reason other than a bad record or an unreachable broker or Redis
        (those are dead-lettered or waited out), e.g. Redis refusing writes. Stop the whole worker:
        restarted (by the orchestrator), it reads again from the committed offsets. Restarting only
        the agent would read on past the failed batch's records, and Faust may commit past them."""
        log.critical("alert batch failed; stopping the worker (%r)", error, exc_info=error)
        await self.app.crash(error)

    async def publish(self, topic: str, key: bytes, value: bytes) -> None:
        """Send and wait for acks=all; while the broker refuses, wait and retry (the stream waits too)."""
        delay = 0.1
        while True:
            try:
                await self.app.producer.send_and_wait(topic, key, value, None, None, None)
                return
            except KafkaError as exc:
                log.warning("publish to %s failed (%s); retrying", topic, exc)
                await asyncio.sleep(delay)  # back-off between attempts
                delay = min(delay * 2, _MAX_BACKOFF_SECONDS)

    async def _partition_ids(self) -> list[int]:
        if self._partitions is None:
            admin = AIOKafkaAdminClient(bootstrap_servers=self.settings.bootstrap)
            await admin.start()
            try:
                described = await admin.describe_topics([self.events_topic])
            finally:
                await admin.close()
            count = len(described[0]["partitions"]) if described and described[0].get("partitions") else 0
            self._partitions = list(range(count or EVENTS.partitions))
        return self._partitions

    async def _owner(self) -> Callable[[str], bool] | None:
        """Which dyads this worker owns now (their events partition is assigned here)."""
        assigned = {tp.partition for tp in self.app.consumer.assignment() if tp.topic == self.events_topic}
        if not assigned:
            return None
        partitions = await self._partition_ids()

        def owns(dyad: str) -> bool:
            return self._partitioner(dyad.encode(), partitions, partitions) in assigned

        return owns

    async def _measure_lag(self) -> None:
        tps = [tp for tp in self.app.consumer.assignment() if tp.topic == self.events_topic]
        if not tps:
            return
        highwaters = await self.app.consumer.highwaters(*tps)
        lag = 0
        for tp in tps:
            position = self.processor.positions.get(tp.partition)
            if position is None:
                position = await self.app.consumer.position(tp) or 0
            lag += max(0, (highwaters.get(tp) or 0) - position)
        self.metrics.lag.labels(service=SERVICE, topic=self.events_topic).set(lag)

    def run(self) -> None:
        """Serve /metrics and run the Faust worker until SIGTERM/SIGINT."""
        start_http_server(
            self.settings.alert_metrics_port, addr=self.settings.alert_metrics_host, registry=self.registry
        )
        log.info(
            "alert worker: %s -> %s, metrics on :%d",
            self.events_topic,
            self.settings.topic(ALERTS),
            self.settings.alert_metrics_port,
        )
        worker = faust.Worker(
            self.app,
            loglevel=self.settings.log_level,
            quiet=True,
            redirect_stdouts=False,
            override_logging=False,
        )
        worker.execute_from_commandline()


def _decodable(values: Sequence[bytes | None], model: type[M], max_bytes: int) -> list[M]:
    """The ``values`` that decode as ``model`` (the others are dead-lettered elsewhere)."""
    found: list[M] = []
    for value in values:
        try:
            found.append(decode(value, model, max_bytes))
        except DecodeError:
            continue
    return found


@click.command("alert")
def alert() -> None:
    """Run the alert worker: brink.events.v1 -> alert engine -> brink.alerts.v1 (state in Redis)."""
    settings = Settings()
    setup_logging(settings.log_level, settings.log_json, service=SERVICE)
    if settings.kafka_bootstrap_servers is None or settings.redis_url is None:
        raise click.UsageError(
            "set KAFKA_BOOTSTRAP_SERVERS and REDIS_URL (or use `brink run`, which starts embedded ones)"
        )
    AlertWorker(settings).run()
