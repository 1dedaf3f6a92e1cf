from datetime import UTC, datetime, timedelta, timezone

import pytest

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.normalise import (
    Normalised,
    Normaliser,
    default_boilerplate,
    normalise_line,
    normalise_text,
)
from schemas.article import ArticleSubmission

NOW = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)


def normalise(**fields: object) -> Normalised:
    return Normaliser(max_chars=10_000).normalise(ArticleSubmission.model_validate(fields), NOW)


def test_text_is_nfc_with_whitespace_collapsed_and_paragraphs_kept() -> None:
    decomposed = "Cafe\u0301  talks\t resume.\r\n\r\n\r\n  Second\u00a0 paragraph\u200b here. \n"
    assert normalise_text(decomposed) == "Café talks resume.\n\nSecond paragraph here."


@pytest.mark.parametrize(
    "line",
    [
        "Your browser doesn’t support HTML5",
        "Your browser doesn't support HTML5 video.",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Share this article",
        "Share on Facebook",
        "Subscribe to our newsletter",
        "Follow us on Twitter",
        "Facebook Twitter Email",
        "Read more:",
    ],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    assert default_boilerplate().matches(line)
    assert normalise_text(f"Troops crossed the border.\n{line}\nTalks were called off.") == (
        "Troops crossed the border.\n\nTalks were called off."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The advertisement campaign was criticised by the ministry.",
        "Iran said it would share intelligence with Iraq.",
        "Subscribers in Tehran lost internet access on Monday.",
        "Video showed protesters setting fire to a wall outside the compound.",
    ],
)
def test_reporting_that_mentions_boilerplate_words_is_kept(sentence: str) -> None:
    assert normalise_text(sentence) == sentence


def test_title_and_source_become_single_clean_lines() -> None:
    assert normalise_line("  Trump\n threatens\u200b  Iran ") == "Trump threatens Iran"


def test_published_at_is_converted_to_utc() -> None:
    tehran = timezone(timedelta(hours=3, minutes=30))
    article = normalise(text="Talks resumed.", published_at=datetime(2020, 1, 8, 1, 20, tzinfo=tehran))
    assert article.article.published_at == datetime(2020, 1, 7, 21, 50, tzinfo=UTC)
    assert article.article.published_at_estimated is False


def test_missing_published_at_is_the_ingest_time_and_marked_estimated() -> None:
    article = normalise(text="Talks resumed.").article
    assert article.published_at == NOW == article.ingested_at
    assert article.published_at_estimated is True


def test_language_is_detected_unless_given() -> None:
    english = normalise(text="The foreign ministers of both countries agreed to resume talks next month.")
    spanish = normalise(
        text="Los ministros de Exteriores de ambos países acordaron reanudar las conversaciones."
    )
    given = normalise(text="The ministers agreed to resume talks.", language="FR")
    assert (english.article.language, spanish.article.language, given.article.language) == ("en", "es", "fr")


def test_text_that_is_only_boilerplate_is_rejected() -> None:
    with pytest.raises(SubmissionRejected) as caught:
        normalise(text="Advertisement\n\n  \nShare this article")
    assert (caught.value.field, caught.value.code) == ("text", "empty_text")


def test_text_longer_than_the_limit_is_rejected_with_the_setting_named() -> None:
    with pytest.raises(SubmissionRejected) as caught:
        Normaliser(max_chars=20).normalise(ArticleSubmission(text="x" * 21), NOW)
    assert caught.value.code == "text_too_long" and "MAX_ARTICLE_CHARS" in caught.value.reason


def test_url_is_published_in_canonical_form() -> None:
    article = normalise(text="Talks resumed.", url="HTTPS://News.Example.org/a?utm_source=x&b=1#top").article
    assert article.url == "https://news.example.org/a?b=1"
