"""``brink replay FILE.jsonl``: articles (or events) through coder + alert engine, no broker."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

import click

from brink.alerting import AlertConfig, AlertEngine
from brink.alerting.dyad import spread, threat_index, thresholds
from brink.alerting.replay import Record, ReplayInputError, ReplayStats, parse_line, replay
from brink.alerting.summary import dyad_names
from brink.ingestion.normalise import Normaliser
from brink.ingestion.submissions import BOM
from brink.settings import Settings
from schemas.alert import Alert
from schemas.article import Article, ArticleSubmission


def _submission_to_article(settings: Settings) -> Callable[[ArticleSubmission], Article]:
    """What ingest would publish for a submission, ingested at its own publication time."""
    normaliser = Normaliser(max_chars=settings.max_article_chars)

    def to_article(submission: ArticleSubmission) -> Article:
        assert submission.published_at is not None
        return normaliser.normalise(submission, now=submission.published_at).article

    return to_article


def _read(stream: TextIO, strict: bool, settings: Settings) -> list[Record]:
    records: list[Record] = []
    to_article = _submission_to_article(settings)
    for number, raw in enumerate(stream, start=1):
        line = raw.lstrip(BOM)  # a BOM before JSON is noise (files saved on Windows, or joined ones)
        if not line.strip():
            continue
        try:
            records.append(parse_line(line, number, to_article))
        except ReplayInputError as exc:
            if strict:
                raise click.ClickException(f"{exc}; fix the line or drop --strict to skip it") from exc
            click.echo(f"skipped {exc}", err=True)
    return records


def _explain(alert: Alert) -> str:
    head = (
        f"{alert.at:%Y-%m-%d %H:%M}  {alert.type.removeprefix('alert.').upper():8} {alert.dyad:8} "
        f"{alert.level.upper():8} index {alert.index:6.1f}  baseline {alert.baseline:5.1f}  "
        f"threshold {alert.threshold:5.1f}  threat {alert.threat_index:4.1f}  {alert.alert_id}"
    )
    lines = [head, f"    {alert.summary}"]
    if alert.directed:
        lines.append("    directed: " + ", ".join(f"{k} {v:.1f}" for k, v in alert.directed.items()))
    for item in alert.evidence:
        who = f"{item.speaker.name}: " if item.speaker else ""
        quote = f' "{item.quote}"' if item.quote and item.quote not in item.sentence else ""
        lines.append(
            f"    - [{item.cameo} g={item.goldstein:+.1f} threat={item.threat_score:.2f}] {who}"
            f"{item.sentence.strip()[:200]}{quote}"
        )
    return "\n".join(lines)


def _final_table(engine: AlertEngine, at: datetime | None) -> str:
    if at is None or not engine.states:
        return "final index per dyad: (no dyads)"
    rows = ["final index per dyad (at the last record's time):"]
    for dyad, state in sorted(engine.states.items(), key=lambda kv: -engine.index(kv[0], at)):
        first, second = dyad_names(dyad)
        level = state.alert.level.upper() if state.alert else "-"
        watch = thresholds(state, engine.config)["watch"]
        rows.append(
            f"  {dyad:8} {engine.index(dyad, at):6.1f}  "
            f"baseline {state.baseline:5.1f} ± {spread(state):4.1f}  "
            f"watch at {watch:5.1f}  threat {threat_index(state, at, engine.config):4.1f}  "
            f"events {state.events:4}  open {level:8} ({first} – {second})"
        )
    return "\n".join(rows)


@click.command("replay")
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--explain", is_flag=True, help="Readable transitions with evidence, then the final index per dyad."
)
@click.option("--strict", is_flag=True, help="Stop at the first line that is not an Article or event.")
def replay_command(file: Path, explain: bool, strict: bool) -> None:
    """Replay JSONL articles (or EscalationEvents) in publication order through coder + alert engine.

    Lines may be Articles, ArticleSubmissions (normalised as ingest would, e.g. samples/) or
    EscalationEvents.
    Prints each alert transition as one JSON line (an Alert record). Thresholds and weights come
    from the ALERT_* settings, so `ALERT_WATCH_THRESHOLD=6 brink replay corpus.jsonl` backtests a
    different threshold. No broker or Redis is used.
    """
    settings = Settings()
    if str(file) == "-":
        records = _read(sys.stdin, strict, settings)
    else:
        if not file.exists():
            raise click.ClickException(f"{file}: no such file")
        with file.open(encoding="utf-8") as handle:
            records = _read(handle, strict, settings)
    engine = AlertEngine(AlertConfig.from_settings(settings))
    coder = None
    if any(not hasattr(r, "event_id") for r in records):
        from brink.coder import Coder

        coder = Coder.load(limits=settings.coder_limits())
    stats = ReplayStats()
    for alert in replay(records, engine, coder, stats):
        click.echo(_explain(alert) + "\n" if explain else alert.model_dump_json())
    if explain:
        last = max((r.published_at for r in records), default=None)
        click.echo(_final_table(engine, last))
        click.echo(f"{stats.articles} articles, {stats.events} events, {stats.transitions} transitions")
