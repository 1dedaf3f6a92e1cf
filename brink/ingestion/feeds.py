"""RSS/Atom feeds: the feeds file, entries → ArticleSubmissions, and the polling schedule.

The feeds file (``FEEDS_FILE``) is YAML::

    feeds:
      - url: https://www.example.org/world/rss.xml
        source: Example News        # outlet name; default: the feed's own title
        interval_seconds: 600       # default: FEED_POLL_INTERVAL_SECONDS
        fetch_links: false          # true: GET each new entry's link and extract the article text
        language: en                # default: detected per article

Fetching is the service's job (``services/ingest/feeds.py``); this module only parses bytes.
"""

from __future__ import annotations

import calendar
import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.extract import html_to_text
from brink.ingestion.language import language_tag
from schemas.article import ArticleSubmission

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class FeedConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(description="The feed's http(s) address.")
    source: str | None = Field(default=None, max_length=200, description="Outlet name for its articles.")
    interval_seconds: float | None = Field(default=None, gt=0, description="Poll interval for this feed.")
    fetch_links: bool = Field(default=False, description="Fetch each entry's page and extract its text.")
    language: str | None = Field(default=None, max_length=16)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value

    @field_validator("language")
    @classmethod
    def _iso_639_1(cls, value: str | None) -> str | None:
        try:
            return language_tag(value) if value else None
        except SubmissionRejected as exc:
            raise ValueError(exc.reason) from exc


class FeedsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feeds: list[FeedConfig] = Field(default_factory=list)


class FeedsFileError(ValueError):
    """The feeds file is missing or malformed."""


def load_feeds_file(path: Path) -> list[FeedConfig]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FeedsFileError(f"cannot read FEEDS_FILE {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise FeedsFileError(f"FEEDS_FILE {path} is not valid YAML: {exc}") from exc
    try:
        return FeedsFile.model_validate(data or {}).feeds
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise FeedsFileError(
            f"FEEDS_FILE {path}: {where}: {first['msg']} "
            "(expected `feeds:` with a list of `- url: …` entries)"
        ) from exc


@dataclass(frozen=True)
class FeedEntry:
    key: str  # stable identity within the feed: its guid/id, else its link, else a content hash
    link: str | None
    title: str
    published_at: datetime | None
    content: str  # the entry's own text or HTML ("" when it has none)
    content_is_html: bool
    version: str = ""  # a hash of its title, content and update time: changes when the entry is updated

    @property
    def seen_as(self) -> str:
        """How the poller remembers this version of the entry (an updated entry is new again)."""
        return f"{self.key}\n{self.version}"


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: list[FeedEntry]


class FeedParseError(ValueError):
    """The bytes are not an RSS or Atom feed."""


def _timestamp(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed: time.struct_time | None = entry.get(key)
        if parsed is not None:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return None


def _content(entry: Any) -> tuple[str, bool]:
    """The longest body the entry carries (full content beats summary) and whether it is HTML."""
    candidates: list[tuple[str, str]] = [
        (str(part.get("value", "")), str(part.get("type", ""))) for part in entry.get("content", [])
    ]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((str(entry["summary"]), str(detail.get("type", "text/html"))))
    if not candidates:
        return "", False
    value, kind = max(candidates, key=lambda c: len(c[0]))
    return value, kind in _HTML_TYPES


def parse_feed(document: bytes) -> ParsedFeed:
    parsed = feedparser.parse(document)
    if parsed.get("bozo") and not parsed.entries and not parsed.feed.get("title"):
        raise FeedParseError(f"not an RSS/Atom feed: {parsed.get('bozo_exception')}")
    entries = []
    for entry in parsed.entries:
        body, is_html = _content(entry)
        key = entry.get("id") or entry.get("link")
        if not key:
            key = hashlib.sha256(f"{entry.get('title', '')}\n{body}".encode()).hexdigest()
        title = str(entry.get("title", ""))
        updated = dict.get(entry, "updated", "")  # (not feedparser's get: it maps a missing one to published)
        version = hashlib.sha256(f"{title}\n{updated}\n{body}".encode()).hexdigest()[:16]
        entries.append(
            FeedEntry(
                key=str(key),
                link=entry.get("link"),
                title=title,
                published_at=_timestamp(entry),
                content=body,
                content_is_html=is_html,
                version=version,
            )
        )
    return ParsedFeed(title=str(parsed.feed.get("title", "")), entries=entries)


def entry_submission(
    entry: FeedEntry, feed: FeedConfig, feed_title: str, page_html: str | bytes | None = None
) -> ArticleSubmission | None:
    """The article an entry stands for (None when it carries no text at all).

    ``page_html`` is the linked page, when the feed is configured with ``fetch_links``; its
    extracted text wins over the entry's own summary when it is longer.
    """
    text = html_to_text(entry.content, url=entry.link) if entry.content_is_html else entry.content
    if page_html is not None:
        page_text = html_to_text(page_html, url=entry.link)
        if len(page_text) > len(text):
            text = page_text
    if not text.strip():
        return None
    source = feed.source or feed_title or None
    return ArticleSubmission(
        url=entry.link,
        title=entry.title[:2000],
        text=text,
        published_at=entry.published_at,
        source=source[:200] if source else None,
        language=feed.language,
    )


def next_poll_delay(consecutive_failures: int, interval: float, max_backoff: float) -> float:
    """Seconds until the next poll: the interval, doubled per consecutive failure, capped."""
    if consecutive_failures <= 0:
        return interval
    return min(max(interval, max_backoff), interval * 2.0 ** min(consecutive_failures, 32))
