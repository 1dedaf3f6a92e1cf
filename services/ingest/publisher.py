"""Publishing Articles to the articles topic, keyed by article_id, acknowledged by all replicas."""

from __future__ import annotations

import asyncio
import logging

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.article import Article
from schemas.topics import ARTICLES
from services.ingest.errors import IngestUnavailable

log = logging.getLogger(__name__)

# Extra seconds past the producer's own request timeout before we give up waiting for it.
_GRACE_SECONDS = 2.0


class KafkaPublisher:
    """A producer started on first use, so the API can start (and say it is not ready) while the
    broker is down. A failed start is retried on the next publish."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._topic = settings.topic(ARTICLES)
        self._timeout = settings.kafka_request_timeout_seconds
        self._producer: AIOKafkaProducer | None = None
        self._lock = asyncio.Lock()

    async def _ready_producer(self) -> AIOKafkaProducer:
        if self._producer is not None:
            return self._producer
        async with self._lock:
            if self._producer is None:
                producer = make_producer(self._settings)
                try:
                    await asyncio.wait_for(producer.start(), self._timeout + _GRACE_SECONDS)
                except (KafkaError, OSError, TimeoutError) as exc:
                    await producer.stop()
                    raise IngestUnavailable(
                        "broker", f"Kafka at {self._settings.bootstrap} is unreachable: {exc!r}"
                    ) from exc
                self._producer = producer
                log.info("producer connected to %s", self._settings.bootstrap)
            return self._producer

    async def start(self) -> None:
        """Connect now if the broker is there; if not, the first publish tries again."""
        try:
            await self._ready_producer()
        except IngestUnavailable as exc:
            log.warning("broker not reachable at start, will retry on publish: %s", exc)

    async def publish(self, article: Article) -> None:
        """Return once the broker acknowledged the write; IngestUnavailable otherwise."""
        producer = await self._ready_producer()
        value = article.wire_json()
        try:
            await asyncio.wait_for(
                producer.send_and_wait(self._topic, value=value, key=article.article_id.encode()),
                self._timeout + _GRACE_SECONDS,
            )
        except (KafkaError, TimeoutError) as exc:
            raise IngestUnavailable(
                "broker", f"publishing to {self._topic} failed: {type(exc).__name__}: {exc}"
            ) from exc

    async def reachable(self, timeout: float = 2.0) -> bool:
        """Whether the broker answers a metadata request now."""
        try:
            producer = await self._ready_producer()
            await asyncio.wait_for(producer.client.fetch_all_metadata(), timeout)
        except (IngestUnavailable, KafkaError, OSError, TimeoutError):
            return False
        return True

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None
