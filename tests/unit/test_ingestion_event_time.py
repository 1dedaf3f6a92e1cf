"""Publication times ingest accepts: not before 1900, not later than ingest time + the allowed skew."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.event_time import EARLIEST_PUBLISHED_AT, check_published_at
from brink.ingestion.normalise import Normaliser
from schemas.article import ArticleSubmission

NOW = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)
SKEW = timedelta(minutes=5)


@pytest.mark.parametrize(
    "published",
    [
        EARLIEST_PUBLISHED_AT,
        datetime(1962, 10, 22, tzinfo=UTC),
        NOW - timedelta(days=3),
        NOW,
        NOW + SKEW,  # a publisher's clock a little ahead of ours
    ],
)
def test_plausible_publication_times_are_accepted(published: datetime) -> None:
    check_published_at(published, NOW, SKEW)


@pytest.mark.parametrize(
    "published",
    [datetime(2999, 1, 1, tzinfo=UTC), NOW + SKEW + timedelta(seconds=1), NOW + timedelta(hours=9)],
)
def test_a_publication_time_later_than_ingest_time_plus_skew_is_refused_saying_why(
    published: datetime,
) -> None:
    with pytest.raises(SubmissionRejected) as refused:
        check_published_at(published, NOW, SKEW)
    assert refused.value.field == "published_at"
    assert refused.value.code == "published_at_in_future"
    assert "in the future" in refused.value.reason
    assert "INGEST_MAX_FUTURE_SKEW_SECONDS" in refused.value.reason


@pytest.mark.parametrize(
    "published", [datetime(1, 1, 1, tzinfo=UTC), datetime(1899, 12, 31, 23, 59, tzinfo=UTC)]
)
def test_a_publication_time_before_1900_is_refused_naming_the_field(published: datetime) -> None:
    with pytest.raises(SubmissionRejected) as refused:
        check_published_at(published, NOW, SKEW)
    assert refused.value.field == "published_at"
    assert refused.value.code == "published_at_too_early"
    assert "1900-01-01" in refused.value.reason


def _submission(published: str | None) -> ArticleSubmission:
    return ArticleSubmission.model_validate(
        {"text": "Iran threatened to strike Israel over its nuclear programme.", "published_at": published}
    )


@pytest.mark.parametrize(
    ("published", "code"),
    [("2999-01-01T00:00:00Z", "published_at_in_future"), ("0001-01-01T00:00:00Z", "published_at_too_early")],
)
def test_the_normaliser_refuses_out_of_range_publication_times(published: str, code: str) -> None:
    with pytest.raises(SubmissionRejected) as refused:
        Normaliser(max_chars=10_000, max_future_skew=SKEW).normalise(_submission(published), NOW)
    assert (refused.value.field, refused.value.code) == ("published_at", code)


def test_the_skew_is_measured_from_the_ingest_time_in_utc() -> None:
    normaliser = Normaliser(max_chars=10_000, max_future_skew=SKEW)
    # 20:04 in UTC, written with a +02:00 offset: within five minutes of 20:00 UTC.
    article = normaliser.normalise(_submission("2026-12-06T22:04:00+02:00"), NOW).article
    assert article.published_at == NOW + timedelta(minutes=4)
    with pytest.raises(SubmissionRejected):
        Normaliser(max_chars=10_000, max_future_skew=timedelta(0)).normalise(
            _submission("2026-12-06T22:04:00+02:00"), NOW
        )


def test_a_missing_publication_time_is_the_ingest_time() -> None:
    article = Normaliser(max_chars=10_000).normalise(_submission(None), NOW).article
    assert (article.published_at, article.published_at_estimated) == (NOW, True)
