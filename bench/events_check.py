"""The parse coder's events on a fixed dev corpus, dumped or compared: a speed change must not change them.

    .venv/bin/python -m bench.events_check --write /tmp/before.json
    .venv/bin/python -m bench.events_check --against /tmp/before.json   # exit 1 on any difference

Corpus (dev and samples only; never the blind split): every dev gold sentence
(tests/gold/dev/sentences.jsonl, sentences_more.jsonl) coded as a one-sentence article, the dev gold
articles (tests/gold/dev/articles.jsonl) and every sample article (samples/articles.jsonl, line 1 is the
seed article). An event is compared as its full JSON (ids, codes, actors, spans, scores).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.common import REPO_ROOT
from schemas.article import Article

DEV = REPO_ROOT / "tests" / "gold" / "dev"
SOURCES = [
    DEV / "sentences.jsonl",
    DEV / "sentences_more.jsonl",
    DEV / "articles.jsonl",
    REPO_ROOT / "samples" / "articles.jsonl",
]


def corpus() -> list[Article]:
    out: list[Article] = []
    for path in SOURCES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("text") or row["sentence"]
            when = row.get("published_at") or row.get("date") or "2024-01-01"
            at = datetime.fromisoformat(str(when).replace("Z", "+00:00"))
            if at.tzinfo is None:
                at = at.replace(tzinfo=UTC)
            out.append(
                Article(
                    article_id=f"{path.stem}-{n}",
                    title=row.get("title", "") if "text" in row else "",
                    text=text,
                    published_at=at,
                    ingested_at=at,
                    language=row.get("language", "en"),
                )
            )
    return out


def events() -> dict[str, list[str]]:
    from brink.coder.api import Coder

    coder = Coder.load()
    return {a.article_id: [e.model_dump_json() for e in coder.code(a).events] for a in corpus()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", type=Path)
    ap.add_argument("--against", type=Path)
    args = ap.parse_args(argv)
    now = events()
    n = sum(len(v) for v in now.values())
    print(f"{len(now)} articles/sentences, {n} events")
    if args.write:
        args.write.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        differ = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
        for k in differ[:20]:
            print(f"DIFFERS {k}: {len(before.get(k, []))} -> {len(now.get(k, []))} events")
        print(f"{len(differ)} of {len(now)} differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
