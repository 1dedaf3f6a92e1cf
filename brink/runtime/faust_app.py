"""Construction of the Faust apps used by the stream workers (extract, alert, dispatch).

Values are read as raw bytes: decoding happens in the agent through ``schemas.decode`` so that
anything undecodable can be dead-lettered explicitly (Faust would otherwise log and skip it).
"""

from __future__ import annotations

import logging
from typing import Any

import faust
from faust.transport import drivers

from brink.settings import Settings

drivers.TRANSPORTS.aliases["brinkkafka"] = "brink.runtime.faust_transport:Transport"


class _DropKnownNoise(logging.Filter):
    """Faust warns "Missing sensor state for rebalance" on every rebalance when no sensor keeps
    state (our case: metrics come from prometheus-client); the warning means nothing to operators."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Missing sensor state for rebalance" not in str(record.msg)


_NOISE_FILTER = _DropKnownNoise()


def make_faust_app(
    settings: Settings, app_id: str, *, web_port: int | None = None, **overrides: object
) -> faust.App:
    options: dict[str, Any] = {
        "broker": ";".join(f"brinkkafka://{server}" for server in settings.bootstrap.split(",")),
        "value_serializer": "raw",
        "key_serializer": "raw",
        "store": "memory://",
        "topic_allow_declare": True,
        "topic_disable_leader": True,
        "producer_acks": -1,  # all in-sync replicas
        "producer_linger_ms": 0,
        "consumer_auto_offset_reset": "earliest",
        "web_enabled": web_port is not None,
        "web_port": web_port or 6066,
        "web_host": "127.0.0.1",
        "broker_commit_every": 100,
        "broker_commit_interval": 0.5,
        # Faust's defaults (60 s session and rebalance timeouts) leave a killed worker's partitions
        # idle for a minute, and Tansu holds a new group's first join for half the session timeout.
        "broker_session_timeout": settings.kafka_session_timeout_seconds,
        "broker_rebalance_timeout": settings.kafka_session_timeout_seconds,
        "broker_heartbeat_interval": max(settings.kafka_session_timeout_seconds / 10, 0.3),
        "producer_request_timeout": settings.kafka_request_timeout_seconds,
    }
    if settings.single_record_batches:
        options["producer_max_batch_size"] = 1  # one record per batch on Tansu (brink.runtime.kafka)
    options.update(overrides)
    faust_app_logger = logging.getLogger("faust.app.base")
    if _NOISE_FILTER not in faust_app_logger.filters:
        faust_app_logger.addFilter(_NOISE_FILTER)
    app = faust.App(f"{settings.topic_prefix}{app_id}", **options)
    app.conf.brink_fetch_max_wait_ms = settings.fetch_max_wait_ms  # read by brink.runtime.faust_transport
    return app
