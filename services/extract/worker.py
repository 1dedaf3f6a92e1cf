"""``brink extract``: run one extract worker process (start several: they share the consumer group)."""

from __future__ import annotations

import logging

import click
import faust

from brink.coder import CODER_VERSION, Coder
from brink.logs import setup_logging
from brink.runtime.heap import freeze_long_lived
from brink.runtime.metrics import serve_metrics
from brink.settings import Settings
from services.extract.app import build_extract_app
from services.extract.metrics import ExtractMetrics

log = logging.getLogger(__name__)


def run_worker(settings: Settings, coder: Coder | None = None) -> None:
    """Load the coder, serve /metrics, and run the Faust worker until SIGTERM/SIGINT."""
    setup_logging(settings.log_level, json_lines=settings.log_json, service="extract")
    coder = coder or Coder.load(limits=settings.coder_limits())
    freeze_long_lived()  # the dictionaries live as long as the process: no GC traversal of them
    metrics = ExtractMetrics.create()
    server, _thread = serve_metrics(
        metrics.registry, settings.extract_metrics_host, settings.extract_metrics_port
    )
    extract = build_extract_app(settings, coder, metrics=metrics)
    log.info(
        "extract worker starting",
        extra={
            "consumer_group": extract.app.conf.id,
            "articles_topic": extract.articles_topic,
            "coder_version": CODER_VERSION,
            "metrics": f"http://{settings.extract_metrics_host}:{settings.extract_metrics_port}/metrics",
        },
    )
    worker = faust.Worker(
        extract.app,
        loglevel=settings.log_level,
        override_logging=False,  # keep Brink's JSON log lines
        quiet=True,  # no banner on stdout
    )
    worker.spinner = None  # no terminal spinner escape codes in the log
    try:
        worker.execute_from_commandline()
    finally:
        server.shutdown()
        totals = extract.metrics.totals
        log.info(
            "extract worker stopped",
            extra={key: totals[key] for key in ("coded", "events", "skipped", "dead_lettered")},
        )


@click.command()
def extract() -> None:
    """Run an extract worker: articles in, escalation events out (Faust consumer group brink-extract)."""
    settings = Settings()
    if settings.embedded_kafka:
        raise click.UsageError(
            "KAFKA_BOOTSTRAP_SERVERS is not set: point it at the broker (`brink run` starts everything "
            "with an embedded broker; `brink infra` prints its address)"
        )
    run_worker(settings)
