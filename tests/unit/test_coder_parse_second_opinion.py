"""The classifier's second opinion: a parsed sentence with two actors that no pattern codes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from brink.coder.classify import SentenceClassifier
from brink.coder.pipeline import CLASSIFIER_MIN_PROBABILITY, Pipeline
from tests.fixtures.coder import shared_coder


class FixedOpinion(SentenceClassifier):
    """Answers one root with one probability (the real model's answers move with its training data)."""

    def __init__(self, root: int, probability: float) -> None:
        self.root, self.probability = root, probability

    def predict(self, text: str, features: Mapping[str, object] | None = None) -> tuple[int, float]:
        assert features is not None and features["parse"], "the parse's features are passed"
        return self.root, self.probability


def pipeline(root: int, probability: float) -> Pipeline:
    coder = shared_coder()
    assert coder.pipeline is not None
    return Pipeline(
        coder.lexicon, coder.pipeline.patterns, coder.pipeline.nlp, FixedOpinion(root, probability)
    )


TEXT = "Iran rushed a team to Iraq on Monday."  # a candidate ("rush") that no pattern codes


def test_a_sentence_no_pattern_codes_gets_the_classifiers_root_at_lower_confidence() -> None:
    found = pipeline(19, 0.9).run(TEXT, date(2020, 1, 1)).found
    assert [(f.code, f.source.mention.actor.country, f.target.mention.actor.country if f.target else None)
            for f in found] == [("190", "IRN", "IRQ")]  # fmt: skip
    assert found[0].decided_by == "classifier (p=0.90)" and found[0].confidence < 0.5


def test_an_unsure_or_no_event_opinion_codes_nothing() -> None:
    assert pipeline(19, CLASSIFIER_MIN_PROBABILITY - 0.01).run(TEXT, date(2020, 1, 1)).found == []
    assert pipeline(0, 0.99).run(TEXT, date(2020, 1, 1)).found == []


def test_a_sentence_a_pattern_codes_is_not_asked() -> None:
    found = pipeline(4, 0.99).run("Iran attacked Iraq.", date(2020, 1, 1)).found
    assert [f.code for f in found] == ["190"] and found[0].decided_by == "fight.attack"


def test_the_classifier_ignores_a_negated_sentence_no_more_than_its_modality() -> None:
    found = pipeline(19, 0.9).run("Iran did not rush a team to Iraq on Monday.", date(2020, 1, 1)).found
    assert found and found[0].modality.negated


def test_a_root_whose_patterns_refused_the_sentences_trigger_is_not_given() -> None:
    # "rush" triggers root 15's pattern for troops sent somewhere; without troops it refused the sentence
    assert pipeline(15, 0.99).run(TEXT, date(2020, 1, 1)).found == []
