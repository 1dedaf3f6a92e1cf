"""Trains the sentence classifier (``classify.py``) on the dev gold sentences and exports it as JSON.

    .venv/bin/python -m brink.coder.train_classifier            # writes brink/coder/data/classifier.json
    .venv/bin/python -m brink.coder.train_classifier --cv-only  # prints the cross-validated figures only
    OMP_NUM_THREADS=1 …                                         # much faster on a busy machine

Dev data only: every ``tests/gold/dev/sentences*.jsonl`` (``tests/gold/gold_sentences.jsonl`` before the
split) — never the blind split. A sentence is one row per distinct root it was coded with (weights summing
to 1), 0 when it has none. The figures are 5-fold cross-validation grouped by outlet (a wire agency's
copies are one group), on dev (so they are dev figures). The same out-of-fold scores calibrate the
probabilities: one temperature dividing the linear layer's output, chosen to minimise the out-of-fold
log-loss (a single number, so it barely fits the folds it is chosen on). The ConfliBERT training split
(GPL-3.0, outside the repository) is only scored, never trained on. Training is deterministic: the same
data gives the same file. A build tool, not used at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from brink.coder.classify import FORMAT, MODEL_FILE, NO_EVENT, SentenceClassifier, parse_features
from brink.evaluation.cameo import conflibert_class

C: Final = 100.0  # inverse regularisation, chosen by the dev cross-validation (ADR 0014)
NGRAMS: Final = (1, 2)
MIN_DF: Final = 2  # a term must occur in two training sentences (keeps the file small and reviewable)
FOLDS: Final = 5
DIGITS: Final = 5  # coefficients and idf weights are rounded to this many decimals in the JSON
REPO: Final = Path(__file__).resolve().parents[2]
DEV_DIR: Final = REPO / "tests" / "gold" / "dev"
TEMPERATURES: Final = tuple(round(0.25 * i, 2) for i in range(2, 25))  # 0.5 … 6.0, searched in order
THRESHOLDS: Final = (0.5, 0.6, 0.7, 0.8, 0.9)  # the classifier-alone figures the ``about`` block records
LEGACY_DEV_FILE: Final = REPO / "tests" / "gold" / "gold_sentences.jsonl"


@dataclass(frozen=True)
class Example:
    text: str
    parse: tuple[str, ...]
    roots: tuple[int, ...]  # distinct gold roots; (0,) for "no event"
    outlet: str = ""  # the record's outlet (the cross-validation groups by it)


def default_dev_files() -> list[Path]:
    return sorted(DEV_DIR.glob("sentences*.jsonl")) or [LEGACY_DEV_FILE]


def dev_sentences(
    files: Sequence[Path],
) -> tuple[list[tuple[str, tuple[int, ...], str]], list[dict[str, object]]]:
    """(sentence, distinct roots, outlet) of every dev gold sentence, in file order; what each file was."""
    out: list[tuple[str, tuple[int, ...], str]] = []
    sources: list[dict[str, object]] = []
    for file in files:
        if "blind" in file.parts or "blind" in file.name:
            raise ValueError(f"{file}: the classifier never trains on the blind split")
        data = file.read_bytes()
        lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
        for line in lines:
            record = json.loads(line)
            roots = tuple(sorted({int(e["root"]) for e in record["events"]})) or (0,)
            out.append((record["sentence"], roots, str(record.get("outlet", ""))))
        sources.append(
            {"file": file.name, "sentences": len(lines), "sha256": hashlib.sha256(data).hexdigest()}
        )
    return out, sources


def parse_all(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Each text's parse features, from the coder's own parse (``brink.coder.parse``): what it passes."""
    # only the build tool parses; the runtime classifier takes features
    from brink.coder import parse as parser

    parses: list[tuple[str, ...]] = []
    for doc in parser.parse(list(texts)):
        features = parse_features(doc)["parse"]
        assert isinstance(features, list)
        parses.append(tuple(features))
    return parses


