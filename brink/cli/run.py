"""``brink run``: everything on embedded defaults (what ``make run`` calls)."""

from __future__ import annotations

import asyncio
import signal
import tempfile
from functools import partial
from pathlib import Path

import click

from brink.logs import setup_logging
from brink.runtime.embedded import infrastructure
from brink.runtime.kafka import ensure_topics
from brink.runtime.processes import port_open
from brink.runtime.supervisor import ServiceSpec, Supervisor
from brink.settings import Settings

EXTRACT_REPLICAS = 2


def extract_specs(settings: Settings) -> list[ServiceSpec]:
    """Extract workers in one consumer group; replica i serves /metrics on EXTRACT_METRICS_PORT + 10*i."""
    specs = []
    for index in range(EXTRACT_REPLICAS):
        port = settings.extract_metrics_port + 10 * index
        specs.append(
            ServiceSpec(
                name=f"extract-{index + 1}",
                argv=["extract"],
                ready=partial(port_open, settings.extract_metrics_host, port),
                env={"EXTRACT_METRICS_PORT": str(port)},
            )
        )
    return specs


def service_specs(settings: Settings) -> list[ServiceSpec]:
    """Every service `brink run` starts, in start order."""
    return [*extract_specs(settings)]


@click.command()
@click.option(
    "--workdir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where logs and embedded data go (default: a temporary directory).",
)
def run(workdir: Path | None) -> None:
    """Start the embedded broker and Redis and every Brink service; Ctrl-C stops everything."""
    settings = Settings()
    setup_logging(settings.log_level, json_lines=False)
    workdir = workdir or Path(tempfile.mkdtemp(prefix="brink-run-"))
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    with infrastructure(settings.kafka_bootstrap_servers, settings.redis_url, workdir) as infra_:
        configured = settings.model_copy(update=infra_.settings_update())
        asyncio.run(ensure_topics(configured))
        supervisor = Supervisor(workdir, infra_.env())
        try:
            for spec in service_specs(configured):
                supervisor.start(spec)
            click.echo(f"broker {infra_.bootstrap}  redis {infra_.redis_url}  logs {workdir}")
            click.echo("Ctrl-C to stop.")
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
        finally:
            supervisor.stop_all()
