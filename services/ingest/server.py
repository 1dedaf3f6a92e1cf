"""``brink ingest-api``: the ingest HTTP API as its own process (uvicorn), plus the feed poller
when ``FEEDS_FILE`` is set."""

from __future__ import annotations

import click
import uvicorn

from brink.logs import setup_logging
from brink.settings import Settings


@click.command("ingest-api")
def ingest_api() -> None:
    """Serve the ingest API on INGEST_HOST:INGEST_PORT (and poll FEEDS_FILE if set)."""
    settings = Settings()
    if settings.kafka_bootstrap_servers is None or settings.redis_url is None:
        raise click.ClickException(
            "KAFKA_BOOTSTRAP_SERVERS and REDIS_URL must be set for `brink ingest-api`: use `brink run` "
            "for everything on embedded defaults, or `brink infra` and export what it prints"
        )
    setup_logging(settings.log_level, json_lines=settings.log_json, service="ingest")
    from services.ingest.app import create_app

    config = uvicorn.Config(
        create_app(settings),
        host=settings.ingest_host,
        port=settings.ingest_port,
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    uvicorn.Server(config).run()
