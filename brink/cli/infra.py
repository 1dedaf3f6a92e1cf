"""``brink infra``: start the embedded broker and Redis (for whichever is not configured) and wait."""

from __future__ import annotations

import asyncio
import signal

import click

from brink.runtime.embedded import infrastructure
from brink.runtime.kafka import ensure_topics
from brink.settings import Settings


@click.command()
def infra() -> None:
    """Start embedded Kafka (Tansu) and Redis, create the topics, print their addresses, wait for Ctrl-C."""
    settings = Settings()
    with infrastructure(settings.kafka_bootstrap_servers, settings.redis_url) as infra_:
        configured = settings.model_copy(update=infra_.settings_update())
        topics = asyncio.run(ensure_topics(configured))
        for name, value in infra_.env().items():
            click.echo(f"export {name}={value}")
        click.echo(f"# topics: {', '.join(topics)}")
        click.echo("# Ctrl-C to stop", err=True)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
