"""The ingest API end to end: a real uvicorn server, the real broker and the real Redis."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import redis.asyncio as aioredis

from brink.ingestion.revisions import piece_hashes
from brink.settings import Settings
from schemas.topics import ARTICLES
from services.ingest.dedup import PIECE_BYTES
from tests.fixtures.ingest import IngestServer, article_of, seed_submission, serve_ingest
from tests.fixtures.kafka import consume_all_for, consume_until


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[IngestServer]:
    async with serve_ingest(settings) as server:
        yield server


def _without_boilerplate(text: str) -> str:
    """The seed's text as normalisation should leave it: RFE/RL's player placeholder lines gone,
    paragraphs separated by one blank line."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return "\n\n".join(p for p in paragraphs if p != "Your browser doesn’t support HTML5")


async def test_posted_seed_article_is_published_keyed_by_its_id(
    api: IngestServer, settings: Settings
) -> None:
    seed = seed_submission()
    response = await api.client.post("/v1/articles", json=seed)
    assert response.status_code == 202, response.text
    (result,) = response.json()["articles"]
    assert result["status"] == "new"

    records = await consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= 1)
    assert len(records) == 1
    assert records[0].key == result["article_id"].encode()
    article = article_of(records[0].value)
    assert article.article_id == result["article_id"]
    assert article.title == seed["title"]
    assert article.text == _without_boilerplate(str(seed["text"]))
    assert article.url == seed["url"]
    assert article.source == seed["source"] == "Radio Farda"
    assert article.published_at == datetime(2019, 12, 31, 20, 0, tzinfo=UTC)
    assert article.published_at_estimated is False
    assert article.language == "en"
    assert article.copies == 1
    assert api.metric("brink_ingest_articles_published_total") == 1
    assert api.metric("brink_ingest_articles_received_total", via="http") == 1


async def test_repeat_and_near_duplicate_are_published_once_and_counted_as_copies(
    api: IngestServer, settings: Settings
) -> None:
    seed = seed_submission()
    first = (await api.client.post("/v1/articles", json=seed)).json()["articles"][0]
    again = (await api.client.post("/v1/articles", json=seed)).json()["articles"][0]
    assert again["status"] == "duplicate"
    assert again["duplicate_of"] == first["article_id"]
    assert again["duplicate_kind"] == "exact"
    assert (await api.client.get(f"/v1/articles/{first['article_id']}")).json()["copies"] == 2

    # The same wire story re-published elsewhere: other URL, new headline, small edits.
    republished = {
        **seed,
        "url": "https://news.example.org/world/2020/01/01/embassy-attack-trump-iran?utm_source=rss",
        "title": "Trump warns Iran after embassy attack in Baghdad",
        "text": str(seed["text"]).replace("Hours after", "Just hours after")
        + "\n\nThis story has been updated.",
        "source": "Example Wire",
    }
    near = (await api.client.post("/v1/articles", json=republished)).json()["articles"][0]
    assert near["status"] == "duplicate"
    assert near["duplicate_kind"] == "near"
    assert near["duplicate_of"] == first["article_id"]
    assert near["article_id"] != first["article_id"]
    record = (await api.client.get(f"/v1/articles/{first['article_id']}")).json()
    assert record["copies"] == 3
    assert record["article_id"] == first["article_id"]
    # The near-duplicate's own id resolves to the first copy.
    assert (await api.client.get(f"/v1/articles/{near['article_id']}")).json() == record

    records = await consume_all_for(settings, settings.topic(ARTICLES))
    assert [r.key for r in records] == [first["article_id"].encode()]
    assert api.metric("brink_ingest_duplicates_total", kind="exact") == 1
    assert api.metric("brink_ingest_duplicates_total", kind="near") == 1


