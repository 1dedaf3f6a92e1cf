"""Construction of the Faust apps used by the stream workers (extract, alert, dispatch).

Values are read as raw bytes: decoding happens in the agent through ``schemas.decode`` so that
anything undecodable can be dead-lettered explicitly (Faust would otherwise log and skip it).
"""

from __future__ import annotations

from typing import Any

import faust
from faust.transport import drivers

from brink.settings import Settings

drivers.TRANSPORTS.aliases["brinkkafka"] = "brink.runtime.faust_transport:Transport"


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
        "broker_session_timeout": settings.kafka_session_timeout_seconds,
        "broker_heartbeat_interval": max(1.0, settings.kafka_session_timeout_seconds / 5),
        "broker_commit_every": 100,
        "broker_commit_interval": 0.5,
    }
    options.update(overrides)
    app = faust.App(f"{settings.topic_prefix}{app_id}", **options)
    app.conf.brink_fetch_max_wait_ms = settings.fetch_max_wait_ms  # read by brink.runtime.faust_transport
    return app
