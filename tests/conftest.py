"""Real servers for the whole suite.

One broker and one Redis per test session: the embedded Tansu broker and a private redis-server,
unless ``KAFKA_BOOTSTRAP_SERVERS`` / ``REDIS_URL`` point at external ones. Each test gets its own
topic prefix and Redis key prefix (``settings`` fixture), so tests never see each other's data.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from brink.runtime.embedded import Infrastructure, infrastructure
from brink.runtime.kafka import ensure_topics
from brink.settings import Settings
from tests.fixtures.services import ServicePool

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def infra(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Infrastructure]:
    workdir = tmp_path_factory.mktemp("infra")
    with infrastructure(
        os.environ.get("KAFKA_BOOTSTRAP_SERVERS"), os.environ.get("REDIS_URL"), workdir
    ) as infra_:
        yield infra_


@pytest.fixture
def isolation_id() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture
async def settings(infra: Infrastructure, isolation_id: str) -> Settings:
    """Settings pointing at the session's broker and Redis, with this test's own topics and keys."""
    configured = Settings().model_copy(
        update={
            **infra.settings_update(),
            "topic_prefix": f"t{isolation_id}.",
            "redis_key_prefix": f"brinktest:{isolation_id}",
            "log_json": False,
        }
    )
    await ensure_topics(configured)
    return configured


@pytest.fixture
async def redis_client(settings: Settings) -> AsyncIterator[aioredis.Redis]:
    assert settings.redis_url is not None
    client = aioredis.Redis.from_url(settings.redis_url)
    yield client
    await client.aclose()


@pytest.fixture
def pool(infra: Infrastructure, settings: Settings, tmp_path: Path) -> Iterator[ServicePool]:
    """Brink services as real child processes for one test (its topics and keys); all stopped after."""
    services = ServicePool(infra, settings, tmp_path)
    yield services
    services.stop_all()
