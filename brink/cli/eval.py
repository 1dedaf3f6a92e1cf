"""``brink eval``: measure the coder on the gold set and the ConfliBERT development data."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import click

from brink.evaluation import conflibert
from brink.evaluation.gold import DEFAULT_GOLD_PATH, REPO_ROOT, GoldSetError, describe, load_gold
from brink.evaluation.report import render_conflibert, render_gold
from brink.evaluation.runner import MAIN_EVENT_POLICIES, evaluate_conflibert, evaluate_gold
from brink.settings import Settings


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


@click.command("eval")
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_GOLD_PATH,
    show_default=True,
    help="Gold set (JSONL).",
)
@click.option(
    "--conflibert-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"ConfliBERT data directory (default: ${conflibert.ENV_VAR}, else ../shared/benchmarks/"
    "conflibert-cameo).",
)
@click.option(
    "--only",
    type=click.Choice(["all", "gold", "conflibert"]),
    default="all",
    show_default=True,
    help="What to run.",
)
@click.option(
    "--main-event",
    type=click.Choice(MAIN_EVENT_POLICIES),
    default="first",
    show_default=True,
    help="Which coded event stands for a ConfliBERT sentence.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the tables.")
@click.option("--stats", is_flag=True, help="Only print the gold set's counts (per root, per trap) and exit.")
def eval_command(
    gold_path: Path, conflibert_dir: Path | None, only: str, main_event: str, as_json: bool, stats: bool
) -> None:
    """Score the coder: per-root P/R/F1 on the gold set; quad macro-F1 and actor overlap on ConfliBERT."""
    from brink.coder import CODER_VERSION, RUNNING, Coder

    if stats:
        try:
            click.echo(describe(load_gold(gold_path)))
        except GoldSetError as exc:
            raise click.ClickException(str(exc)) from exc
        return
    try:
        directory = (
            conflibert.locate(conflibert_dir or Settings().brink_conflibert_dir) if only != "gold" else None
        )
        sentences = load_gold(gold_path) if only != "conflibert" else None
    except (conflibert.ConfliBertDataMissing, GoldSetError) as exc:
        raise click.ClickException(str(exc)) from exc

    started = time.perf_counter()
    coder = Coder.load()
    _progress(f"coder {CODER_VERSION} ({RUNNING}) loaded in {time.perf_counter() - started:.2f}s")
    commit = _commit()
    result: dict[str, object] = {"coder_version": CODER_VERSION, "commit": commit}
    sections: list[str] = [f"Brink coder evaluation — coder {CODER_VERSION}, commit {commit or 'unknown'}"]

    if sentences is not None:
        scores = evaluate_gold(coder, sentences, _progress)
        result["gold"] = {"path": str(gold_path), **scores.as_dict()}
        sections.append(render_gold(scores, str(gold_path)))
    if directory is not None:
        try:
            report = evaluate_conflibert(coder, directory, main_event, _progress)  # type: ignore[arg-type]
        except conflibert.ConfliBertFormatError as exc:
            raise click.ClickException(str(exc)) from exc
        result["conflibert"] = report.as_dict()
        sections.append(render_conflibert(report))

    if as_json:
        json.dump(result, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        click.echo("\n\n".join(sections))
