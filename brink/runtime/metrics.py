"""Metrics every consuming stage exposes (extract, alert, dispatch), with one set of names and buckets.

The names are a contract with the Grafana dashboards (see HELPERS.md): ``brink_deadletters_total``,
``brink_consumer_lag_messages`` and ``brink_pipeline_latency_seconds``. Each process creates one
:class:`StageMetrics` on its own registry and serves it with :func:`serve_metrics`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from threading import Thread
from typing import get_args
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

from schemas.deadletter import DeadLetterReason

# now − article.ingested_at: milliseconds when the pipeline keeps up, minutes when it catches up.
PIPELINE_LATENCY_BUCKETS = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
    60.0,
    300.0,
    1800.0,
)


@dataclass
class StageMetrics:
    """The per-stage metrics shared by every consumer; label it with its ``stage``/``service`` name."""

    stage: str
    deadletters: Counter
    consumer_lag: Gauge
    pipeline_latency: Histogram

    @classmethod
    def create(cls, stage: str, registry: CollectorRegistry) -> StageMetrics:
        metrics = cls(
            stage=stage,
            deadletters=Counter(
                "brink_deadletters_total",
                "Messages a stage could not process and sent to the dead-letter topic.",
                ["stage", "reason"],
                registry=registry,
            ),
            consumer_lag=Gauge(
                "brink_consumer_lag_messages",
                "Messages on the assigned partitions not yet processed by this consumer.",
                ["service", "topic"],
                registry=registry,
            ),
            pipeline_latency=Histogram(
                "brink_pipeline_latency_seconds",
                "Time from an article's ingestion to this stage emitting its result.",
                ["stage"],
                buckets=PIPELINE_LATENCY_BUCKETS,
                registry=registry,
            ),
        )
        start_at_zero(metrics.deadletters, metrics.pipeline_latency, stage)
        return metrics

    def dead_lettered(self, reason: str) -> None:
        self.deadletters.labels(stage=self.stage, reason=reason).inc()

    def emitted(self, ingested_at: datetime, now: datetime | None = None) -> None:
        """Record the pipeline latency of an article whose results this stage just produced."""
        elapsed = ((now or datetime.now(UTC)) - ingested_at).total_seconds()
        self.pipeline_latency.labels(stage=self.stage).observe(max(elapsed, 0.0))

    def lag(self, topic: str, messages: int) -> None:
        self.consumer_lag.labels(service=self.stage, topic=topic).set(messages)


def start_at_zero(deadletters: Counter, pipeline_latency: Histogram | None, stage: str) -> None:
    """Expose ``brink_deadletters_total{stage, reason}`` for every reason of the contract, and the
    stage's latency histogram, at 0 from the start: rate() and increase() cannot see the first
    increment of a series that appears already at 1, so dashboards would miss it."""
    for reason in get_args(DeadLetterReason):
        deadletters.labels(stage=stage, reason=reason)
    if pipeline_latency is not None:
        pipeline_latency.labels(stage=stage)


def serve_metrics(registry: CollectorRegistry, host: str, port: int) -> tuple[WSGIServer, Thread]:
    """Serve ``registry`` on http://host:port/metrics from a daemon thread; ``server.shutdown()`` stops it."""
    try:
        return start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        raise OSError(
            exc.errno,
            f"cannot serve /metrics on {host}:{port} ({exc.strerror}): is another process "
            "using that port? Give each replica its own metrics port.",
        ) from exc
