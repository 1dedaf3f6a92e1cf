"""A local webhook receiver for demos and end-to-end tests: the kind of endpoint a subscriber runs.

It verifies every delivery's Standard Webhooks signature with the PyPI package ``standardwebhooks``
(an implementation independent of Brink's own signing), drops redeliveries by ``webhook-id``, prints
one readable line per alert and lists what it received at ``GET /received``. A delivery that fails
verification gets a 401 and is listed under ``rejected``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024


@dataclass
class Received:
    deliveries: dict[str, dict[str, Any]] = field(default_factory=dict)  # webhook-id -> payload
    received_at: dict[str, float] = field(default_factory=dict)  # webhook-id -> Unix time of first arrival
    attempts: int = 0
    duplicates: int = 0
    rejected: list[str] = field(default_factory=list)


def describe(payload: dict[str, Any]) -> str:
    """One line a person can read: what happened to which pair, and why."""
    alert = payload.get("data", {})
    level = str(alert.get("level", "?")).upper()
    kind, dyad, index = payload.get("type", "?"), alert.get("dyad", "?"), alert.get("index", 0.0)
    head = f"{kind:<15} {dyad:<8} {level:<8} index {index:.1f}"
    return f"{head}  {alert.get('summary', '')}"


def create_app(secret: str, on_alert: Callable[[str], None] = print) -> FastAPI:
    verifier = Webhook(secret)
    received = Received()
    app = FastAPI(title="Brink webhook sink", version="1")
    app.state.received = received

    @app.post("/{path:path}")
    async def deliver(path: str, request: Request) -> JSONResponse:
        arrived = time.time()
        received.attempts += 1
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return JSONResponse({"error": f"body over {MAX_BODY_BYTES} bytes"}, status_code=413)
        headers = {name: value for name, value in request.headers.items()}
        try:
            verifier.verify(body, headers)
        except WebhookVerificationError as exc:
            received.rejected.append(f"{headers.get('webhook-id', '?')}: {exc}")
            log.warning("rejected a delivery: %s", exc)
            return JSONResponse({"error": f"signature verification failed: {exc}"}, status_code=401)
        webhook_id = headers["webhook-id"]
        if webhook_id in received.deliveries:
            received.duplicates += 1
            return JSONResponse({"status": "duplicate"}, status_code=200)
        payload = json.loads(body)
        received.deliveries[webhook_id] = payload
        received.received_at[webhook_id] = arrived
        on_alert(describe(payload) if isinstance(payload, dict) and "data" in payload else str(payload))
        return JSONResponse({"status": "ok"}, status_code=200)

    @app.get("/received")
    async def listing() -> dict[str, Any]:
        return {
            "deliveries": [
                {"webhook_id": wid, "received_at": received.received_at[wid], "payload": p}
                for wid, p in received.deliveries.items()
            ],
            "attempts": received.attempts,
            "duplicates": received.duplicates,
            "rejected": received.rejected,
        }

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
