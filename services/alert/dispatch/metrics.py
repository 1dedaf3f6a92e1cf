"""The dispatcher's Prometheus metrics (names shared with the dashboards; see HELPERS.md).

Each Dispatcher owns a registry, so several can live in one test process.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from brink.runtime.metrics import start_at_zero

# Loopback deliveries take a few ms; real receivers up to the 15 s timeout.
DELIVERY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0, 30.0)
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 3600.0)

OUTCOMES = ("delivered", "failed", "retrying", "dead", "disabled", "silenced")


class DispatchMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.deliveries = Counter(
            "brink_webhook_deliveries_total",
            "Webhook delivery outcomes; each attempt counts once. delivered: 2xx; retrying: failed "
            "(non-2xx, timeout, connection error, refused address), retry scheduled; dead: failed the "
            "last attempt, dead-lettered; disabled: 410 or a delivery of a disabled subscription, "
            "dead-lettered; failed: failed and its outcome could not be recorded here (lease taken over "
            "by another dispatcher, or the attempt crashed), retried after the lease. Not attempts: "
            "silenced, a matching transition muted by a silence.",
            ["outcome"],
            registry=r,
        )
        for outcome in OUTCOMES:
            self.deliveries.labels(outcome)
        self.delivery_seconds = Histogram(
            "brink_webhook_delivery_seconds",
            "Duration of one delivery attempt (HTTP request to response headers).",
            buckets=DELIVERY_BUCKETS,
            registry=r,
        )
        self.queue_depth = Gauge(
            "brink_webhook_retry_queue_depth",
            "Deliveries waiting in the durable queue (due, leased or scheduled for retry).",
            registry=r,
        )
        self.subscriptions_disabled = Gauge(
            "brink_webhook_subscriptions_disabled", "Subscriptions currently disabled.", registry=r
        )
        self.deadletters = Counter(
            "brink_deadletters_total", "Messages a stage gave up on.", ["stage", "reason"], registry=r
        )
        self.lag = Gauge(
            "brink_consumer_lag_messages",
            "Messages behind the end of the topic (sum over assigned partitions).",
            ["service", "topic"],
            registry=r,
        )
        self.pipeline_latency = Histogram(
            "brink_pipeline_latency_seconds",
            "Time from the origin of a record to its emission by a stage. stage=webhook: from the "
            "alert's ingested_at when it carries one, else from the alert's `at` (event time), to the "
            "first successful delivery.",
            ["stage"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.alert_to_delivery = Histogram(
            "brink_webhook_alert_to_delivery_seconds",
            "From the alert message's Kafka timestamp to its successful delivery (dispatcher latency).",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.transitions = Counter(
            "brink_webhook_transitions_total", "Alert transitions read by the dispatcher.", registry=r
        )
        # every series at 0 from the start, so rate()/increase() see the first dead letter/delivery
        start_at_zero(self.deadletters, None, "dispatch")
        self.pipeline_latency.labels("webhook")
