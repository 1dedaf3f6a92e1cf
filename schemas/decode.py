"""Turning raw message bytes into a contract, with a classified reason when that fails.

Every consumer uses this, so every stage dead-letters bad input with the same reasons.
"""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from schemas.deadletter import DeadLetterReason

ModelT = TypeVar("ModelT", bound=BaseModel)

# Deeper JSON than this is hostile or broken; json.loads would otherwise recurse until RecursionError.
MAX_JSON_DEPTH = 64


class DecodeError(ValueError):
    """The bytes are not a valid message of the expected contract."""

    def __init__(self, reason: DeadLetterReason, message: str) -> None:
        super().__init__(message)
        self.reason: DeadLetterReason = reason


def _too_deep(text: str, limit: int) -> bool:
    # Nesting cannot exceed the number of opening brackets: articles rarely contain any, and
    # str.count runs in C, so the character walk below only runs for bracket-heavy messages.
    if text.count("{") + text.count("[") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def decode(raw: bytes | None, model: type[ModelT], max_bytes: int) -> ModelT:
    """Parse ``raw`` as ``model``; raise DecodeError with the dead-letter reason otherwise."""
    if raw is None:
        raise DecodeError("invalid_json", "message has no value (tombstone)")
    if len(raw) > max_bytes:
        raise DecodeError("oversize", f"message is {len(raw)} bytes; the limit is {max_bytes}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError("invalid_utf8", f"not UTF-8: {exc}") from exc
    if _too_deep(text, MAX_JSON_DEPTH):
        raise DecodeError("invalid_json", f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DecodeError("invalid_json", f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise DecodeError("schema", f"expected a JSON object, got {type(data).__name__}")
    expected = model.model_fields.get("schema_version")
    if expected is not None and "schema_version" in data and data["schema_version"] != expected.default:
        raise DecodeError(
            "schema_version",
            f"schema_version {data['schema_version']!r} unsupported; this consumer reads {expected.default}",
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(root)"
        raise DecodeError("schema", f"{where}: {first['msg']} ({exc.error_count()} error(s))") from exc
