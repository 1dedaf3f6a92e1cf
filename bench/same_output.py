"""Does a speed change leave the coder's output as it was? `brink code` over a fixed corpus, compared byte
for byte with a reference taken before the change.

    .venv/bin/python -m bench.same_output --record   # once, on the commit before the change
    .venv/bin/python -m bench.same_output            # after each change: exit 1 at the first difference

The corpus (dev data and the samples only, never the blind split): the dev gold articles (every
``articles*.jsonl`` under tests/gold/dev), every dev gold sentence (every other ``*.jsonl`` there) as a
one-sentence article, the sample articles and the ``bench_coder`` corpora (the seed article and the
concatenated samples). It runs the real command end to end (``brink code`` over JSONL, one CodedArticle per
line) with a fixed ``--published`` for rows without a date, so two runs of an unchanged coder print the same
bytes. A second pass codes the same corpus in-process with ``Coder.code_many`` in batches of
``MANY_BATCH`` articles (the extract worker's path: candidate sentences of several articles parsed in one
``nlp.pipe`` call) and compares it with its own reference. The references live in ``build/`` (not
versioned: they are a function of the commit they were taken on).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.bench_coder import corpora
from bench.common import REPO_ROOT

DEV = REPO_ROOT / "tests" / "gold" / "dev"
SAMPLES = REPO_ROOT / "samples" / "articles.jsonl"
REFERENCE = REPO_ROOT / "build" / "coder_reference.jsonl"
MANY_REFERENCE = REPO_ROOT / "build" / "coder_reference_many.jsonl"
MANY_BATCH = 16  # articles per code_many call (several nlp.pipe batches' worth of candidate sentences)
PUBLISHED = "2026-01-15"  # for rows without a date of their own


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus() -> list[dict[str, Any]]:
    """The articles, as `brink code` reads them (ids given, so the output does not depend on hashing)."""
    out: list[dict[str, Any]] = []
    article_files = sorted(DEV.glob("articles*.jsonl"))
    for path in article_files:
        for r in _rows(path):
            out.append({"article_id": r["id"], "title": r.get("title", ""), "text": r["text"],
                        "published_at": r["date"] + "T12:00:00+00:00", "language": "en"})  # fmt: skip
    for path in sorted(set(DEV.glob("*.jsonl")) - set(article_files)):
        for r in _rows(path):
            out.append({"article_id": r["id"], "text": r["sentence"],
                        "published_at": r["date"] + "T12:00:00+00:00", "language": "en"})  # fmt: skip
    for k, r in enumerate(_rows(SAMPLES)):
        out.append(
            {"article_id": f"sample{k + 1}", **{f: r[f] for f in ("title", "text", "published_at") if f in r}}
        )
    for name, articles in corpora().items():
        if name == "mixed":  # (its two articles are the other two corpora)
            continue
        for a in articles:
            out.append(json.loads(a.model_dump_json()))
    return out


def code(rows: list[dict[str, Any]]) -> list[str]:
    """`brink code` over the rows (a subprocess: the command as users run it), its output lines."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    brink = Path(sys.executable).parent / "brink"
    result = subprocess.run(
        [str(brink), "code", "--published", PUBLISHED, handle.name],
        capture_output=True, text=True, check=True, cwd=REPO_ROOT,
    )  # fmt: skip
    Path(handle.name).unlink()
    return result.stdout.splitlines()


def code_many(rows: list[dict[str, Any]]) -> list[str]:
    """The rows coded in-process by ``Coder.code_many``, ``MANY_BATCH`` at a time, one JSON line each (dates
    as ``brink code --published`` would fill them)."""
    from brink.cli.code import read_articles
    from brink.coder import Coder
    from brink.settings import Settings

    published = datetime.fromisoformat(PUBLISHED).replace(tzinfo=UTC)
    articles = read_articles(
        io.StringIO("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)), published
    )
    coder = Coder.load(limits=Settings().coder_limits())  # as `brink code` loads it
    lines: list[str] = []
    for start in range(0, len(articles), MANY_BATCH):
        lines += [c.model_dump_json() for c in coder.code_many(articles[start : start + MANY_BATCH])]
    return lines


def _check(rows: list[dict[str, Any]], lines: list[str], path: Path, record: bool) -> None:
    events = sum(len(json.loads(line)["events"]) for line in lines)
    if record:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"recorded {len(lines)} coded articles ({events} events) in {path}")
        return
    reference = path.read_text(encoding="utf-8").splitlines()
    if len(reference) != len(lines):
        sys.exit(f"DIFFERENT: {len(lines)} coded articles, the reference {path} has {len(reference)}")
    for row, now, then in zip(rows, lines, reference, strict=True):
        if now != then:
            print(f"DIFFERENT from {path}: article {row['article_id']}")
            print(f"  reference: {then[:2000]}")
            print(f"  now:       {now[:2000]}")
            sys.exit(1)
    print(f"same output: {len(lines)} coded articles, {events} events, byte-identical to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write the references instead of checking")
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--many-reference", type=Path, default=MANY_REFERENCE)
    parser.add_argument("--skip-many", action="store_true", help="only the `brink code` pass")
    args = parser.parse_args()
    rows = corpus()
    _check(rows, code(rows), args.reference, args.record)
    if not args.skip_many:
        _check(rows, code_many(rows), args.many_reference, args.record)


if __name__ == "__main__":
    main()
