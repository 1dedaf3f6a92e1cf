"""DeadLetter: anything a stage could not process, on ``brink.deadletter.v1``."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from schemas.common import Contract, UtcDatetime

DEADLETTER_SCHEMA_VERSION: Literal[1] = 1

DeadLetterReason = Literal[
    "invalid_utf8",
    "invalid_json",
    "schema",
    "schema_version",
    "oversize",
    "processing_error",
    "delivery_failed",
]


class DeadLetter(Contract):
    model_config = ConfigDict(extra="forbid", frozen=True, ser_json_bytes="base64", val_json_bytes="base64")

    schema_version: Literal[1] = DEADLETTER_SCHEMA_VERSION
    original: bytes = Field(description="The message bytes exactly as read (base64 in JSON).")
    key: bytes | None = Field(default=None, description="The message key as read (base64 in JSON).")
    topic: str
    partition: int | None
    offset: int | None
    stage: str = Field(description="Which stage gave up: ingest, extract, alert, dispatch.")
    reason: DeadLetterReason
    error: str = Field(description="What was wrong, readable.")
    time: UtcDatetime
