"""422 answers that say what is wrong without repeating what was sent.

FastAPI's default answer to an invalid request lists each error with the offending ``input``: a
client that sends a 60 KB URL gets 60 KB back, once per field that fails, and a proxy or log that
keeps error bodies keeps them too. Here each error keeps its location, message and type; the value
it repeats (``input``, and any ``ctx`` value or message that quotes it) is cut to
``MAX_SHOWN_CHARS`` characters, saying how long it was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

MAX_SHOWN_CHARS = 120  # of a value repeated in an error
MAX_ERRORS = 20  # errors listed in one answer (the rest are counted)


def shorten(value: Any, limit: int = MAX_SHOWN_CHARS) -> Any:
    """``value`` when its JSON form is short; else a string of its first ``limit`` characters and
    how long it was."""
    encoded = jsonable_encoder(value)
    text = encoded if isinstance(encoded, str) else json.dumps(encoded, ensure_ascii=False, default=str)
    if len(text) <= limit:
        return encoded
    return f"{text[:limit]}… ({len(text)} characters)"


def bounded_error(error: Mapping[str, Any]) -> dict[str, Any]:
    """One pydantic/FastAPI error with the values it repeats cut short (``url``, a link to
    pydantic's docs, is dropped)."""
    out: dict[str, Any] = {
        "type": str(error.get("type", "")),
        "loc": [shorten(part, 60) for part in error.get("loc", ())],
        "msg": shorten(str(error.get("msg", "")), 2 * MAX_SHOWN_CHARS),
    }
    if "input" in error:
        out["input"] = shorten(error["input"])
    ctx = error.get("ctx")
    if isinstance(ctx, Mapping):
        out["ctx"] = {str(key): shorten(value) for key, value in list(ctx.items())[:10]}
    return out


def bounded_errors(errors: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    shown = [bounded_error(error) for error in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        shown.append(
            {"type": "too_many_errors", "loc": [], "msg": f"{len(errors) - MAX_ERRORS} more errors not shown"}
        )
    return shown


async def _answer(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": bounded_errors(exc.errors())}, status_code=422)


def bound_validation_errors(app: FastAPI) -> None:
    """Answer the app's invalid requests with ``bounded_errors`` instead of FastAPI's echo."""
    app.add_exception_handler(RequestValidationError, _answer)
