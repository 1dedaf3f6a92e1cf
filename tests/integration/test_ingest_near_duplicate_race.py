"""Near-duplicates of one story arriving at the same instant: the second waits for the first.

Two outlets' copies of a wire story can reach two ingest replicas in the same millisecond. Exact
repeats were always serialised by their claim; a near-duplicate must also see a first copy that is
still being published, or both would be published and the story counted twice downstream.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import redis.asyncio as aioredis

from brink.ingestion.neardup import NearDuplicateSignatures
from brink.settings import Settings
from schemas.topics import ARTICLES
from services.ingest.dedup import RedisDedupStore
from tests.fixtures.ingest import IngestServer, seed_submission, serve_ingest
from tests.fixtures.kafka import consume_all_for

FIRST_SEEN = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def signatures(settings: Settings) -> NearDuplicateSignatures:
    return NearDuplicateSignatures(settings.near_duplicate_threshold)


@pytest.fixture
def store(
    settings: Settings, redis_client: aioredis.Redis, signatures: NearDuplicateSignatures
) -> RedisDedupStore:
    return RedisDedupStore(redis_client, settings.redis_key_prefix, settings.dedup_window_seconds, signatures)


def _story() -> tuple[str, str]:
    text = str(seed_submission()["text"])
    return text, text.replace("Hours after", "Just hours after") + "\n\nThis story has been updated."


async def test_near_duplicate_claimed_while_the_first_copy_is_in_flight_must_retry(
    store: RedisDedupStore, signatures: NearDuplicateSignatures
) -> None:
    first_text, second_text = _story()
    first_sig, second_sig = signatures.signature(first_text), signatures.signature(second_text)
    assert signatures.similarity(first_sig, second_sig) >= signatures.threshold  # really near-duplicates

    first_claim, first_match = await store.claim_and_find(
        "first", "h1", first_sig, signatures.band_keys(first_sig), 30
    )
    assert first_claim is not None and first_match is None  # new: being published
    waiting, none = await store.claim_and_find(
        "second", "h2", second_sig, signatures.band_keys(second_sig), 30
    )
    assert waiting is None and none is None  # in flight elsewhere: the caller answers "retry later"

    await store.commit("first", "h1", first_sig, signatures.band_keys(first_sig), FIRST_SEEN, first_claim)
    retry_claim, match = await store.claim_and_find(
        "second", "h2", second_sig, signatures.band_keys(second_sig), 30
    )
    assert retry_claim is not None and match is not None
    assert (match.kind, match.first_id) == ("near", "first")


async def test_a_failed_publish_does_not_hold_up_its_near_duplicate(
    store: RedisDedupStore, signatures: NearDuplicateSignatures
) -> None:
    first_text, second_text = _story()
    first_sig, second_sig = signatures.signature(first_text), signatures.signature(second_text)
    first_claim, _ = await store.claim_and_find("first", "h1", first_sig, signatures.band_keys(first_sig), 30)
    assert first_claim is not None
    await store.release(first_claim)  # the broker refused it: nothing was published

    claim, match = await store.claim_and_find(
        "second", "h2", second_sig, signatures.band_keys(second_sig), 30
    )
    assert claim is not None and match is None  # nothing to wait for, nothing to fold into


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[IngestServer]:
    async with serve_ingest(settings) as server:
        yield server


async def test_two_near_duplicates_posted_at_once_publish_one_article(
    api: IngestServer, settings: Settings
) -> None:
    seed = seed_submission()
    _, second_text = _story()
    copy = {
        **seed,
        "url": "https://news.example.org/embassy-attack",
        "source": "Example Wire",
        "text": second_text,
    }

    async def post_until_accepted(body: dict[str, object]) -> dict[str, object]:
        for _ in range(20):
            response = await api.client.post("/v1/articles", json=body)
            if response.status_code == 202:
                result: dict[str, object] = response.json()["articles"][0]
                return result
            assert response.status_code == 503 and "Retry-After" in response.headers, response.text
            await asyncio.sleep(0.05)  # a client honouring Retry-After, shortened for the test
        raise AssertionError("never accepted")

    results = await asyncio.gather(post_until_accepted(seed), post_until_accepted(copy))
    assert sorted(str(r["status"]) for r in results) == ["duplicate", "new"]
    records = await consume_all_for(settings, settings.topic(ARTICLES), 1.0)
    assert len(records) == 1
