"""Redis restarted under running services: they reconnect and keep what Redis held.

The test runs its own ``EmbeddedRedis`` (AOF on, like the production Redis with persistence) so it
can stop and restart it on the same port without touching the session's Redis, and so it works the
same when the session uses an external REDIS_URL.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from brink.runtime.embedded import EmbeddedRedis, Infrastructure
from brink.runtime.processes import wait_for
from brink.settings import Settings
from brink.webhooks.identity import transition_id, webhook_id
from schemas.alert import Alert
from schemas.topics import ARTICLES
from tests.fixtures.alerts import make_alert
from tests.fixtures.ingest import article_of
from tests.fixtures.kafka import consume_all_for
from tests.fixtures.services import ADMIN_AUTH, BrinkProcess, ServicePool, WebhookPath, http_status
from tests.fixtures.webhooks import publish_alerts

pytestmark = pytest.mark.integration


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    workdir = tmp_path / "redis"
    workdir.mkdir()
    redis = EmbeddedRedis(workdir)
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture
def services(
    infra: Infrastructure, settings: Settings, tmp_path: Path, own_redis: EmbeddedRedis
) -> Iterator[ServicePool]:
    pool = ServicePool(infra, settings, tmp_path, redis_url=own_redis.url)
    yield pool
    pool.stop_all()


def delivery_ids(path: WebhookPath, alerts: list[Alert]) -> set[str]:
    return {webhook_id(transition_id(alert), path.subscription_id) for alert in alerts}


def get_json(url: str) -> httpx.Response:
    return httpx.get(url, headers=ADMIN_AUTH, timeout=10)


def story(n: int) -> dict[str, str]:
    return {
        "url": f"https://news.example.org/2020/01/0{n}/story-{n}",
        "title": f"Story {n}: militia vows revenge after strikes",
        "text": f"Story {n}. Kataib Hezbollah vowed revenge on Monday after U.S. strikes on its bases "
        f"in Iraq and Syria killed {20 + n} fighters, and Iran warned Washington of consequences.",
        "source": "Example Wire",
        "published_at": f"2020-01-0{n}T08:00:00Z",
    }


async def post(ingest: BrinkProcess, body: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient(base_url=ingest.url, timeout=30.0) as client:
        return await client.post("/v1/articles", json=body)


async def post_until_not_503(ingest: BrinkProcess, body: dict[str, str], timeout: float) -> httpx.Response:
    """What a client honouring 503 + Retry-After does, with a short retry interval."""
    deadline = time.monotonic() + timeout
    while True:
        response = await post(ingest, body)
        if response.status_code != 503 or time.monotonic() > deadline:
            return response
        await asyncio.sleep(0.2)  # the client's retry interval, not a synchronisation


async def test_ingest_survives_a_redis_restart_and_a_repeat_post_is_still_a_duplicate(
    settings: Settings, services: ServicePool, own_redis: EmbeddedRedis
) -> None:
    ingest = services.ingest_api()
    first = await post(ingest, story(1))
    assert first.status_code == 202, first.text
    first_id = first.json()["articles"][0]["article_id"]

    own_redis.stop()
    down = await post(ingest, story(2))
    assert down.status_code == 503, down.text
    assert "Redis" in down.json()["detail"]
    assert down.headers["Retry-After"].isdigit()
    own_redis.start()  # same port, same AOF directory

    again = await post_until_not_503(ingest, story(1), timeout=30)
    assert again.status_code == 202, again.text
    (repeat,) = again.json()["articles"]
    assert (repeat["status"], repeat["duplicate_of"], repeat["copies"]) == ("duplicate", first_id, 2)
    retried = await post_until_not_503(ingest, story(2), timeout=30)
    assert retried.status_code == 202, retried.text
    assert retried.json()["articles"][0]["status"] == "new"
    ingest.check_alive()
    assert (await asyncio.to_thread(httpx.get, f"{ingest.url}/readyz")).json() == {
        "broker": "ok",
        "redis": "ok",
    }

    published = [article_of(r.value) for r in await consume_all_for(settings, settings.topic(ARTICLES))]
    assert sorted(a.title for a in published) == sorted([story(1)["title"], story(2)["title"]])


async def test_api_and_dispatch_survive_a_redis_restart_with_subscriptions_intact(
    settings: Settings, services: ServicePool, own_redis: EmbeddedRedis
) -> None:
    path = services.webhook_path(filters={"min_level": "watch"})
    subscription_url = f"{path.api.url}/v1/subscriptions/{path.subscription_id}"
    before, during, after = make_alert("IRN-USA"), make_alert("ISR-SYR"), make_alert("RUS-UKR")

    await publish_alerts(settings, [before])
    wait_for(lambda: path.delivered_ids() == delivery_ids(path, [before]), 60, "the first alert delivered")
    subscription = (await asyncio.to_thread(get_json, subscription_url)).json()

    own_redis.stop()
    await publish_alerts(settings, [during])  # the dispatcher cannot queue it until Redis is back
    unavailable = await asyncio.to_thread(get_json, subscription_url)
    assert unavailable.status_code == 503, unavailable.text
    assert unavailable.headers["Retry-After"].isdigit()
    own_redis.start()
    await publish_alerts(settings, [after])

    everything = delivery_ids(path, [before, during, after])
    wait_for(lambda: path.delivered_ids() == everything, 90, "every alert delivered after the restart")
    assert path.received()["rejected"] == []
    restored = await asyncio.to_thread(get_json, subscription_url)
    assert restored.status_code == 200, restored.text
    assert {k: restored.json()[k] for k in ("id", "url", "filters", "format", "active")} == {
        k: subscription[k] for k in ("id", "url", "filters", "format", "active")
    }
    for process in (path.api, path.dispatch):
        process.check_alive()
        assert http_status(f"{process.url}/readyz") == 200, process.name
