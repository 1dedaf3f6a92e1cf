"""What the learned second opinion adds to the parse coder, cross-validated on dev grouped by outlet.

    OMP_NUM_THREADS=1 python -m brink.coder.build.classifier_cv [--any-verb] [--conflibert] [--json F]

The dev gold sentences are split into 5 folds by outlet: two records share a group when their outlets
name a common publisher, wire agency or syndicator (``brink.evaluation.splits.outlet_names``, the rule
that keeps blind apart from dev), so no outlet is both trained and tested on. Each sentence is coded by
the parse coder whose classifier was trained on the other folds, asked with no threshold on both of its
paths: "nothing" (no pattern matched a sentence whose parse gives two dictionary actors on either side
of its main verb) and "refused" (patterns matched a trigger but filled no event). Each opinion is then
kept or dropped by threshold. Per path and threshold it prints the events the classifier adds and their
precision (an added event is right when its (root, source country, target country) is in the gold and
no pattern event already had it), the recall they add (right added events over all gold events), the
whole coder's strict P/R/F1 and the traps fooled, for three decision rules (``Opinion.decided``: the
shipped one, "unfiltered", "allowed"). First, the classifier alone, out of fold over every dev sentence.
``--any-verb``: the opinion's actors from any verb when the main clause has none (``opinion_actors``);
``--conflibert``: every fold trains also on ConfliBERT's training split (quad labels spread over their
roots; GPL-3.0, outside the repository: measured with, never shipped). Dev figures only: the blind split
is never read. A build tool (ADR 0014), not run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from brink.coder.api import Coder
from brink.coder.classify import SentenceClassifier
from brink.coder.pipeline import Pipeline
from brink.coder import train_classifier
from brink.coder.train_classifier import FOLDS, Example, cross_validate, fit, parse_all
from brink.evaluation.gold import GoldSentence
from brink.evaluation.metrics import Key, Predicted, score_gold
from brink.evaluation.runner import gold_article
from brink.evaluation.splits import load_split

THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
PATHS = ("nothing", "refused")


class Recording(Pipeline):
    """The coder's pipeline asking each sentence's out-of-fold model, with no threshold and no rule: it keeps
    the class probabilities and the roots its patterns refused, and lets the opinion through (its most
    probable event root) so that its actors are coded; ``RULES`` decide afterwards."""

    def __init__(self, base: Pipeline) -> None:
        super().__init__(base.lexicon, base.patterns, base.nlp, limits=base.limits)
        self.model: SentenceClassifier | None = None
        self.classifier = self.model  # (set per sentence: the pipeline asks only when it has one)
        self.heard: list[Heard] = []

    def _choose(
        self, text: str, features: dict[str, object], refused: frozenset[int], path: str
    ) -> tuple[int, float] | None:
        assert self.model is not None
        probabilities = self.model.probabilities(text, features)
        self.heard.append(Heard(text, probabilities, refused, path or "nothing"))
        return max((r for r in probabilities if r), key=probabilities.__getitem__), 1.0


@dataclass(frozen=True)
class Heard:
    sentence: str
    probabilities: dict[int, float]
    refused: frozenset[int]
    path: str  # "nothing" (no pattern matched) or "refused" (patterns matched but filled no event)


@dataclass(frozen=True)
class Opinion:
    heard: Heard
    event: Predicted  # its actors and modality (its root: the most probable event root)

    def decided(self, rule: str) -> tuple[int, float] | None:
        """The root and probability ``rule`` gives: "shipped" (the most probable class, dropped when it is
        no event or its allowance does not fit the path: ``Pipeline._choose``), "unfiltered" (the most
        probable class, whatever its patterns did) or "allowed" (the most probable of "no event" and the
        roots the path allows)."""
        probabilities = self.heard.probabilities
        refused = self.heard.path == "refused"
        if rule == "allowed":
            allowed = [r for r in probabilities if r == 0 or (r in self.heard.refused) == refused]
            root = max(allowed, key=probabilities.__getitem__)
        else:
            root = max(probabilities, key=probabilities.__getitem__)
            if rule == "shipped" and (root in self.heard.refused) != refused:
                return None
        return (root, probabilities[root]) if root else None

    def key(self, root: int) -> Key:
        return (root, self.event.source_country, self.event.target_country)


RULES = ("shipped", "unfiltered", "allowed")


@dataclass(frozen=True)
class Coded:
    gold: GoldSentence
    patterns: list[Predicted]
    opinions: list[Opinion]


def outlet_groups(gold: Sequence[GoldSentence]) -> list[int]:
    """Each sentence's outlet group (``train_classifier.outlet_groups``: a wire agency's copies are one)."""
    return train_classifier.outlet_groups([s.outlet for s in gold])


def folds(examples: Sequence[Example], groups: Sequence[int]) -> list[tuple[list[int], list[int]]]:
    """5 folds grouped by outlet, stratified by each sentence's first root (deterministic)."""
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    first = [e.roots[0] for e in examples]
    return [
        (list(train), list(test))
        for train, test in splitter.split(np.zeros(len(examples)), first, groups=list(groups))
    ]


