import io
import json
from datetime import UTC, datetime

import pytest

from brink.cli.code import read_articles
from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.ids import article_id, text_hash
from brink.ingestion.normalise import Normaliser
from brink.ingestion.urls import canonical_url
from schemas.article import ArticleSubmission


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://WWW.Example.COM/World/Story", "https://www.example.com/World/Story"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?fbclid=IwAR0abc&gclid=xyz", "https://example.com/a"),
        ("https://example.com/a?smid=tw-share&CMP=share_btn_tw&at_medium=social", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/a  ", "https://example.com/a"),
    ],
)
def test_canonical_url(given: str, canonical: str) -> None:
    assert canonical_url(given) == canonical


@pytest.mark.parametrize(
    "bad", ["ftp://example.com/a", "example.com/a", "/relative/path", "javascript:alert(1)"]
)
def test_non_http_urls_are_rejected(bad: str) -> None:
    with pytest.raises(SubmissionRejected) as caught:
        canonical_url(bad)
    assert caught.value.field == "url"


def test_the_same_story_through_different_links_gets_the_same_id() -> None:
    a = article_id(canonical_url("https://Example.com/world/story?utm_campaign=x#top"), "text one")
    b = article_id(canonical_url("https://example.com:443/world/story?fbclid=abc"), "text two")
    assert a == b
    assert len(a) == 32 and int(a, 16) >= 0


def test_ids_differ_by_url_and_are_stable_across_calls() -> None:
    one = article_id("https://example.com/a", "")
    assert one == article_id("https://example.com/a", "")
    assert one != article_id("https://example.com/b", "")


def test_without_a_url_the_id_comes_from_the_normalised_text() -> None:
    assert article_id(None, "Talks resumed.") == article_id(None, "Talks resumed.")
    assert article_id(None, "Talks resumed.") != article_id(None, "Talks collapsed.")
    assert article_id(None, "https://example.com/a") != article_id("https://example.com/a", "")


def test_text_hash_ignores_case_and_whitespace_only() -> None:
    assert text_hash("Talks  resumed.\n\nToday") == text_hash("talks resumed. today")
    assert text_hash("Talks resumed.") != text_hash("Talks resumed!")


def test_brink_code_gives_an_article_the_id_ingest_gives_it() -> None:
    now = datetime(2026, 12, 6, tzinfo=UTC)
    normaliser = Normaliser(max_chars=10_000)
    with_url = {"url": "https://Example.com/world/story?utm_source=rss#top", "text": "Iran warns Israel."}
    without_url = {"text": "  Iran   warns Israel.\n\nAdvertisement\n"}
    lines = io.StringIO("\n".join(json.dumps(row) for row in (with_url, without_url)))
    coded = [article.article_id for article in read_articles(lines, now)]
    ingested = [
        normaliser.normalise(ArticleSubmission.model_validate(row), now).article.article_id
        for row in (with_url, without_url)
    ]
    assert coded == ingested
    plain = read_articles(io.StringIO("  Iran   warns Israel.\n"), now)[0].article_id
    assert plain == ingested[1]


def test_brink_code_reads_jsonl_that_starts_with_a_byte_order_mark() -> None:
    now = datetime(2026, 12, 6, tzinfo=UTC)
    row = json.dumps({"title": "T", "text": "Iran warns Israel."})
    articles = read_articles(io.StringIO("\ufeff" + row + "\n"), now)
    # read as JSONL (title and text fields), not as one plain-text article holding the braces
    assert [(a.title, a.text) for a in articles] == [("T", "Iran warns Israel.")]
