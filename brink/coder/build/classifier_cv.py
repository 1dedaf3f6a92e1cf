"""What the learned second opinion adds to the parse coder, measured by cross-validation on dev only.

    OMP_NUM_THREADS=1 .venv/bin/python -m brink.coder.build.classifier_cv [--refused] [--json FILE]

Each dev gold sentence is coded by the parse coder whose classifier was trained on the other folds
(the same 5 folds as ``train_classifier``), asked with no threshold; each event the classifier decides
is then kept or dropped by threshold. For each threshold it prints the dev strict micro P/R/F1 of the
whole coder, how many events the classifier adds and their precision (an added event is right when its
(root, source country, target country) is in the gold and no pattern event already had it), and the
traps fooled, and each root's right/added events. First, the classifier alone: per root, how many dev
sentences reach each threshold and how many of those it names rightly. ``--refused`` also asks the
classifier where patterns matched a trigger but filled no event. Dev figures only: the blind split is
never read. A build tool (ADR 0014), not used at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from brink.coder.api import Coder
from brink.coder.classify import SentenceClassifier
from brink.coder.train_classifier import FOLDS, Example, fit, parse_all
from brink.evaluation.gold import GoldSentence
from brink.evaluation.metrics import Key, Predicted, score_gold
from brink.evaluation.runner import gold_article
from brink.evaluation.splits import load_split

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
_P = re.compile(r"^classifier \(p=([0-9.]+)")


class OutOfFold(SentenceClassifier):
    """Answers with the model of the fold the sentence being coded was held out of."""

    def __init__(self) -> None:
        self.model: SentenceClassifier | None = None

    def predict(self, text: str, features: Mapping[str, object] | None = None) -> tuple[int, float]:
        assert self.model is not None
        return self.model.predict(text, features)


@dataclass(frozen=True)
class Coded:
    gold: GoldSentence
    patterns: list[Predicted]
    opinions: list[tuple[Predicted, float]]  # the classifier's events, with its probability


def fold_models(examples: Sequence[Example]) -> list[SentenceClassifier]:
    """Each sentence's out-of-fold model (the same folds as ``train_classifier.cross_validate``)."""
    folds = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    first = [e.roots[0] for e in examples]
    out: list[SentenceClassifier | None] = [None] * len(examples)
    for train, test in folds.split(np.zeros(len(examples)), first, groups=np.arange(len(examples))):
        model = SentenceClassifier(fit([examples[i] for i in train]))
        for i in test:
            out[i] = model
    assert all(m is not None for m in out)
    return [m for m in out if m is not None]


def code_all(
    gold: Sequence[GoldSentence], models: Sequence[SentenceClassifier], refused: bool
) -> list[Coded]:
    coder = Coder.load()
    assert coder.pipeline is not None
    asker = OutOfFold()
    coder.pipeline.classifier = asker
    coder.pipeline.classifier_min_probability = 0.0
    coder.pipeline.classifier_after_refusal = refused
    out: list[Coded] = []
    for sentence, model in zip(gold, models, strict=True):
        asker.model = model
        coded, decided, _ = coder.code_explained(gold_article(sentence))
        patterns, opinions = [], []
        for event in coded.events:
            hit = _P.match(decided.get(event.event_id, ""))
            if hit is None:
                patterns.append(Predicted.from_event(event))
            else:
                opinions.append((Predicted.from_event(event), float(hit.group(1))))
        out.append(Coded(sentence, patterns, opinions))
    return out


def at_threshold(coded: Sequence[Coded], threshold: float) -> dict[str, object]:
    scores = score_gold((c.gold, c.patterns + [p for p, q in c.opinions if q >= threshold]) for c in coded)
    added = right = 0
    by_root: Counter[tuple[int, bool]] = Counter()
    for c in coded:
        gold_keys: set[Key] = {e.key for e in c.gold.events}
        have = {p.key for p in c.patterns}
        for p, q in c.opinions:
            if q < threshold or p.key in have:
                continue
            have.add(p.key)
            added += 1
            ok = p.key in gold_keys
            right += ok
            by_root[(p.root, ok)] += 1
    micro = scores.strict_micro
    roots = sorted({r for r, _ in by_root})
    return {
        "threshold": threshold,
        "strict": {
            k: round(v, 4) for k, v in (("p", micro.precision), ("r", micro.recall), ("f1", micro.f1))
        },
        "root_only_f1": round(scores.root_only_micro.f1, 4),
        "traps_fooled": scores.trap_total.fooled,
        "added": added,
        "added_right": right,
        "added_precision": round(right / added, 3) if added else None,
        "by_root": {r: f"{by_root[(r, True)]}/{by_root[(r, True)] + by_root[(r, False)]}" for r in roots},
    }


def sentence_level(
    examples: Sequence[Example], models: Sequence[SentenceClassifier], threshold: float
) -> dict[str, object]:
    """The classifier alone, out of fold, over every dev sentence: how many reach ``threshold`` with an
    event root, and per root how many of those name one of the sentence's gold roots (its precision)."""
    asked: Counter[int] = Counter()
    right: Counter[int] = Counter()
    for example, model in zip(examples, models, strict=True):
        root, p = model.predict(example.text, {"parse": list(example.parse)})
        if root == 0 or p < threshold:
            continue
        asked[root] += 1
        right[root] += root in example.roots
    total = sum(asked.values())
    return {
        "threshold": threshold,
        "sentences": total,
        "precision": round(sum(right.values()) / total, 3) if total else None,
        "by_root": {r: f"{right[r]}/{asked[r]}" for r in sorted(asked)},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--refused", action="store_true", help="also ask where patterns filled no event")
    parser.add_argument("--json", type=Path, help="write every threshold's figures here")
    args = parser.parse_args(argv)
    gold = load_split("dev").sentences
    parses = parse_all([s.sentence for s in gold])
    examples = [
        Example(s.sentence, p, tuple(sorted({e.root for e in s.events})) or (0,))
        for s, p in zip(gold, parses, strict=True)
    ]
    models = fold_models(examples)
    print("the classifier alone, out of fold (right/sentences reaching the threshold with an event root):")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        row = sentence_level(examples, models, threshold)
        print(f"  p>={threshold}: {row['sentences']} sentences, precision {row['precision']}", row["by_root"])
    coded = code_all(gold, models, args.refused)
    asked = sum(1 for c in coded if c.opinions)
    print(f"{len(gold)} dev sentences; the classifier decided events in {asked} (no threshold)")
    rows = [at_threshold(coded, t) for t in (1.01, *THRESHOLDS)]
    for row in rows:
        print(
            f"p>={row['threshold']:<5} strict P/R/F1 {row['strict']}  root-only F1 {row['root_only_f1']}  "
            f"traps fooled {row['traps_fooled']}  added {row['added']} right {row['added_right']} "
            f"({row['added_precision']})  {row['by_root']}"
        )
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
