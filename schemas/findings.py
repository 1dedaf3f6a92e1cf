"""What ``brink api`` answers about Brink's findings: events, articles and their events (``/v1``).

HTTP contracts, exported as JSON Schema (``*.v1``) like the topic messages. The alert worker
keeps the newest events and articles in Redis (``FINDINGS_MAX_EVENTS``, ``FINDINGS_MAX_ARTICLES``);
these models are what the read API returns from there. Pages carry an opaque ``next_cursor``: pass
it back as ``cursor`` (with the same filters) for the next page; null when there is no more.
"""

from __future__ import annotations

from pydantic import Field

from schemas.common import Contract, UtcDatetime
from schemas.event import EscalationEvent

NEXT_CURSOR_DESCRIPTION = (
    "Pass as `cursor` (with the same filters) for the next page; null when there is no more. "
    "A page may hold fewer items than `limit` and still have a next page."
)


class ArticleSummary(Contract):
    """An article as the alert worker recorded it from ``brink.articles.v1``: everything but its text."""

    article_id: str
    url: str | None = None
    title: str = ""
    source: str | None = None
    language: str | None = None
    published_at: UtcDatetime
    published_at_estimated: bool = False
    ingested_at: UtcDatetime
    copies: int = Field(ge=1)
    chars: int = Field(ge=0, description="Length of the article text, in characters.")
    revision_of: str | None = Field(
        default=None,
        description="For a later version of an article at the same URL: the first version's id (this "
        "version's events are those of its new sentences).",
    )


class ArticleFindings(Contract):
    """One article and the events Brink coded from it (in text order)."""

    article_id: str
    article: ArticleSummary | None = Field(
        description="The article's metadata; null when only its events are still kept."
    )
    events: list[EscalationEvent]


class EventPage(Contract):
    """Events, newest event time (``published_at``) first."""

    events: list[EscalationEvent]
    next_cursor: str | None = Field(default=None, description=NEXT_CURSOR_DESCRIPTION)


class ArticlePage(Contract):
    """Articles with their events, newest ``published_at`` first."""

    articles: list[ArticleFindings]
    next_cursor: str | None = Field(default=None, description=NEXT_CURSOR_DESCRIPTION)
