"""Redis going away: 503 with Retry-After and nothing published; after it returns, the retry
publishes once and the state from before the restart still holds (AOF)."""

from __future__ import annotations

import pytest

from brink.runtime.embedded import Infrastructure
from brink.settings import Settings
from schemas.topics import ARTICLES
from tests.fixtures.ingest import serve_ingest
from tests.fixtures.kafka import consume_all_for


async def test_redis_restart_refuses_with_503_then_publishes_once(
    infra: Infrastructure, settings: Settings
) -> None:
    if infra.redis is None:
        pytest.skip("REDIS_URL points at an external Redis this test cannot restart")
    before = {"text": "The ministers met in Geneva and agreed to meet again in June."}
    during = {"text": "Shelling resumed along the border on Thursday, both armies said."}
    async with serve_ingest(settings) as api:
        assert (await api.client.post("/v1/articles", json=before)).status_code == 202
        infra.redis.stop()
        try:
            refused = await api.client.post("/v1/articles", json=during)
            assert refused.status_code == 503
            assert "Redis" in refused.json()["detail"] and "retry-after" in refused.headers
            assert (await api.client.get("/readyz")).json()["redis"] == "unreachable"
        finally:
            infra.redis.start()
        accepted = await api.client.post("/v1/articles", json=during)
        assert accepted.json()["articles"][0]["status"] == "new"
        repeat = await api.client.post("/v1/articles", json=before)
        assert repeat.json()["articles"][0]["status"] == "duplicate"  # survived the restart
    records = await consume_all_for(settings, settings.topic(ARTICLES))
    assert len(records) == 2
