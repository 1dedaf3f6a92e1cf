"""The ingest service's Prometheus metrics (names shared with the dashboards: see HELPERS.md).

One instance per process, on a registry the composition root owns: no module-level state, so
tests can run several ingest apps in one interpreter and read each one's numbers.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

# Publishing with acks=all to a local broker takes a few milliseconds; a struggling cluster
# seconds; KAFKA_REQUEST_TIMEOUT_SECONDS (10 s) is the ceiling.
PUBLISH_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


# The reasons the API, the feed poller and the CLI give for a rejection (created at 0 at start).
REJECT_REASONS = (
    "unauthorized",
    "body_too_large",
    "unsupported_media_type",
    "validation",
    "empty_text",
    "text_too_long",
    "published_at_too_early",
    "published_at_in_future",
    "invalid_language",
    "batch_rejected",
)


class IngestMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.received = Counter(
            "brink_ingest_articles_received_total",
            "Articles offered to ingest, by the way they came in.",
            ["via"],
            registry=registry,
        )
        self.published = Counter(
            "brink_ingest_articles_published_total",
            "Articles published to the articles topic (broker acknowledged).",
            registry=registry,
        )
        self.duplicates = Counter(
            "brink_ingest_duplicates_total",
            "Articles folded into an earlier copy instead of being published.",
            ["kind"],
            registry=registry,
        )
        self.rejected = Counter(
            "brink_ingest_rejected_total",
            "Articles or requests refused, by reason.",
            ["reason"],
            registry=registry,
        )
        self.publish_seconds = Histogram(
            "brink_ingest_publish_seconds",
            "Time from handing an article to the producer to the broker's acknowledgement.",
            buckets=PUBLISH_BUCKETS,
            registry=registry,
        )
        self.unavailable = Counter(
            "brink_ingest_unavailable_total",
            "Articles not ingested because a dependency was down (the client was told to retry).",
            ["dependency"],
            registry=registry,
        )
        self.feed_polls = Counter(
            "brink_feed_polls_total",
            "Feed polls, by outcome (new: the feed had changed; not_modified: 304; error).",
            ["outcome"],
            registry=registry,
        )
        self.feed_links_refused = Counter(
            "brink_feed_links_refused_total",
            "Linked pages (fetch_links) and feed redirects not followed because the address is not public "
            "and not on the feed's own host.",
            registry=registry,
        )
        for via in ("http", "feed", "cli"):
            self.received.labels(via=via)
        for kind in ("exact", "near"):
            self.duplicates.labels(kind=kind)
        for outcome in ("new", "not_modified", "error"):
            self.feed_polls.labels(outcome=outcome)
        # at 0 from the start: rate()/increase() miss the first increment of a series born at 1
        for reason in REJECT_REASONS:
            self.rejected.labels(reason=reason)
