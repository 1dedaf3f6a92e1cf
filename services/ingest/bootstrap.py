"""Composition root of the ingest service: the one place real Redis and Kafka clients are made.

``ingest_runtime(settings)`` is used by each ingest process (the API server, ``brink ingest``)
to wire the pure core (``brink.ingestion``) to Redis and the broker.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

import redis.asyncio as aioredis
from prometheus_client import CollectorRegistry

from brink.ingestion.neardup import NearDuplicateSignatures
from brink.ingestion.normalise import Normaliser
from brink.runtime.redis import make_redis
from brink.settings import Settings
from services.ingest.dedup import RedisDedupStore
from services.ingest.metrics import IngestMetrics
from services.ingest.pipeline import IngestPipeline
from services.ingest.publisher import KafkaPublisher


class ConfigurationError(RuntimeError):
    """A setting the ingest service needs is missing or invalid."""


@dataclass
class IngestRuntime:
    settings: Settings
    redis: aioredis.Redis
    publisher: KafkaPublisher
    dedup: RedisDedupStore
    pipeline: IngestPipeline
    metrics: IngestMetrics


@asynccontextmanager
async def ingest_runtime(
    settings: Settings, registry: CollectorRegistry | None = None
) -> AsyncIterator[IngestRuntime]:
    if settings.redis_url is None:
        raise ConfigurationError(
            "REDIS_URL is not set: start Brink with `brink run`, or `brink infra` and export what it "
            "prints, or point REDIS_URL at your Redis"
        )
    settings.bootstrap  # noqa: B018 - raises the explanatory error when KAFKA_BOOTSTRAP_SERVERS is unset
    metrics = IngestMetrics(registry or CollectorRegistry())
    redis = make_redis(settings.redis_url, socket_timeout=5.0, socket_connect_timeout=5.0)
    publisher = KafkaPublisher(settings)
    try:
        signatures = NearDuplicateSignatures(settings.near_duplicate_threshold)
        normaliser = Normaliser(
            max_chars=settings.max_article_chars,
            max_future_skew=timedelta(seconds=settings.ingest_max_future_skew_seconds),
        )
        normaliser.warm_up()
        dedup = RedisDedupStore(redis, settings.redis_key_prefix, settings.dedup_window_seconds, signatures)
        pipeline = IngestPipeline(
            normaliser,
            signatures,
            dedup,
            publisher,
            metrics,
            # Long enough to outlast a publish that times out, short enough for a crashed
            # process's claims to clear quickly.
            claim_seconds=2 * settings.kafka_request_timeout_seconds + 5,
        )
        await publisher.start()
        yield IngestRuntime(settings, redis, publisher, dedup, pipeline, metrics)
    finally:
        await publisher.stop()
        await redis.aclose()
