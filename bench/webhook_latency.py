"""Webhook delivery latency on loopback: alert produced to Kafka → signed POST received.

    .venv/bin/python -m bench.webhook_latency [--alerts 500] [--rate 50] [--subscriptions 2]

Embedded Tansu + Redis, the real Dispatcher, and aiohttp receivers on loopback (one per
subscription, all answering 200). Alerts are produced one by one at ``--rate`` per second (open
loop); each is delivered to every subscription. Latency is the receiver's arrival time minus the
moment just before the alert was handed to the producer (acks=all included), per delivery.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

import redis.asyncio as aioredis

from bench.common import LatencyStats, machine, paced
from brink.runtime.embedded import infrastructure
from brink.runtime.kafka import ensure_topics, make_producer
from brink.settings import Settings
from brink.webhooks.signing import generate_secret
from schemas.subscription import SubscriptionCreate
from schemas.topics import ALERTS
from services.alert.store import SubscriptionStore
from tests.fixtures.alerts import make_alert
from tests.fixtures.webhooks import eventually, receiver, running_dispatcher

DYADS = ("IRN-USA", "IRQ-USA", "ISR-LBN", "RUS-UKR", "CHN-TWN", "IND-PAK", "ARM-AZE", "PRK-KOR")


async def run(alerts: int, rate: float, subscriptions: int) -> None:
    with infrastructure(None, None, Path(tempfile.mkdtemp(prefix="brink-bench-"))) as infra:
        settings = Settings().model_copy(
            update={
                **infra.settings_update(),
                "log_json": False,
                "webhook_allowed_networks": "127.0.0.0/8",
                "kafka_session_timeout_seconds": 3.0,
            }
        )
        await ensure_topics(settings)
        assert settings.redis_url is not None
        redis = aioredis.Redis.from_url(settings.redis_url)
        receivers = [receiver() for _ in range(subscriptions)]
        servers = [await r.__aenter__() for r in receivers]
        store = SubscriptionStore(redis, settings)
        for server in servers:
            await store.create(SubscriptionCreate(url=server.url), generate_secret())
        sent: dict[str, float] = {}
        producer = make_producer(settings)
        await producer.start()
        try:
            async with running_dispatcher(settings):
                batch = [make_alert(DYADS[n % len(DYADS)]) for n in range(alerts)]

                async def send(i: int) -> None:
                    alert = batch[i]
                    sent[alert.alert_id] = time.time()
                    await producer.send_and_wait(
                        settings.topic(ALERTS),
                        key=alert.dyad.encode(),
                        value=alert.model_dump_json().encode(),
                    )

                offered = await paced(alerts, rate, send)
                expected = alerts * subscriptions
                await eventually(
                    lambda: sum(len(s.delivered()) for s in servers) >= expected, 120, "every delivery"
                )
        finally:
            await producer.stop()
            for r in receivers:
                await r.__aexit__(None, None, None)
            await redis.aclose()

    latencies = [
        request.at - sent[json.loads(request.body)["data"]["alert_id"]]
        for server in servers
        for request in server.delivered()
    ]
    print(machine())
    print(
        f"{alerts} alerts at {alerts / offered:.0f}/s offered × {subscriptions} subscriptions, "
        f"Brink format, Standard Webhooks signatures"
    )
    print(f"produce → webhook received: {LatencyStats.of(latencies)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--alerts", type=int, default=500)
    parser.add_argument("--rate", type=float, default=50.0, help="alerts per second (open loop)")
    parser.add_argument("--subscriptions", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(run(args.alerts, args.rate, args.subscriptions))


if __name__ == "__main__":
    main()
