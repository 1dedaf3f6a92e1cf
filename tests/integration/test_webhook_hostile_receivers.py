"""Receivers that misbehave: a redirect, one that never answers, one that answers with a huge body.

The real dispatcher, broker and Redis; the receivers are real HTTP servers on loopback.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry

from brink.settings import Settings
from services.alert.dispatch.queue import DeliveryQueue
from tests.fixtures.alerts import make_alert
from tests.fixtures.webhooks import (
    create_subscription,
    eventually,
    publish_alerts,
    receiver,
    running_api,
    running_dispatcher,
    webhook_settings,
)

ONE_GIB = 1024**3


def sample(registry: CollectorRegistry, name: str, **labels: str) -> float:
    return registry.get_sample_value(name, labels) or 0.0


async def first_error(queue: DeliveryQueue, subscription_id: str) -> str:
    pending = await queue.pending(subscription_id)
    return (pending[0].last_error or "") if pending else ""


async def test_a_redirect_is_not_followed_and_the_error_names_where_it_pointed(
    settings: Settings, redis_client
) -> None:
    config = webhook_settings(settings)
    async with receiver() as elsewhere:
        # Even a target the policy would allow is not followed: a redirect's target was never checked.
        async with (
            receiver(status=307, answer_headers={"Location": elsewhere.url}) as rx,
            running_api(config) as api,
            running_dispatcher(config),
        ):
            sub = await create_subscription(api, rx.url)
            await publish_alerts(config, [make_alert()])
            queue = DeliveryQueue(redis_client, config)

            async def failed() -> bool:
                return "307" in await first_error(queue, str(sub["id"]))

            await eventually(failed, 20, "the redirected attempt to be recorded as failed")
            error = await first_error(queue, str(sub["id"]))
            assert f"redirect to {elsewhere.url} not followed" in error
            assert "update the subscription's URL" in error
            assert len(rx.requests) >= 1
        assert elsewhere.requests == []


async def test_a_receiver_that_never_answers_is_timed_out_and_the_delivery_kept_for_retry(
    settings: Settings, redis_client
) -> None:
    config = webhook_settings(settings, webhook_timeout_seconds=1.0)
    async with (
        receiver(hold=True) as rx,
        running_api(config) as api,
        running_dispatcher(config) as dispatcher,
    ):
        sub = await create_subscription(api, rx.url)
        await publish_alerts(config, [make_alert()])
        queue = DeliveryQueue(redis_client, config)

        async def timed_out() -> bool:
            return "timed out after 1s" in await first_error(queue, str(sub["id"]))

        await eventually(timed_out, 20, "the hanging attempt to time out")
        assert rx.delivered() == []
        rx.release()
        # The delivery is still owed: once the receiver answers in time, a retry delivers it.
        registry = dispatcher.metrics.registry
        delivered = lambda: sample(registry, "brink_webhook_deliveries_total", outcome="delivered") == 1  # noqa: E731
        await eventually(delivered, 20, "the retried delivery")
        assert len(rx.requests) >= 2
        assert len({r.webhook_id for r in rx.requests}) == 1  # every attempt the same webhook id


async def test_a_huge_response_body_is_not_read_and_the_delivery_counts(settings: Settings) -> None:
    config = webhook_settings(settings)
    async with (
        receiver(answer_bytes=ONE_GIB) as rx,
        running_api(config) as api,
        running_dispatcher(config) as dispatcher,
    ):
        await create_subscription(api, rx.url)
        await publish_alerts(config, [make_alert()])
        registry = dispatcher.metrics.registry
        delivered = lambda: sample(registry, "brink_webhook_deliveries_total", outcome="delivered") == 1  # noqa: E731
        # Within the 3 s attempt timeout: reading a gibibyte would have timed out instead.
        await eventually(delivered, 20, "the delivery to be recorded as delivered")
        assert len(rx.requests) == 1
        assert rx.bytes_sent < ONE_GIB
