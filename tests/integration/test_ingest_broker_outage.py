"""A broker that goes away: 503 with Retry-After, no dedup state, and the retry publishes once.

Uses its own embedded broker (stopped and restarted on the same port). Tansu keeps topics in
memory only, so they are created again after the restart.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from brink.ingestion.ids import article_id
from brink.ingestion.urls import canonical_url
from brink.runtime.embedded import EmbeddedBroker
from brink.runtime.kafka import ensure_topics
from brink.settings import Settings
from schemas.topics import ARTICLES
from tests.fixtures.ingest import serve_ingest
from tests.fixtures.kafka import consume_all_for


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[EmbeddedBroker]:
    broker = EmbeddedBroker(tmp_path)
    broker.start()
    yield broker
    broker.stop()


async def _post_until_accepted(
    client: httpx.AsyncClient, article: dict[str, str], timeout: float
) -> httpx.Response:
    """Retry like a client honouring 503 would, until 202 or the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        response = await client.post("/v1/articles", json=article)
        if response.status_code != 503 or time.monotonic() > deadline:
            return response
        await asyncio.sleep(0.2)  # a client's retry interval, not a synchronisation


async def test_publish_during_broker_outage_is_refused_with_503_and_the_retry_publishes_once(
    settings: Settings, own_broker: EmbeddedBroker
) -> None:
    isolated = settings.model_copy(
        update={
            "kafka_bootstrap_servers": own_broker.bootstrap,
            "kafka_request_timeout_seconds": 2.0,
            "ingest_retry_after_seconds": 7,
        }
    )
    await ensure_topics(isolated)
    article = {
        "url": "https://news.example.org/2020/01/03/strike-baghdad-airport",
        "title": "U.S. strike kills Iranian general at Baghdad airport",
        "text": "A U.S. drone strike near Baghdad airport killed Qassem Soleimani, Iran's top general.",
    }
    expected_id = article_id(canonical_url(article["url"]), "")

    async with serve_ingest(isolated) as api:
        warm = await api.client.post("/v1/articles", json={"text": "The broker is up and acknowledging."})
        assert warm.status_code == 202

        own_broker.stop()
        refused = await api.client.post("/v1/articles", json=article)
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "7"
        assert "broker" in refused.json()["detail"].lower()
        # Nothing was committed to the dedup state: the article is unknown.
        assert (await api.client.get(f"/v1/articles/{expected_id}")).status_code == 404
        assert (await api.client.get("/readyz")).status_code == 503

        own_broker.start()
        await ensure_topics(isolated)  # memory-only broker: the topics went with it
        accepted = await _post_until_accepted(api.client, article, timeout=30)
        assert accepted.status_code == 202, accepted.text
        (result,) = accepted.json()["articles"]
        assert (result["article_id"], result["status"]) == (expected_id, "new")
        again = await api.client.post("/v1/articles", json=article)
        assert again.json()["articles"][0]["status"] == "duplicate"
        assert api.metric("brink_ingest_unavailable_total", dependency="broker") >= 1

    records = await consume_all_for(isolated, isolated.topic(ARTICLES))
    assert [r.key for r in records] == [expected_id.encode()]
