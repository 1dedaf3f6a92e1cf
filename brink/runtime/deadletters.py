"""Reading ``brink.deadletter.v1`` and re-publishing dead letters to the topic they came from.

A dead letter's id is its place on the dead-letter topic, ``<partition>:<offset>``: stable for
as long as the broker keeps the record. Re-publishing sends the original key and bytes, exactly as
they were read, to the original topic (``DeadLetter.topic``) with acks=all, after a fix made them
processable; event ids and article ids make a record handled twice harmless. When Redis is
configured, each re-publication is remembered (``<REDIS_KEY_PREFIX>:deadletters:republished``) so
the listing shows it and a second one needs ``again=True``. Letters whose original was cut to fit
(``brink.runtime.deadletter.MAX_ORIGINAL_BYTES``) or was a tombstone cannot be re-published.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import redis.asyncio as aioredis
from aiokafka import AIOKafkaConsumer, TopicPartition

from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.deadletter import DeadLetter
from schemas.topics import DEADLETTER

TRUNCATED_MARK = "[original truncated from"
READ_TIMEOUT_SECONDS = 60.0


class DeadLetterError(RuntimeError):
    """The dead-letter topic could not be read to its end; the message says what to check."""


@dataclass(frozen=True)
class StoredLetter:
    id: str  # "<partition>:<offset>" on the dead-letter topic
    letter: DeadLetter | None  # None when the record itself does not parse
    raw_error: str | None = None  # why it does not parse
    republished_at: str | None = None

    def refusal(self) -> str | None:
        """Why this letter cannot be re-published, or None when it can."""
        if self.letter is None:
            return f"the dead-letter record itself does not parse ({self.raw_error})"
        if TRUNCATED_MARK in self.letter.error:
            return "its original was truncated to fit a dead letter; re-send it from its source"
        if not self.letter.original:
            return "its original was empty (a tombstone)"
        return None


@dataclass(frozen=True)
class Republished:
    id: str
    topic: str | None = None  # where it went; None when refused
    refused: str | None = None


def republished_key(settings: Settings) -> str:
    return settings.redis_key("deadletters", "republished")


async def read_dead_letters(settings: Settings, redis: aioredis.Redis | None = None) -> list[StoredLetter]:
    """Every record the dead-letter topic holds now, oldest first per partition."""
    topic = settings.topic(DEADLETTER)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        request_timeout_ms=int(max(settings.kafka_request_timeout_seconds, 30) * 1000),
    )
    await consumer.start()
    try:
        if topic not in await consumer.topics():
            raise DeadLetterError(f"there is no topic {topic}: create Brink's topics with `brink infra`")
        partitions = sorted(consumer.partitions_for_topic(topic) or ())
        tps = [TopicPartition(topic, p) for p in partitions]
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)
        await consumer.seek_to_beginning(*tps)
        found: list[StoredLetter] = []
        deadline = time.monotonic() + READ_TIMEOUT_SECONDS
        while any([await consumer.position(tp) < ends[tp] for tp in tps]):
            if time.monotonic() > deadline:
                raise DeadLetterError(f"could not read {topic} to its end within {READ_TIMEOUT_SECONDS:.0f}s")
            for batch in (await consumer.getmany(*tps, timeout_ms=500)).values():
                found.extend(_parse(f"{r.partition}:{r.offset}", r.value) for r in batch)
    finally:
        await consumer.stop()
    if redis is not None and found:
        marks = await redis.hmget(republished_key(settings), [s.id for s in found])
        found = [
            StoredLetter(s.id, s.letter, s.raw_error, _text(mark) if mark else None)
            for s, mark in zip(found, marks, strict=True)
        ]
    return sorted(found, key=lambda s: tuple(int(part) for part in s.id.split(":")))


def _parse(ident: str, value: bytes | None) -> StoredLetter:
    try:
        return StoredLetter(ident, DeadLetter.model_validate_json(value or b""))
    except ValueError as exc:
        return StoredLetter(ident, None, raw_error=str(exc).splitlines()[0])


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


async def republish(
    settings: Settings,
    letters: Sequence[StoredLetter],
    redis: aioredis.Redis | None = None,
    again: bool = False,
) -> list[Republished]:
    """Send each letter's original to its original topic (acks=all), in order; refuse the others."""
    outcomes: list[Republished] = []
    producer = make_producer(settings)
    await producer.start()
    try:
        for stored in letters:
            refusal = stored.refusal()
            if refusal is None and stored.republished_at is not None and not again:
                refusal = (
                    f"already re-published at {stored.republished_at} (pass --again to send it once more)"
                )
            if refusal is not None or stored.letter is None:
                outcomes.append(Republished(stored.id, refused=refusal))
                continue
            letter = stored.letter
            await producer.send_and_wait(letter.topic, key=letter.key, value=letter.original)
            if redis is not None:
                await redis.hset(republished_key(settings), stored.id, datetime.now(UTC).isoformat())
            outcomes.append(Republished(stored.id, topic=letter.topic))
    finally:
        await producer.stop()
    return outcomes
