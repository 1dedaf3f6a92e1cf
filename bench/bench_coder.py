"""Coder speed: articles per second on one core, memory with every dictionary loaded, start-up time.

    .venv/bin/python -m bench.bench_coder [--seconds 10] [--write docs/BENCHMARKS.md]

Corpora (real reporting, nothing synthetic):
- ``seed``: the project's seed article (samples/articles.jsonl line 1, 4.9 KB), coded as is;
- ``samples-5k``: the next English sample articles (lines 2-5, 1.0-1.3 KB each, titles included)
  **concatenated** into one ~5 KB article, so that the per-article figure is for the seed's size;
- ``mixed``: both of the above alternately.
The process is pinned to one CPU; throughput is CPU time based (``time.process_time``), so other
load on the machine does not flatter or penalise it; the best of several passes is reported with the
median. The garbage collector is set up as in the extract worker (what ``Coder.load()`` built is frozen
out of it: ``brink/runtime/heap.py``). RSS is the resident set after ``Coder.load()`` and the runs.
``--write`` replaces the "Coder" section of the given markdown file with the results (command,
machine, date included).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.common import REPO_ROOT, machine
from brink.runtime.heap import freeze_long_lived
from schemas.article import Article

SAMPLES = REPO_ROOT / "samples" / "articles.jsonl"
SECTION = "## Coder"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpora() -> dict[str, list[Article]]:
    rows = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]

    def article(article_id: str, text: str, published: str, title: str = "") -> Article:
        at = datetime.fromisoformat(published.replace("Z", "+00:00"))
        return Article(
            article_id=article_id, title=title, text=text, published_at=at, ingested_at=at, language="en"
        )

    seed = article("seed", rows[0]["text"], rows[0]["published_at"], rows[0]["title"])
    english = [r for r in rows[1:] if not r["text"].startswith("Tensi")]  # line 8 is the Spanish sample
    parts: list[str] = []
    for r in english:  # concatenate until the article is about the seed's size
        parts.append(r["title"] + "\n" + r["text"])
        if sum(len(p) for p in parts) >= 4600:
            break
    samples = article("samples-5k", "\n\n".join(parts), english[len(parts) - 1]["published_at"])
    return {"seed": [seed], "samples-5k": [samples], "mixed": [seed, samples]}


@dataclass
class Result:
    corpus: str
    kb: float
    events: float
    best: float
    median: float


def measure(coder: object, articles: list[Article], seconds: float, batch: int = 1) -> Result:
    """``batch`` > 1: the corpus repeated ``batch`` times, coded by one ``code_many`` call per round (the
    parse engine parses all their candidate sentences in one ``nlp.pipe`` call)."""
    if batch > 1:
        articles = articles * batch
        code_many = coder.code_many  # type: ignore[attr-defined]

        def round_() -> int:
            return sum(len(c.events) for c in code_many(articles))
    else:
        code = coder.code  # type: ignore[attr-defined]

        def round_() -> int:
            return sum(len(code(a).events) for a in articles)

    started = time.process_time()
    round_()  # warm up
    warm = max(time.process_time() - started, 1e-6)
    # passes of about a second (~20 articles)
    per_pass = max(1, min(int(200 / len(articles)), int(1.0 / warm)))
    rates: list[float] = []
    deadline = time.perf_counter() + seconds
    events = round_() / len(articles)
    while time.perf_counter() < deadline or len(rates) < 3:
        gc.collect()
        started = time.process_time()
        for _ in range(per_pass):
            round_()
        spent = time.process_time() - started
        rates.append(per_pass * len(articles) / spent)
    kb = sum(len(a.text.encode("utf-8")) for a in articles) / len(articles) / 1024
    return Result("", kb, events, max(rates), statistics.median(rates))


FLOOR = 40  # articles/s on one core (issue 14, item 9)


def render(
    results: list[Result],
    load_s: float,
    rss_load: float,
    rss_after: float,
    command: str,
    where: str,
) -> str:
    lines = [
        SECTION,
        "",
        f"Command: `{command}` · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {where}",
        "",
        "Coder: the pipeline over spaCy's dependency parse. Throughput on one core (process pinned to one "
        "CPU, CPU time), best and median of the passes:",
        "",
        "| corpus | article size | events/article | articles/s (best) | articles/s (median) "
        "| ms/article (best) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.corpus} | {r.kb:.1f} KB | {r.events:.1f} | {r.best:,.0f} | {r.median:,.0f} | "
            f"{1000 / r.best:.2f} |"
        )
    lowest = min(results, key=lambda r: r.best)
    verdict = (
        f"**Against the {FLOOR} articles/s/core floor: met** on every corpus (lowest: {lowest.best:,.0f} "
        f"articles/s on `{lowest.corpus}`)."
        if lowest.best >= FLOOR
        else f"**Against the {FLOOR} articles/s/core floor: not met** (lowest: {lowest.best:,.0f} articles/s "
        f"on `{lowest.corpus}`, {lowest.best / FLOOR:.0%} of it)."
    )
    lines += [
        "",
        f"Start-up: `Coder.load()` {load_s:.2f} s (dictionaries, spaCy's model, patterns, classifier). "
        f"RSS with everything loaded: {rss_load:.0f} MB after load, {rss_after:.0f} MB after the runs "
        "(floor: < 800 MB).",
        "",
        "Corpora: `seed` is the seed article as is; `samples-5k` is sample articles 2-5 (English, titles "
        "included) concatenated into one ~5 KB article; `mixed` alternates them. See `bench/bench_coder.py`.",
        "",
        verdict + " These articles are dense: most sentences name actors and an action, so most are parsed.",
        "",
    ]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    start = text.find(SECTION + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        nxt = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section.rstrip("\n") + "\n\n" + (text[nxt + 1 :] if nxt >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring time per corpus")
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the last one)")
    parser.add_argument(
        "--write", type=Path, default=None, help="markdown file whose Coder section to replace"
    )
    parser.add_argument("--json", action="store_true", help="print the results as one JSON line only")
    parser.add_argument("--batch", type=int, default=1, help="code N copies of a corpus per code_many call")
    args = parser.parse_args()
    where = machine() + " (pinned to one of them)"
    cpus = sorted(os.sched_getaffinity(0))
    cpu = args.cpu if args.cpu is not None else cpus[-1]
    os.sched_setaffinity(0, {cpu})

    from brink.coder import Coder

    say = (lambda *_: None) if args.json else print
    rss_before = _rss_mb()
    started = time.perf_counter()
    coder = Coder.load()
    load_s = time.perf_counter() - started
    freeze_long_lived()  # as the extract worker does after loading the coder (brink/runtime/heap.py)
    rss_load = _rss_mb()
    results = []
    for name, articles in corpora().items():
        result = measure(coder, articles, args.seconds, args.batch)
        result.corpus = name
        results.append(result)
        say(f"{name:11s} {result.kb:4.1f} KB  {result.events:5.1f} events  "
            f"{result.best:8,.0f} articles/s best  {result.median:8,.0f} median")  # fmt: skip
    if args.json:
        print(json.dumps([r.__dict__ for r in results]))
        return
    rss_after = _rss_mb()
    print(f"load {load_s:.2f} s; RSS {rss_before:.0f} MB before load, ", end="")
    print(f"{rss_load:.0f} MB loaded, {rss_after:.0f} MB after")
    command = "python -m bench.bench_coder" + (f" --seconds {args.seconds:g}" if args.seconds != 10.0 else "")
    load_average = f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine)"
    section = render(results, load_s, rss_load, rss_after, command, f"{where}, {load_average}")
    if args.write is not None:
        write_section(args.write, section)
        print(f"wrote the Coder section of {args.write}")


if __name__ == "__main__":
    main()