def _rows(examples: Sequence[Example]) -> tuple[list[str], list[str], list[int], list[float]]:
    texts, parses, labels, weights = [], [], [], []
    for example in examples:
        for root in example.roots:
            texts.append(example.text)
            parses.append(" ".join(example.parse))
            labels.append(root)
            weights.append(1.0 / len(example.roots))
    return texts, parses, labels, weights


@dataclass(frozen=True)
class Fitted:
    """The fitted scikit-learn parts (what ``export`` writes out)."""

    words: TfidfVectorizer
    parse: TfidfVectorizer
    model: LogisticRegression


def fit_sklearn(examples: Sequence[Example], c: float = C, min_df: int = MIN_DF) -> Fitted:
    texts, parses, labels, weights = _rows(examples)
    words = TfidfVectorizer(ngram_range=NGRAMS, min_df=min_df, sublinear_tf=True, dtype=np.float64)
    parse = TfidfVectorizer(
        token_pattern=r"\S+", lowercase=False, min_df=min_df, sublinear_tf=True, dtype=np.float64
    )
    matrix = hstack([words.fit_transform(texts), parse.fit_transform(parses)]).tocsr()
    model = LogisticRegression(C=c, max_iter=2000).fit(matrix, labels, sample_weight=weights)
    return Fitted(words, parse, model)


def fit(
    examples: Sequence[Example], c: float = C, min_df: int = MIN_DF, temperature: float = 1.0
) -> dict[str, Any]:
    """The model, as the JSON document ``SentenceClassifier`` loads."""
    return export(fit_sklearn(examples, c, min_df), temperature)


def export(fitted: Fitted, temperature: float = 1.0) -> dict[str, Any]:
    words, parse, model = fitted.words, fitted.parse, fitted.model
    return {
        "format": FORMAT,
        "temperature": temperature,
        "classes": [int(c) for c in model.classes_],
        "words": _vocabulary(words, NGRAMS),
        "parse": _vocabulary(parse, (1, 1)),
        "coef": [[round(float(v), DIGITS) for v in row] for row in model.coef_],
        "intercept": [round(float(v), DIGITS) for v in model.intercept_],
    }


def _vocabulary(vectorizer: TfidfVectorizer, ngrams: tuple[int, int]) -> dict[str, Any]:
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    return {
        "ngram_range": list(ngrams),
        "vocabulary": terms,
        "idf": [round(float(v), DIGITS) for v in vectorizer.idf_],
    }


@dataclass(frozen=True)
class CrossValidation:
    sentences: int
    groups: int  # outlet groups (the folds never split one)
    root_accuracy: float  # the predicted root is one of the sentence's gold roots (0: none)
    quad_accuracy: float  # the same at the level of ConfliBERT's quad classes (0–4), "no event" apart
    words_only_root_accuracy: float  # the same model asked without parse features
    temperature: float  # the calibration chosen on the out-of-fold scores
    log_loss_before: float  # out-of-fold log-loss of the gold roots, uncalibrated
    log_loss_after: float  # … at ``temperature``
    # the classifier alone at each threshold (calibrated): sentences it names an event root for from that
    # probability on, the share naming a gold root (precision) and the share of event sentences so named
    at_threshold: dict[str, dict[str, float | int]]


def _quad(root: int) -> int:
    return -1 if root == 0 else conflibert_class(root)


def _quad_hit(example: Example, root: int) -> bool:
    return _quad(root) in {_quad(r) for r in example.roots}


def outlet_groups(outlets: Sequence[str]) -> list[int]:
    """Each record's group: records whose outlets share a name (publisher, agency, syndicator) are
    joined, transitively, so a wire agency's copies never sit on both sides of a fold."""
    from brink.evaluation.splits import outlet_names

    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    names = [sorted(outlet_names(o)) or [o.lower()] for o in outlets]
    for group in names:
        for name in group[1:]:
            parent[root(name)] = root(group[0])
    ids: dict[str, int] = {}
    return [ids.setdefault(root(group[0]), len(ids)) for group in names]


