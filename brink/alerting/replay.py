"""Replay: articles (through the coder) and/or ready-made events through the engine, in event time."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from pydantic import ValidationError

from brink.alerting.engine import AlertEngine
from brink.ingestion.revisions import is_repeated
from schemas.alert import Alert
from schemas.article import Article, ArticleSubmission
from schemas.event import CodedArticle, EscalationEvent

Record = Article | EscalationEvent


class ArticleCoder(Protocol):
    def code(self, article: Article) -> CodedArticle: ...


class ReplayInputError(ValueError):
    """A line of the replay input is neither an Article nor an EscalationEvent."""


def parse_line(
    line: str, number: int, to_article: Callable[[ArticleSubmission], Article] | None = None
) -> Record:
    """One JSONL line: an EscalationEvent when it has an ``event_id``, an Article when it has an
    ``article_id``, otherwise an ArticleSubmission made into an Article by ``to_article`` (the
    ingest normaliser: what ``brink ingest`` would have published)."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReplayInputError(f"line {number}: not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise ReplayInputError(f"line {number}: expected a JSON object, got {type(data).__name__}")
    model: type[Article] | type[EscalationEvent] | type[ArticleSubmission]
    if "event_id" in data:
        model = EscalationEvent
    elif "article_id" in data or to_article is None:
        model = Article
    else:
        model = ArticleSubmission
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise ReplayInputError(
            f"line {number}: not a valid {model.__name__}: {where}: {first['msg']}"
        ) from exc
    if isinstance(record, ArticleSubmission):
        if record.published_at is None or to_article is None:
            raise ReplayInputError(
                f"line {number}: the article has no published_at; a replay needs event time"
            )
        try:
            return to_article(record)
        except ValueError as exc:
            raise ReplayInputError(f"line {number}: {exc}") from exc
    return record


@dataclass
class ReplayStats:
    articles: int = 0
    events: int = 0
    transitions: int = 0


def replay(
    records: Iterable[Record],
    engine: AlertEngine,
    coder: ArticleCoder | None,
    stats: ReplayStats | None = None,
) -> Iterator[Alert]:
    """Feed records in publication order (stable for ties); yield every transition as it happens.

    Before each record the engine's clock moves to its publication time, so alerts of other dyads
    ease and resolve in event time exactly as they would in the live worker.
    """
    stats = stats if stats is not None else ReplayStats()
    ordered = sorted(records, key=lambda record: record.published_at)
    for record in ordered:
        yield from _emit(engine.tick(record.published_at), stats)
        if isinstance(record, Article):
            stats.articles += 1
            if coder is None:
                raise ReplayInputError("the input has articles but no coder was given")
            # a revision's sentences that an earlier version had were counted with it
            events = [e for e in coder.code(record).events if not is_repeated(e.span, record.repeated_spans)]
        else:
            events = [record]
        for event in events:
            stats.events += 1
            yield from _emit(engine.process(event), stats)


def _emit(transitions: list[Alert], stats: ReplayStats) -> Iterator[Alert]:
    stats.transitions += len(transitions)
    yield from transitions