def fold_models(
    examples: Sequence[Example],
    splits: Sequence[tuple[list[int], list[int]]],
    extra: Sequence[Example] = (),
    temperature: float = 1.0,
) -> list[SentenceClassifier]:
    """Each sentence's out-of-fold model, trained also on ``extra`` (never tested on), calibrated with
    ``temperature`` (the shipped model's, chosen on the same out-of-fold scores: one number)."""
    out: list[SentenceClassifier | None] = [None] * len(examples)
    for train, test in splits:
        model = SentenceClassifier(fit([examples[i] for i in train] + list(extra), temperature=temperature))
        for i in test:
            out[i] = model
    assert all(m is not None for m in out)
    return [m for m in out if m is not None]


def conflibert_examples() -> list[Example]:
    """ConfliBERT's training split (outside the repository, GPL-3.0: measured with, never shipped): each
    sentence spread evenly over the roots of its quad class (it names no root)."""
    from brink.evaluation.cameo import conflibert_class
    from brink.evaluation.conflibert import locate, read_quad

    sentences = read_quad(locate() / "quad_train.tsv")
    roots = {q: tuple(r for r in range(1, 21) if conflibert_class(r) == q) for q in range(5)}
    parses = parse_all([s.text for s in sentences])
    return [Example(s.text, p, roots[s.label]) for s, p in zip(sentences, parses, strict=True)]


def code_all(
    gold: Sequence[GoldSentence], models: Sequence[SentenceClassifier], any_verb: bool = False
) -> list[Coded]:
    coder = Coder.load()
    assert coder.pipeline is not None
    recording = Recording(coder.pipeline)
    recording.classifier_after_refusal = True
    recording.opinion_any_verb = any_verb
    coder = Coder(coder.lexicon, coder.cameo, 0.0, recording)
    out: list[Coded] = []
    for sentence, model in zip(gold, models, strict=True):
        recording.model = recording.classifier = model
        recording.heard = []
        coded, decided, _ = coder.code_explained(gold_article(sentence))
        heard = {h.sentence: h for h in recording.heard}
        patterns: list[Predicted] = []
        opinions: list[Opinion] = []
        for event in coded.events:
            if decided.get(event.event_id, "").startswith("classifier"):
                opinions.append(Opinion(heard[event.sentence], Predicted.from_event(event)))
            else:
                patterns.append(Predicted.from_event(event))
        out.append(Coded(sentence, patterns, opinions))
    return out


