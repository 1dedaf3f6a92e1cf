"""``brink run``: everything on embedded defaults (what ``make run`` calls)."""

from __future__ import annotations

import asyncio
import secrets
import signal
import tempfile
from pathlib import Path

import click

from brink.logs import setup_logging
from brink.runtime.embedded import infrastructure
from brink.runtime.kafka import ensure_topics
from brink.runtime.processes import port_open
from brink.runtime.supervisor import ServiceSpec, Supervisor
from brink.settings import Settings


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
            # Subscriptions API and webhook dispatcher. Without ADMIN_TOKEN the API refuses
            # changes, so a local run gets a random one, printed below.
            admin_token = settings.admin_token or secrets.token_urlsafe(24)
            supervisor.start(
                ServiceSpec(
                    "api",
                    ["api"],
                    ready=lambda: port_open(settings.api_host, settings.api_port),
                    env={"ADMIN_TOKEN": admin_token},
                )
            )
            supervisor.start(
                ServiceSpec(
                    "dispatch",
                    ["dispatch"],
                    ready=lambda: port_open(settings.dispatch_metrics_host, settings.dispatch_metrics_port),
                )
            )
            click.echo(f"subscriptions API http://{settings.api_host}:{settings.api_port}/docs")
            if settings.admin_token is None:
                click.echo(f"ADMIN_TOKEN for this run: {admin_token}")
            click.echo(f"broker {infra_.bootstrap}  redis {infra_.redis_url}  logs {workdir}")
            click.echo("Ctrl-C to stop.")
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
        finally:
            supervisor.stop_all()
