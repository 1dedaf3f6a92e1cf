"""Coder speed: articles per second on one core, memory with every dictionary loaded, start-up time.

    .venv/bin/python -m bench.bench_coder [--seconds 10] [--write docs/BENCHMARKS.md] [--no-pure]

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

It measures the coder ``brink.coder`` runs (compiled by ``make install``, see ``brink/coder/native.py``)
and says which; when that is the compiled one, the same corpora are then measured on the pure-Python
sources in a subprocess (``BRINK_CODER=pure``) for comparison, unless ``--no-pure``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
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
    # passes of about a second (200 articles for the rules engine, ~20 for the parse engine)
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


def render(
    results: list[Result],
    pure: list[Result],
    running: str,
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
        f"Coder: **{running}**. Throughput on one core (process pinned to one CPU, CPU time), best and "
        "median of the passes:",
        "",
        "| coder | corpus | article size | events/article | articles/s (best) | articles/s (median) "
        "| ms/article (best) |",
        "|---|---|---|---|---|---|---|",
    ]
    label = "compiled" if running.startswith("compiled") else "pure Python"
    for name, rows in ((label, results), ("pure Python", pure)):
        for r in rows:
            lines.append(
                f"| {name} | {r.corpus} | {r.kb:.1f} KB | {r.events:.1f} | {r.best:,.0f} | {r.median:,.0f} | "
                f"{1000 / r.best:.2f} |"
            )
    lowest = min(results, key=lambda r: r.best)
    verdict = (
        f"**Against the 1,000 articles/s/core target: met** on every corpus (lowest: {lowest.best:,.0f} "
        f"articles/s on `{lowest.corpus}`)."
        if lowest.best >= 1000
        else f"**Against the 1,000 articles/s/core target: not met** (lowest: {lowest.best:,.0f} articles/s "
        f"on `{lowest.corpus}`, {lowest.best / 1000:.0%} of it)."
    )
    lines += [
        "",
        f"Start-up: `Coder.load()` {load_s:.2f} s (dictionaries, gazetteer and patterns compiled into one "
        f"word-level key table). RSS with everything loaded: {rss_load:.0f} MB after load, "
        f"{rss_after:.0f} MB after the runs.",
        "",
        "Corpora: `seed` is the seed article as is; `samples-5k` is sample articles 2-5 (English, titles "
        "included) concatenated into one ~5 KB article; `mixed` alternates them. See `bench/bench_coder.py`.",
        "",
        verdict + " `make install` compiles the coder's modules with mypyc (docs/adr/0009-compiled-coder.md) "
        "and builds the venv from the distribution's optimised python3.11 where there is one "
        "(deploy/pick-python.sh). These articles are dense: nearly every sentence names actors and an "
        "action and goes through the whole clause analysis.",
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


def _pure_results(seconds: float, cpu: int) -> list[Result]:
    """The same corpora on the pure-Python sources, in a subprocess (the import decides the coder)."""
    env = {**os.environ, "BRINK_CODER": "pure"}
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_coder", "--seconds", str(seconds), "--cpu", str(cpu), "--json"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [Result(**row) for row in json.loads(out.stdout.splitlines()[-1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring time per corpus")
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the last one)")
    parser.add_argument(
        "--write", type=Path, default=None, help="markdown file whose Coder section to replace"
    )
    parser.add_argument("--no-pure", action="store_true", help="do not also measure the pure-Python coder")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON line only")
    parser.add_argument("--batch", type=int, default=1, help="code N copies of a corpus per code_many call")
    parser.add_argument(
        "--engine", choices=["rules", "parse"], default=None, help="coder core (default: BRINK_CODER_ENGINE)"
    )
    args = parser.parse_args()
    where = machine() + " (pinned to one of them)"
    cpus = sorted(os.sched_getaffinity(0))
    cpu = args.cpu if args.cpu is not None else cpus[-1]
    os.sched_setaffinity(0, {cpu})

    from brink.coder import COMPILED, RUNNING, Coder

    say = (lambda *_: None) if args.json else print
    say(f"coder: {RUNNING}")
    rss_before = _rss_mb()
    started = time.perf_counter()
    coder = Coder.load(engine=args.engine)
    load_s = time.perf_counter() - started
    say(f"engine: {'parse' if coder.pipeline is not None else 'rules'}")
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
    pure: list[Result] = []
    if COMPILED and not args.no_pure:
        pure = _pure_results(args.seconds, cpu)
        for r in pure:
            print(f"pure Python {r.corpus:11s} {r.best:8,.0f} articles/s best  {r.median:8,.0f} median")
    command = "python -m bench.bench_coder" + (f" --seconds {args.seconds:g}" if args.seconds != 10.0 else "")
    load_average = f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine)"
    section = render(results, pure, RUNNING, load_s, rss_load, rss_after, command, f"{where}, {load_average}")
    if args.write is not None:
        write_section(args.write, section)
        print(f"wrote the Coder section of {args.write}")


if __name__ == "__main__":
    main()