async def test_ndjson_batch_publishes_each_article_and_reports_each_index(
    api: IngestServer, settings: Settings
) -> None:
    items = [
        {"title": "Talks resume", "text": "Negotiators from both countries met in Geneva on Monday."},
        {
            "title": "Border calm",
            "text": "No incidents were reported along the border overnight, officials said.",
        },
        {"title": "Talks resume", "text": "Negotiators from both countries met in Geneva on Monday."},
    ]
    body = "\n".join(json.dumps(i) for i in items) + "\n"
    response = await api.client.post(
        "/v1/articles", content=body, headers={"Content-Type": "application/x-ndjson"}
    )
    assert response.status_code == 202, response.text
    payload = response.json()
    assert [a["index"] for a in payload["articles"]] == [0, 1, 2]
    assert [a["status"] for a in payload["articles"]] == ["new", "new", "duplicate"]
    assert payload["articles"][2]["duplicate_of"] == payload["articles"][0]["article_id"]
    assert (payload["published"], payload["duplicates"]) == (2, 1)
    records = await consume_all_for(settings, settings.topic(ARTICLES))
    published = {article_of(r.value).title for r in records}
    assert len(records) == 2 and published == {"Talks resume", "Border calm"}
    # No date given: ingest time is used and flagged as estimated.
    assert all(article_of(r.value).published_at_estimated for r in records)


async def test_refused_requests_get_their_4xx_and_publish_nothing(
    api: IngestServer, settings: Settings
) -> None:
    post = api.client.post
    json_type = {"Content-Type": "application/json"}

    malformed = await post("/v1/articles", content=b'{"title": "x", "text": ', headers=json_type)
    assert malformed.status_code == 422
    assert malformed.json()["detail"][0]["field"] == "(body)"
    assert "not JSON" in malformed.json()["detail"][0]["reason"]

    missing_text = await post("/v1/articles", json={"title": "No text"})
    assert missing_text.status_code == 422
    assert missing_text.json()["detail"] == [{"index": 0, "field": "text", "reason": "Field required"}]

    # A batch with one invalid item is refused whole, naming the item.
    batch = [
        {"text": "A valid article about a ceasefire."},
        {"text": "Another valid one."},
        {"title": "no text"},
    ]
    one_bad = await post("/v1/articles", json=batch)
    assert one_bad.status_code == 422
    assert [(e["index"], e["field"]) for e in one_bad.json()["detail"]] == [(2, "text")]

    only_boilerplate = await post("/v1/articles", json={"text": "Advertisement\n\nShare this article"})
    assert only_boilerplate.status_code == 422
    assert "empty" in only_boilerplate.json()["detail"][0]["reason"]

    ten_mb = b'{"text": "' + b"a" * (10 * 1024 * 1024) + b'"}'
    too_large = await post("/v1/articles", content=ten_mb, headers=json_type)
    assert too_large.status_code == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the limit applies while reading
        yield b'{"text": "'
        for _ in range(10):
            yield b"a" * (1024 * 1024)
        yield b'"}'

    too_large_streamed = await post("/v1/articles", content=chunks(), headers=json_type)
    assert too_large_streamed.status_code == 413

    wrong_type = await post("/v1/articles", content=b"text=hello", headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 415

    assert await consume_all_for(settings, settings.topic(ARTICLES)) == []
    assert api.metric("brink_ingest_rejected_total", reason="invalid_json") == 1
    assert api.metric("brink_ingest_rejected_total", reason="validation") == 2
    assert api.metric("brink_ingest_rejected_total", reason="empty_text") == 1
    assert api.metric("brink_ingest_rejected_total", reason="batch_rejected") == 2
    assert api.metric("brink_ingest_rejected_total", reason="body_too_large") == 2
    assert api.metric("brink_ingest_rejected_total", reason="unsupported_media_type") == 1
    assert api.metric("brink_ingest_articles_published_total") == 0


async def test_token_is_required_when_configured(settings: Settings) -> None:
    secured = settings.model_copy(update={"ingest_token": "s3cret-token"})
    article = {"title": "Summit", "text": "The two leaders met for talks on trade."}
    async with serve_ingest(secured) as api:
        missing = await api.client.post("/v1/articles", json=article)
        wrong = await api.client.post(
            "/v1/articles", json=article, headers={"Authorization": "Bearer s3cret-tokeX"}
        )
        assert (missing.status_code, wrong.status_code) == (401, 401)
        assert missing.headers["www-authenticate"] == "Bearer"
        assert await consume_all_for(settings, settings.topic(ARTICLES)) == []

        right = await api.client.post(
            "/v1/articles", json=article, headers={"Authorization": "Bearer s3cret-token"}
        )
        assert right.status_code == 202
    assert len(await consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= 1)) == 1


