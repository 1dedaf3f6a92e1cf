"""Construction of the Faust apps used by the stream workers (extract, alert, dispatch).

Values are read as raw bytes: decoding happens in the agent through ``schemas.decode`` so that
anything undecodable can be dead-lettered explicitly (Faust would otherwise log and skip it).
"""

from __future__ import annotations

from typing import Any

import faust

from brink.settings import Settings


def make_faust_app(
    settings: Settings, app_id: str, *, web_port: int | None = None, **overrides: object
) -> faust.App:
    options: dict[str, Any] = {
        "broker": f"kafka://{settings.bootstrap}",
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
    options.update(overrides)
    return faust.App(f"{settings.topic_prefix}{app_id}", **options)
