"""The extract worker's Prometheus metrics (names fixed by HELPERS.md; the dashboards read them)."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector

from brink.runtime.metrics import StageMetrics

# Coding a ~5 KB article takes about a millisecond; a 200 KB one tens of milliseconds.
CODING_BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)


@dataclass
class ExtractMetrics:
    registry: CollectorRegistry
    stage: StageMetrics
    articles: Counter
    events: Counter
    coding_seconds: Histogram
    last_processed: Gauge
    skipped: Counter
    assigned_partitions: Gauge
    publish_retries: Counter
    # Totals since start, for the progress log line (Prometheus counters are not meant to be read back).
    totals: Tally[str] = field(default_factory=Tally)

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> ExtractMetrics:
        registry = registry if registry is not None else CollectorRegistry()
        metrics = cls(
            registry=registry,
            stage=StageMetrics.create("extract", registry),
            articles=Counter(
                "brink_extract_articles_total",
                "Articles coded and whose events were produced.",
                registry=registry,
            ),
            events=Counter(
                "brink_extract_events_total",
                "Escalation events produced, by CAMEO root code.",
                ["cameo_root"],
                registry=registry,
            ),
            coding_seconds=Histogram(
                "brink_extract_coding_seconds",
                "Time the coder took for one article.",
                buckets=CODING_BUCKETS,
                registry=registry,
            ),
            last_processed=Gauge(
                "brink_extract_last_processed_timestamp_seconds",
                "Unix time at which the worker last finished a message (coded, skipped or dead-lettered).",
                registry=registry,
            ),
            skipped=Counter(
                "brink_extract_skipped_total",
                "Articles not coded on purpose, by reason (language: not English).",
                ["reason"],
                registry=registry,
            ),
            assigned_partitions=Gauge(
                "brink_extract_assigned_partitions",
                "Partitions of the articles topic assigned to this worker.",
                registry=registry,
            ),
            publish_retries=Counter(
                "brink_extract_publish_retries_total",
                "Produce attempts that failed and were retried (the offset does not advance meanwhile).",
                registry=registry,
            ),
        )
        # every CAMEO root at 0 from the start: rate()/increase() miss the first event of a series
        # born at 1, so the dashboards would not count it
        for root in range(1, 21):
            metrics.events.labels(cameo_root=str(root))
        metrics.skipped.labels(reason="language")
        return metrics

    def watch_coder_cuts(self, totals: Mapping[str, int]) -> None:
        """Export the parse coder's cuts (``Pipeline.cut_totals``, read at each scrape) as
        ``brink_extract_coder_cuts_total{kind}``: what its bounds on one article left out or split."""
        self.registry.register(_CutsCollector(totals))


class _CutsCollector(Collector):
    def __init__(self, totals: Mapping[str, int]) -> None:
        self.totals = totals

    def collect(self) -> Iterator[CounterMetricFamily]:
        family = CounterMetricFamily(
            "brink_extract_coder_cuts",
            "What the parse coder's bounds on one article changed, by kind: unread_chars (characters past "
            "BRINK_CODER_MAX_ARTICLE_CHARS), split_sentences, blanked_words, unparsed_sentences, "
            "uncoded_sentences.",
            labels=["kind"],
        )
        for kind, n in sorted(self.totals.items()):
            family.add_metric([kind], n)
        yield family
