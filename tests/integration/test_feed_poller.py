"""The feed poller against a real HTTP server on loopback, the real broker and the real Redis."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from brink.ingestion.feeds import FeedConfig
from brink.settings import Settings
from brink.webhooks.ssrf import AddressPolicy, IPAddress
from schemas.topics import ARTICLES
from services.ingest.bootstrap import IngestRuntime, ingest_runtime
from services.ingest.feeds import FeedPoller
from services.ingest.linkguard import PUBLIC_ONLY
from tests.fixtures.http import Page, StaticSite, static_site
from tests.fixtures.ingest import article_of
from tests.fixtures.kafka import consume_all_for, consume_until

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"
RSS = "application/rss+xml"


@pytest.fixture
def site() -> Iterator[StaticSite]:
    with static_site() as site_:
        feed = (FEEDS / "world.rss").read_text().replace("{BASE}", site_.base_url)
        site_.pages["/world.rss"] = Page(feed.encode(), RSS, last_modified="Mon, 06 May 2024 12:10:00 GMT")
        site_.pages["/articles/visit.html"] = Page((FEEDS / "article.html").read_bytes(), "text/html")
        yield site_


@pytest.fixture
async def runtime(settings: Settings) -> AsyncIterator[IngestRuntime]:
    async with ingest_runtime(settings) as runtime_:
        yield runtime_


@pytest.fixture
async def poller(settings: Settings, runtime: IngestRuntime) -> AsyncIterator[FeedPoller]:
    async with httpx.AsyncClient(timeout=10.0) as http:
        yield FeedPoller(settings, [], runtime.pipeline, runtime.redis, http)


def _metric(runtime: IngestRuntime, name: str, **labels: str) -> float:
    return runtime.metrics.registry.get_sample_value(name, labels) or 0.0


def _feed(site: StaticSite) -> FeedConfig:
    return FeedConfig(url=f"{site.base_url}/world.rss", fetch_links=True)


async def test_second_poll_is_conditional_and_publishes_nothing_new(
    settings: Settings, site: StaticSite, poller: FeedPoller, runtime: IngestRuntime
) -> None:
    feed = _feed(site)
    first = await poller.poll_once(feed)
    assert (first.outcome, first.published, first.rejected) == ("new", 3, 0)
    records = await consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= 3)
    articles = {article_of(r.value).title: article_of(r.value) for r in records}

    second = await poller.poll_once(feed)
    assert second.outcome == "not_modified"
    feed_requests = site.requests_for("/world.rss")
    assert "if-none-match" not in feed_requests[0]
    assert feed_requests[1]["if-none-match"] == site.pages["/world.rss"].etag
    assert feed_requests[1]["if-modified-since"] == "Mon, 06 May 2024 12:10:00 GMT"
    assert len(await consume_all_for(settings, settings.topic(ARTICLES))) == 3

    standoff = articles["Navies hold tense stand-off in disputed strait"]
    assert standoff.source == "Example World News"
    assert standoff.url == f"{site.base_url}/world/strait-standoff"  # tracking parameters stripped
    assert standoff.published_at.isoformat() == "2024-05-06T08:15:00+00:00"
    assert "met with force" in standoff.text and "<" not in standoff.text
    assert "Advertisement" not in standoff.text
    customs = articles["Trade ministers sign customs pact"]
    assert customs.text.startswith("The trade ministers of the two countries signed")

    # The linked page's article text, without its navigation, sidebar or footer.
    visit = articles["Foreign minister visits capital for talks"]
    assert "first such visit in three years" in visit.text
    assert "settle our differences peacefully" in visit.text
    for furniture in ("Business", "Celebrity wedding", "Subscribe", "All rights reserved", "A short teaser"):
        assert furniture not in visit.text
    assert _metric(runtime, "brink_feed_polls_total", outcome="new") == 1
    assert _metric(runtime, "brink_feed_polls_total", outcome="not_modified") == 1


async def test_changed_feed_publishes_only_its_new_entries(
    settings: Settings, site: StaticSite, poller: FeedPoller, runtime: IngestRuntime
) -> None:
    feed = _feed(site)
    assert (await poller.poll_once(feed)).published == 3
    updated = (FEEDS / "update.rss").read_text().replace("{BASE}", site.base_url)
    site.pages["/world.rss"] = Page(updated.encode(), RSS)

    result = await poller.poll_once(feed)
    assert (result.outcome, result.published, result.duplicates, result.seen) == ("new", 1, 0, 3)
    records = await consume_all_for(settings, settings.topic(ARTICLES))
    assert sorted(article_of(r.value).title for r in records)[0] == "Ceasefire extended by thirty days"
    assert len(records) == 4
    # Old entries were skipped, not folded in again as copies.
    assert _metric(runtime, "brink_ingest_duplicates_total", kind="exact") == 0


async def test_failing_feed_counts_an_error_and_remembers_nothing(
    settings: Settings, site: StaticSite, poller: FeedPoller, runtime: IngestRuntime
) -> None:
    site.fail_with = 500
    result = await poller.poll_once(_feed(site))
    assert result.outcome == "error" and "500" in (result.error or "")
    assert _metric(runtime, "brink_feed_polls_total", outcome="error") == 1
    assert await consume_all_for(settings, settings.topic(ARTICLES)) == []
    # Nothing was remembered: once the feed recovers, the next poll is unconditional.
    site.fail_with = None
    assert (await poller.poll_once(_feed(site))).published == 3
    assert "if-none-match" not in site.requests_for("/world.rss")[-1]


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{title}</guid>"
        f"<pubDate>Mon, 06 May 2024 12:00:00 GMT</pubDate><description>{text}</description></item>"
        for title, link, text in items
    )
    channel = f"<channel><title>Hostile</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


async def test_linked_pages_at_internal_addresses_or_redirecting_there_are_not_fetched(
    settings: Settings,
    site: StaticSite,
    poller: FeedPoller,
    runtime: IngestRuntime,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with static_site() as internal:  # a neighbour on loopback that a feed's links must not reach
        internal.pages["/secret.html"] = Page(
            b"<html><body><p>SECRET-TOKEN-123</p></body></html>", "text/html"
        )
        inside = internal.base_url.replace("127.0.0.1", "localhost") + "/secret.html"
        site.redirects["/moved.html"] = inside
        site.pages["/hostile.rss"] = Page(
            _rss(
                [
                    ("metadata", "http://169.254.169.254/latest/meta-data/", "Rebels shelled the port city."),
                    ("neighbour", inside, "The central bank raised interest rates by half a point."),
                    ("redirect", f"{site.base_url}/moved.html", "Border guards detained three fishermen."),
                    # the feed's own host: fetched
                    ("visit", f"{site.base_url}/articles/visit.html", "A short teaser."),
                ]
            ),
            RSS,
        )
        result = await poller.poll_once(FeedConfig(url=f"{site.base_url}/hostile.rss", fetch_links=True))
        assert internal.requests == []
    assert result.outcome == "new" and result.published == 4  # the refused ones from their description
    assert site.requests_for("/moved.html") and site.requests_for("/articles/visit.html")
    assert _metric(runtime, "brink_feed_links_refused_total") == 3
    records = await consume_all_for(settings, settings.topic(ARTICLES))
    texts = {article_of(r.value).title: article_of(r.value).text for r in records}
    assert all("SECRET" not in text for text in texts.values())
    assert texts["redirect"] == "Border guards detained three fishermen."
    assert "first such visit in three years" in texts["visit"]
    refusals = [r.getMessage() for r in caplog.records if "address refused" in r.getMessage()]
    assert len(refusals) == 3 and "cloud metadata address" in refusals[0]
    assert all("public addresses or the feed's own host" in m and "WEBHOOK" not in m for m in refusals)


async def test_a_feed_redirected_to_an_internal_address_is_not_followed_but_one_on_its_host_is(
    settings: Settings, site: StaticSite, poller: FeedPoller, runtime: IngestRuntime
) -> None:
    with static_site() as internal:
        internal.pages["/world.rss"] = site.pages["/world.rss"]
        site.redirects["/away.rss"] = internal.base_url.replace("127.0.0.1", "localhost") + "/world.rss"
        away = await poller.poll_once(FeedConfig(url=f"{site.base_url}/away.rss"))
        assert internal.requests == []
    assert away.outcome == "error" and "redirected to a refused address" in (away.error or "")
    assert "loopback" in (away.error or "")
    assert _metric(runtime, "brink_feed_links_refused_total") == 1

    site.redirects["/old.rss"] = f"{site.base_url}/world.rss"  # moved on the same host: followed
    moved = await poller.poll_once(FeedConfig(url=f"{site.base_url}/old.rss"))
    assert (moved.outcome, moved.published) == ("new", 3)


async def test_a_link_is_fetched_from_the_address_that_was_checked_not_a_second_dns_answer(
    settings: Settings, site: StaticSite, runtime: IngestRuntime
) -> None:
    """DNS rebinding: the link's name first resolves to an allowed address, then (TTL 0) to a
    private one. The poller connects to the address it checked, by number, naming the host in the
    Host header; the neighbour behind the second answer is never contacted."""
    with static_site("127.0.0.2") as outside:
        port = int(outside.base_url.rpartition(":")[2])
        with static_site("127.0.0.1", port) as internal:  # the same port on a refused address
            story = b"<html><body><article><p>Border guards detained three fishermen on Tuesday.</p>"
            outside.pages["/story.html"] = Page(story + b"</article></body></html>", "text/html")
            internal.pages["/story.html"] = Page(
                b"<html><body><p>SECRET-TOKEN-123</p></body></html>", "text/html"
            )
            answers: list[str] = []

            async def rebinding(host: str, port_: int) -> list[IPAddress]:
                answers.append(host)
                return [ipaddress.ip_address("127.0.0.2" if len(answers) == 1 else "127.0.0.1")]

            link = f"http://news.rebind.test:{port}/story.html"
            site.pages["/rebind.rss"] = Page(_rss([("rebind", link, "A teaser.")]), RSS)
            policy = AddressPolicy.from_lists([], ["127.0.0.2/32"])  # 127.0.0.1 stays refused
            async with httpx.AsyncClient(timeout=10.0) as http:
                poller = FeedPoller(settings, [], runtime.pipeline, runtime.redis, http, policy, rebinding)
                result = await poller.poll_once(
                    FeedConfig(url=f"{site.base_url}/rebind.rss", fetch_links=True)
                )
            assert internal.requests == []
    assert (result.outcome, result.published) == ("new", 1)
    assert answers == ["news.rebind.test"]  # resolved once, to check; then connected by number
    (headers,) = outside.requests_for("/story.html")
    assert headers["host"] == f"news.rebind.test:{port}"
    (record,) = await consume_all_for(settings, settings.topic(ARTICLES))
    assert "detained three fishermen" in article_of(record.value).text


async def test_a_link_whose_every_address_is_refused_is_not_fetched_by_name_either(
    settings: Settings, site: StaticSite, runtime: IngestRuntime
) -> None:
    with static_site("127.0.0.1") as internal:
        internal.pages["/story.html"] = Page(
            b"<html><body><p>SECRET-TOKEN-123</p></body></html>", "text/html"
        )

        async def private(host: str, port: int) -> list[IPAddress]:
            return [ipaddress.ip_address("10.0.0.7"), ipaddress.ip_address("127.0.0.1")]

        link = internal.base_url.replace("127.0.0.1", "localhost") + "/story.html"
        site.pages["/private.rss"] = Page(_rss([("private", link, "Rebels shelled the port city.")]), RSS)
        async with httpx.AsyncClient(timeout=10.0) as http:
            poller = FeedPoller(settings, [], runtime.pipeline, runtime.redis, http, PUBLIC_ONLY, private)
            result = await poller.poll_once(FeedConfig(url=f"{site.base_url}/private.rss", fetch_links=True))
        assert internal.requests == []
    assert (result.outcome, result.published) == ("new", 1)
    assert _metric(runtime, "brink_feed_links_refused_total") == 1


async def test_an_entry_updated_in_place_is_published_again_as_a_revision_of_its_url(
    settings: Settings, site: StaticSite, poller: FeedPoller, runtime: IngestRuntime
) -> None:
    """A developing story: the feed keeps the entry's guid and link and rewrites its text. The new
    text is published (a revision of the URL, its repeated sentence marked); polling the same
    version again publishes nothing, and the old entries are not re-counted as copies."""
    link = f"{site.base_url}/world/clashes"
    first = "Troops from both countries exchanged fire along the border on Monday."
    later = f"The two defence ministers agreed on Tuesday to pull their troops back. {first}"
    feed = FeedConfig(url=f"{site.base_url}/live.rss")
    site.pages["/live.rss"] = Page(_rss([("Border clashes", link, first)]), RSS)
    assert (await poller.poll_once(feed)).published == 1
    site.pages["/live.rss"] = Page(_rss([("Border clashes", link, later)]), RSS)
    updated = await poller.poll_once(feed)
    assert (updated.outcome, updated.published, updated.seen) == ("new", 1, 0)
    site.pages["/live.rss"] = Page(_rss([("Border clashes", link, later)]) + b"\n", RSS)  # new ETag only
    again = await poller.poll_once(feed)
    assert (again.outcome, again.published, again.duplicates, again.seen) == ("new", 0, 0, 1)
    records = await consume_all_for(settings, settings.topic(ARTICLES))
    versions = {a.text: a for a in (article_of(r.value) for r in records)}
    assert set(versions) == {first, later}
    revision = versions[later]
    assert revision.revision_of == versions[first].article_id
    assert [later[a:b] for a, b in revision.repeated_spans] == [first]
    assert _metric(runtime, "brink_ingest_duplicates_total", kind="exact") == 0
