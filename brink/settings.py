"""Every setting Brink reads, in one place.

Each field is read from the environment variable of the same name in upper case
(``kafka_bootstrap_servers`` ← ``KAFKA_BOOTSTRAP_SERVERS``). Every field appears in the
README's configuration table; ``tests/unit/test_settings_documented.py`` keeps the two in step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas.topics import TopicSpec

if TYPE_CHECKING:
    from brink.coder.guard import Limits


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    # --- Kafka -------------------------------------------------------------------------
    kafka_bootstrap_servers: str | None = Field(
        default=None,
        description="Kafka bootstrap servers (host:port,...). Unset: an embedded Tansu broker is started.",
    )
    kafka_idempotence: bool | None = Field(
        default=None,
        description="Idempotent producer. Unset: on for an external Kafka, off for embedded Tansu "
        "(which rejects InitProducerId).",
    )
    kafka_single_record_batches: bool | None = Field(
        default=None,
        description="Producers send one record per batch. Unset: on for embedded Tansu (a fetch that starts "
        "inside a multi-record batch can skip it, so a restarted consumer would lose records), off for an "
        "external Kafka.",
    )
    kafka_request_timeout_seconds: float = Field(
        default=10.0, description="Producer request / delivery timeout before a publish counts as failed."
    )
    kafka_fetch_max_wait_ms: int | None = Field(
        default=None,
        description="Longest a consumer fetch waits for data. Unset: 500 for an external Kafka, 10 for "
        "embedded Tansu (which does not wake a waiting fetch when data arrives).",
    )
    kafka_session_timeout_seconds: float = Field(
        default=10.0,
        description="Consumer-group session timeout of the stream workers: a killed worker's partitions "
        "move to the others after this long (Tansu also delays a group's first join by half of it).",
    )
    kafka_replication_factor: int = Field(
        default=1,
        ge=1,
        description="Replication factor of the topics Brink creates (3 on a production cluster).",
    )
    topic_prefix: str = Field(
        default="", description="Prefix added to every topic name (tests use it to isolate topics)."
    )

    # --- Redis -------------------------------------------------------------------------
    redis_url: str | None = Field(
        default=None, description="Redis URL. Unset: a private redis-server is started on a free port."
    )
    redis_key_prefix: str = Field(default="brink", description="Prefix of every Redis key Brink writes.")

    # --- Ingest ------------------------------------------------------------------------
    ingest_host: str = Field(default="127.0.0.1", description="Ingest API bind address.")
    ingest_port: int = Field(default=8080, description="Ingest API port.")
    ingest_token: str | None = Field(
        default=None, description="Bearer token required by POST /v1/articles. Unset: no auth."
    )
    ingest_max_body_bytes: int = Field(
        default=5 * 1024 * 1024, description="Largest request body the ingest API accepts (413 above)."
    )
    max_article_chars: int = Field(
        default=200_000, description="Longest article text accepted; longer texts are rejected."
    )
    ingest_max_future_skew_seconds: float = Field(
        default=300.0,
        ge=0,
        description="How far a published_at may lie ahead of the ingest time (clock skew); later ones are "
        "refused (422; dead letter from Kafka). Also the most the alert worker's event clock runs ahead "
        "of its wall clock.",
    )
    dedup_window_seconds: int = Field(
        default=7 * 24 * 3600, description="How long dedup state (exact and near-duplicate) is kept."
    )
    near_duplicate_threshold: float = Field(
        default=0.8, description="Estimated Jaccard similarity above which an article is a near-duplicate."
    )
    ingest_retry_after_seconds: int = Field(
        default=5, description="Retry-After the ingest API sends with 503 when the broker or Redis is down."
    )
    feeds_file: str | None = Field(
        default=None,
        description="YAML file listing RSS/Atom feeds; when set, `brink ingest-api` also polls them.",
    )
    feed_poll_interval_seconds: float = Field(default=300.0, description="Seconds between polls of one feed.")
    feed_max_backoff_seconds: float = Field(
        default=3600.0, description="Upper bound of the per-feed exponential backoff after errors."
    )
    feed_request_timeout_seconds: float = Field(
        default=20.0, description="Timeout of one feed (or linked page) request."
    )
    feed_max_bytes: int = Field(
        default=10 * 1024 * 1024, description="Largest feed or linked page the poller downloads."
    )

    # --- Extract -----------------------------------------------------------------------
    extract_metrics_port: int = Field(default=9101, description="Port of the extract worker's /metrics.")
    extract_metrics_host: str = Field(
        default="127.0.0.1",
        description="Bind address of the extract worker's /metrics (0.0.0.0 in containers).",
    )
    extract_max_message_bytes: int = Field(
        default=1024 * 1024,
        description="Largest article message the extract worker decodes; larger ones are dead-lettered.",
    )
    extract_max_in_flight: int = Field(
        default=32,
        ge=1,
        description="Articles an extract worker may have handed to the producer but not yet acknowledged "
        "(overlaps coding with the broker's acks; offsets still advance in order, after delivery).",
    )
    extract_progress_interval_seconds: float = Field(
        default=30.0,
        description="Seconds between the extract worker's progress log lines and consumer-lag updates.",
    )

    # --- Alert -------------------------------------------------------------------------
    alert_metrics_port: int = Field(default=9102, description="Port of the alert worker's /metrics.")
    alert_metrics_host: str = Field(
        default="127.0.0.1",
        description="Bind address of the alert worker's /metrics (0.0.0.0 in containers).",
    )
    alert_half_life_seconds: float = Field(
        default=3 * 86400.0,
        gt=0,
        description="Half-life of an event's weight in the escalation index (event time); docs/ALERTING.md.",
    )
    alert_baseline_half_life_seconds: float = Field(
        default=30 * 86400.0,
        gt=0,
        description="Half-life of the slow per-dyad baseline (time-weighted EWMA of the index and spread).",
    )
    alert_cooperation_weight: float = Field(
        default=0.5,
        ge=0,
        description="Share of a cooperative event's Goldstein value subtracted from the index.",
    )
    alert_conditional_weight: float = Field(
        default=0.8, ge=0, le=1, description="Weight of conditional events ('if X, we will strike')."
    )
    alert_hypothetical_weight: float = Field(
        default=0.3, ge=0, le=1, description="Weight of hypothetical events ('could', 'might')."
    )
    alert_threat_weight: float = Field(
        default=1.0,
        ge=0,
        description="Extra weight of a hostile event per unit of threat_score x speaker authority.",
    )
    alert_threat_min_score: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="threat_score from which a non-CAMEO-13 event counts as a threat.",
    )
    alert_watch_threshold: float = Field(
        default=8.0, gt=0, description="Index surge over the baseline that opens a WATCH alert."
    )
    alert_warning_threshold: float = Field(
        default=20.0, gt=0, description="Index surge over the baseline that raises an alert to WARNING."
    )
    alert_critical_threshold: float = Field(
        default=40.0, gt=0, description="Index surge over the baseline that raises an alert to CRITICAL."
    )
    alert_baseline_spread_factor: float = Field(
        default=2.0,
        ge=0,
        description="WATCH also needs this many baseline spreads (std) of surge: volatile dyads need more.",
    )
    alert_resolve_ratio: float = Field(
        default=0.5,
        gt=0,
        lt=1,
        description="Hysteresis: an alert eases or resolves only below this share of its level's threshold.",
    )
    alert_min_hold_seconds: float = Field(
        default=12 * 3600.0,
        ge=0,
        description="How long the index must stay below the resolve line before an alert eases or resolves.",
    )
    alert_update_interval_seconds: float = Field(
        default=3600.0,
        ge=0,
        description="Least event time between two 'new evidence' alert.updated messages.",
    )
    alert_evidence_size: int = Field(default=5, ge=1, description="Evidence events carried by each alert.")
    alert_seen_events_per_dyad: int = Field(
        default=1000, ge=1, description="Event ids remembered per dyad so duplicates change nothing."
    )
    alert_include_domestic: bool = Field(
        default=False,
        description="Also track dyads of one country with itself (e.g. IRQ-IRQ: police vs protesters).",
    )
    alert_tick_interval_seconds: float = Field(
        default=30.0, gt=0, description="Wall-clock seconds between the alert worker's decay ticks."
    )
    alert_max_event_bytes: int = Field(
        default=256 * 1024,
        gt=0,
        description="Largest event message the alert worker decodes (dead letter above).",
    )
    alert_batch_max_events: int = Field(
        default=256,
        ge=1,
        description="Most events the alert worker counts per batch (one state read and write per dyad "
        "per batch; a batch is what arrived during the previous one, so 1 under low load).",
    )
    api_host: str = Field(default="127.0.0.1", description="Subscriptions/alerts API bind address.")
    api_port: int = Field(default=8081, description="Subscriptions/alerts API port.")
    admin_token: str | None = Field(
        default=None,
        description="Bearer token of the API's admin scope: everything, including webhook subscriptions. "
        "Unset (and no WRITE_TOKEN): the API refuses changes.",
    )
    read_token: str | None = Field(
        default=None,
        description="Bearer token of the API's read scope: alerts, events, articles, silences (GET only).",
    )
    write_token: str | None = Field(
        default=None,
        description="Bearer token of the API's write scope: read, plus creating and deleting silences.",
    )
    findings_max_events: int = Field(
        default=50_000,
        ge=1,
        description="Events the alert worker keeps in Redis for GET /v1/events (the newest by event time).",
    )
    findings_max_articles: int = Field(
        default=20_000,
        ge=1,
        description="Articles (title, source, url, times; no text) kept in Redis for GET /v1/articles.",
    )

    api_max_body_bytes: int = Field(
        default=64 * 1024, description="Largest request body the subscriptions API accepts (413 above)."
    )
    alerts_recent_max: int = Field(
        default=500, description="How many recent alert transitions GET /v1/alerts keeps (Redis projection)."
    )

    # --- Dispatch ----------------------------------------------------------------------
    dispatch_metrics_port: int = Field(default=9103, description="Port of the dispatcher's /metrics.")
    dispatch_metrics_host: str = Field(
        default="127.0.0.1", description="Bind address of the dispatcher's /metrics, /healthz, /readyz."
    )
    dispatch_max_message_bytes: int = Field(
        default=1024 * 1024, description="Largest alert message the dispatcher decodes (dead-lettered above)."
    )

    # --- Webhooks (subscriptions API and dispatcher) -----------------------------------
    webhook_timeout_seconds: float = Field(
        default=15.0, description="Whole-request timeout of one delivery attempt; a timeout is a failure."
    )
    webhook_retry_scale: float = Field(
        default=1.0,
        description="Multiplier of the retry schedule (5s 5m 30m 2h 5h 10h 14h 20h 24h); < 1 in tests.",
    )
    webhook_retry_jitter: float = Field(
        default=0.1, description="Each retry delay is spread uniformly by ± this fraction."
    )
    webhook_max_retry_after_seconds: float = Field(
        default=86400.0, description="Cap on a receiver's Retry-After (429/502/503/504)."
    )
    webhook_disable_after_seconds: float = Field(
        default=5 * 86400.0,
        description="A subscription failing (no success) for this long is disabled, with disabled_reason.",
    )
    webhook_allowed_hosts: str = Field(
        default="",
        description="Comma-separated host names webhooks may target though they resolve to private ones.",
    )
    webhook_allowed_networks: str = Field(
        default="",
        description="Comma-separated networks webhooks may target though private: a CIDR network "
        "(10.1.0.0/16) allows every port, an address or network with a port (127.0.0.1:8099, "
        "[::1]:8099, 10.1.0.0/16:443) only that port.",
    )
    webhook_lease_seconds: float = Field(
        default=60.0,
        description="Claim lease of a delivery: a crashed dispatcher's deliveries are retried after it.",
    )
    webhook_poll_interval_seconds: float = Field(
        default=1.0, description="Longest wait between looks at the retry queue."
    )
    webhook_max_in_flight: int = Field(
        default=64, description="Concurrent delivery attempts per dispatcher process."
    )
    webhook_max_in_flight_per_endpoint: int = Field(
        default=4, description="Concurrent delivery attempts to one subscription per dispatcher process."
    )
    webhook_secret_bytes: int = Field(
        default=32, ge=24, le=64, description="Random bytes in a new whsec_ signing secret (24-64)."
    )
    webhook_rotation_grace_seconds: float = Field(
        default=86400.0,
        description="After rotate-secret, deliveries are signed with the old secret too for this long.",
    )
    webhook_dedup_seconds: int = Field(
        default=7 * 86400,
        description="How long a delivered webhook-id is remembered so a re-read alert is not re-sent.",
    )
    webhook_deadletter_max: int = Field(
        default=10000, description="Dead-lettered deliveries kept in the Redis list (oldest dropped)."
    )
    webhook_max_subscriptions: int = Field(default=1000, description="Most subscriptions the API accepts.")
    webhook_max_silences: int = Field(default=1000, description="Most active silences the API accepts.")

    # --- Coder -------------------------------------------------------------------------
    brink_coder_max_article_chars: int = Field(
        default=50_000,
        ge=1000,
        description="Characters of an article the parse coder reads (ended at a sentence end); the rest is "
        "not coded (counted in brink_extract_coder_cuts_total and logged). Ingest refuses longer than "
        "MAX_ARTICLE_CHARS; this bounds articles produced straight to the topic and `brink code`.",
    )
    brink_coder_max_sentence_chars: int = Field(
        default=1000,
        ge=100,
        description="Longest sentence the parse coder parses whole; a longer one is split at its last clause "
        "punctuation (; : , dash) before the limit, else at a space (brink/coder/guard.py).",
    )
    brink_coder_max_word_chars: int = Field(
        default=100,
        ge=20,
        description="Longest whitespace-free run the parser sees; a longer one (a URL, markup, junk) reaches "
        "it as spaces: spaCy's tokenizer takes time growing with the square of such a run's length.",
    )
    brink_coder_max_parsed_sentences: int = Field(
        default=200,
        ge=1,
        description="Most candidate sentences the parse coder parses per article; later ones are not coded "
        "(counted in brink_extract_coder_cuts_total and logged).",
    )
    brink_coder_max_events: int = Field(
        default=500,
        ge=1,
        description="Events after which the parse coder codes no further sentence of the article (counted in "
        "brink_extract_coder_cuts_total and logged): a flood bound, a news article gives a few dozen.",
    )

    # --- Evaluation --------------------------------------------------------------------
    brink_conflibert_dir: str | None = Field(
        default=None,
        description="Directory of the ConfliBERT dev data for `brink eval`. Unset: "
        "../shared/benchmarks/conflibert-cameo beside the repository.",
    )

    # --- Demo webhook sink (`brink sink`) ------------------------------------------------
    webhook_sink_port: int = Field(
        default=8099, description="Port of the local webhook receiver `brink sink`."
    )
    webhook_sink_secret: str | None = Field(
        default=None, description="The subscription's whsec_… secret the sink verifies signatures with."
    )

    # --- `brink run`: embedded Redis data and service supervision -------------------------
    redis_data_dir: str = Field(
        default=".brink/redis",
        description="Where the Redis that `brink run` / `brink infra` start (REDIS_URL unset) keeps its "
        "append-only file, so subscriptions, dedup and alert state survive a restart.",
    )
    supervisor_backoff_seconds: float = Field(
        default=1.0,
        ge=0,
        description="`brink run`: wait before restarting a crashed service; doubled per restart in "
        "the window.",
    )
    supervisor_max_backoff_seconds: float = Field(
        default=30.0, ge=0, description="`brink run`: longest wait before restarting a crashed service."
    )
    supervisor_max_restarts: int = Field(
        default=5,
        ge=0,
        description="`brink run`: restarts of one service within SUPERVISOR_RESTART_WINDOW_SECONDS after "
        "which it is given up on (reported; the broker, Redis and the other services keep running).",
    )
    supervisor_restart_window_seconds: float = Field(
        default=300.0, gt=0, description="`brink run`: the window SUPERVISOR_MAX_RESTARTS counts restarts in."
    )

    # --- Logging -----------------------------------------------------------------------
    log_level: str = Field(default="INFO", description="Log level of every process.")
    log_json: bool = Field(
        default=True, description="JSON-lines logs in services (CLI output stays readable)."
    )

    @property
    def embedded_kafka(self) -> bool:
        return self.kafka_bootstrap_servers is None

    @property
    def producer_idempotence(self) -> bool:
        if self.kafka_idempotence is not None:
            return self.kafka_idempotence
        return not self.embedded_kafka

    @property
    def single_record_batches(self) -> bool:
        if self.kafka_single_record_batches is not None:
            return self.kafka_single_record_batches
        return self.embedded_kafka

    @property
    def fetch_max_wait_ms(self) -> int:
        if self.kafka_fetch_max_wait_ms is not None:
            return self.kafka_fetch_max_wait_ms
        return 500 if not self.embedded_kafka else 10

    def coder_limits(self) -> Limits:
        """The parse coder's bounds on one article (brink/coder/guard.py): shells pass them to ``Coder.load``,
        the coder itself reads no settings."""
        from brink.coder.guard import Limits  # the coder's module, imported where a shell asks for it

        return Limits(
            max_article_chars=self.brink_coder_max_article_chars,
            max_sentence_chars=self.brink_coder_max_sentence_chars,
            max_word_chars=self.brink_coder_max_word_chars,
            max_parsed_sentences=self.brink_coder_max_parsed_sentences,
            max_events=self.brink_coder_max_events,
        )

    def topic(self, spec: TopicSpec) -> str:
        """The concrete topic name for a spec, with this deployment's prefix."""
        return f"{self.topic_prefix}{spec.name}"

    def redis_key(self, *parts: str) -> str:
        return ":".join((self.redis_key_prefix, *parts))

    def webhook_key(self, *parts: str) -> str:
        """A webhook/subscription key. The prefix is a Redis Cluster hash tag (``{prefix}``) so every
        key the dispatcher touches in one script lives in one slot."""
        return ":".join((f"{{{self.redis_key_prefix}}}", "wh", *parts))

    @property
    def webhook_allowed_host_list(self) -> list[str]:
        return [h.strip() for h in self.webhook_allowed_hosts.split(",") if h.strip()]

    @property
    def webhook_allowed_network_list(self) -> list[str]:
        return [n.strip() for n in self.webhook_allowed_networks.split(",") if n.strip()]

    @property
    def bootstrap(self) -> str:
        if self.kafka_bootstrap_servers is None:
            raise RuntimeError(
                "KAFKA_BOOTSTRAP_SERVERS is not set; start the embedded broker first "
                "(brink.runtime.embedded.embedded_services) or set it to your cluster."
            )
        return self.kafka_bootstrap_servers
