"""``brink eval``: measure the coder on the gold data (dev and blind splits) and the ConfliBERT dev data."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import click

from brink.alerting import AlertConfig
from brink.evaluation import conflibert
from brink.evaluation.articles import GoldArticle, describe_articles
from brink.evaluation.freeze import freeze, verify
from brink.evaluation.gold import GOLD_DIR, REPO_ROOT, describe
from brink.evaluation.report import (
    NO_BLIND,
    gap,
    render_articles,
    render_conflibert,
    render_sentence_threats,
    render_sentences,
)
from brink.evaluation.resplit import resplit_articles
from brink.evaluation.runner import MAIN_EVENT_POLICIES, SplitReport, evaluate_conflibert, evaluate_split
from brink.evaluation.splits import ARTICLES_FILE, SPLITS, GoldSplit, Split, SplitError, load_split, overlap
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


def _write_articles(path: Path, articles: list[GoldArticle]) -> None:
    if not articles and not path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = (
        json.dumps({"id": a.id, **a.model_dump(mode="json", exclude={"id"})}, ensure_ascii=False)
        for a in articles
    )
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _resplit(gold_dir: Path) -> None:
    try:
        dev, blind = load_split("dev", gold_dir), load_split("blind", gold_dir)
    except SplitError as exc:
        raise click.ClickException(str(exc)) from exc
    pool: list[tuple[Split, GoldArticle]] = [("dev", a) for a in dev.articles]
    pool += [("blind", a) for a in blind.articles]
    result = resplit_articles(pool, dev.sentences, blind.sentences)
    _write_articles(gold_dir / "dev" / ARTICLES_FILE, result.dev)
    _write_articles(gold_dir / "blind" / ARTICLES_FILE, result.blind)
    click.echo(f"articles: {len(result.dev)} dev, {len(result.blind)} blind, {len(result.dropped)} dropped")
    for old, new in result.moved:
        click.echo(f"  moved {old} -> {new}")
    for article in result.dropped:
        click.echo(
            f"  dropped {article.id} ({article.outlet}, {article.date}): shares an outlet or week with both"
        )
    click.echo("the blind files changed: run `brink eval --freeze-blind` and log why in BLIND.md")


def _stats(splits: Mapping[Split, GoldSplit]) -> str:
    sections = []
    for name, split in splits.items():
        title = f"== {name} ({', '.join(p.name for p in split.files) or 'no files'}) =="
        if split.empty:
            sections.append(f"{title}\n{NO_BLIND if name == 'blind' else 'no data'}")
            continue
        parts = [title]
        if split.sentences:
            parts.append(describe(split.sentences))
        if split.articles:
            parts.append("\n".join(describe_articles(split.articles)))
        sections.append("\n\n".join(parts))
    if "dev" in splits and "blind" in splits:
        shared = overlap(splits["dev"], splits["blind"])
        sections.append(
            "dev/blind separation: "
            + ("no shared outlet or ISO week" if not shared else "SHARED\n" + "\n".join(shared.lines()))
        )
    return "\n\n".join(sections)


@click.command("eval")
@click.option(
    "--gold-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=GOLD_DIR,
    show_default=True,
    help="Gold directory holding dev/ and blind/ (every *.jsonl in them; articles*.jsonl are articles).",
)
@click.option(
    "--split",
    "which",
    type=click.Choice(["both", *SPLITS]),
    default="both",
    show_default=True,
    help="Which gold split to score. Coder work uses --split dev: nobody tunes on blind.",
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
    type=click.Choice(["all", "gold", "sentences", "articles", "conflibert"]),
    default="all",
    show_default=True,
    help="What to run (gold = sentences and articles).",
)
@click.option(
    "--main-event",
    type=click.Choice(MAIN_EVENT_POLICIES),
    default="first",
    show_default=True,
    help="Which coded event stands for a ConfliBERT sentence.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the tables.")
@click.option(
    "--stats", is_flag=True, help="Only print each split's counts (per root, trap, level, control) and exit."
)
@click.option(
    "--resplit-articles",
    is_flag=True,
    help="Re-place the gold articles in dev or blind so that no blind record shares an outlet or ISO week "
    "with dev (after new sentences arrive); rewrites both article files. Then run --freeze-blind.",
)
@click.option(
    "--freeze-blind",
    is_flag=True,
    help="Record each blind file's sha256 and line count in <gold-dir>/BLIND.md (with today's date); exit.",
)
def eval_command(
    gold_dir: Path,
    which: str,
    conflibert_dir: Path | None,
    only: str,
    main_event: str,
    as_json: bool,
    stats: bool,
    resplit_articles: bool,
    freeze_blind: bool,
) -> None:
    """Score the coder: dev | blind gold sentences (per-root P/R/F1, traps, modality), gold articles
    (level accuracy, threat rhetoric, controls that would move an index) and ConfliBERT (dev)."""
    if freeze_blind:
        manifest, files = freeze(gold_dir, datetime.now(UTC).date())
        click.echo(f"froze {len(files)} blind file(s) in {manifest}")
        for f in files:
            click.echo(f"  {f.path}  {f.sha256}  {f.lines} lines")
        return
    if resplit_articles:
        _resplit(gold_dir)
        return
    names: tuple[Split, ...] = SPLITS if which == "both" else (which,)  # type: ignore[assignment]
    try:
        splits = {name: load_split(name, gold_dir) for name in names}
    except SplitError as exc:
        raise click.ClickException(str(exc)) from exc
    if stats:
        click.echo(_stats(splits))
        return
    from brink.coder import CODER_VERSION, Coder

    kinds = {
        "all": {"sentences", "articles"},
        "gold": {"sentences", "articles"},
        "sentences": {"sentences"},
        "articles": {"articles"},
        "conflibert": set(),
    }[only]
    settings = Settings()
    try:
        directory = (
            conflibert.locate(conflibert_dir or settings.brink_conflibert_dir)
            if only in ("all", "conflibert")
            else None
        )
    except conflibert.ConfliBertDataMissing as exc:
        raise click.ClickException(str(exc)) from exc

    frozen = verify(gold_dir) if "blind" in splits else []
    for problem in frozen:
        _progress(f"warning: blind split not as frozen: {problem}")
    started = time.perf_counter()
    coder = Coder.load(limits=settings.coder_limits())
    _progress(f"coder {CODER_VERSION} loaded in {time.perf_counter() - started:.2f}s")
    commit = _commit()
    result: dict[str, object] = {"coder_version": CODER_VERSION, "commit": commit}
    sections: list[str] = [f"Brink coder evaluation — coder {CODER_VERSION}, commit {commit or 'unknown'}"]

    if kinds:
        config = AlertConfig.from_settings(settings)
        reports: dict[str, SplitReport] = {
            name: evaluate_split(coder, split, config, frozenset(kinds), _progress)
            for name, split in splits.items()
        }
        dev, blind = reports.get("dev"), reports.get("blind")
        blind_empty = blind is None or (blind.sentences is None and blind.articles is None)
        result["splits"] = {name: report.as_dict() for name, report in reports.items()}
        result["dev_is"] = "tuning data: dev figures are training scores, not held out"
        result["blind"] = (
            "not scored (--split dev)" if "blind" not in splits else NO_BLIND if blind_empty else "held out"
        )
        note = "not scored (--split dev)" if "blind" not in splits else f"{NO_BLIND} in tests/gold/blind/"
        note_s, note_a = (
            (note, note)
            if "blind" not in splits
            else (f"{note} (no sentence file)", f"{note} (no article file)")
        )
        result["blind_frozen_problems"] = frozen
        if "sentences" in kinds:
            dev_s = dev.sentences if dev else None
            blind_s = blind.sentences if blind else None
            result["gap_dev_minus_blind"] = gap(dev_s, blind_s) if dev_s is not None else None
            sections.append(render_sentences(dev_s, blind_s, note_s))
        threats = (dev.sentence_threats if dev else None, blind.sentence_threats if blind else None)
        if "articles" in kinds:
            sections.append(
                render_articles(
                    dev.articles if dev else None,
                    blind.articles if blind else None,
                    note_a,
                    threats if "sentences" in kinds else None,
                )
            )
        elif "sentences" in kinds:
            sections.append(render_sentence_threats(*threats))
    if directory is not None:
        try:
            report = evaluate_conflibert(coder, directory, main_event, _progress)  # type: ignore[arg-type]
        except conflibert.ConfliBertFormatError as exc:
            raise click.ClickException(str(exc)) from exc
        result["conflibert"] = {"split": "training (dev, not held out)", **report.as_dict()}
        sections.append(render_conflibert(report))

    if as_json:
        json.dump(result, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        click.echo("\n\n".join(sections))
