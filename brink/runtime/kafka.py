"""Kafka client construction and topic creation, shared by every service shell."""

from __future__ import annotations

import contextlib
import logging

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from brink.settings import Settings
from schemas.topics import ALL_TOPICS, TopicSpec

log = logging.getLogger(__name__)


def make_producer(settings: Settings, **overrides: object) -> AIOKafkaProducer:
    """A producer that only reports success once all in-sync replicas have the write.

    On Tansu every record is its own batch (``Settings.single_record_batches``): a consumer restarting
    at a committed offset inside a multi-record batch would skip the rest of that batch."""
    timeout_ms = int(settings.kafka_request_timeout_seconds * 1000)
    options: dict[str, object] = {
        "bootstrap_servers": settings.bootstrap,
        "acks": "all",
        "enable_idempotence": settings.producer_idempotence,
        "request_timeout_ms": timeout_ms,
        "linger_ms": 0,
    }
    if settings.single_record_batches:
        options["max_batch_size"] = 1  # the first record of a batch always fits: one record each
    options.update(overrides)
    return AIOKafkaProducer(**options)


def make_consumer(
    settings: Settings, *topics: str, group_id: str | None, **overrides: object
) -> AIOKafkaConsumer:
    """A consumer with manual commits (commit after the work is done) and this deployment's fetch wait."""
    options: dict[str, object] = {
        "bootstrap_servers": settings.bootstrap,
        "group_id": group_id,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
        "fetch_max_wait_ms": settings.fetch_max_wait_ms,
        "session_timeout_ms": int(settings.kafka_session_timeout_seconds * 1000),
        "heartbeat_interval_ms": int(max(1.0, settings.kafka_session_timeout_seconds / 5) * 1000),
        "request_timeout_ms": int(max(settings.kafka_request_timeout_seconds, 30) * 1000),
    }
    options.update(overrides)
    return AIOKafkaConsumer(*topics, **options)


async def ensure_topics(settings: Settings, specs: tuple[TopicSpec, ...] = ALL_TOPICS) -> list[str]:
    """Create Brink's topics if missing (Tansu does not auto-create). Returns the names ensured."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap,
        request_timeout_ms=int(settings.kafka_request_timeout_seconds * 1000),
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [spec for spec in specs if settings.topic(spec) not in existing]
        for spec in wanted:
            # Another process may win the creation race; the topic existing is all we need.
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(
                    [
                        NewTopic(
                            settings.topic(spec),
                            spec.partitions,
                            settings.kafka_replication_factor,
                            topic_configs=spec.broker_configs(),
                        )
                    ]
                )
        if wanted:
            log.info("created topics %s", [settings.topic(s) for s in wanted])
        return [settings.topic(spec) for spec in specs]
    finally:
        await admin.close()
