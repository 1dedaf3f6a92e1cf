"""Threat rhetoric per gold sentence: a bigger yardstick for who threatens whom than the gold articles.

The gold articles hold few threat pairs (a handful per split), too few to tell a threat rule that
generalises from one that fits them. Every gold sentence is scored the same way instead: the
coder's threat pairs in the sentence, by the article metric's own definition
(:func:`brink.evaluation.articles.threat_pairs`: events of root 13 asserted as fact and not kept out
of escalation by their frame, speaker country -> target country), against the gold root-13 events
asserted the same way (:func:`gold_threat_pairs`). Sentences without a gold threat are negatives: a
pair coded there is a wrong alert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from brink.evaluation.articles import THREAT_ROOT, threat_pairs
from brink.evaluation.gold import GoldEvent, GoldSentence
from brink.evaluation.metrics import PRF
from schemas.event import EscalationEvent

Pair = tuple[str | None, str | None]


def _asserted(event: GoldEvent) -> bool:
    """As :func:`brink.evaluation.articles.asserted`: a threat is a speech act, so a conditional one
    ("will retaliate if ...") was still made; a negated or hypothetical one was not."""
    return not (event.negated or event.hypothetical)


def gold_threat_pairs(sentence: GoldSentence) -> set[Pair]:
    """(threatener's country, target's country) of every gold root-13 event asserted as fact;
    pairs with no country on either side are left out, as the coder's are."""
    return {
        (e.source_country, e.target_country)
        for e in sentence.events
        if e.root == THREAT_ROOT and _asserted(e) and (e.source_country, e.target_country) != (None, None)
    }


@dataclass
class ThreatSentenceError:
    id: str
    sentence: str
    missed: list[Pair]
    spurious: list[Pair]


def _sorted(pairs: set[Pair]) -> list[Pair]:
    return sorted(pairs, key=str)


@dataclass
class SentenceThreatScores:
    """Threat pairs over gold sentences: P/R/F1 of pairs, and how many negatives got a pair."""

    sentences: int = 0
    with_threat: int = 0  # sentences with at least one gold threat pair
    negatives_with_pair: int = 0  # sentences without a gold threat pair where the coder found one
    pairs: PRF = field(default_factory=PRF)
    errors: list[ThreatSentenceError] = field(default_factory=list)

    @property
    def negatives(self) -> int:
        return self.sentences - self.with_threat

    def add(self, gold: GoldSentence, events: Sequence[EscalationEvent]) -> None:
        self.sentences += 1
        expected = gold_threat_pairs(gold)
        coded = threat_pairs(events)
        self.with_threat += bool(expected)
        self.negatives_with_pair += bool(coded) and not expected
        self.pairs.tp += len(expected & coded)
        self.pairs.fp += len(coded - expected)
        self.pairs.fn += len(expected - coded)
        if expected != coded:
            self.errors.append(
                ThreatSentenceError(
                    gold.id, gold.sentence, _sorted(expected - coded), _sorted(coded - expected)
                )
            )

    def as_dict(self) -> dict[str, object]:
        return {
            "sentences": self.sentences,
            "with_threat": self.with_threat,
            "negatives": self.negatives,
            "negatives_with_pair": self.negatives_with_pair,
            "pairs": self.pairs.as_dict(),
            "errors": [
                {
                    "id": e.id,
                    "sentence": e.sentence,
                    "missed": [list(p) for p in e.missed],
                    "spurious": [list(p) for p in e.spurious],
                }
                for e in self.errors
            ],
        }
