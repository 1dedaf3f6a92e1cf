"""Topic names, partition counts and message keys: defined here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from schemas.alert import Alert
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.event import EscalationEvent


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    key: str  # what the message key is, for people and for the producers
    value: type[BaseModel]
    compacted: bool = False
    # How long the broker keeps records (Kafka's retention.ms); None: the broker's default.
    # Compacted topics keep the latest record per key regardless.
    retention_ms: int | None = None

    def broker_configs(self) -> dict[str, str]:
        """Topic-level configs to create this topic with (Kafka names and string values)."""
        configs: dict[str, str] = {}
        if self.compacted:
            configs["cleanup.policy"] = "compact"
        if self.retention_ms is not None:
            configs["retention.ms"] = str(self.retention_ms)
        return configs


_DAY_MS = 24 * 3600 * 1000

# Partitions of the three stream topics, the unit of parallelism of their consumer groups: 6 is
# shared evenly by 1, 2, 3 or 6 worker replicas (with 4, a third replica got 1 partition of 4
# against 2 for another, and a fifth none). Not 12: on the embedded Tansu broker, which answers
# polls partition by partition, 12 cost ~30 ms of median ingest->webhook latency at 10 articles/s
# (docs/BENCHMARKS.md). Raise it to a multiple of the replica counts you run on a real Kafka;
# on an existing topic, with the broker's tools (`kafka-topics --alter`).
STREAM_PARTITIONS = 6

ARTICLES = TopicSpec("brink.articles.v1", STREAM_PARTITIONS, "article_id", Article, retention_ms=7 * _DAY_MS)
# Events are keyed by dyad so one pair's events stay ordered on one partition. Events with
# no dyad (one side has no country) are keyed by article_id instead.
EVENTS = TopicSpec(
    "brink.events.v1",
    STREAM_PARTITIONS,
    "dyad (or article_id when null)",
    EscalationEvent,
    retention_ms=30 * _DAY_MS,
)
ALERTS = TopicSpec("brink.alerts.v1", STREAM_PARTITIONS, "dyad", Alert, retention_ms=90 * _DAY_MS)
DEADLETTER = TopicSpec("brink.deadletter.v1", 1, "source topic name", DeadLetter, retention_ms=30 * _DAY_MS)

ALL_TOPICS: tuple[TopicSpec, ...] = (ARTICLES, EVENTS, ALERTS, DEADLETTER)


def event_key(event: EscalationEvent) -> bytes:
    return (event.dyad or event.article_id).encode()
