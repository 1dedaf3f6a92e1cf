"""Every setting Brink reads, in one place.

Each field is read from the environment variable of the same name in upper case
(``kafka_bootstrap_servers`` ← ``KAFKA_BOOTSTRAP_SERVERS``). Every field appears in the
README's configuration table; ``tests/unit/test_settings_documented.py`` keeps the two in step.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas.topics import TopicSpec


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
        description="Consumer-group session timeout: how soon a dead worker's partitions move to another "
        "(Tansu also holds a new group's first join for about this long).",
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
    dedup_window_seconds: int = Field(
        default=7 * 24 * 3600, description="How long dedup state (exact and near-duplicate) is kept."
    )
    near_duplicate_threshold: float = Field(
        default=0.8, description="Estimated Jaccard similarity above which an article is a near-duplicate."
    )
    feeds_file: str | None = Field(default=None, description="YAML/TOML file listing RSS/Atom feeds to poll.")
    feed_poll_interval_seconds: float = Field(default=300.0, description="Seconds between polls of one feed.")
    feed_max_backoff_seconds: float = Field(
        default=3600.0, description="Upper bound of the per-feed exponential backoff after errors."
    )

    # --- Extract -----------------------------------------------------------------------
    extract_metrics_port: int = Field(default=9101, description="Port of the extract worker's /metrics.")

    # --- Alert -------------------------------------------------------------------------
    alert_metrics_port: int = Field(default=9102, description="Port of the alert worker's /metrics.")
    api_host: str = Field(default="127.0.0.1", description="Subscriptions/alerts API bind address.")
    api_port: int = Field(default=8081, description="Subscriptions/alerts API port.")
    admin_token: str | None = Field(
        default=None,
        description="Bearer token for the subscriptions/silences API. Unset: API refuses writes.",
    )

    # --- Dispatch ----------------------------------------------------------------------
    dispatch_metrics_port: int = Field(default=9103, description="Port of the dispatcher's /metrics.")

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
    def fetch_max_wait_ms(self) -> int:
        if self.kafka_fetch_max_wait_ms is not None:
            return self.kafka_fetch_max_wait_ms
        return 500 if not self.embedded_kafka else 10

    def topic(self, spec: TopicSpec) -> str:
        """The concrete topic name for a spec, with this deployment's prefix."""
        return f"{self.topic_prefix}{spec.name}"

    def redis_key(self, *parts: str) -> str:
        return ":".join((self.redis_key_prefix, *parts))

    @property
    def bootstrap(self) -> str:
        if self.kafka_bootstrap_servers is None:
            raise RuntimeError(
                "KAFKA_BOOTSTRAP_SERVERS is not set; start the embedded broker first "
                "(brink.runtime.embedded.embedded_services) or set it to your cluster."
            )
        return self.kafka_bootstrap_servers
