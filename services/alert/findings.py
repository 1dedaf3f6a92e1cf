"""What Brink found, kept readable in Redis: events and articles for ``brink api``'s read calls.

The alert worker records every event it consumes from ``brink.events.v1`` and a summary (no text)
of every article on ``brink.articles.v1``; the API reads them back with filters and cursor
pagination. Retention is bounded: the newest ``FINDINGS_MAX_EVENTS`` events and
``FINDINGS_MAX_ARTICLES`` articles by event time (``published_at``) are kept, older ones dropped.
Kafka keeps the full history (``schemas/topics.py``); this is a window onto it.

Layout (every key shares the hash tag ``{<REDIS_KEY_PREFIX>:findings}``, so the scripts' keys sit
in one Redis Cluster slot, including the per-dyad and per-article indexes the scripts name):

- ``ev`` hash event_id → event JSON; ``ev:m`` hash event_id → its index keys
- ``ev:t`` sorted set of members ``<published_at>|<event_id>``, all scores 0, so lexicographic
  order is time order and a member is a unique, stable cursor; ``ev:d:<dyad>``,
  ``ev:a:<article_id>``, ``ev:c:<country>`` (either side) and ``ev:r:<cameo_root>`` index the same
  members, so a query walks the most selective index its filters name
- ``ar`` hash article_id → ArticleSummary JSON; ``ar:t`` its members ``<published_at>|<article_id>``;
  ``ar:m`` (no indexes: empty)

Recording is idempotent (re-reading a Kafka message changes nothing) and trims in the same script.

Reads show only publication times ingest admits (``brink.ingestion.event_time``: 1900 to now plus
the clock skew): rows recorded before the alert worker applied that rule (an article dated 2999)
would otherwise head every newest-first list for ever, since trimming drops the oldest first.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from tenacity import AsyncRetrying, before_sleep_log, retry_if_exception_type, wait_exponential

from brink.ingestion.event_time import EARLIEST_PUBLISHED_AT
from brink.settings import Settings
from schemas.article import Article
from schemas.event import EscalationEvent
from schemas.findings import ArticleFindings, ArticleSummary

T = TypeVar("T")
log = logging.getLogger(__name__)

SCAN_BATCH = 500  # members read per round trip while filtering
SCAN_BUDGET = 5_000  # members looked at per request at most (about 0.3 s); then the page ends with a cursor


class CursorError(ValueError):
    """A ``cursor`` that this API did not hand out."""


# Record items idempotently and keep only the newest ``keep`` (lexicographic order = time order).
# KEYS: the values hash, the order set, the meta hash (id -> the item's extra index keys, TAB-joined,
# so an evicted item leaves those indexes too). ARGV: key prefix, keep, then per item: id, member,
# JSON, index key suffixes.
_RECORD = """
local values, order, meta = KEYS[1], KEYS[2], KEYS[3]
local prefix, keep = ARGV[1], tonumber(ARGV[2])
local added = 0
for i = 3, #ARGV, 4 do
  local id, member, json, indexes = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if redis.call('HSETNX', values, id, json) == 1 then
    redis.call('ZADD', order, 0, member)
    redis.call('HSET', meta, id, indexes)
    for index in string.gmatch(indexes, '[^\t]+') do redis.call('ZADD', prefix .. index, 0, member) end
    added = added + 1
  end
end
local excess = redis.call('ZCARD', order) - keep
if excess > 0 then
  for _, member in ipairs(redis.call('ZRANGE', order, 0, excess - 1)) do
    local id = string.match(member, '^[^|]*|(.*)$')
    for index in string.gmatch(redis.call('HGET', meta, id) or '', '[^\t]+') do
      redis.call('ZREM', prefix .. index, member)
    end
    redis.call('HDEL', values, id)
    redis.call('HDEL', meta, id)
  end
  redis.call('ZREMRANGEBYRANK', order, 0, excess - 1)
end
return added
"""


def _indexes(event: EscalationEvent) -> list[str]:
    """The index keys (below the prefix) an event is listed in besides time."""
    found = [f"ev:a:{event.article_id}", f"ev:r:{event.cameo_root}"]
    if event.dyad:
        found.append(f"ev:d:{event.dyad}")
    found += [f"ev:c:{country}" for country in sorted(countries(event.model_dump(include=_SIDES)))]
    return found


_SIDES: Any = {"source": {"country"}, "target": {"country"}, "dyad": True}


def _instant(at: datetime) -> str:
    """Fixed-width UTC text that sorts like the time it names (years 0001-9999)."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def member(at: datetime, ident: str) -> str:
    return f"{_instant(at)}|{ident}"


def encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        value = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise CursorError("cursor is not one this API handed out: start again without it") from exc
    if "|" not in value:
        raise CursorError("cursor is not one this API handed out: start again without it")
    return value


def summary_of(article: Article) -> ArticleSummary:
    return ArticleSummary(
        **article.model_dump(include=set(ArticleSummary.model_fields) - {"chars"}), chars=len(article.text)
    )


@dataclass(frozen=True)
class EventFilter:
    """Which events a query wants; None means no restriction. ``dyad`` is in sorted form."""

    dyad: str | None = None
    country: str | None = None
    cameo_root: int | None = None
    min_threat: float | None = None
    article_id: str | None = None

    def __call__(self, event: dict[str, Any]) -> bool:
        """Whether ``event`` (a stored event as parsed JSON: checked before building the model,
        which costs several times more) is wanted."""
        if self.dyad is not None and event.get("dyad") != self.dyad:
            return False
        if self.article_id is not None and event.get("article_id") != self.article_id:
            return False
        if self.country is not None and self.country not in countries(event):
            return False
        if self.cameo_root is not None and event.get("cameo_root") != self.cameo_root:
            return False
        return self.min_threat is None or float(event.get("threat_score", 0)) >= self.min_threat


def countries(event: dict[str, Any]) -> set[str]:
    """Every country on either side of an event: the actors' and the dyad's."""
    sides = {(event.get("source") or {}).get("country"), (event.get("target") or {}).get("country")}
    sides.update((event.get("dyad") or "").split("-"))
    return {side for side in sides if side}


@dataclass(frozen=True)
class Window:
    """Time bounds (``since`` inclusive, ``until`` exclusive), a cursor and a page size."""

    since: datetime | None = None
    until: datetime | None = None
    cursor: str | None = None  # as handed out (encoded)
    limit: int = 100


def admissible_window(window: Window, now: datetime, max_future_skew: timedelta) -> Window:
    """``window`` cut to the publication times ingest admits at ``now`` (``check_published_at``)."""
    latest = now + max_future_skew + timedelta(microseconds=1)  # ``until`` is exclusive
    until = latest if window.until is None else min(window.until, latest)
    since = EARLIEST_PUBLISHED_AT if window.since is None else max(window.since, EARLIEST_PUBLISHED_AT)
    return replace(window, since=since, until=until)


def admissible_at(at: datetime, now: datetime, max_future_skew: timedelta) -> bool:
    return EARLIEST_PUBLISHED_AT <= at <= now + max_future_skew


