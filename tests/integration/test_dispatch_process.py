"""``brink api`` and ``brink dispatch`` as real processes: SIGKILL loses nothing, secrets never reach logs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import redis.asyncio as aioredis

from brink.runtime.embedded import Infrastructure
from brink.runtime.processes import free_port, start_child, stop_child
from brink.settings import Settings
from services.alert.dispatch.queue import DeliveryQueue
from tests.fixtures.alerts import make_alert
from tests.fixtures.webhooks import (
    ADMIN_TOKEN,
    AUTH,
    create_subscription,
    eventually,
    publish_alerts,
    receiver,
    webhook_settings,
)


@contextmanager
def brink_process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    proc = start_child([sys.executable, "-m", "brink", *args], log, env=env)
    try:
        yield proc
    finally:
        stop_child(proc)


async def _answers(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=1) as client:
            return (await client.get(url)).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.integration
async def test_sigkilled_dispatcher_loses_nothing_and_secrets_stay_out_of_logs(
    settings: Settings, infra: Infrastructure, redis_client: aioredis.Redis, tmp_path: Path
) -> None:
    api_port, metrics_port = free_port(), free_port()
    config = webhook_settings(
        settings,
        webhook_lease_seconds=3.0,
        webhook_timeout_seconds=2.0,
        webhook_max_in_flight_per_endpoint=4,
    )
    env = {
        **os.environ,
        **infra.env(),
        "TOPIC_PREFIX": config.topic_prefix,
        "REDIS_KEY_PREFIX": config.redis_key_prefix,
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "API_PORT": str(api_port),
        "DISPATCH_METRICS_PORT": str(metrics_port),
        "LOG_LEVEL": "DEBUG",  # the most a process would ever log
        "WEBHOOK_ALLOWED_NETWORKS": config.webhook_allowed_networks,
        "WEBHOOK_RETRY_SCALE": "0.001",
        "WEBHOOK_LEASE_SECONDS": "3",
        "WEBHOOK_TIMEOUT_SECONDS": "2",
        "WEBHOOK_POLL_INTERVAL_SECONDS": "0.2",
        "WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT": "4",
        "KAFKA_SESSION_TIMEOUT_SECONDS": "3",
    }
    before_kill = [make_alert(f"AAA-{chr(65 + i)}{chr(65 + i)}{chr(65 + i)}") for i in range(8)]
    while_dead = [make_alert(f"BBB-{chr(65 + i)}{chr(65 + i)}{chr(65 + i)}") for i in range(4)]
    metrics_url = f"http://127.0.0.1:{metrics_port}"
    logs = [tmp_path / "api.log", tmp_path / "dispatch-1.log", tmp_path / "dispatch-2.log"]

    async with receiver(hold=True) as rx:
        with brink_process(["api"], env, logs[0]):
            await eventually(lambda: _answers(f"http://127.0.0.1:{api_port}/readyz"), 30, "brink api")
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{api_port}", timeout=10) as api:
                sub = await create_subscription(api, rx.url)
                first_secret = str(sub["secret"])
                rotated = await api.post(f"/v1/subscriptions/{sub['id']}/rotate-secret", headers=AUTH)
                second_secret = rotated.json()["secret"]
                shown = (await api.get(f"/v1/subscriptions/{sub['id']}", headers=AUTH)).text
                assert first_secret not in shown and second_secret not in shown

                queue = DeliveryQueue(redis_client, config)
                with brink_process(["dispatch"], env, logs[1]) as first:
                    await eventually(lambda: _answers(f"{metrics_url}/readyz"), 30, "brink dispatch (1)")
                    await publish_alerts(config, before_kill)
                    # Four attempts held open by the receiver, the other four queued behind them.
                    await eventually(lambda: len(rx.requests) == 4, 20, "four attempts in flight")
                    await eventually(lambda: _depth_is(queue, len(before_kill)), 20, "all eight queued")
                    first.send_signal(signal.SIGKILL)
                    first.wait(timeout=10)

                await publish_alerts(config, while_dead)
                rx.release()  # the held requests now "succeed", but their sender is gone: they come again
                with brink_process(["dispatch"], env, logs[2]):
                    expected = len(before_kill) + len(while_dead)
                    await eventually(lambda: len(rx.delivered_ids()) == expected, 60, "every alert delivered")
                    await eventually(lambda: _depth_is(queue, 0), 20, "an empty queue")
                    async with httpx.AsyncClient(timeout=5) as client:
                        exposition = (await client.get(f"{metrics_url}/metrics")).text
                    assert "brink_webhook_deliveries_total" in exposition

    # Exact counts: one webhook-id per alert, every one of them delivered, and each verifies with
    # both the rotated secret and the previous one (inside the grace period).
    delivered = {r.webhook_id: r for r in rx.delivered()}
    assert len(delivered) == len(before_kill) + len(while_dead)
    alert_ids = set()
    for request in delivered.values():
        payload = rx.verify(second_secret, request)
        rx.verify(first_secret, request)
        alert_ids.add(payload["data"]["alert_id"])  # type: ignore[index]
    assert alert_ids == {a.alert_id for a in before_kill + while_dead}
    # A re-sent delivery keeps its webhook-id: nothing outside the expected set ever arrived.
    assert {r.webhook_id for r in rx.requests} == set(delivered)

    texts = [log.read_text() for log in logs]
    assert "dispatcher started" in texts[1] and "dispatcher started" in texts[2]
    for secret in (first_secret, second_secret):
        for text in texts:
            assert secret not in text
            assert secret.removeprefix("whsec_") not in text


async def _depth_is(queue: DeliveryQueue, expected: int) -> bool:
    return await queue.depth() == expected