async def test_health_readiness_metrics_and_unknown_article(api: IngestServer) -> None:
    assert (await api.client.get("/healthz")).json() == {"status": "ok"}
    assert (await api.client.get("/readyz")).json() == {"broker": "ok", "redis": "ok"}
    metrics = (await api.client.get("/metrics")).text
    for name in (
        "brink_ingest_articles_received_total",
        "brink_ingest_articles_published_total",
        "brink_ingest_duplicates_total",
        "brink_ingest_publish_seconds_bucket",
        "brink_feed_polls_total",
    ):
        assert name in metrics
    unknown = await api.client.get("/v1/articles/" + "0" * 32)
    assert unknown.status_code == 404


async def test_concurrent_posts_of_one_article_publish_it_once(api: IngestServer, settings: Settings) -> None:
    article = {"url": "https://news.example.org/a/1", "text": "Both sides reported shelling overnight."}
    responses = await asyncio.gather(*(api.client.post("/v1/articles", json=article) for _ in range(6)))
    statuses = [
        r.json()["articles"][0]["status"] if r.status_code == 202 else str(r.status_code) for r in responses
    ]
    assert statuses.count("new") == 1
    assert set(statuses) <= {"new", "duplicate", "503"}  # 503: "being published right now, retry"
    assert all("retry-after" in r.headers for r in responses if r.status_code == 503)
    assert len(await consume_all_for(settings, settings.topic(ARTICLES))) == 1


async def test_the_same_url_with_new_text_is_a_revision_published_with_what_it_repeats_marked(
    api: IngestServer, settings: Settings
) -> None:
    """A developing story updated in place: the update is published (its new sentence gets coded)
    under its own id, pointing at the first version, with the sentences the first version had
    marked as repeated (so the extract worker does not count them twice). Re-sending either
    version is a duplicate of that version."""
    url = "https://news.example.org/world/2024/05/06/border"
    old = "Troops from both countries exchanged fire along the border on Monday."
    new = "The two defence ministers agreed on Tuesday to pull their troops back."
    first = {"url": url, "text": old}
    update = {"url": url + "?utm_source=rss", "text": f"{new}\n\n{old}"}
    published = (await api.client.post("/v1/articles", json=first)).json()["articles"][0]
    revised = (await api.client.post("/v1/articles", json=update)).json()["articles"][0]
    assert revised["status"] == "new" and revised["revision_of"] == published["article_id"]
    assert revised["article_id"] != published["article_id"]
    again = (await api.client.post("/v1/articles", json=update)).json()["articles"][0]
    assert (again["status"], again["duplicate_of"]) == ("duplicate", revised["article_id"])
    first_again = (await api.client.post("/v1/articles", json=first)).json()["articles"][0]
    assert (first_again["status"], first_again["duplicate_of"]) == ("duplicate", published["article_id"])
    assert (await api.client.get(f"/v1/articles/{published['article_id']}")).json()["copies"] == 2
    assert (await api.client.get(f"/v1/articles/{revised['article_id']}")).json()["copies"] == 2

    records = await consume_all_for(settings, settings.topic(ARTICLES))
    assert len(records) == 2
    values = {article_of(r.value).article_id: r.value for r in records}  # (partitions: any order)
    assert b"revision_of" not in values[published["article_id"]]  # a first version: v1 as it always was
    one, two = (article_of(values[result["article_id"]]) for result in (published, revised))
    assert (one.text, one.revision_of, one.repeated_spans) == (old, None, [])
    assert two.article_id == revised["article_id"] and two.revision_of == one.article_id
    assert two.text == f"{new}\n\n{old}"
    assert [two.text[a:b] for a, b in two.repeated_spans] == [old]


async def test_a_small_edit_at_the_same_url_is_a_revision_not_a_near_duplicate_of_itself(
    api: IngestServer, settings: Settings
) -> None:
    """A one-sentence update to a long story is a near-duplicate of its first version by MinHash;
    it is a revision still (other URLs' near-duplicates are folded as before)."""
    seed = seed_submission()
    first = (await api.client.post("/v1/articles", json=seed)).json()["articles"][0]
    update = {
        **seed,
        "text": str(seed["text"]) + "\n\nIran's foreign ministry summoned the Swiss envoy on Thursday.",
    }
    revised = (await api.client.post("/v1/articles", json=update)).json()["articles"][0]
    assert revised["status"] == "new" and revised["revision_of"] == first["article_id"], revised
    elsewhere = {**update, "url": "https://elsewhere.example.net/story"}
    copy = (await api.client.post("/v1/articles", json=elsewhere)).json()["articles"][0]
    assert copy["status"] == "duplicate" and copy["duplicate_of"] in (
        first["article_id"],
        revised["article_id"],
    )
    records = await consume_all_for(settings, settings.topic(ARTICLES))
    assert len(records) == 2
    (two,) = (a for a in map(article_of, (r.value for r in records)) if a.revision_of is not None)
    (span,) = two.repeated_spans  # everything but the new last paragraph
    assert two.text[span[1] :].strip() == "Iran's foreign ministry summoned the Swiss envoy on Thursday."


