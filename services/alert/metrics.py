"""The alert worker's Prometheus metrics (names shared with the dashboards: see HELPERS.md)."""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import get_args

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from brink.alerting import LEVELS
from brink.alerting.scoring import decay
from brink.runtime.metrics import start_at_zero
from schemas.alert import AlertType

TOP_DYADS = 20
_MAX_TRACKED_DYADS = 2000
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# A batch is what arrived while the previous one was processed: 1 under low load, up to
# ALERT_BATCH_MAX_EVENTS (256) when the worker is behind.
BATCH_BUCKETS = (1, 2, 5, 10, 25, 50, 100, 256, 1000)


@dataclass
class _DyadReading:
    index: float
    threat_index: float
    at: float  # unix seconds of the event-time clock the values are "as of"
    thresholds: dict[str, float]  # index value that reaches each level for this dyad (baseline-based)


class _TopDyads(Collector):
    """brink_alert_index / brink_alert_threat_index / brink_alert_threshold for the N dyads with the
    highest index now. The thresholds are the dyad's own (they rise with its baseline), so a panel
    can show how close each pair is to *its* alert line, not just to the default one."""

    def __init__(self, half_life_seconds: float) -> None:
        self.half_life = half_life_seconds
        self.readings: dict[str, _DyadReading] = {}
        # Event time "now" in unix seconds (the worker's event clock); wall time until one is set.
        self.clock: Callable[[], float] = time.time

    def use_clock(self, clock: Callable[[], float]) -> None:
        self.clock = clock

    def update(
        self, dyad: str, index: float, threat_index: float, at: float, thresholds: dict[str, float]
    ) -> None:
        self.readings[dyad] = _DyadReading(index, threat_index, at, thresholds)
        if len(self.readings) > _MAX_TRACKED_DYADS:
            now = self.clock()
            keep = heapq.nlargest(
                _MAX_TRACKED_DYADS // 2, self.readings.items(), key=lambda kv: self._now(kv[1], now)
            )
            self.readings = dict(keep)

    def _now(self, reading: _DyadReading, now: float) -> float:
        return reading.index * decay(now - reading.at, self.half_life)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = self.clock()
        top = heapq.nlargest(TOP_DYADS, self.readings.items(), key=lambda kv: self._now(kv[1], now))
        index = GaugeMetricFamily(
            "brink_alert_index", "Escalation index of the most escalated dyads (top 20).", labels=["dyad"]
        )
        threat = GaugeMetricFamily(
            "brink_alert_threat_index", "Threat-rhetoric sub-index of the same dyads.", labels=["dyad"]
        )
        threshold = GaugeMetricFamily(
            "brink_alert_threshold",
            "Index value at which each level opens for the same dyads (baseline + surge).",
            labels=["dyad", "level"],
        )
        event_time = GaugeMetricFamily(
            "brink_alert_event_time_seconds",
            "Event time the index values are as of: the worker's event clock (latest event's publication "
            "time plus the wall time since; wall time before any event), in unix seconds.",
        )
        event_time.add_metric([], now)
        for dyad, reading in top:
            factor = decay(now - reading.at, self.half_life)
            index.add_metric([dyad], reading.index * factor)
            threat.add_metric([dyad], reading.threat_index * factor)
            for level, value in reading.thresholds.items():
                threshold.add_metric([dyad, level], value)
        yield index
        yield threat
        yield threshold
        yield event_time

    def describe(self) -> Iterator[GaugeMetricFamily]:
        return iter(())


class AlertMetrics:
    def __init__(self, registry: CollectorRegistry, half_life_seconds: float) -> None:
        self.registry = registry
        self.events = Counter(
            "brink_alert_events_total", "Events read by the alert worker.", registry=registry
        )
        self.duplicates = Counter(
            "brink_alert_duplicate_events_total", "Events already counted (ignored).", registry=registry
        )
        self.skipped = Counter(
            "brink_alert_skipped_events_total",
            "Events not counted: no dyad (one side has no country), domestic (ALERT_INCLUDE_DOMESTIC), or "
            "framed as sport, markets, culture, disaster, history or other.",
            registry=registry,
        )
        self.future_events = Counter(
            "brink_alert_future_events_total",
            "Events dated later than wall time + INGEST_MAX_FUTURE_SKEW_SECONDS, counted at that bound.",
            registry=registry,
        )
        self.future_states = Counter(
            "brink_alert_future_states_repaired_total",
            "Stored dyad states whose clock lay later than wall time + INGEST_MAX_FUTURE_SKEW_SECONDS "
            "(written before event time was bounded), moved back to that bound when loaded.",
            registry=registry,
        )
        self.transitions = Counter(
            "brink_alert_transitions_total",
            "Alert transitions published.",
            ["type", "level"],
            registry=registry,
        )
        self.open_alerts = Gauge(
            "brink_alert_open_alerts",
            "Open alerts of this worker's dyads, by level.",
            ["level"],
            registry=registry,
        )
        self.deadletters = Counter(
            "brink_deadletters_total",
            "Messages sent to the dead-letter topic.",
            ["stage", "reason"],
            registry=registry,
        )
        self.lag = Gauge(
            "brink_consumer_lag_messages",
            "Messages behind the end of the assigned partitions.",
            ["service", "topic"],
            registry=registry,
        )
        self.latency = Histogram(
            "brink_pipeline_latency_seconds",
            "Seconds from the article's ingestion to this stage emitting.",
            ["stage"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.batch_events = Histogram(
            "brink_alert_batch_events",
            "Messages per batch the alert worker processed (one state read and write per dyad per batch).",
            buckets=BATCH_BUCKETS,
            registry=registry,
        )
        self.top = _TopDyads(half_life_seconds)
        registry.register(self.top)
        for level in LEVELS:
            self.open_alerts.labels(level=level).set(0)
        start_at_zero(self.deadletters, self.latency, "alert")
        for kind in get_args(AlertType):
            for level in LEVELS:
                self.transitions.labels(type=kind, level=level)

    def set_open(self, levels: dict[str, str]) -> None:
        for level in LEVELS:
            self.open_alerts.labels(level=level).set(sum(1 for v in levels.values() if v == level))
