"""The webhook dispatcher: alert transitions in, signed webhooks out.

Two loops share one process:

- the **consumer** reads ``brink.alerts.v1`` in a consumer group, records each transition in the
  ``GET /v1/alerts`` projection, matches subscriptions and silences, and puts one delivery per
  matching subscription in the durable Redis queue; only then does it commit the Kafka offsets.
  A plain aiokafka consumer rather than a Faust agent: the one thing that matters here is the
  order "queue in Redis, then commit", and manual commits state it in three lines, while Faust's
  commit of acked offsets happens behind the agent on its own timer and brings a web server,
  tables and a topic-declaration machinery this stage does not use.
- the **scheduler** claims due deliveries from the queue with a lease and sends each as its own
  task, at most ``WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT`` at a time per subscription, so a slow
  receiver only ever holds its own slots. Outcomes: 2xx done; 410 disables the subscription;
  anything else is retried on the schedule (``brink.webhooks.retry``) or dead-lettered after the
  last attempt; a subscription failing for ``WEBHOOK_DISABLE_AFTER_SECONDS`` is disabled.

A dispatcher killed at any point loses nothing: unconsumed alerts are re-read (and re-enqueueing
an already queued or recently delivered webhook-id is a no-op), and leased deliveries come due
again when their lease runs out.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from collections import defaultdict
from datetime import UTC, datetime

import redis.asyncio as aioredis
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError, KafkaError

from brink.runtime.deadletter import build_dead_letter
from brink.runtime.kafka import make_consumer
from brink.settings import Settings
from brink.webhooks.formats import render
from brink.webhooks.identity import transition_id, webhook_id
from brink.webhooks.matching import matches_filters, muting_silences
from brink.webhooks.retry import RetryPolicy, Verdict, classify
from brink.webhooks.signing import delivery_headers
from brink.webhooks.ssrf import AddressPolicy
from schemas.alert import Alert
from schemas.deadletter import DeadLetterReason
from schemas.decode import DecodeError, decode
from schemas.subscription import Silence
from schemas.topics import ALERTS, DEADLETTER
from services.alert.dispatch.metrics import DispatchMetrics
from services.alert.dispatch.queue import Claim, Delivery, DeliveryQueue
from services.alert.dispatch.sender import AttemptResult, WebhookSender
from services.alert.store import (
    AlertProjection,
    SilenceStore,
    SubscriptionStore,
    SubscriptionTarget,
    alert_record,
)

log = logging.getLogger(__name__)

SERVICE = "dispatch"
CONFIG_REFRESH_SECONDS = 0.25


def consumer_group(settings: Settings) -> str:
    return f"{settings.topic_prefix}brink-dispatch"


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


class Dispatcher:
    def __init__(
        self,
        settings: Settings,
        redis: aioredis.Redis,
        producer: AIOKafkaProducer,
        metrics: DispatchMetrics | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if settings.webhook_lease_seconds <= settings.webhook_timeout_seconds:
            raise ValueError(
                f"WEBHOOK_LEASE_SECONDS ({settings.webhook_lease_seconds:g}) must exceed "
                f"WEBHOOK_TIMEOUT_SECONDS ({settings.webhook_timeout_seconds:g}), or a slow attempt "
                "would be claimed twice"
            )
        self.settings = settings
        self.redis = redis
        self.producer = producer
        self.metrics = metrics or DispatchMetrics()
        self.rng = rng or random.Random()
        self.subscriptions = SubscriptionStore(redis, settings)
        self.silences = SilenceStore(redis, settings)
        self.projection = AlertProjection(redis, settings)
        self.queue = DeliveryQueue(redis, settings)
        self.policy = AddressPolicy.from_lists(
            settings.webhook_allowed_host_list, settings.webhook_allowed_network_list
        )
        self.retry = RetryPolicy(
            scale=settings.webhook_retry_scale,
            jitter=settings.webhook_retry_jitter,
            max_retry_after_seconds=settings.webhook_max_retry_after_seconds,
        )
        self.sender = WebhookSender(settings, self.policy)
        self.alerts_topic = settings.topic(ALERTS)
        self.deadletter_topic = settings.topic(DEADLETTER)
        self.consumer: AIOKafkaConsumer | None = None
        self.consuming = False
        self._targets: dict[str, SubscriptionTarget] = {}
        self._silences: list[Silence] = []
        self._version = -1
        self._checked_at = 0.0
        self._in_flight: dict[str, int] = defaultdict(int)
        self._attempts: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()

    # --- configuration -------------------------------------------------------------------

    async def refresh_config(self, force: bool = False, max_age: float = CONFIG_REFRESH_SECONDS) -> None:
        """Reload subscriptions and silences when the API (or a dispatcher) changed them.

        The version check is one GET; the scheduler does it at most every ``max_age`` seconds, the
        consumer before every batch (so a silence or subscription made before an alert applies to it)."""
        now = time.monotonic()
        if not force and now - self._checked_at < max_age:
            return
        self._checked_at = now
        version = await self.subscriptions.version()
        if version == self._version and not force:
            return
        self._targets = await self.subscriptions.targets()
        self._silences = await self.silences.list()
        self._version = version
        self.metrics.subscriptions_disabled.set(
            sum(1 for t in self._targets.values() if not t.subscription.active)
        )

    # --- consuming alerts --------------------------------------------------------------------

    async def handle_record(self, record: ConsumerRecord[bytes, bytes]) -> int:
        """Project one alert message and queue its deliveries; returns how many were new."""
        try:
            alert = decode(record.value, Alert, self.settings.dispatch_max_message_bytes)
        except DecodeError as exc:
            await self._dead_letter_message(record, exc.reason, str(exc))
            return 0
        self.metrics.transitions.inc()
        now = datetime.now(UTC)
        transition = transition_id(alert)
        muted = muting_silences(self._silences, alert, now)
        await self.projection.record(alert_record(transition, alert, muted, now))
        matched = [
            target
            for target in self._targets.values()
            if target.subscription.active and matches_filters(target.subscription.filters, alert)
        ]
        if muted:
            self.metrics.deliveries.labels("silenced").inc(len(matched))
            return 0
        assert record.value is not None  # decode() refused tombstones
        original = record.value.decode()
        enqueued_at = time.time()
        deliveries = [
            Delivery(
                id=webhook_id(transition, target.subscription.id),
                subscription_id=target.subscription.id,
                transition_id=transition,
                alert_id=alert.alert_id,
                alert_type=alert.type,
                dyad=alert.dyad,
                body=render(
                    target.subscription.format, alert, receiver=f"brink/{target.subscription.id}"
                ).decode(),
                original=original,
                source_topic=record.topic,
                source_partition=record.partition,
                source_offset=record.offset,
                produced_at=record.timestamp / 1000 if record.timestamp and record.timestamp > 0 else None,
                alert_at=(alert.ingested_at or alert.at).timestamp(),
                enqueued_at=enqueued_at,
            )
            for target in matched
        ]
        new = await self.queue.enqueue(deliveries, due_at=enqueued_at)
        if new:
            self._wake.set()
        return new

    async def _dead_letter_message(
        self, record: ConsumerRecord[bytes, bytes], reason: DeadLetterReason, error: str
    ) -> None:
        # The shared builder cuts big originals (a 10 MB message would not fit in a dead letter).
        letter = build_dead_letter(
            original=record.value,
            key=record.key,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            stage=SERVICE,
            reason=reason,
            error=error,
        )
        await self.producer.send_and_wait(
            self.deadletter_topic, key=record.topic.encode(), value=letter.model_dump_json().encode()
        )
        self.metrics.deadletters.labels(SERVICE, reason).inc()
        log.warning(
            "dead-lettered an unreadable alert message",
            extra={"reason": reason, "partition": record.partition, "offset": record.offset, "error": error},
        )

    async def consume(self, stop: asyncio.Event) -> None:
        # Manual commits, the deployment's fetch wait and session timeout (brink.runtime.kafka).
        consumer = make_consumer(
            self.settings, self.alerts_topic, group_id=consumer_group(self.settings), max_poll_records=200
        )
        self.consumer = consumer
        await consumer.start()
        self.consuming = True
        log.info("consuming", extra={"topic": self.alerts_topic, "group": consumer_group(self.settings)})
        try:
            while not stop.is_set():
                batch = await consumer.getmany(timeout_ms=200)
                if not batch:
                    continue
                try:
                    await self.refresh_config(max_age=0)
                    for records in batch.values():
                        for record in records:
                            await self.handle_record(record)
                except (aioredis.RedisError, KafkaError, OSError) as exc:
                    # Nothing of this batch is committed: rewind to its first records and read it again
                    # once Redis is back (enqueueing is idempotent). Not seek_to_committed(): it leaves a
                    # partition with no commit yet where it is, which would skip the batch.
                    log.warning("could not queue a batch; retrying it", extra={"error": str(exc)})
                    for tp, records in batch.items():
                        if records:
                            consumer.seek(tp, records[0].offset)
                    await asyncio.sleep(1.0)
                    continue
                try:
                    await consumer.commit()
                except CommitFailedError as exc:
                    # A rebalance moved partitions; their new owner re-reads and enqueueing is idempotent.
                    log.info("commit failed after a rebalance", extra={"error": str(exc)})
        finally:
            self.consuming = False
            await consumer.stop()
            self.consumer = None

    async def update_lag(self) -> None:
        consumer = self.consumer
        if consumer is None:
            return
        total = 0
        for tp in consumer.assignment():
            highwater = consumer.highwater(tp)
            if highwater is None:
                continue
            with contextlib.suppress(KafkaError, AssertionError):
                total += max(0, highwater - await consumer.position(TopicPartition(tp.topic, tp.partition)))
        self.metrics.lag.labels(SERVICE, self.alerts_topic).set(total)

    # --- delivering ---------------------------------------------------------------------------

    def _capacity(self, subscription_id: str) -> int:
        per_endpoint = self.settings.webhook_max_in_flight_per_endpoint - self._in_flight[subscription_id]
        overall = self.settings.webhook_max_in_flight - len(self._attempts)
        return max(0, min(per_endpoint, overall))

    async def schedule(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self._wake.clear()
            try:
                await self.refresh_config()
                now = time.time()
                for subscription_id in await self.queue.due_endpoints(now):
                    capacity = self._capacity(subscription_id)
                    if capacity <= 0:
                        continue  # busy: a finishing attempt wakes us
                    for claim in await self.queue.claim(subscription_id, now, capacity):
                        self._start_attempt(claim)
                next_due = await self.queue.next_due_after(now)
            except aioredis.RedisError as exc:
                log.warning("retry queue unavailable; will look again", extra={"error": str(exc)})
                next_due = None
            wait = self.settings.webhook_poll_interval_seconds
            if next_due is not None:
                wait = min(wait, max(0.0, next_due - time.time()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)

    def _start_attempt(self, claim: Claim) -> None:
        subscription_id = claim.delivery.subscription_id
        self._in_flight[subscription_id] += 1
        task = asyncio.create_task(self.attempt(claim), name=f"deliver {claim.delivery.id}")
        self._attempts.add(task)

        def finished(done: asyncio.Task[None]) -> None:
            self._attempts.discard(done)
            self._in_flight[subscription_id] -= 1
            if self._in_flight[subscription_id] <= 0:
                del self._in_flight[subscription_id]
            if not done.cancelled() and done.exception() is not None:
                log.error(
                    "delivery attempt crashed; it is retried when its lease ends", exc_info=done.exception()
                )
            self._wake.set()

        task.add_done_callback(finished)

    async def attempt(self, claim: Claim) -> None:
        delivery = claim.delivery
        target = self._targets.get(delivery.subscription_id)
        if target is None:
            await self.refresh_config(force=True)
            target = self._targets.get(delivery.subscription_id)
        if target is None:  # deleted while the delivery waited
            await self.queue.complete(claim)
            return
        if not target.subscription.active:
            await self._give_up(
                claim, delivery, f"subscription disabled: {target.subscription.disabled_reason}"
            )
            self.metrics.deliveries.labels("disabled").inc()
            return
        body = delivery.body.encode()
        timestamp = int(time.time())
        headers = delivery_headers(target.secrets, delivery.id, timestamp, body)
        result = await self.sender.send(target.subscription.url, body, headers)
        if result.duration is not None:
            self.metrics.delivery_seconds.observe(result.duration)
        verdict = classify(result.status) if result.status is not None else Verdict.RETRY
        if verdict is Verdict.DELIVERED:
            await self._delivered(claim, delivery)
            return
        now = time.time()
        failed = delivery.model_copy(
            update={"attempts": delivery.attempts + 1, "last_attempt_at": now, "last_error": result.error}
        )
        if verdict is Verdict.GONE:
            await self._disable(target, f"the endpoint answered 410 Gone on {_iso(now)}")
            await self._give_up(claim, failed, "410 Gone: subscription disabled")
            self.metrics.deliveries.labels("disabled").inc()
            return
        await self._failed(claim, target, failed, result, now)

    async def _delivered(self, claim: Claim, delivery: Delivery) -> None:
        await self.queue.complete(claim)
        await self.subscriptions.record_success(delivery.subscription_id)
        now = time.time()
        self.metrics.deliveries.labels("delivered").inc()
        self.metrics.pipeline_latency.labels("webhook").observe(max(0.0, now - delivery.alert_at))
        if delivery.produced_at is not None:
            self.metrics.alert_to_delivery.observe(max(0.0, now - delivery.produced_at))

    async def _failed(
        self, claim: Claim, target: SubscriptionTarget, delivery: Delivery, result: AttemptResult, now: float
    ) -> None:
        since = await self.subscriptions.record_failure(
            delivery.subscription_id, datetime.fromtimestamp(now, UTC)
        )
        if since is not None and now - since.timestamp() >= self.settings.webhook_disable_after_seconds:
            days = (now - since.timestamp()) / 86400
            await self._disable(
                target,
                f"no successful delivery since {since.isoformat(timespec='seconds')} ({days:.1f} days)",
            )
            await self._give_up(claim, delivery, f"subscription disabled after failing; last: {result.error}")
            self.metrics.deliveries.labels("disabled").inc()
            return
        delay = self.retry.next_delay(delivery.attempts, result.retry_after, self.rng)
        if delay is None:
            await self._give_up(claim, delivery, f"{delivery.attempts} attempts failed; last: {result.error}")
            self.metrics.deliveries.labels("dead").inc()
            return
        if await self.queue.reschedule(claim, delivery, now + delay):
            self.metrics.deliveries.labels("retrying").inc()
        else:  # our lease ran out and another dispatcher owns the delivery now
            self.metrics.deliveries.labels("failed").inc()

    async def _disable(self, target: SubscriptionTarget, reason: str) -> None:
        subscription_id = target.subscription.id
        if await self.subscriptions.disable(subscription_id, reason):
            log.warning("subscription disabled", extra={"subscription": subscription_id, "reason": reason})
        await self.refresh_config(force=True)
        # What was waiting for this endpoint will not be sent: dead-letter it now rather than at
        # its (possibly hours away) retry time. Deliveries in flight elsewhere finish on their own.
        for other in await self.queue.claim(subscription_id, time.time(), 10_000, everything=True):
            await self._give_up(other, other.delivery, f"subscription disabled: {reason}")
            self.metrics.deliveries.labels("disabled").inc()

    async def _give_up(self, claim: Claim, delivery: Delivery, error: str) -> None:
        """Dead-letter a delivery (Redis list + brink.deadletter.v1), then drop it from the queue."""
        now = datetime.now(UTC)
        entry = {
            "webhook_id": delivery.id,
            "subscription_id": delivery.subscription_id,
            "transition_id": delivery.transition_id,
            "alert_id": delivery.alert_id,
            "attempts": delivery.attempts,
            "error": error,
            "dead_at": now.isoformat(),
            "alert": json.loads(delivery.original),
        }
        await self.queue.record_dead(json.dumps(entry, separators=(",", ":")))
        letter = build_dead_letter(
            original=delivery.original.encode(),
            key=delivery.dyad.encode(),
            topic=delivery.source_topic,
            partition=delivery.source_partition,
            offset=delivery.source_offset,
            stage=SERVICE,
            reason="delivery_failed",
            error=f"webhook {delivery.id} to subscription {delivery.subscription_id}: {error}",
            now=now,
        )
        await self.producer.send_and_wait(
            self.deadletter_topic, key=delivery.source_topic.encode(), value=letter.model_dump_json().encode()
        )
        await self.queue.complete(claim)
        self.metrics.deadletters.labels(SERVICE, "delivery_failed").inc()
        log.warning(
            "webhook dead-lettered",
            extra={"subscription": delivery.subscription_id, "webhook_id": delivery.id, "error": error},
        )

    # --- running ---------------------------------------------------------------------------------

    async def gauges(self, stop: asyncio.Event, interval: float = 2.0) -> None:
        while not stop.is_set():
            with contextlib.suppress(aioredis.RedisError):
                self.metrics.queue_depth.set(await self.queue.depth())
            await self.update_lag()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)

    async def run(self, stop: asyncio.Event) -> None:
        """Consume and deliver until ``stop`` is set; then let attempts in flight finish."""
        await self.sender.start()
        loops: list[asyncio.Task[None]] = []
        try:
            await self.refresh_config(force=True)
            loops = [
                asyncio.create_task(self.consume(stop), name="consume"),
                asyncio.create_task(self.schedule(stop), name="schedule"),
                asyncio.create_task(self.gauges(stop), name="gauges"),
            ]
            stopped = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait([*loops, stopped], return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            for task in done:
                if task is not stopped and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
        finally:
            stop.set()
            self._wake.set()
            if loops:
                await asyncio.wait(loops, timeout=5)  # let the consumer finish (and commit) its batch
            for task in loops:
                task.cancel()
            await asyncio.gather(*loops, return_exceptions=True)
            if self._attempts:
                await asyncio.wait(set(self._attempts), timeout=self.settings.webhook_timeout_seconds + 1)
            for task in set(self._attempts):
                task.cancel()
            await self.sender.close()