async def test_a_story_revised_again_and_again_keeps_each_distinct_sentence_hash_once(
    api: IngestServer, settings: Settings
) -> None:
    """What ingest keeps per URL grows with the sentences its versions added, not with how many
    versions repeated them (each revision is read back whole when the next one arrives)."""
    url = "https://news.example.org/world/2024/05/07/live"
    story = [
        "Israeli troops killed 12 Palestinians in Gaza City on Monday, health officials said.",
        "Hamas fighters fired rockets at southern Israel overnight, the Israeli army said in a statement.",
    ]
    versions: list[str] = []
    for hour in range(4):
        story.insert(0, f"Update {hour}: the two delegations met again in Cairo for talks on a truce.")
        versions.append("\n\n".join(story))
        answer = (await api.client.post("/v1/articles", json={"url": url, "text": versions[-1]})).json()
        assert answer["articles"][0]["status"] == "new", answer
    first_id = (await api.client.post("/v1/articles", json={"url": url, "text": versions[0]})).json()[
        "articles"
    ][0]["duplicate_of"]
    redis = aioredis.Redis.from_url(str(settings.redis_url))
    try:
        kept = await redis.strlen(f"{{{settings.redis_key_prefix}:dedup}}:pieces:{first_id}")
    finally:
        await redis.aclose()
    distinct = frozenset().union(*(piece_hashes(text) for text in versions))
    assert kept == PIECE_BYTES * len(distinct)


async def test_a_two_word_article_is_published_and_a_4mb_one_refused_naming_max_article_chars(
    api: IngestServer, settings: Settings
) -> None:
    tiny = await api.client.post("/v1/articles", json={"text": "Iran threatened"})
    assert tiny.status_code == 202, tiny.text
    assert tiny.json()["articles"][0]["language"] == "en"

    four_mb = await api.client.post("/v1/articles", json={"text": "Iran threatened Iraq. " * 190_000})
    assert four_mb.status_code == 422
    (error,) = four_mb.json()["detail"]
    assert error["field"] == "text" and "MAX_ARTICLE_CHARS" in error["reason"]

    records = await consume_all_for(settings, settings.topic(ARTICLES))
    assert [article_of(r.value).text for r in records] == ["Iran threatened"]


async def test_a_url_folded_into_another_outlets_story_is_published_when_its_text_changes(
    api: IngestServer, settings: Settings
) -> None:
    """Outlet B re-publishes A's wire story (a near-duplicate: folded into A's). Later B's page is
    rewritten with its own reporting: that text is new, not a copy of A's story."""
    seed = seed_submission()
    wire = (await api.client.post("/v1/articles", json=seed)).json()["articles"][0]
    b_url = "https://outlet-b.example.net/world/embassy"
    b_copy = {**seed, "url": b_url, "title": "Embassy stormed", "text": str(seed["text"]) + "\n\nMore soon."}
    folded = (await api.client.post("/v1/articles", json=b_copy)).json()["articles"][0]
    assert (folded["status"], folded["duplicate_of"]) == ("duplicate", wire["article_id"])
    again = (await api.client.post("/v1/articles", json=b_copy)).json()["articles"][0]
    assert (again["status"], again["duplicate_of"]) == ("duplicate", wire["article_id"])
    rewritten = {
        "url": b_url,
        "text": "The two defence ministers agreed on Tuesday to pull their troops back.",
    }
    own = (await api.client.post("/v1/articles", json=rewritten)).json()["articles"][0]
    assert own["status"] == "new" and own["article_id"] == folded["article_id"]
    records = await consume_all_for(settings, settings.topic(ARTICLES))
    assert sorted(article_of(r.value).article_id for r in records) == sorted(
        [wire["article_id"], own["article_id"]]
    )
