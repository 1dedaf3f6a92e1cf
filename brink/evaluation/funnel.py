"""The funnel: at which stage of the coder each missed gold event was lost.

A gold event (root, source country, target country) that the coder does not produce is lost at one of these
stages, read from the pipeline's own debug trace (``Pipeline.trace``, ``ArticleRun.drops``):

- ``not a candidate``: no sentence of the text was parsed (no action word, or no actor named);
- ``no trigger word``: parsed, but no word any pattern needs is there;
- ``trigger, no match``: a pattern's word is there, but no pattern of any root matched the parse;
- ``dropped: <why>``: a pattern of the gold root matched and a stage dropped it (no source, no target,
  history, attributed, ...);
- ``kept, wrong actors``: an event of the gold root was coded, between other countries;
- ``wrong root``: only events (or drops) of other roots.

Run ``python -m brink.evaluation.funnel [--gold-dir DIR] [--split dev] [--files PATTERN]``: one table row
per stage, counts per group of files. Only for tuning on dev (the split named must not be the blind one).
"""

from __future__ import annotations

import argparse
import fnmatch
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from brink.coder.api import Coder
from brink.coder.found import ArticleRun
from brink.coder.parse import parse
from brink.evaluation.gold import GoldSentence, load_gold
from brink.evaluation.runner import gold_article
from brink.evaluation.splits import GOLD_DIR, load_split

Key = tuple[int, str | None, str | None]
STAGES: Final = (
    "not a candidate",
    "no trigger word",
    "trigger, no match",
    "dropped",
    "kept, wrong actors",
    "wrong root",
)


@dataclass(frozen=True, slots=True)
class Lost:
    """One missed gold event and the stage that lost it (``detail``: the drop's reason, the actors coded)."""

    sentence_id: str
    key: Key
    stage: str
    detail: str = ""


def _keys(run: ArticleRun) -> list[Key]:
    return [
        (
            int(f.code[:2]),
            f.source.mention.actor.country,
            f.target.mention.actor.country if f.target is not None else None,
        )
        for f in run.found
    ]


def stage_of(key: Key, run: ArticleRun, has_trigger: bool) -> tuple[str, str]:
    """The stage (and its detail) at which gold event ``key`` was lost in ``run`` (the event is missed);
    ``has_trigger``: does the parse hold a word some pattern needs (read only when nothing matched)."""
    root = key[0]
    coded = _keys(run)
    same_root = [k for k in coded if k[0] == root]
    if same_root:
        return "kept, wrong actors", "; ".join(f"{s}->{t}" for _, s, t in same_root)
    drops = [d for d in run.drops if int(d.code[:2]) == root]
    if drops:
        return "dropped", drops[0].why
    if coded or run.drops:
        roots = {f"{k[0]:02d}" for k in coded} | {d.code[:2] for d in run.drops}
        return "wrong root", ",".join(sorted(roots))
    if not run.candidates:
        return "not a candidate", ""
    return ("trigger, no match", "") if has_trigger else ("no trigger word", "")


def lost_events(coder: Coder, sentences: Sequence[GoldSentence]) -> list[Lost]:
    """Every missed gold event of ``sentences`` and the stage that lost it (the pipeline traced meanwhile)."""
    pipeline = coder.pipeline
    key_lemmas = pipeline.patterns.key_lemmas()
    out: list[Lost] = []
    pipeline.trace = True
    try:
        for sentence in sentences:
            article = gold_article(sentence)
            run = pipeline.run(article.text, article.published_at.date())
            coded = set(_keys(run))
            missed = [e.key for e in sentence.events if e.key not in coded]
            if not missed:
                continue
            has_trigger = False
            if run.candidates and not run.found and not run.drops:
                doc = parse([sentence.sentence], pipeline.nlp)[0]
                has_trigger = any(t.lemma_.lower() in key_lemmas for t in doc)
            for key in missed:
                stage, detail = stage_of(key, run, has_trigger)
                out.append(Lost(sentence.id, key, stage, detail))
    finally:
        pipeline.trace = False
    return out


def table(groups: dict[str, list[Lost]]) -> str:
    """The funnel, one row per stage (drops by reason), one column per group."""
    names = list(groups)
    rows: Counter[tuple[str, str]] = Counter()
    for name, lost in groups.items():
        for x in lost:
            rows[(x.stage + (f": {x.detail}" if x.stage == "dropped" else ""), name)] += 1
    labels = sorted({r for r, _ in rows}, key=lambda r: (STAGES.index(r.split(":")[0]), r))
    width = max([len(r) for r in labels] + [5])
    lines = [f"{'stage':<{width}}  " + "  ".join(f"{n:>12}" for n in names)]
    for label in labels:
        lines.append(f"{label:<{width}}  " + "  ".join(f"{rows[(label, n)]:>12}" for n in names))
    lines.append(f"{'missed events':<{width}}  " + "  ".join(f"{len(groups[n]):>12}" for n in names))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    args.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    args.add_argument("--split", default="dev", choices=["dev"])
    args.add_argument("--files", default="*s14*", help="the files of the first column (the rest: the second)")
    args.add_argument("--list", action="store_true", help="also one line per missed event")
    opts = args.parse_args(argv)
    split = load_split("dev", opts.gold_dir)
    coder = Coder.load()
    lost = lost_events(coder, split.sentences)
    chosen = {
        s.id
        for path in split.sentence_files
        if fnmatch.fnmatch(path.name, opts.files)
        for s in load_gold(path)
    }
    groups = {
        opts.files: [x for x in lost if x.sentence_id in chosen],
        "rest": [x for x in lost if x.sentence_id not in chosen],
    }
    print(table(groups))
    if opts.list:
        for x in lost:
            print(x.sentence_id, x.key, x.stage, x.detail, sep="\t")


if __name__ == "__main__":
    main()
