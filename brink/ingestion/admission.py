"""Ingest's rules for an Article read from the articles topic, where a producer may have written it
without going through ingest: the extract worker dead-letters one that breaks them, and the alert
worker does not show it among what Brink found (an article dated 2999 would head the read API's
newest-first list for ever, though nothing in it was ever coded)."""

from __future__ import annotations

from datetime import datetime, timedelta

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.event_time import check_published_at
from brink.ingestion.language import ENGLISH, language_tag
from schemas.article import Article


def is_english(article: Article) -> bool:
    """Articles without a language are taken as English (ingest detects it when it can); a tag is
    read as ingest reads it (``en-GB``, ``eng`` → ``en``). SubmissionRejected for an invalid tag."""
    language = (article.language or "").strip()
    return not language or language_tag(language) == ENGLISH


def admit(article: Article, now: datetime, max_future_skew: timedelta) -> bool:
    """Whether the article is English (the coder codes it); SubmissionRejected when it breaks
    ingest's rules: a publication time out of range (docs/adr/0019-bounded-event-time.md), a
    language tag that is not ISO 639-1."""
    check_published_at(article.published_at, now, max_future_skew)
    return is_english(article)


def admissible(article: Article, now: datetime, max_future_skew: timedelta) -> bool:
    """Whether ``admit`` accepts the article (English or not)."""
    try:
        admit(article, now, max_future_skew)
    except SubmissionRejected:
        return False
    return True
