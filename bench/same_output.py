"""Does a speed change leave the coder's output as it was? `brink code` over a fixed corpus, compared byte
for byte with a reference taken before the change.

    .venv/bin/python -m bench.same_output --record   # once, on the commit before the change
    .venv/bin/python -m bench.same_output            # after each change: exit 1 at the first difference

The corpus (dev data and the samples only, never the blind split): the dev gold articles, every dev gold
sentence as a one-sentence article, the sample articles and the ``bench_coder`` corpora (the seed article
and the concatenated samples). It runs the real command end to end (``brink code`` over JSONL, one
CodedArticle per line) with a fixed ``--published`` for rows without a date, so two runs of an unchanged
coder print the same bytes. The reference lives in ``build/`` (not versioned: it is a function of the
commit it was taken on).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.bench_coder import corpora
from bench.common import REPO_ROOT

DEV = REPO_ROOT / "tests" / "gold" / "dev"
SAMPLES = REPO_ROOT / "samples" / "articles.jsonl"
REFERENCE = REPO_ROOT / "build" / "coder_reference.jsonl"
PUBLISHED = "2026-01-15"  # for rows without a date of their own


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus() -> list[dict[str, Any]]:
    """The articles, as `brink code` reads them (ids given, so the output does not depend on hashing)."""
    out: list[dict[str, Any]] = []
    for r in _rows(DEV / "articles.jsonl"):
        out.append({"article_id": r["id"], "title": r.get("title", ""), "text": r["text"],
                    "published_at": r["date"] + "T12:00:00+00:00", "language": "en"})  # fmt: skip
    for name in ("sentences.jsonl", "sentences_more.jsonl"):
        for r in _rows(DEV / name):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write the reference instead of checking")
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    args = parser.parse_args()
    rows = corpus()
    lines = code(rows)
    if args.record:
        args.reference.parent.mkdir(parents=True, exist_ok=True)
        args.reference.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        events = sum(len(json.loads(line)["events"]) for line in lines)
        print(f"recorded {len(lines)} coded articles ({events} events) in {args.reference}")
        return
    reference = args.reference.read_text(encoding="utf-8").splitlines()
    if len(reference) != len(lines):
        sys.exit(f"DIFFERENT: {len(lines)} coded articles, the reference has {len(reference)}")
    for row, now, then in zip(rows, lines, reference, strict=True):
        if now != then:
            print(f"DIFFERENT: article {row['article_id']}")
            print(f"  reference: {then[:2000]}")
            print(f"  now:       {now[:2000]}")
            sys.exit(1)
    events = sum(len(json.loads(line)["events"]) for line in lines)
    print(f"same output: {len(lines)} coded articles, {events} events, byte-identical to {args.reference}")


if __name__ == "__main__":
    main()
