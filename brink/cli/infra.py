"""``brink infra``: start the embedded broker and Redis (for whichever is not configured) and wait.

``brink infra --create-topics-only`` is the one-shot topic job of the docker-compose stack: it
creates Brink's topics (``schemas/topics.py``: partitions, retention, compaction) on the Kafka
named by ``KAFKA_BOOTSTRAP_SERVERS`` and exits.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import click

from brink.runtime.embedded import infrastructure
from brink.runtime.kafka import ensure_topics
from brink.settings import Settings
from schemas.topics import ALL_TOPICS


@click.command()
@click.option(
    "--create-topics-only",
    is_flag=True,
    help="Create Brink's topics on KAFKA_BOOTSTRAP_SERVERS and exit (starts nothing).",
)
def infra(create_topics_only: bool) -> None:
    """Start embedded Kafka (Tansu) and Redis, create the topics, print their addresses, wait for Ctrl-C."""
    settings = Settings()
    if create_topics_only:
        _create_topics(settings)
        return
    with infrastructure(
        settings.kafka_bootstrap_servers, settings.redis_url, redis_dir=Path(settings.redis_data_dir)
    ) as infra_:
        configured = settings.model_copy(update=infra_.settings_update())
        topics = asyncio.run(ensure_topics(configured))
        for name, value in infra_.env().items():
            click.echo(f"export {name}={value}")
        click.echo(f"# topics: {', '.join(topics)}")
        click.echo("# Ctrl-C to stop", err=True)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})


def _create_topics(settings: Settings) -> None:
    if settings.kafka_bootstrap_servers is None:
        raise click.UsageError(
            "--create-topics-only needs KAFKA_BOOTSTRAP_SERVERS: set it to the cluster to create topics on"
        )
    asyncio.run(ensure_topics(settings))
    for spec in ALL_TOPICS:
        configs = " ".join(f"{k}={v}" for k, v in spec.broker_configs().items())
        click.echo(
            f"{settings.topic(spec)} partitions={spec.partitions} "
            f"replication={settings.kafka_replication_factor} {configs}".rstrip()
        )
