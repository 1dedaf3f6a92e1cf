"""Where a coded article's CPU time goes, stage by stage (the bench_coder corpora, one core).

    .venv/bin/python -m bench.coder_stages [--rounds 15]

Each stage of ``Coder.code`` is run on its own and timed with ``time.process_time`` (median over the
rounds, ms per article): the candidate pass (guard, segments, dictionary mentions, candidate test), the
parser texts, the spaCy parse of the candidates, the coding of the parsed sentences (match, roles,
modality, events), and the whole ``code`` call (its excess over the stages: article frames, threat
scores, tone, the contract events). Also the sentences, candidates and words parsed per article.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench.bench_coder import corpora
from brink.coder import parse as parser


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[-1]})

    from brink.coder import Coder
    from brink.runtime.heap import freeze_long_lived

    coder = Coder.load()
    freeze_long_lived()
    pipeline = coder.pipeline
    articles = corpora()["mixed"]
    times: dict[str, list[float]] = {"candidates": [], "parser texts": [], "parse": [], "code": [], "all": []}
    counts: dict[str, list[int]] = {"sentences": [], "candidates": [], "words parsed": []}
    for _ in range(args.rounds):
        for a in articles:
            on = a.published_at.date()
            t0 = time.process_time()
            run, found, read, quotes = pipeline._candidates(a.text, on)
            t1 = time.process_time()
            texts = [
                pipeline._parser_text(run.sentences[k], found.mentions[k], run.cuts) for k in run.candidates
            ]
            t2 = time.process_time()
            docs = parser.parse(texts, pipeline.nlp)
            t3 = time.process_time()
            pipeline._code(read, on, run, found, dict(zip(run.candidates, docs, strict=True)), quotes)
            t4 = time.process_time()
            coder.code(a)
            t5 = time.process_time()
            for name, spent in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
                times[name].append(spent * 1000)
            counts["sentences"].append(len(run.sentences))
            counts["candidates"].append(len(run.candidates))
            counts["words parsed"].append(sum(len(d) for d in docs))
    for name, values in times.items():
        print(f"{name:13s} {statistics.median(values):6.2f} ms/article (median)")
    print(", ".join(f"{name} {statistics.mean(v):.1f}" for name, v in counts.items()), "per article")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
