from datetime import UTC, datetime
from pathlib import Path

import pytest

from brink.ingestion.feeds import (
    FeedConfig,
    FeedParseError,
    FeedsFileError,
    entry_submission,
    load_feeds_file,
    next_poll_delay,
    parse_feed,
)

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Example</title>
  <entry>
    <title>Ceasefire holds</title>
    <link href="https://example.org/ceasefire"/>
    <id>urn:example:1</id>
    <updated>2024-05-07T06:30:00+02:00</updated>
    <content type="html">&lt;p&gt;The ceasefire held for a third day.&lt;/p&gt;</content>
  </entry>
</feed>"""


def test_rss_entries_carry_link_date_and_the_longest_body() -> None:
    feed = parse_feed((FEEDS / "world.rss").read_bytes())
    assert feed.title == "Example World News"
    first = feed.entries[0]
    assert first.key == "example-world-1001"
    assert first.published_at == datetime(2024, 5, 6, 8, 15, tzinfo=UTC)
    assert first.content_is_html and "met with force" in first.content


def test_html_entry_becomes_plain_text_with_the_feed_title_as_source() -> None:
    feed = parse_feed(ATOM)
    submission = entry_submission(feed.entries[0], FeedConfig(url="https://example.org/feed"), feed.title)
    assert submission is not None
    assert submission.text.strip() == "The ceasefire held for a third day."
    assert submission.source == "Atom Example"
    assert submission.published_at == datetime(2024, 5, 7, 4, 30, tzinfo=UTC)


def test_configured_source_and_language_win() -> None:
    feed = parse_feed(ATOM)
    config = FeedConfig(url="https://example.org/feed", source="Example Wire", language="en")
    submission = entry_submission(feed.entries[0], config, feed.title)
    assert submission is not None and (submission.source, submission.language) == ("Example Wire", "en")


def test_garbage_is_not_a_feed() -> None:
    with pytest.raises(FeedParseError):
        parse_feed(b"<html><body>not a feed")


def test_backoff_doubles_per_failure_and_is_capped() -> None:
    assert next_poll_delay(0, 300, 3600) == 300
    assert [next_poll_delay(n, 300, 3600) for n in (1, 2, 3, 4, 10_000)] == [600, 1200, 2400, 3600, 3600]
    assert next_poll_delay(3, 7200, 3600) == 7200  # never more often than the interval


def test_feeds_file_is_read_and_mistakes_are_explained(tmp_path: Path) -> None:
    good = tmp_path / "feeds.yaml"
    good.write_text("feeds:\n  - url: https://example.org/rss\n    source: Example\n    fetch_links: true\n")
    assert load_feeds_file(good) == [
        FeedConfig(url="https://example.org/rss", source="Example", fetch_links=True)
    ]
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds:\n  - url: example.org/rss\n")
    with pytest.raises(FeedsFileError, match=r"feeds\.0\.url"):
        load_feeds_file(bad)
    with pytest.raises(FeedsFileError, match="cannot read"):
        load_feeds_file(tmp_path / "missing.yaml")


def test_a_feeds_language_is_normalised_to_iso_639_1_and_an_invalid_one_refused_at_load(
    tmp_path: Path,
) -> None:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - url: https://example.org/rss\n    language: en-GB\n")
    assert [feed.language for feed in load_feeds_file(feeds)] == ["en"]
    feeds.write_text("feeds:\n  - url: https://example.org/rss\n    language: english\n")
    with pytest.raises(FeedsFileError, match=r"feeds\.0\.language.*ISO 639-1"):
        load_feeds_file(feeds)
