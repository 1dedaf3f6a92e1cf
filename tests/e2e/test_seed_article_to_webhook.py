"""The whole pipeline as separate processes: the seed article in at the ingest API, a signed
webhook out at a receiver that subscribed through the subscriptions API."""

from __future__ import annotations

import json
from typing import Any

import httpx

from brink.runtime.processes import wait_for
from tests.conftest import REPO_ROOT
from tests.fixtures.services import ADMIN_AUTH, ServicePool


def seed_submission() -> dict[str, Any]:
    seed: dict[str, Any] = json.loads((REPO_ROOT / "samples" / "articles.jsonl").read_text().splitlines()[0])
    return {k: seed[k] for k in ("url", "title", "text", "published_at", "source") if k in seed}


def test_seed_article_posted_to_ingest_arrives_as_a_signed_irn_usa_webhook_with_trumps_threat(
    pool: ServicePool,
) -> None:
    ingest = pool.ingest_api()
    pool.extract("extract")
    pool.alert()
    path = pool.webhook_path(filters={"dyads": ["IRN-USA"]})

    posted = httpx.post(f"{ingest.url}/v1/articles", json=seed_submission(), timeout=30)
    assert posted.status_code == 202, posted.text

    def firing() -> list[dict[str, Any]]:
        return [d["payload"] for d in path.received()["deliveries"] if d["payload"]["type"] == "alert.firing"]

    wait_for(lambda: bool(firing()), 120, "the IRN-USA alert.firing webhook at the receiver")
    received = path.received()
    # The sink verified each delivery's Standard Webhooks signature with the standardwebhooks package.
    assert received["rejected"] == []
    [payload] = firing()
    alert = payload["data"]
    assert alert["dyad"] == "IRN-USA"
    assert alert["level"] in {"watch", "warning", "critical"}
    assert "Iran" in alert["summary"] and "United States" in alert["summary"]
    threats = [e for e in alert["evidence"] if e["cameo"].startswith("13")]
    assert any("threatened Iran if any harm comes" in e["sentence"] for e in threats), alert["evidence"]
    # The subscription filter let only IRN-USA through, though the article also alerts IRQ-USA.
    assert {d["payload"]["data"]["dyad"] for d in received["deliveries"]} == {"IRN-USA"}
    alerts = httpx.get(f"{path.api.url}/v1/alerts", headers=ADMIN_AUTH, timeout=10)
    assert alerts.status_code == 200 and "IRQ-USA" in alerts.text