def outlet_folds(examples: Sequence[Example]) -> list[tuple[list[int], list[int]]]:
    """5 folds grouped by outlet, stratified by each sentence's first root (deterministic)."""
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    first = [e.roots[0] for e in examples]
    groups = outlet_groups([e.outlet for e in examples])
    return [
        (list(train), list(test))
        for train, test in splitter.split(np.zeros(len(examples)), first, groups=groups)
    ]


def _log_loss(scores: NDArray[np.float64], gold: Sequence[Sequence[int]], temperature: float) -> float:
    """Mean over sentences of −log of the probability given to the sentence's gold roots together."""
    scaled = scores / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    log_p = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
    total = 0.0
    for row, columns in zip(log_p, gold, strict=True):
        total -= float(np.logaddexp.reduce(row[list(columns)]))
    return total / len(gold)


def calibrate(scores: NDArray[np.float64], gold: Sequence[Sequence[int]]) -> float:
    """The temperature (from ``TEMPERATURES``) with the lowest out-of-fold log-loss; the first on ties."""
    losses = [(_log_loss(scores, gold, t), t) for t in TEMPERATURES]
    return min(losses, key=lambda item: item[0])[1]


def cross_validate(examples: Sequence[Example], c: float = C) -> CrossValidation:
    """5-fold cross-validation grouped by outlet: out-of-fold scores, the calibration they choose, and
    the classifier alone at each threshold on the calibrated probabilities (deterministic)."""
    classes = tuple(sorted({r for e in examples for r in e.roots}))
    scores = np.full((len(examples), len(classes)), -1e9)  # a class a fold never saw: never predicted
    word_hits = 0
    for train, test in outlet_folds(examples):
        classifier = SentenceClassifier(fit([examples[i] for i in train], c))
        held = [examples[i] for i in test]
        columns = [classes.index(k) for k in classifier.classes]
        for i, example in zip(test, held, strict=True):
            scores[i, columns] = classifier.scores(example.text, {"parse": list(example.parse)})
        for example, word_root in zip(held, _predict(classifier, held, with_parse=False), strict=True):
            word_hits += word_root in example.roots
    gold = [[classes.index(r) for r in e.roots] for e in examples]
    temperature = calibrate(scores, gold)
    scaled = scores / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    probabilities = np.exp(scaled) / np.exp(scaled).sum(axis=1, keepdims=True)
    predicted = [classes[int(i)] for i in probabilities.argmax(axis=1)]
    best = probabilities.max(axis=1)
    n = len(examples)
    with_event = sum(1 for e in examples if e.roots != (NO_EVENT,))
    at: dict[str, dict[str, float | int]] = {}
    for threshold in THRESHOLDS:
        said = [(e, r) for e, r, p in zip(examples, predicted, best, strict=True) if r and p >= threshold]
        right = sum(1 for e, r in said if r in e.roots)
        at[str(threshold)] = {
            "sentences": len(said),
            "precision": round(right / len(said), 3) if said else 0.0,
            "recall": round(right / with_event, 3) if with_event else 0.0,
        }
    return CrossValidation(
        sentences=n,
        groups=len(set(outlet_groups([e.outlet for e in examples]))),
        root_accuracy=round(sum(r in e.roots for e, r in zip(examples, predicted, strict=True)) / n, 3),
        quad_accuracy=round(sum(_quad_hit(e, r) for e, r in zip(examples, predicted, strict=True)) / n, 3),
        words_only_root_accuracy=round(word_hits / n, 3),
        temperature=temperature,
        log_loss_before=round(_log_loss(scores, gold, 1.0), 4),
        log_loss_after=round(_log_loss(scores, gold, temperature), 4),
        at_threshold=at,
    )


