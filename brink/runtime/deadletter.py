"""Building dead-letter records: one shape for every stage (extract, alert, dispatch).

Pure functions, no Kafka imports: a stage catches what it cannot process, builds a
:class:`schemas.deadletter.DeadLetter` here, produces it to ``brink.deadletter.v1`` with
:func:`dead_letter_key` / :func:`encode_dead_letter`, waits for the broker's acknowledgement and
only then moves on.

    try:
        article = decode(raw, Article, max_bytes)
    except DecodeError as exc:
        letter = dead_letter_for(exc, original=raw, key=key, topic=topic, partition=p, offset=o,
                                 stage="extract")

The reason comes from ``DecodeError.reason`` for bad input and is ``processing_error`` for any
other exception, so dashboards can count ``brink_deadletters_total{stage,reason}`` uniformly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from schemas.deadletter import DeadLetter, DeadLetterReason
from schemas.decode import DecodeError

# A dead letter must itself fit in a Kafka message (1 MB by default) after base64 (+33 %).
# Bigger originals are cut to this many bytes, and the error text says so.
MAX_ORIGINAL_BYTES = 512 * 1024
MAX_ERROR_CHARS = 2000


@dataclass(frozen=True)
class SourceRecord:
    """One message a stage read, exactly as the broker gave it: what a dead letter for it carries."""

    value: bytes | None
    key: bytes | None
    topic: str
    partition: int
    offset: int


def build_dead_letter(
    *,
    original: bytes | None,
    key: bytes | None,
    topic: str,
    partition: int | None,
    offset: int | None,
    stage: str,
    reason: DeadLetterReason,
    error: str,
    now: datetime | None = None,
) -> DeadLetter:
    """A DeadLetter for one message; ``original`` None (a tombstone) is recorded as empty bytes."""
    raw = original if original is not None else b""
    if len(raw) > MAX_ORIGINAL_BYTES:
        error = f"{error} [original truncated from {len(raw)} to {MAX_ORIGINAL_BYTES} bytes]"
        raw = raw[:MAX_ORIGINAL_BYTES]
    if len(error) > MAX_ERROR_CHARS:
        error = error[: MAX_ERROR_CHARS - 1] + "…"
    return DeadLetter(
        original=raw,
        key=key,
        topic=topic,
        partition=partition,
        offset=offset,
        stage=stage,
        reason=reason,
        error=error,
        time=now or datetime.now(UTC),
    )


def reason_for(exc: BaseException) -> DeadLetterReason:
    """``DecodeError.reason`` for undecodable input, ``processing_error`` for anything else."""
    return exc.reason if isinstance(exc, DecodeError) else "processing_error"


def describe(exc: BaseException) -> str:
    """Readable error text: the decode message as is, other exceptions with their type name."""
    if isinstance(exc, DecodeError):
        return str(exc)
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def dead_letter_for(
    exc: BaseException,
    *,
    original: bytes | None,
    key: bytes | None,
    topic: str,
    partition: int | None,
    offset: int | None,
    stage: str,
    now: datetime | None = None,
) -> DeadLetter:
    """The DeadLetter for a message whose processing raised ``exc``."""
    return build_dead_letter(
        original=original,
        key=key,
        topic=topic,
        partition=partition,
        offset=offset,
        stage=stage,
        reason=reason_for(exc),
        error=describe(exc),
        now=now,
    )


def dead_letter_key(letter: DeadLetter) -> bytes:
    """The dead-letter topic is keyed by the source topic name (see ``schemas.topics.DEADLETTER``)."""
    return letter.topic.encode()


def encode_dead_letter(letter: DeadLetter) -> bytes:
    return letter.model_dump_json().encode()
