"""The demo webhook sink verifies signatures independently and keeps each webhook-id once."""

from __future__ import annotations

import base64
import json
import os
import time
from datetime import UTC, datetime

import httpx
from standardwebhooks import Webhook

from services.sink.app import create_app
from tests.fixtures.http import serve_asgi

SECRET = "whsec_" + base64.b64encode(os.urandom(32)).decode()


def signed(webhook_id: str, body: str, secret: str = SECRET) -> dict[str, str]:
    now = datetime.now(UTC)
    signature = Webhook(secret).sign(webhook_id, now, body)
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


BODY = json.dumps(
    {
        "type": "alert.firing",
        "timestamp": "2020-01-01T00:00:00Z",
        "data": {"dyad": "IRN-USA", "level": "watch", "index": 7.5, "summary": "Escalation rose."},
    }
)


async def test_valid_delivery_is_kept_once_and_printed() -> None:
    printed: list[str] = []
    before = time.time()
    async with serve_asgi(create_app(SECRET, on_alert=printed.append)) as url, httpx.AsyncClient() as client:
        first = await client.post(f"{url}/hooks/brink", content=BODY, headers=signed("msg_1", BODY))
        again = await client.post(f"{url}/hooks/brink", content=BODY, headers=signed("msg_1", BODY))
        listing = (await client.get(f"{url}/received")).json()
    assert (first.status_code, again.status_code) == (200, 200)
    assert [d["webhook_id"] for d in listing["deliveries"]] == ["msg_1"]
    # The first arrival's time (what bench/pipeline.py measures ingest→webhook latency with).
    assert before <= listing["deliveries"][0]["received_at"] <= time.time()
    assert (listing["attempts"], listing["duplicates"]) == (2, 1)
    assert len(printed) == 1 and "IRN-USA" in printed[0] and "WATCH" in printed[0]


async def test_tampered_body_and_wrong_secret_are_rejected_with_401() -> None:
    other = "whsec_" + base64.b64encode(os.urandom(32)).decode()
    async with serve_asgi(create_app(SECRET, on_alert=lambda _: None)) as url, httpx.AsyncClient() as client:
        tampered = await client.post(
            f"{url}/x", content=BODY.replace("7.5", "9.9"), headers=signed("m2", BODY)
        )
        wrong_key = await client.post(f"{url}/x", content=BODY, headers=signed("m3", BODY, secret=other))
        listing = (await client.get(f"{url}/received")).json()
    assert (tampered.status_code, wrong_key.status_code) == (401, 401)
    assert listing["deliveries"] == []
    assert len(listing["rejected"]) == 2
