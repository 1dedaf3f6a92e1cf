"""Bounds on an article's publication time, the event time of everything downstream.

The alert engine's clock follows ``published_at``: one article dated 2999 would move it centuries
ahead (open alerts resolve, new ones resolve at once), and 0001-01-01 breaks date arithmetic.
So a ``published_at`` must lie between :data:`EARLIEST_PUBLISHED_AT` and the moment it is
checked plus a small clock skew (``INGEST_MAX_FUTURE_SKEW_SECONDS``). Ingest refuses the rest
with a 422 (HTTP) or a rejection (files, feeds); the extract worker dead-letters an article that
came straight to the articles topic with one (docs/adr/0019-bounded-event-time.md).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from brink.ingestion.errors import SubmissionRejected

# Older dates are typing or parsing errors (no news feed reaches back that far) and some break
# date arithmetic: 0001-01-01 minus a day is out of Python's range.
EARLIEST_PUBLISHED_AT = datetime(1900, 1, 1, tzinfo=UTC)


def check_published_at(published: datetime, now: datetime, max_future_skew: timedelta) -> None:
    """Raise SubmissionRejected (field ``published_at``) unless ``published`` is a plausible
    publication time at ``now``: not before 1900, not after ``now + max_future_skew``."""
    if published < EARLIEST_PUBLISHED_AT:
        raise SubmissionRejected(
            "published_at",
            f"{published.isoformat()} is before {EARLIEST_PUBLISHED_AT:%Y-%m-%d}: give the article's real "
            "publication time, or leave published_at out to use the ingest time",
            code="published_at_too_early",
        )
    latest = now + max_future_skew
    if published > latest:
        raise SubmissionRejected(
            "published_at",
            f"{published.isoformat()} is in the future: later than the ingest time "
            f"{now.isoformat(timespec='seconds')} plus the allowed clock skew of "
            f"{max_future_skew.total_seconds():g} s (INGEST_MAX_FUTURE_SKEW_SECONDS); send the real "
            "publication time with its UTC offset, or leave published_at out to use the ingest time",
            code="published_at_in_future",
        )
