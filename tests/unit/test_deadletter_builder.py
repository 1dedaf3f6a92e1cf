"""The shared dead-letter builder (brink.runtime.deadletter): one record shape for every stage."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel

from brink.runtime.deadletter import (
    MAX_ERROR_CHARS,
    MAX_ORIGINAL_BYTES,
    dead_letter_for,
    dead_letter_key,
    encode_dead_letter,
)
from schemas.deadletter import DeadLetter
from schemas.decode import DecodeError, decode


def letter_for(exc: BaseException, original: bytes | None, now: datetime | None = None) -> DeadLetter:
    return dead_letter_for(
        exc,
        original=original,
        key=b"k1",
        topic="brink.articles.v1",
        partition=2,
        offset=41,
        stage="extract",
        now=now,
    )


class Tiny(BaseModel):
    x: int


def test_a_decode_error_keeps_its_reason_and_the_original_bytes() -> None:
    raw = b"\xff\xfe not utf-8"
    try:
        decode(raw, Tiny, 1000)
    except DecodeError as exc:
        letter = letter_for(exc, raw)
    assert letter.reason == "invalid_utf8"
    assert letter.original == raw
    assert (letter.key, letter.topic, letter.partition, letter.offset) == (b"k1", "brink.articles.v1", 2, 41)
    assert letter.stage == "extract"
    assert "UTF-8" in letter.error


def test_any_other_exception_is_a_processing_error_named_by_its_type() -> None:
    letter = letter_for(ZeroDivisionError("division by zero"), original=b"{}")
    assert letter.reason == "processing_error"
    assert letter.error == "ZeroDivisionError: division by zero"


def test_the_record_round_trips_through_json_and_is_keyed_by_the_source_topic() -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    letter = letter_for(ValueError("x"), original=b"\x00\x01binary", now=now)
    assert DeadLetter.model_validate_json(encode_dead_letter(letter)) == letter
    assert dead_letter_key(letter) == b"brink.articles.v1"
    assert letter.time == now


def test_an_oversize_original_is_truncated_so_the_dead_letter_still_fits_in_a_message() -> None:
    raw = b"a" * (MAX_ORIGINAL_BYTES + 10)
    letter = letter_for(DecodeError("oversize", "too big"), original=raw)
    assert letter.original == raw[:MAX_ORIGINAL_BYTES]
    assert f"truncated from {len(raw)}" in letter.error
    assert len(encode_dead_letter(letter)) < 1_000_000


def test_a_tombstone_is_recorded_with_empty_bytes_and_long_errors_are_cut() -> None:
    letter = letter_for(RuntimeError("e" * 10_000), original=None)
    assert letter.original == b""
    assert len(letter.error) == MAX_ERROR_CHARS
