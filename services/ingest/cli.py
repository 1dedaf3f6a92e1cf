"""``brink ingest FILE.jsonl|DIR``: publish articles from files through the ingest pipeline.

The same code path as the HTTP API (normalise → dedup → publish with acks=all → commit), talking
to Kafka and Redis directly. Progress goes to stderr; the summary to stdout.
Exit status: 0 all handled, 1 some items rejected, 3 stopped because the broker or Redis failed.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
from tqdm import tqdm

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.files import article_files, count_items, read_items
from brink.logs import setup_logging
from brink.settings import Settings
from services.ingest.bootstrap import ingest_runtime
from services.ingest.pipeline import PartiallyIngested

# How many rejected / duplicate items the summary lists one by one.
MAX_LISTED = 50


@dataclass
class Summary:
    published: int = 0
    exact: int = 0
    near: int = 0
    rejected: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    aborted: str | None = None

    def lines(self, verbose: bool) -> list[str]:
        out = [
            f"published {self.published}, duplicates {self.exact + self.near} "
            f"({self.exact} exact, {self.near} near), rejected {len(self.rejected)}"
        ]
        listed = [("rejected", self.rejected)] + ([("duplicate", self.duplicates)] if verbose else [])
        for label, entries in listed:
            out += [f"  {label}: {entry}" for entry in entries[:MAX_LISTED]]
            if len(entries) > MAX_LISTED:
                out.append(f"  … and {len(entries) - MAX_LISTED} more {label}")
        if self.aborted:
            out.append(f"stopped early: {self.aborted}")
        return out


async def ingest_path(settings: Settings, path: Path, progress: bool) -> Summary:
    summary = Summary()
    files = article_files(path)
    async with ingest_runtime(settings) as runtime:
        pipeline, metrics = runtime.pipeline, runtime.metrics
        with tqdm(total=count_items(files), unit="article", file=sys.stderr, disable=not progress) as bar:
            for item in read_items(files):
                bar.update(1)
                metrics.received.labels(via="cli").inc()
                if item.submission is None:
                    summary.rejected.append(f"{item.where}: {item.error}")
                    metrics.rejected.labels(reason="validation").inc()
                    continue
                try:
                    prepared = pipeline.prepare(item.submission)
                except SubmissionRejected as exc:
                    summary.rejected.append(f"{item.where}: {exc}")
                    metrics.rejected.labels(reason=exc.code).inc()
                    continue
                try:
                    (outcome,) = await pipeline.ingest([prepared])
                except PartiallyIngested as exc:
                    summary.aborted = f"{item.where}: {exc}"
                    break
                if outcome.status == "new":
                    summary.published += 1
                    continue
                if outcome.duplicate_kind == "near":
                    summary.near += 1
                else:
                    summary.exact += 1
                summary.duplicates.append(
                    f"{item.where}: {outcome.article_id} is a {outcome.duplicate_kind} copy of "
                    f"{outcome.duplicate_of} ({outcome.copies} copies)"
                )
    return summary


@click.command("ingest")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--verbose", "-v", is_flag=True, help="Also list every duplicate.")
def ingest(path: Path, quiet: bool, verbose: bool) -> None:
    """Publish the articles in PATH: a .jsonl file (Articles or ArticleSubmissions, one per line)
    or a directory of .jsonl, .txt (first line = title) and .html files."""
    settings = Settings()
    if settings.kafka_bootstrap_servers is None or settings.redis_url is None:
        raise click.ClickException(
            "KAFKA_BOOTSTRAP_SERVERS and REDIS_URL must be set for `brink ingest`: run `brink infra` "
            "and export what it prints, or point them at your cluster"
        )
    setup_logging(settings.log_level, json_lines=False)
    summary = asyncio.run(ingest_path(settings, path, progress=not quiet))
    for line in summary.lines(verbose):
        click.echo(line)
    if summary.aborted:
        sys.exit(3)
    if summary.rejected:
        sys.exit(1)
