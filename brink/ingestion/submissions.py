"""Request bodies and JSONL lines → ArticleSubmissions, with the index and field of every error.

A body is one JSON object, a JSON array of objects, or NDJSON (one object per line). The API
accepts ArticleSubmissions only; files may also carry full Article records (as written by
another Brink), which are reduced to the submission they came from (ids are recomputed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from schemas.article import Article, ArticleSubmission

# How many item errors one response lists; the rest are counted.
MAX_REPORTED_ERRORS = 20


@dataclass(frozen=True)
class ItemError:
    index: int | None  # position in the batch (None: the body as a whole)
    field: str
    reason: str
    code: str = "validation"  # metric label: validation | invalid_json | empty_batch

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "field": self.field, "reason": self.reason}


class BatchRejected(ValueError):
    """The body, or at least one of its items, is invalid: nothing of it may be published."""

    def __init__(self, errors: list[ItemError], items: int) -> None:
        super().__init__("; ".join(f"item {e.index}: {e.field}: {e.reason}" for e in errors[:3]))
        self.errors = errors
        self.items = items  # how many items the body held (0 when it could not be split)


def _errors_of(exc: ValidationError, index: int | None) -> list[ItemError]:
    return [
        ItemError(index, ".".join(str(p) for p in err["loc"]) or "(item)", err["msg"])
        for err in exc.errors(include_url=False)
    ]


def _loads(text: str, index: int | None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = "body" if index is None else f"item {index}"
        raise BatchRejected(
            [ItemError(index, "(body)", f"{where} is not JSON: {exc}", "invalid_json")], 0
        ) from exc
    except RecursionError as exc:
        raise BatchRejected(
            [ItemError(index, "(body)", "JSON nested too deeply", "invalid_json")], 0
        ) from exc


BOM = "\ufeff"


def split_body(body: bytes, ndjson: bool) -> list[Any]:
    """The raw items of a request body (objects not yet validated)."""
    try:
        # A byte-order mark is legal noise before JSON (RFC 8259 lets parsers ignore it) and editors on
        # Windows write one; NDJSON made by concatenating such files carries one at each file's start.
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BatchRejected([ItemError(None, "(body)", f"not UTF-8: {exc}", "invalid_json")], 0) from exc
    if ndjson:
        lines = [line.lstrip(BOM) for line in text.splitlines() if line.strip(BOM + " \t")]
        items = [_loads(line, index) for index, line in enumerate(lines)]
    else:
        data = _loads(text, None)
        items = data if isinstance(data, list) else [data]
    if not items:
        raise BatchRejected([ItemError(None, "(body)", "no articles in the request", "empty_batch")], 0)
    return items


def validate_items(items: list[Any]) -> list[ArticleSubmission]:
    """Every item as an ArticleSubmission, or BatchRejected naming each invalid item."""
    valid: list[ArticleSubmission] = []
    errors: list[ItemError] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append(ItemError(index, "(item)", f"expected a JSON object, got {type(item).__name__}"))
            continue
        try:
            valid.append(ArticleSubmission.model_validate(item))
        except ValidationError as exc:
            errors.extend(_errors_of(exc, index))
    if errors:
        raise BatchRejected(errors, len(items))
    return valid


def parse_body(body: bytes, ndjson: bool) -> list[ArticleSubmission]:
    return validate_items(split_body(body, ndjson))


def submission_from_record(record: Any) -> ArticleSubmission:
    """A JSONL record (ArticleSubmission or full Article) as a submission; ValidationError if neither."""
    if isinstance(record, dict) and "article_id" in record:
        article = Article.model_validate(record)
        return ArticleSubmission(
            url=article.url,
            title=article.title,
            text=article.text,
            published_at=None if article.published_at_estimated else article.published_at,
            source=article.source,
            language=article.language,
        )
    return ArticleSubmission.model_validate(record)
