"""A learned second opinion: a sentence's CAMEO root (1–20, or 0 for "no event") with a probability.

The coder asks it where its patterns find an action but no class, or nothing in a sentence with two
actors; its events carry a lower confidence. The model is TF-IDF over the sentence's words (1–2 grams)
and over features of its dependency parse (``parse_features``), into a multinomial logistic regression.
It ships as reviewed JSON (``data/classifier.json``: vocabularies, idf weights, coefficients), never a
pickle; ``brink/coder/train_classifier.py`` makes it from dev data only (docs/adr/0014-learned-second-
opinion.md). Plain Python plus numpy (TF-IDF and the linear layer computed here, as scikit-learn
computed them in training); no I/O but reading that file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Final, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from brink.coder.classifier_features import ClauseToken, clause_features
from brink.coder.verb_classes import VerbClasses

MODEL_FILE: Final = Path(__file__).parent / "data" / "classifier.json"
FORMAT: Final = "brink-sentence-classifier/1"
NO_EVENT: Final = 0
FEATURE_KEYS: Final = frozenset({"parse"})
# Parts of speech whose lemmas are features, and the dependencies read off a verb.
CONTENT_POS: Final = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
CLASS_POS: Final[Mapping[str, Literal["verb", "noun"]]] = {"VERB": "verb", "NOUN": "noun"}
VERB_DEPS: Final = frozenset({"dobj", "pobj", "prep", "xcomp", "ccomp", "neg", "aux", "prt", "attr"})


class ClassifierModelError(ValueError):
    """The model file is not a valid classifier export; the message says what is wrong."""


class ParsedToken(ClauseToken, Protocol):
    """What ``parse_features`` reads of a spaCy token (so this module needs no spaCy import): what the
    clause features read, and whether it is a stop word."""

    @property
    def is_stop(self) -> bool: ...
    @property
    def head(self) -> ParsedToken: ...
    @property
    def children(self) -> Iterator[ParsedToken]: ...


def parse_features(tokens: Iterable[ParsedToken]) -> dict[str, object]:
    """Features of one parsed sentence (a spaCy ``Span`` or ``Doc``) for ``predict(text, features)``:
    content lemmas (``L=strike``), the root's lemma (``R=warn``), verb–dependent pairs
    (``D=send:dobj:arm``, ``D=attack:neg:not``), the verb classes of its verbs and nouns (``C=attack``,
    from ``data/verb_classes.yaml``: a class generalises over words the dev sentences lack) and a
    question's mark (``Q=?``); and from ``classifier_features``, each verb's WordNet lexicographer file
    (``W=verb.contact``, the predicate's ``RW=``) and the predicate's negation and modality (``N=neg``,
    ``M=would``, ``M=if``)."""
    classes = _verb_classes()
    tokens = list(tokens)
    out: list[str] = []
    for token in tokens:
        lemma = token.lemma_.lower()
        if token.pos_ in CONTENT_POS and not token.is_stop:
            out.append(f"L={lemma}")
        if token.pos_ in CLASS_POS:
            out.extend(f"C={name}" for name in sorted(classes.classes_of(lemma, CLASS_POS[token.pos_])))
        if token.dep_ == "ROOT":
            out.append(f"R={lemma}")
        if lemma == "?":
            out.append("Q=?")
        head = token.head
        if token.dep_ in VERB_DEPS and head.pos_ == "VERB":
            out.append(f"D={head.lemma_.lower()}:{token.dep_}:{lemma}")
    out.extend(clause_features(tokens))  # WordNet lexicographer files, negation and modality flags
    return {"parse": out}


@lru_cache(maxsize=1)
def _verb_classes() -> VerbClasses:
    return VerbClasses.load()


def _parse_terms(features: Mapping[str, object] | None) -> list[str]:
    if not features:
        return []
    unknown = set(features) - FEATURE_KEYS
    if unknown:
        raise ValueError(f"unknown classifier features {sorted(unknown)}: expected {sorted(FEATURE_KEYS)}")
    parse = features.get("parse", ())
    if isinstance(parse, str) or not isinstance(parse, Sequence):
        raise ValueError("features['parse'] must be a sequence of strings (from parse_features)")
    return [t for item in parse for t in str(item).split()]


_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern, as in training


def word_terms(text: str) -> list[str]:
    """The sentence's word 1- and 2-grams, as scikit-learn's ``TfidfVectorizer`` (lowercased) makes them."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in pairwise(words)]


class _Terms:
    """One vocabulary of the JSON model: term -> column, and each column's idf weight. ``vector`` is
    scikit-learn's TF-IDF (sublinear tf, times idf, l2-normalised over the known terms) in plain Python."""

    def __init__(self, spec: Mapping[str, Any], offset: int) -> None:
        vocabulary = spec["vocabulary"]
        idf = spec["idf"]
        if len(vocabulary) != len(idf):
            raise ClassifierModelError(f"{len(vocabulary)} terms but {len(idf)} idf weights")
        self.column = {str(term): offset + i for i, term in enumerate(vocabulary)}
        self.idf = {offset + i: float(w) for i, w in enumerate(idf)}

    def __len__(self) -> int:
        return len(self.column)

    def vector(self, terms: Iterable[str]) -> dict[int, float]:
        counts: dict[int, int] = {}
        for term in terms:
            column = self.column.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        weights = {c: (1.0 + math.log(n)) * self.idf[c] for c, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {c: w / norm for c, w in weights.items()} if norm else {}


@dataclass(frozen=True)
class Prediction:
    root: int
    probability: float


class SentenceClassifier:
    """Load once per process (``SentenceClassifier.load()``), then ``predict`` per sentence."""

    def __init__(self, model: Mapping[str, Any]) -> None:
        if model.get("format") != FORMAT:
            raise ClassifierModelError(f"format {model.get('format')!r}, expected {FORMAT!r}")
        try:
            self.about: Mapping[str, Any] = model.get("about", {})
            self.classes: tuple[int, ...] = tuple(int(c) for c in model["classes"])
            self.words = _Terms(model["words"], 0)
            self.parse = _Terms(model["parse"], len(self.words))
            self.coef: NDArray[np.float64] = np.asarray(model["coef"], dtype=np.float64)
            self.intercept: NDArray[np.float64] = np.asarray(model["intercept"], dtype=np.float64)
            # calibration: the linear layer's output is divided by it (chosen out of fold in training)
            self.temperature = float(model.get("temperature", 1.0))
        except (KeyError, TypeError) as exc:
            raise ClassifierModelError(f"the model lacks or mistypes {exc}") from exc
        width = len(self.words) + len(self.parse)
        if self.coef.shape != (len(self.classes), width) or self.intercept.shape != (len(self.classes),):
            raise ClassifierModelError(
                f"coefficients {self.coef.shape} and intercept {self.intercept.shape} do not fit "
                f"{len(self.classes)} classes × {width} features"
            )
        if not self.temperature > 0:
            raise ClassifierModelError(f"temperature must be positive, got {self.temperature}")
        if not set(self.classes) <= set(range(21)):
            raise ClassifierModelError(f"classes must be CAMEO roots 1–20 or 0, got {self.classes}")
        self.by_term: NDArray[np.float64] = np.ascontiguousarray(self.coef.T)  # a row per term

    @classmethod
    def load(cls, path: Path | None = None) -> SentenceClassifier:
        file = path or MODEL_FILE
        try:
            model = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ClassifierModelError(f"{file}: not JSON ({exc.msg} at line {exc.lineno})") from exc
        return cls(model)

    def scores(self, text: str, features: Mapping[str, object] | None = None) -> NDArray[np.float64]:
        """The linear layer's output for one sentence: a sparse dot product over its known terms."""
        vector = self.words.vector(word_terms(text))
        vector.update(self.parse.vector(_parse_terms(features)))
        if not vector:
            return self.intercept.copy()
        columns = np.fromiter(vector.keys(), dtype=np.intp, count=len(vector))
        values = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))
        out: NDArray[np.float64] = values @ self.by_term[columns] + self.intercept
        return out

    def probabilities_many(
        self, texts: Sequence[str], features: Sequence[Mapping[str, object] | None]
    ) -> NDArray[np.float64]:
        """Calibrated class probabilities (rows: sentences, columns: ``self.classes``)."""
        rows = [self.scores(t, f) for t, f in zip(texts, features, strict=True)]
        scores = np.vstack(rows) / self.temperature if rows else np.zeros((0, len(self.classes)))
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probabilities: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
        return probabilities

    def probabilities(self, text: str, features: Mapping[str, object] | None = None) -> dict[int, float]:
        row = self.probabilities_many([text], [features])[0]
        return {c: float(p) for c, p in zip(self.classes, row, strict=True)}

    def predict(self, text: str, features: Mapping[str, object] | None = None) -> tuple[int, float]:
        """The most probable CAMEO root (0: no event) and its probability. ``features``: from
        ``parse_features`` of the sentence's parse, or None (words only: a little less accurate)."""
        row = self.probabilities_many([text], [features])[0]
        best = int(np.argmax(row))
        return self.classes[best], float(row[best])
