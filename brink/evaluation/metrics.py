"""Scoring the coder's events against the gold set.

Matching (per sentence, set semantics): an event is identified by ``(root, source country, target
country)``; a predicted event matches a gold event with the same key ("strict"), or, in the
root-only view, with the same root. Repeated predictions of one key in one sentence count once
(the first one, in the coder's order, is the one whose modality is judged).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from brink.evaluation.cameo import ROOTS
from brink.evaluation.gold import TRAP_KINDS, GoldEvent, GoldSentence
from schemas.event import EscalationEvent

MODALITIES: tuple[str, ...] = ("negated", "conditional", "hypothetical")

Key = tuple[int, str | None, str | None]

# A trap sentence is "fooled" when the coder asserts as fact (no negated/conditional/hypothetical
# flag) an event that the gold does not have as a fact: an event the gold lacks, or one the gold
# marks negated, conditional or hypothetical. Hedged wrong events cost precision, not the trap.


def ratio(numerator: int, denominator: int) -> float:
    """numerator/denominator, 0.0 when there is nothing to divide (reported counts show why)."""
    return numerator / denominator if denominator else 0.0


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def micro(scores: Iterable[PRF]) -> PRF:
    total = PRF()
    for score in scores:
        total.add(score)
    return total


def macro_f1(scores: Iterable[PRF]) -> float:
    values = [score.f1 for score in scores]
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class Predicted:
    """What the scorer needs of one coded event."""

    root: int
    source_country: str | None
    target_country: str | None
    negated: bool = False
    conditional: bool = False
    hypothetical: bool = False

    @classmethod
    def from_event(cls, event: EscalationEvent) -> Predicted:
        return cls(
            root=event.cameo_root,
            source_country=event.source.country,
            target_country=event.target.country if event.target is not None else None,
            negated=event.negated,
            conditional=event.conditional,
            hypothetical=event.hypothetical,
        )

    @property
    def key(self) -> Key:
        return (self.root, self.source_country, self.target_country)


def _flags(event: GoldEvent | Predicted) -> tuple[bool, bool, bool]:
    return (event.negated, event.conditional, event.hypothetical)


@dataclass
class ModalityScore:
    """Agreement on one flag over matched events, and how many gold-true flags the coder found."""

    matched: int = 0
    agree: int = 0
    gold_true: int = 0
    found_true: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "matched": self.matched,
            "agree": self.agree,
            "accuracy": round(ratio(self.agree, self.matched), 4),
            "gold_true": self.gold_true,
            "found_true": self.found_true,
        }


@dataclass
class TrapScore:
    sentences: int = 0
    fooled: int = 0

    @property
    def rate(self) -> float:
        return ratio(self.fooled, self.sentences)


@dataclass
class SentenceError:
    id: str
    sentence: str
    missed: list[Key]
    spurious: list[Key]
    modality: list[str]


@dataclass
class GoldScores:
    sentences: int = 0
    strict: dict[int, PRF] = field(default_factory=lambda: {root: PRF() for root in ROOTS})
    root_only: dict[int, PRF] = field(default_factory=lambda: {root: PRF() for root in ROOTS})
    modality: dict[str, ModalityScore] = field(
        default_factory=lambda: {m: ModalityScore() for m in MODALITIES}
    )
    modality_all_agree: int = 0
    traps: dict[str, TrapScore] = field(default_factory=lambda: {kind: TrapScore() for kind in TRAP_KINDS})
    errors: list[SentenceError] = field(default_factory=list)
    # which path of the coder decided each coded event ("patterns", "classifier"); empty when the coder
    # does not say (the rules engine)
    decided_by: dict[str, int] = field(default_factory=dict)

    @property
    def strict_micro(self) -> PRF:
        return micro(self.strict.values())

    @property
    def root_only_micro(self) -> PRF:
        return micro(self.root_only.values())

    @property
    def matched(self) -> int:
        return self.strict_micro.tp

    @property
    def trap_total(self) -> TrapScore:
        return TrapScore(
            sentences=sum(t.sentences for t in self.traps.values()),
            fooled=sum(t.fooled for t in self.traps.values()),
        )

    def as_dict(self) -> dict[str, object]:
        trap_total = self.trap_total
        return {
            "sentences": self.sentences,
            "strict": {
                "micro": self.strict_micro.as_dict(),
                "macro_f1": round(macro_f1(self.strict.values()), 4),
                "per_root": {f"{root:02d}": prf.as_dict() for root, prf in self.strict.items()},
            },
            "root_only": {
                "micro": self.root_only_micro.as_dict(),
                "macro_f1": round(macro_f1(self.root_only.values()), 4),
                "per_root": {f"{root:02d}": prf.as_dict() for root, prf in self.root_only.items()},
            },
            "modality": {
                "matched_events": self.matched,
                "all_three_accuracy": round(ratio(self.modality_all_agree, self.matched), 4),
                **{name: score.as_dict() for name, score in self.modality.items()},
            },
            "traps": {
                "sentences": trap_total.sentences,
                "fooled": trap_total.fooled,
                "false_positive_rate": round(trap_total.rate, 4),
                "per_kind": {
                    kind: {"sentences": t.sentences, "fooled": t.fooled, "rate": round(t.rate, 4)}
                    for kind, t in self.traps.items()
                },
            },
            "decided_by": dict(sorted(self.decided_by.items())),
            "errors": [
                {
                    "id": e.id,
                    "sentence": e.sentence,
                    "missed": [list(k) for k in e.missed],
                    "spurious": [list(k) for k in e.spurious],
                    "modality": e.modality,
                }
                for e in self.errors
            ],
        }


def _first_by_key(predicted: Sequence[Predicted]) -> dict[Key, Predicted]:
    by_key: dict[Key, Predicted] = {}
    for event in predicted:
        by_key.setdefault(event.key, event)
    return by_key


def score_sentence(scores: GoldScores, gold: GoldSentence, predicted: Sequence[Predicted]) -> None:
    """Add one sentence's outcome to ``scores``."""
    scores.sentences += 1
    gold_by_key = {event.key: event for event in gold.events}
    pred_by_key = _first_by_key(predicted)

    for key in gold_by_key.keys() | pred_by_key.keys():
        root = key[0]
        if key in gold_by_key and key in pred_by_key:
            scores.strict[root].tp += 1
        elif key in gold_by_key:
            scores.strict[root].fn += 1
        else:
            scores.strict[root].fp += 1

    gold_roots = {event.root for event in gold.events}
    pred_roots = {event.root for event in predicted}
    for root in gold_roots | pred_roots:
        if root in gold_roots and root in pred_roots:
            scores.root_only[root].tp += 1
        elif root in gold_roots:
            scores.root_only[root].fn += 1
        else:
            scores.root_only[root].fp += 1

    modality_errors: list[str] = []
    # sorted: a set's order varies between runs (hash(None) is an address), so would `brink eval --json`
    for key in sorted(gold_by_key.keys() & pred_by_key.keys(), key=str):
        gold_flags, pred_flags = _flags(gold_by_key[key]), _flags(pred_by_key[key])
        for name, g, p in zip(MODALITIES, gold_flags, pred_flags, strict=True):
            score = scores.modality[name]
            score.matched += 1
            score.agree += g == p
            score.gold_true += g
            score.found_true += g and p
            if g != p:
                modality_errors.append(f"{key}: {name} gold={g} coder={p}")
        scores.modality_all_agree += gold_flags == pred_flags

    missed = sorted(gold_by_key.keys() - pred_by_key.keys(), key=str)
    spurious = sorted(pred_by_key.keys() - gold_by_key.keys(), key=str)
    if missed or spurious or modality_errors:
        scores.errors.append(SentenceError(gold.id, gold.sentence, missed, spurious, modality_errors))

    if gold.trap is not None:
        trap = scores.traps[gold.trap]
        trap.sentences += 1
        factual_gold = {key for key, event in gold_by_key.items() if not any(_flags(event))}
        asserted = [key for key, event in pred_by_key.items() if not any(_flags(event))]
        trap.fooled += any(key not in factual_gold for key in asserted)


def score_gold(pairs: Iterable[tuple[GoldSentence, Sequence[Predicted]]]) -> GoldScores:
    scores = GoldScores()
    for gold, predicted in pairs:
        score_sentence(scores, gold, predicted)
    return scores
