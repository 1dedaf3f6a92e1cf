"""The dispatcher against the real broker, real Redis and real HTTP receivers on loopback.

Alerts are hand-made and produced to the test's own ``brink.alerts.v1``; subscriptions are made
through the real API; every delivery is checked with the independent ``standardwebhooks`` package.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from prometheus_client import CollectorRegistry, generate_latest

from brink.settings import Settings
from brink.webhooks.retry import RetryPolicy
from schemas.deadletter import DeadLetter
from schemas.topics import ALERTS, DEADLETTER
from schemas.webhook import WebhookPayload
from services.alert.dispatch.queue import DeliveryQueue
from tests.fixtures.alerts import make_alert
from tests.fixtures.kafka import consume_until
from tests.fixtures.webhooks import (
    AUTH,
    create_subscription,
    eventually,
    publish_alerts,
    receiver,
    running_api,
    running_dispatcher,
    webhook_settings,
)


def sample(registry: CollectorRegistry, name: str, **labels: str) -> float:
    return registry.get_sample_value(name, labels) or 0.0


async def test_each_format_is_delivered_signed_and_verifies(settings: Settings) -> None:
    config = webhook_settings(settings)
    now = datetime.now(UTC)
    alert = make_alert("IRN-USA", level="critical", at=now - timedelta(hours=2), ingested_at=now)
    async with (
        receiver() as brink_rx,
        receiver() as am_rx,
        receiver() as slack_rx,
        running_api(config) as api,
        running_dispatcher(config) as dispatcher,
    ):
        subs = {
            "brink": (brink_rx, await create_subscription(api, brink_rx.url)),
            "alertmanager": (am_rx, await create_subscription(api, am_rx.url, format="alertmanager")),
            "slack": (slack_rx, await create_subscription(api, slack_rx.url, format="slack")),
        }
        await publish_alerts(config, [alert])
        await eventually(lambda: all(rx.delivered() for rx, _ in subs.values()), 20, "three deliveries")

        bodies = {}
        for fmt, (rx, sub) in subs.items():
            (request,) = rx.requests
            assert request.webhook_id.startswith("msg_")
            assert request.headers["content-type"] == "application/json"
            bodies[fmt] = rx.verify(str(sub["secret"]), request)
        assert WebhookPayload.model_validate(bodies["brink"]).data == alert
        assert bodies["alertmanager"]["version"] == "4"
        assert "*CRITICAL* IRN-USA" in str(bodies["slack"]["text"])
        assert len({rx.requests[0].webhook_id for rx, _ in subs.values()}) == 3  # one id per endpoint

        view = (await api.get("/v1/alerts", headers=AUTH)).json()
        assert [r["alert"]["alert_id"] for r in view["open"]] == [alert.alert_id]
        assert view["recent"][0]["silenced"] is False
        # The receiver saw the requests before the dispatcher saw the answers: wait for the books.
        registry = dispatcher.metrics.registry
        books = lambda: sample(registry, "brink_pipeline_latency_seconds_count", stage="webhook") == 3  # noqa: E731
        await eventually(books, 10, "three deliveries recorded")
        exposition = generate_latest(registry).decode()
        assert 'brink_webhook_deliveries_total{outcome="delivered"} 3.0' in exposition
        assert 'brink_pipeline_latency_seconds_count{stage="webhook"} 3.0' in exposition
        # Measured from the alert's ingested_at (now), not its event time (two hours ago).
        assert sample(dispatcher.metrics.registry, "brink_pipeline_latency_seconds_sum", stage="webhook") < 30


async def test_receiver_down_then_up_gets_every_alert_with_the_same_webhook_id(
    settings: Settings, redis_client
) -> None:
    config = webhook_settings(settings, webhook_retry_scale=0.0005)  # retries after 2.5ms, 0.15s, 0.9s, 3.6s
    alerts = [make_alert(d) for d in ("IRN-USA", "IRQ-USA", "ISR-LBN")]
    async with receiver(status=500) as rx, running_api(config) as api, running_dispatcher(config):
        sub = await create_subscription(api, rx.url)
        await publish_alerts(config, alerts)
        await eventually(lambda: len({r.webhook_id for r in rx.requests}) == 3, 20, "first attempts (500)")
        failed_ids = {r.webhook_id for r in rx.requests}
        await rx.stop()  # down: nothing listens on the port
        rx.status = 200

        queue = DeliveryQueue(redis_client, config)

        async def refused_while_down() -> bool:
            pending = await queue.pending(str(sub["id"]))
            return len(pending) == 3 and all(
                d.attempts >= 2 and "cannot connect" in (d.last_error or "") for d in pending
            )

        await eventually(refused_while_down, 20, "attempts refused while the receiver is down")
        await rx.start()
        await eventually(lambda: len(rx.delivered_ids()) == 3, 30, "every alert delivered once back up")

        assert rx.delivered_ids() == failed_ids
        assert len(rx.delivered()) == 3  # nothing delivered twice
        payloads = [rx.verify(str(sub["secret"]), r) for r in rx.delivered()]
        assert {p["data"]["alert_id"] for p in payloads} == {a.alert_id for a in alerts}  # type: ignore[index]
        await eventually(lambda: _empty(queue), 10, "the queue to empty")


async def _empty(queue: DeliveryQueue) -> bool:
    return await queue.depth() == 0


async def test_500s_back_off_on_the_scaled_schedule(settings: Settings) -> None:
    config = webhook_settings(settings, webhook_retry_scale=0.002, webhook_retry_jitter=0.1)
    policy = RetryPolicy(scale=0.002, jitter=0.1)  # delays 10ms, 0.6s, 3.6s (±10%)
    async with receiver(plan=[500, 500, 500]) as rx, running_api(config) as api, running_dispatcher(config):
        await create_subscription(api, rx.url)
        await publish_alerts(config, [make_alert()])
        await eventually(lambda: len(rx.delivered()) == 1, 30, "delivery after three 500s")

    assert [r.status for r in rx.requests] == [500, 500, 500, 200]
    assert len({r.webhook_id for r in rx.requests}) == 1
    for failed, (before, after) in enumerate(zip(rx.requests, rx.requests[1:], strict=False), start=1):
        low, high = policy.bounds(failed) or (0.0, 0.0)
        gap = after.at - before.at
        assert low <= gap <= high + 1.0, f"retry {failed}: {gap:.3f}s outside [{low:.3f}, {high:.3f}]"


async def test_retry_after_on_429_replaces_the_scheduled_delay(settings: Settings) -> None:
    config = webhook_settings(settings, webhook_retry_scale=1.0)  # the schedule alone would wait 5s ± 10%
    async with (
        receiver(plan=[429], retry_after="1") as rx,
        running_api(config) as api,
        running_dispatcher(config),
    ):
        await create_subscription(api, rx.url)
        await publish_alerts(config, [make_alert()])
        await eventually(lambda: len(rx.delivered()) == 1, 20, "delivery after a 429")
    gap = rx.requests[1].at - rx.requests[0].at
    assert 1.0 <= gap < 3.0  # not the scheduled 4.5-5.5 s


async def test_410_disables_the_subscription_and_says_so(settings: Settings) -> None:
    config = webhook_settings(settings)
    async with (
        receiver(status=410) as rx,
        running_api(config) as api,
        running_dispatcher(config) as dispatcher,
    ):
        sub = await create_subscription(api, rx.url)
        await publish_alerts(config, [make_alert()])

        async def disabled() -> bool:
            shown = (await api.get(f"/v1/subscriptions/{sub['id']}", headers=AUTH)).json()
            return shown["active"] is False

        await eventually(disabled, 20, "the subscription to be disabled")
        shown = (await api.get(f"/v1/subscriptions/{sub['id']}", headers=AUTH)).json()
        assert "410" in shown["disabled_reason"] and shown["disabled_at"] is not None

        letters = await consume_until(config, config.topic(DEADLETTER), lambda rs: len(rs) >= 1)
        letter = DeadLetter.model_validate_json(letters[0].value)
        assert letter.reason == "delivery_failed" and "410" in letter.error
        await publish_alerts(config, [make_alert("IRQ-USA")])
        read = lambda: sample(dispatcher.metrics.registry, "brink_webhook_transitions_total") == 2  # noqa: E731
        await eventually(read, 20, "the second alert to be read")
        assert len(rx.requests) == 1  # read, but not delivered to a disabled subscription


async def test_slow_endpoint_does_not_delay_another_subscription(settings: Settings) -> None:
    config = webhook_settings(
        settings, webhook_max_in_flight_per_endpoint=2, webhook_timeout_seconds=20, webhook_lease_seconds=30
    )
    alerts = [make_alert(d) for d in ("IRN-USA", "IRQ-USA", "ISR-LBN", "RUS-UKR", "CHN-TWN")]
    async with (
        receiver(hold=True) as slow,
        receiver() as fast,
        running_api(config) as api,
        running_dispatcher(config),
    ):
        await create_subscription(api, slow.url)
        await create_subscription(api, fast.url)
        await publish_alerts(config, alerts)
        await eventually(lambda: len(fast.delivered_ids()) == 5, 20, "every alert at the fast endpoint")
        await eventually(lambda: len(slow.requests) == 2, 20, "the slow endpoint at its concurrency limit")
        # Everything reached the fast endpoint while the slow one still holds its first two.
        assert all(r.status == 0 for r in slow.requests) and len(fast.delivered_ids()) == 5
        slow.release()
        await eventually(lambda: len(slow.delivered_ids()) == 5, 20, "the slow endpoint to catch up")


async def test_silenced_dyad_is_recorded_as_silenced_and_not_delivered(settings: Settings) -> None:
    config = webhook_settings(settings)
    muted, later = make_alert("IRN-USA"), make_alert("IRN-USA")
    async with receiver() as rx, running_api(config) as api, running_dispatcher(config) as dispatcher:
        sub = await create_subscription(api, rx.url)
        until = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
        silence = (
            await api.post("/v1/silences", json={"dyad": "IRN-USA", "until": until}, headers=AUTH)
        ).json()
        await publish_alerts(config, [muted])

        async def recorded() -> bool:
            return bool((await api.get("/v1/alerts", headers=AUTH)).json()["recent"])

        await eventually(recorded, 20, "the muted transition in GET /v1/alerts")
        (record,) = (await api.get("/v1/alerts", headers=AUTH)).json()["recent"]
        assert record["alert"]["alert_id"] == muted.alert_id
        assert record["silenced"] is True and record["silence_ids"] == [silence["id"]]

        assert (await api.delete(f"/v1/silences/{silence['id']}", headers=AUTH)).status_code == 204
        await publish_alerts(config, [later])  # same dyad, same partition: read after the muted one
        await eventually(lambda: len(rx.delivered()) == 1, 20, "the unmuted alert")
        payload = rx.verify(str(sub["secret"]), rx.delivered()[0])
        assert payload["data"]["alert_id"] == later.alert_id  # type: ignore[index]
        assert len(rx.requests) == 1
        assert sample(dispatcher.metrics.registry, "brink_webhook_deliveries_total", outcome="silenced") == 1


async def test_dead_letter_after_the_last_retry(settings: Settings, redis_client) -> None:
    config = webhook_settings(settings, webhook_retry_scale=0.00001)  # all ten attempts in ~3s
    alert = make_alert()
    async with receiver(status=500) as rx, running_api(config) as api, running_dispatcher(config):
        sub = await create_subscription(api, rx.url)
        await publish_alerts(config, [alert])
        records = await consume_until(config, config.topic(DEADLETTER), lambda rs: len(rs) >= 1, timeout=30)

    letter = DeadLetter.model_validate_json(records[0].value)
    assert (letter.stage, letter.reason, letter.topic) == (
        "dispatch",
        "delivery_failed",
        config.topic(ALERTS),
    )
    assert json.loads(letter.original)["alert_id"] == alert.alert_id
    assert len(rx.requests) == 10 and len({r.webhook_id for r in rx.requests}) == 1
    (entry,) = [json.loads(e) for e in await redis_client.lrange(config.webhook_key("deadletters"), 0, -1)]
    assert entry["subscription_id"] == sub["id"] and entry["attempts"] == 10
    assert entry["webhook_id"] == rx.requests[0].webhook_id


async def test_subscription_failing_too_long_is_disabled(settings: Settings) -> None:
    config = webhook_settings(settings, webhook_retry_scale=0.004, webhook_disable_after_seconds=1.0)
    async with receiver(status=503) as rx, running_api(config) as api, running_dispatcher(config):
        sub = await create_subscription(api, rx.url)
        await publish_alerts(config, [make_alert()])

        async def disabled() -> bool:
            return (await api.get(f"/v1/subscriptions/{sub['id']}", headers=AUTH)).json()["active"] is False

        await eventually(disabled, 20, "the failing subscription to be disabled")
        shown = (await api.get(f"/v1/subscriptions/{sub['id']}", headers=AUTH)).json()
        assert "no successful delivery since" in shown["disabled_reason"]
        assert len(rx.requests) == 3  # 0s, +20ms, +1.2s: the third is past the 1s limit


async def test_delivery_time_check_refuses_an_address_the_dispatcher_does_not_allow(
    settings: Settings, redis_client
) -> None:
    api_config = webhook_settings(settings, webhook_allowed_hosts="localhost")  # the API allows it...
    dispatch_config = webhook_settings(settings, webhook_allowed_networks="")  # ...this dispatcher does not
    async with receiver() as rx, running_api(api_config) as api, running_dispatcher(dispatch_config):
        sub = await create_subscription(api, rx.url.replace("127.0.0.1", "localhost"))
        await publish_alerts(dispatch_config, [make_alert()])
        queue = DeliveryQueue(redis_client, dispatch_config)

        async def refused() -> bool:
            pending = await queue.pending(str(sub["id"]))
            return bool(pending) and "refused" in (pending[0].last_error or "")

        await eventually(refused, 20, "the delivery attempt to be refused")
        (pending,) = await queue.pending(str(sub["id"]))
        assert "loopback" in (pending.last_error or "")
        assert rx.requests == []


async def test_unreadable_alert_is_dead_lettered_and_the_next_one_delivered(settings: Settings) -> None:
    from brink.runtime.kafka import make_producer

    config = webhook_settings(settings)
    async with receiver() as rx, running_api(config) as api, running_dispatcher(config):
        await create_subscription(api, rx.url)
        producer = make_producer(config)
        await producer.start()
        try:
            await producer.send_and_wait(config.topic(ALERTS), key=b"IRN-USA", value=b"{not json")
        finally:
            await producer.stop()
        await publish_alerts(config, [make_alert("IRN-USA")])
        await eventually(lambda: len(rx.delivered()) == 1, 20, "the valid alert")
        records = await consume_until(config, config.topic(DEADLETTER), lambda rs: len(rs) >= 1)
    letter = DeadLetter.model_validate_json(records[0].value)
    assert (letter.reason, letter.original, letter.stage) == ("invalid_json", b"{not json", "dispatch")
