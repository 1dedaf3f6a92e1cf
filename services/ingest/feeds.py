"""The feed poller: conditional GETs of RSS/Atom feeds, new entries through the ingest pipeline.

Runs inside ``brink ingest-api`` when ``FEEDS_FILE`` is set (one task per feed, sharing the
API's producer, Redis client and /metrics). Per feed:

- ``ETag`` / ``Last-Modified`` are kept in Redis (``<prefix>:feeds:<hash of url>``) and sent back
  as ``If-None-Match`` / ``If-Modified-Since``; a 304 publishes nothing.
- Entries already handled (by guid, else link, and a hash of their title, content and update time)
  are remembered for ``DEDUP_WINDOW_SECONDS`` in ``<prefix>:feeds:<hash>:seen`` and skipped, so a
  changed feed does not re-count its old entries as copies; an entry updated in place is handled
  again (ingest publishes its new text as a revision of its URL).
- Validators and seen entries are stored only once every new entry was published or recognised
  as a duplicate, so a feed whose articles could not be published is handled again next time.
- On errors the next poll waits longer: the interval doubled per consecutive failure, capped at
  ``FEED_MAX_BACKOFF_SECONDS`` (``brink.ingestion.feeds.next_poll_delay``).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin

import httpx
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.feeds import (
    FeedConfig,
    FeedEntry,
    FeedParseError,
    entry_submission,
    next_poll_delay,
    parse_feed,
)
from brink.runtime.resolve import Resolver, system_resolver
from brink.settings import Settings
from brink.webhooks.ssrf import AddressPolicy, IPAddress, UnsafeUrlError
from services.ingest.errors import IngestUnavailable
from services.ingest.linkguard import MAX_REDIRECTS, PUBLIC_ONLY, check_link, pinned
from services.ingest.pipeline import IngestPipeline, Outcome, Prepared

log = logging.getLogger(__name__)

PollOutcome = Literal["new", "not_modified", "error"]

USER_AGENT = "Brink-feed-poller/0.1"
# Conditional-GET validators are kept this long without a successful poll.
VALIDATOR_TTL_SECONDS = 30 * 24 * 3600


class FeedFetchError(RuntimeError):
    """The feed (or a linked page) could not be downloaded."""


@dataclass(frozen=True)
class PollResult:
    outcome: PollOutcome
    published: int = 0
    duplicates: int = 0
    rejected: int = 0
    seen: int = 0  # entries skipped because an earlier poll handled them
    error: str | None = None


class FeedPoller:
    def __init__(
        self,
        settings: Settings,
        feeds: list[FeedConfig],
        pipeline: IngestPipeline,
        redis: aioredis.Redis,
        http: httpx.AsyncClient,
        policy: AddressPolicy = PUBLIC_ONLY,
        resolver: Resolver = system_resolver,
    ) -> None:
        self._settings = settings
        self._policy = policy
        self._resolver = resolver
        self._feeds = feeds
        self._pipeline = pipeline
        self._redis = redis
        self._http = http
        self._metrics = pipeline.metrics

    def _state_key(self, feed: FeedConfig) -> str:
        digest = hashlib.sha256(feed.url.encode()).hexdigest()[:24]
        return self._settings.redis_key("feeds", digest)

    async def _guarded_get(
        self, url: str, feed: FeedConfig, headers: dict[str, str], check_first: bool
    ) -> httpx.Response:
        """GET ``url``, following at most MAX_REDIRECTS redirects, each to an address ``check_link``
        allows; ``url`` itself is checked too when ``check_first`` (a link, not the operator's feed URL).
        A checked URL is fetched from the addresses that were checked, not by resolving its name again.
        UnsafeUrlError for a refused address, FeedFetchError for too many redirects."""
        start = url
        for hop in range(MAX_REDIRECTS + 1):
            addresses = None
            if hop or check_first:
                addresses = await check_link(url, feed.url, self._policy, self._resolver)
            response = await self._download_from(url, headers, addresses)
            location = response.headers.get("location")
            if not (response.is_redirect and location):
                return response
            url = urljoin(url, location)
        raise FeedFetchError(f"GET {start}: more than {MAX_REDIRECTS} redirects")

    async def _download_from(
        self, url: str, headers: dict[str, str], addresses: list[IPAddress] | None
    ) -> httpx.Response:
        """``_download`` by name (``addresses`` None), or from the first of ``addresses`` that accepts
        a connection."""
        if addresses is None:
            return await self._download(url, headers)
        failure: FeedFetchError | None = None
        for address in addresses:
            target = pinned(url, address)
            try:
                return await self._download(
                    target.url,
                    {**headers, "Host": target.host_header},
                    {"sni_hostname": target.server_name},
                    shown=url,
                )
            except FeedFetchError as exc:
                if not isinstance(exc.__cause__, httpx.ConnectError):
                    raise
                failure = exc
        assert failure is not None  # (check_link never returns an empty list)
        raise failure

    async def _download(
        self, url: str, headers: dict[str, str], extensions: dict[str, str] | None = None, shown: str = ""
    ) -> httpx.Response:
        """One GET, no redirect followed, with a size limit enforced while reading; the body is in
        ``response.content``. Errors name ``shown`` (the link, when ``url`` is its pinned form)."""
        limit = self._settings.feed_max_bytes
        shown = shown or url
        try:
            async with self._http.stream(
                "GET", url, headers=headers, extensions=extensions, follow_redirects=False
            ) as response:
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise FeedFetchError(f"{shown} is larger than FEED_MAX_BYTES ({limit} bytes)")
        except httpx.HTTPError as exc:
            raise FeedFetchError(f"GET {shown} failed: {type(exc).__name__}: {exc}") from exc
        return httpx.Response(
            response.status_code, headers=response.headers, content=bytes(body), request=response.request
        )

    async def poll_once(self, feed: FeedConfig) -> PollResult:
        """Poll one feed now. Never raises: failures come back as outcome ``error``."""
        try:
            result = await self._poll(feed)
        except (FeedFetchError, FeedParseError, IngestUnavailable, RedisError, OSError) as exc:
            log.warning("feed %s: poll failed: %s", feed.url, exc)
            result = PollResult("error", error=str(exc))
        except Exception as exc:  # a bug must not stop the other feeds (or this one's next poll)
            log.exception("feed %s: unexpected failure", feed.url)
            result = PollResult("error", error=f"{type(exc).__name__}: {exc}")
        self._metrics.feed_polls.labels(outcome=result.outcome).inc()
        return result

    async def _poll(self, feed: FeedConfig) -> PollResult:
        key = self._state_key(feed)
        stored: dict[bytes, bytes] = await self._redis.hgetall(key)  # type: ignore[assignment]
        validators = {k.decode(): v.decode() for k, v in stored.items()}
        headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, */*"}
        if "etag" in validators:
            headers["If-None-Match"] = validators["etag"]
        if "last_modified" in validators:
            headers["If-Modified-Since"] = validators["last_modified"]
        try:
            response = await self._guarded_get(feed.url, feed, headers, check_first=False)
        except UnsafeUrlError as exc:
            self._metrics.feed_links_refused.inc()
            raise FeedFetchError(f"GET {feed.url} redirected to a refused address: {exc}") from exc
        if response.status_code == 304:
            return PollResult("not_modified")
        if response.status_code != 200:
            raise FeedFetchError(f"GET {feed.url} answered {response.status_code}")
        parsed = await asyncio.to_thread(parse_feed, response.content)
        seen_key = f"{key}:seen"
        fresh = await self._fresh(seen_key, parsed.entries)
        prepared: list[Prepared] = []
        rejected = 0
        for entry in fresh:
            page = None
            if feed.fetch_links and entry.link:
                page = await self._linked_page(entry.link, feed)
            submission = await asyncio.to_thread(entry_submission, entry, feed, parsed.title, page)
            self._metrics.received.labels(via="feed").inc()
            if submission is None:
                rejected += 1
                self._metrics.rejected.labels(reason="empty_text").inc()
                continue
            try:
                prepared.append(await asyncio.to_thread(self._pipeline.prepare, submission))
            except SubmissionRejected as exc:
                rejected += 1
                self._metrics.rejected.labels(reason=exc.code).inc()
                log.info("feed %s: entry %s rejected: %s", feed.url, entry.link, exc)
        outcomes: list[Outcome] = await self._pipeline.ingest(prepared)
        # Everything is handled: remember the entries and the validators for the next poll.
        now = time.time()
        window = self._settings.dedup_window_seconds
        new_validators: dict[Any, Any] = {
            name: value
            for name, value in (
                ("etag", response.headers.get("etag")),
                ("last_modified", response.headers.get("last-modified")),
            )
            if value
        }
        async with self._redis.pipeline(transaction=False) as pipe:
            if fresh:
                pipe.zadd(seen_key, {entry.seen_as: now for entry in fresh})
            pipe.zremrangebyscore(seen_key, "-inf", now - window)
            pipe.expire(seen_key, window)
            pipe.delete(key)
            if new_validators:
                pipe.hset(key, mapping=new_validators)
                pipe.expire(key, VALIDATOR_TTL_SECONDS)
            await pipe.execute()
        published = sum(1 for o in outcomes if o.status == "new")
        log.info(
            "feed %s: %d entries (%d new), %d published, %d duplicates, %d rejected",
            feed.url,
            len(parsed.entries),
            len(fresh),
            published,
            len(outcomes) - published,
            rejected,
        )
        return PollResult(
            "new", published, len(outcomes) - published, rejected, seen=len(parsed.entries) - len(fresh)
        )

    async def _fresh(self, seen_key: str, entries: list[FeedEntry]) -> list[FeedEntry]:
        """The entries no earlier poll handled in this version: new ones, and updated ones (same guid,
        other title, content or update time), which ingest publishes as revisions of their URL. An
        entry remembered by its bare key (before versions were kept) counts as handled."""
        if not entries:
            return []
        members = [e.seen_as for e in entries] + [e.key for e in entries]
        scores = await self._redis.zmscore(seen_key, members)
        versioned, bare = scores[: len(entries)], scores[len(entries) :]
        return [e for e, v, b in zip(entries, versioned, bare, strict=True) if v is None and b is None]

    async def _linked_page(self, link: str, feed: FeedConfig) -> bytes | None:
        """The page an entry links to, fetched and redirected only to addresses ``check_link`` allows."""
        headers = {"User-Agent": USER_AGENT, "Accept": "text/html, */*"}
        try:
            response = await self._guarded_get(link, feed, headers, check_first=True)
        except UnsafeUrlError as exc:
            self._metrics.feed_links_refused.inc()
            log.warning(
                "feed %s: linked page %s not fetched, address refused: %s; the entry is ingested from the "
                "feed's own text",
                feed.url,
                link,
                exc,
            )
            return None
        except FeedFetchError as exc:
            log.info("linked page %s not fetched: %s", link, exc)
            return None
        return response.content if response.status_code == 200 else None

    def interval(self, feed: FeedConfig) -> float:
        return feed.interval_seconds or self._settings.feed_poll_interval_seconds

    async def run_feed(self, feed: FeedConfig) -> None:
        """Poll one feed for ever, backing off after errors."""
        failures = 0
        while True:
            result = await self.poll_once(feed)
            failures = failures + 1 if result.outcome == "error" else 0
            delay = next_poll_delay(failures, self.interval(feed), self._settings.feed_max_backoff_seconds)
            if failures:
                log.warning("feed %s: %d consecutive failures, next poll in %.0fs", feed.url, failures, delay)
            await asyncio.sleep(delay)  # the schedule itself, not a synchronisation

    async def run(self) -> None:
        log.info("polling %d feeds", len(self._feeds))
        async with asyncio.TaskGroup() as group:
            for feed in self._feeds:
                group.create_task(self.run_feed(feed), name=f"feed {feed.url}")