class FindingsStore:
    def __init__(self, redis: aioredis.Redis, settings: Settings) -> None:
        self.redis = redis
        self.settings = settings
        self.prefix = f"{{{settings.redis_key_prefix}:findings}}:"
        self.events_key = self.prefix + "ev"
        self.events_order = self.prefix + "ev:t"
        self.events_meta = self.prefix + "ev:m"
        self.articles_key = self.prefix + "ar"
        self.articles_order = self.prefix + "ar:t"
        self.articles_meta = self.prefix + "ar:m"
        self._record = redis.register_script(_RECORD)

    # --- writing (the alert worker) --------------------------------------------------
    async def record_events(self, events: Sequence[EscalationEvent]) -> int:
        """Keep ``events`` (already kept ones are left as they are); returns how many were new."""
        items = [
            (
                event.event_id,
                member(event.published_at, event.event_id),
                event.model_dump_json(),
                _indexes(event),
            )
            for event in events
        ]
        return await self._keep(
            self.events_key, self.events_order, self.events_meta, self.settings.findings_max_events, items
        )

    async def record_articles(self, articles: Sequence[Article]) -> int:
        """Keep the summaries of ``articles`` (no indexes besides time); returns how many were new."""
        no_index: list[str] = []
        items = [
            (a.article_id, member(a.published_at, a.article_id), summary_of(a).model_dump_json(), no_index)
            for a in articles
        ]
        return await self._keep(
            self.articles_key,
            self.articles_order,
            self.articles_meta,
            self.settings.findings_max_articles,
            items,
        )

    async def _keep(
        self, values: str, order: str, meta: str, keep: int, items: list[tuple[str, str, str, list[str]]]
    ) -> int:
        if not items:
            return 0
        args: list[Any] = [self.prefix, keep]
        for ident, position, body, indexes in items:
            args += [ident, position, body, "\t".join(indexes)]
        return await self._write(lambda: self._record(keys=[values, order, meta], args=args))

    async def _write(self, script: Callable[[], Awaitable[Any]]) -> int:
        """Run a recording script; while Redis is unreachable, wait and retry (the stream waits
        too). Recording is idempotent, so a retried write does no harm."""
        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type((RedisConnectionError, RedisTimeoutError, OSError)),
            wait=wait_exponential(multiplier=0.1, max=5.0),
            before_sleep=before_sleep_log(log, logging.WARNING),
        ):
            with attempt:
                return int(await script())
        raise AssertionError("unreachable: AsyncRetrying retries until the write succeeds")

    # --- reading (the API) -----------------------------------------------------------
    async def events(self, wanted: EventFilter, window: Window) -> tuple[list[EscalationEvent], str | None]:
        """Events matching ``wanted`` in ``window``, newest event time first, and the next cursor."""
        # The most selective index the filter names; the other filters are checked while walking it.
        if wanted.dyad is not None:
            index = self.prefix + f"ev:d:{wanted.dyad}"
        elif wanted.article_id is not None:
            index = self.prefix + f"ev:a:{wanted.article_id}"
        elif wanted.country is not None:
            index = self.prefix + f"ev:c:{wanted.country}"
        elif wanted.cameo_root is not None:
            index = self.prefix + f"ev:r:{wanted.cameo_root}"
        else:
            index = self.events_order
        return await self._scan(index, self.events_key, window, EscalationEvent.model_validate, wanted)

    def _admissible(self, at: datetime) -> bool:
        skew = timedelta(seconds=self.settings.ingest_max_future_skew_seconds)
        return admissible_at(at, datetime.now(UTC), skew)

    async def article_events(self, article_id: str) -> list[EscalationEvent]:
        members: list[Any] = await self.redis.zrange(self.prefix + f"ev:a:{article_id}", 0, -1)
        ids = [_ident(m) for m in members]
        found = [
            EscalationEvent.model_validate_json(raw) for raw in await self._get(self.events_key, ids) if raw
        ]
        shown = [e for e in found if self._admissible(e.published_at)]
        return sorted(shown, key=lambda e: (e.span[0], e.event_id))

    async def article(self, article_id: str) -> ArticleFindings | None:
        raw = await self.redis.hget(self.articles_key, article_id)
        summary = None if raw is None else ArticleSummary.model_validate_json(raw)
        if summary is not None and not self._admissible(summary.published_at):
            summary = None
        events = await self.article_events(article_id)
        if summary is None and not events:
            return None
        return ArticleFindings(article_id=article_id, article=summary, events=events)

    async def articles(
        self, window: Window, source: str | None = None
    ) -> tuple[list[ArticleFindings], str | None]:
        def wanted(summary: dict[str, Any]) -> bool:
            return source is None or (summary.get("source") or "").casefold() == source.casefold()

        summaries, cursor = await self._scan(
            self.articles_order, self.articles_key, window, ArticleSummary.model_validate, wanted
        )
        found = [
            ArticleFindings(
                article_id=s.article_id, article=s, events=await self.article_events(s.article_id)
            )
            for s in summaries
        ]
        return found, cursor

    async def _get(self, key: str, ids: list[str]) -> list[bytes | None]:
        if not ids:
            return []
        found: list[Any] = await self.redis.hmget(key, ids)
        return found

    async def _scan(
        self,
        index: str,
        values: str,
        window: Window,
        build: Callable[[dict[str, Any]], T],
        wanted: Callable[[dict[str, Any]], bool],
    ) -> tuple[list[T], str | None]:
        """Walk ``index`` newest first within ``window`` (cut to admissible times), keep what
        ``wanted`` accepts."""
        skew = timedelta(seconds=self.settings.ingest_max_future_skew_seconds)
        window = admissible_window(window, datetime.now(UTC), skew)
        upper = "+" if window.until is None else "(" + _instant(window.until)
        if window.cursor is not None:
            after = decode_cursor(window.cursor)
            if upper == "+" or after < upper[1:]:
                upper = "(" + after
        lower = "-" if window.since is None else "[" + _instant(window.since)
        page: list[T] = []
        looked = 0
        while True:
            members = [_text(m) for m in await self.redis.zrevrangebylex(index, upper, lower, 0, SCAN_BATCH)]
            raws = await self._get(values, [_ident(m) for m in members])
            for current, raw in zip(members, raws, strict=True):
                looked += 1
                if raw is not None:
                    item = json.loads(raw)
                    if wanted(item):
                        page.append(build(item))
                        if len(page) == window.limit:
                            return page, encode_cursor(current)
                if looked >= SCAN_BUDGET:
                    return page, encode_cursor(current)
            if len(members) < SCAN_BATCH:
                return page, None
            upper = "(" + members[-1]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _ident(value: bytes | str) -> str:
    return _text(value).split("|", 1)[1]