def _predict(classifier: SentenceClassifier, examples: Sequence[Example], with_parse: bool) -> list[int]:
    features: list[Mapping[str, object] | None] = [
        {"parse": list(e.parse)} if with_parse else None for e in examples
    ]
    rows: NDArray[np.float64] = classifier.probabilities_many([e.text for e in examples], features)
    return [classifier.classes[int(i)] for i in rows.argmax(axis=1)]


def conflibert_quad(classifier: SentenceClassifier) -> dict[str, float | int] | None:
    """Quad accuracy and macro-F1 on ConfliBERT's training split (never trained on), if it is here."""
    from brink.evaluation.conflibert import ConfliBertDataMissing, QuadScores, locate, read_quad

    try:
        sentences = read_quad(locate() / "quad_train.tsv")
    except ConfliBertDataMissing:
        return None
    parses = parse_all([s.text for s in sentences])
    rows = classifier.probabilities_many([s.text for s in sentences], [{"parse": list(p)} for p in parses])
    scores = QuadScores()
    for sentence, row in zip(sentences, rows, strict=True):
        root = classifier.classes[int(row.argmax())]
        scores.add(sentence.label, None if root == 0 else conflibert_class(root))
    return {
        "sentences": scores.sentences,
        "accuracy": round(scores.accuracy, 3),
        "macro_f1": round(scores.macro_f1, 3),
    }


def top_features(model: Mapping[str, Any], n: int = 12) -> dict[str, list[str]]:
    """Each class's strongest features, for people reviewing the file."""
    names = list(model["words"]["vocabulary"]) + list(model["parse"]["vocabulary"])
    out: dict[str, list[str]] = {}
    for root, row in zip(model["classes"], model["coef"], strict=True):
        order = np.argsort(-np.asarray(row), kind="stable")[:n]
        out[str(root)] = [names[i] for i in order]
    return out


def render(model: Mapping[str, Any]) -> str:
    """The JSON file: one top-level key per line, ``about`` readable, one line per class's coefficients."""
    lines = ["{"]
    keys = ["format", "about", "temperature", "classes", "intercept", "words", "parse", "coef"]
    for index, key in enumerate(keys):
        end = "," if index < len(keys) - 1 else ""
        if key == "about":
            about = json.dumps(model[key], indent=2, sort_keys=True).replace("\n", "\n  ")
            lines.append(f'  "about": {about}{end}')
        elif key == "coef":
            rows = ",\n    ".join(json.dumps(row) for row in model[key])
            lines.append(f'  "coef": [\n    {rows}\n  ]{end}')
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(model[key], sort_keys=True)}{end}")
    return "\n".join(lines) + "\n}\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--cv-only", action="store_true", help="print the cross-validation, write nothing")
    parser.add_argument(
        "--dev", type=Path, nargs="+", help="dev gold files (default: tests/gold/dev/*.jsonl); never blind"
    )
    args = parser.parse_args(argv)
    sentences, sources = dev_sentences(args.dev or default_dev_files())
    parses = parse_all([text for text, _, _ in sentences])
    examples = [
        Example(text, parse, roots, outlet)
        for (text, roots, outlet), parse in zip(sentences, parses, strict=True)
    ]
    cv = cross_validate(examples)
    print(f"dev cross-validation ({FOLDS} folds grouped by outlet): {vars(cv)}")
    if args.cv_only:
        return 0
    model = fit(examples, temperature=cv.temperature)
    quad = conflibert_quad(SentenceClassifier(model))
    if quad is not None:
        print(f"ConfliBERT training split (not trained on), quad: {quad}")
    model["about"] = {
        "trained_on": f"{len(examples)} dev gold sentences (tests/gold/dev, dev only)",
        "calibration": "temperature chosen on the out-of-fold scores (dev_cross_validation.temperature)",
        "dev_files": sources,
        "command": "python -m brink.coder.train_classifier",
        "dev_cross_validation": vars(cv),
        "conflibert_train_quad_not_trained_on": quad,
        "regularisation_C": C,
    }
    model["about"]["top_features"] = top_features(model)
    args.out.write_text(render(model), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