def at_threshold(
    coded: Sequence[Coded], threshold: float, paths: Sequence[str], rule: str = "shipped"
) -> dict[str, object]:
    """The coder's figures, the opinions of ``paths`` that ``rule`` gives believed from ``threshold`` on."""

    def kept(c: Coded) -> list[Predicted]:
        out = []
        for o in c.opinions:
            said = o.decided(rule) if o.heard.path in paths else None
            if said is not None and said[1] >= threshold:
                out.append(replace(o.event, root=said[0]))
        return out

    scores = score_gold((c.gold, c.patterns + kept(c)) for c in coded)
    added = right = 0
    by_root: Counter[tuple[int, bool]] = Counter()
    for c in coded:
        gold_keys: set[Key] = {e.key for e in c.gold.events}
        have = {p.key for p in c.patterns}
        for event in kept(c):
            if event.key in have:
                continue
            have.add(event.key)
            added += 1
            ok = event.key in gold_keys
            right += ok
            by_root[(event.root, ok)] += 1
    micro = scores.strict_micro
    gold_events = sum(len(c.gold.events) for c in coded)
    return {
        "rule": rule,
        "paths": list(paths),
        "threshold": threshold,
        "strict": {
            k: round(v, 4) for k, v in (("p", micro.precision), ("r", micro.recall), ("f1", micro.f1))
        },
        "traps_fooled": scores.trap_total.fooled,
        "added": added,
        "added_right": right,
        "added_precision": round(right / added, 3) if added else None,
        "added_recall": round(right / gold_events, 4) if gold_events else None,
        "by_root": {
            r: f"{by_root[(r, True)]}/{by_root[(r, True)] + by_root[(r, False)]}"
            for r in sorted({r for r, _ in by_root})
        },
    }


def sentence_level(
    examples: Sequence[Example], models: Sequence[SentenceClassifier], threshold: float
) -> dict[str, object]:
    """The classifier alone, out of fold, over every dev sentence: how many reach ``threshold`` with an
    event root, and how many of those name one of the sentence's gold roots (its precision)."""
    asked: Counter[int] = Counter()
    right: Counter[int] = Counter()
    hits = 0
    for example, model in zip(examples, models, strict=True):
        root, p = model.predict(example.text, {"parse": list(example.parse)})
        hits += root in example.roots
        if root == 0 or p < threshold:
            continue
        asked[root] += 1
        right[root] += root in example.roots
    total = sum(asked.values())
    return {
        "threshold": threshold,
        "root_accuracy": round(hits / len(examples), 3) if examples else None,
        "sentences": total,
        "precision": round(sum(right.values()) / total, 3) if total else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--any-verb", action="store_true", help="the opinion's actors from any verb, not just the main one"
    )
    parser.add_argument(
        "--conflibert", action="store_true", help="add ConfliBERT's training split to every fold's training"
    )
    parser.add_argument("--json", type=str, help="write every threshold's figures to this file")
    args = parser.parse_args(argv)
    gold = load_split("dev").sentences
    groups = outlet_groups(gold)
    parses = parse_all([s.sentence for s in gold])
    examples = [
        Example(s.sentence, p, tuple(sorted({e.root for e in s.events})) or (0,), s.outlet)
        for s, p in zip(gold, parses, strict=True)
    ]
    splits = folds(examples, groups)
    print(
        f"{len(gold)} dev sentences, {len(set(groups))} outlet groups, fold sizes "
        f"{[len(test) for _, test in splits]}"
    )
    extra = conflibert_examples() if args.conflibert else []
    if extra:
        print(f"every fold also trains on {len(extra)} ConfliBERT training sentences (quad labels)")
    temperature = cross_validate(examples).temperature if not extra else 1.0
    print(f"calibration: temperature {temperature} (out-of-fold log-loss, train_classifier)")
    models = fold_models(examples, splits, extra, temperature)
    print(
        "the classifier alone, out of fold by outlet (sentences reaching the threshold with an event root):"
    )
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        print(f"  p>={threshold}: {sentence_level(examples, models, threshold)}")
    coded = code_all(gold, models, args.any_verb)
    for path in PATHS:
        asked = sum(1 for c in coded if any(o.heard.path == path for o in c.opinions))
        print(f"path {path!r}: the classifier was asked, with actors, in {asked} sentences")
    rows = [at_threshold(coded, 1.01, PATHS)]
    for rule in RULES:
        for paths in (("nothing",), ("refused",), PATHS):
            rows += [at_threshold(coded, t, paths, rule) for t in THRESHOLDS]
    for row in rows:
        print(
            f"{row['rule']} {'+'.join(row['paths'])} p>={row['threshold']:<5} added {row['added']} right "  # type: ignore[arg-type]
            f"{row['added_right']} (P {row['added_precision']}, +R {row['added_recall']})  coder strict "
            f"{row['strict']}  traps fooled {row['traps_fooled']}  {row['by_root']}"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
