"""The classifier's second opinion: a parsed sentence with two actors that no pattern codes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from brink.coder.api import Coder
from brink.coder.classify import SentenceClassifier
from brink.coder.pipeline import CLASSIFIER_MIN_PROBABILITY, Pipeline
from brink.evaluation.runner import decided_path, sentence_article
from tests.fixtures.coder import shared_coder


class FixedOpinion(SentenceClassifier):
    """Answers one root with one probability (the real model's answers move with its training data)."""

    def __init__(self, root: int, probability: float) -> None:
        self.root, self.probability = root, probability
        self.asked: list[str] = []

    def predict(self, text: str, features: Mapping[str, object] | None = None) -> tuple[int, float]:
        assert features is not None and features["parse"], "the parse's features are passed"
        self.asked.append(text)
        return self.root, self.probability


def pipeline(root: int, probability: float, threshold: float = 0.6) -> Pipeline:
    coder = shared_coder()
    assert coder.pipeline is not None
    return Pipeline(
        coder.lexicon,
        coder.pipeline.patterns,
        coder.pipeline.nlp,
        FixedOpinion(root, probability),
        classifier_min_probability=threshold,
    )


TEXT = "Iran rushed a team to Iraq on Monday."  # a candidate ("rush") that no pattern codes
DAY = date(2020, 1, 1)


def _coded(p: Pipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (f.code, f.source.mention.actor.country, f.target.mention.actor.country if f.target else None)
        for f in p.run(text, DAY).found
    ]


def test_a_sentence_no_pattern_codes_gets_the_classifiers_root_at_lower_confidence() -> None:
    found = pipeline(19, 0.9).run(TEXT, DAY).found
    assert _coded(pipeline(19, 0.9), TEXT) == [("190", "IRN", "IRQ")]
    assert found[0].decided_by == "classifier (p=0.90)" and found[0].confidence < 0.5


def test_the_shipped_threshold_is_the_default_and_an_unsure_or_no_event_opinion_codes_nothing() -> None:
    coder = shared_coder()
    assert coder.pipeline is not None
    assert coder.pipeline.classifier_min_probability == CLASSIFIER_MIN_PROBABILITY
    assert pipeline(19, 0.59).run(TEXT, DAY).found == []
    assert pipeline(19, 0.9, threshold=CLASSIFIER_MIN_PROBABILITY).run(TEXT, DAY).found == []
    assert pipeline(0, 0.99).run(TEXT, DAY).found == []


def test_a_sentence_a_pattern_codes_is_not_asked() -> None:
    p = pipeline(4, 0.99)
    found = p.run("Iran attacked Iraq.", DAY).found
    assert [f.code for f in found] == ["190"] and found[0].decided_by == "fight.attack"
    assert isinstance(p.classifier, FixedOpinion) and p.classifier.asked == []


def test_the_classifier_abstains_on_a_negated_hypothetical_or_questioned_sentence() -> None:
    # it reads the verb, not which clause a negation or a condition governs (opinion_gate.py)
    for text in (
        "Iran did not rush a team to Iraq on Monday.",
        "Iran may rush a team to Iraq.",
        "Will Iran rush a team to Iraq?",
    ):
        assert _coded(pipeline(19, 0.9), text) == [], text


def test_the_classifier_abstains_when_both_actors_share_a_country() -> None:
    assert _coded(pipeline(19, 0.9), "Iran rushed a team to the Iraqi army on Monday.") == [
        ("190", "IRN", "IRQ")
    ]
    assert _coded(pipeline(19, 0.9), "Iran rushed a team to the Iranian army on Monday.") == []


def test_the_classifier_abstains_on_an_act_dated_years_before_publication() -> None:
    assert _coded(pipeline(19, 0.9), "Iran rushed a team to Iraq in 2019.") == [("190", "IRN", "IRQ")]
    assert _coded(pipeline(19, 0.9), "Iran rushed a team to Iraq in 2016.") == []


def test_a_root_whose_patterns_refused_the_sentences_trigger_is_not_given() -> None:
    # "rush" triggers root 15's pattern for troops sent somewhere; without troops it refused the sentence
    assert pipeline(15, 0.99).run(TEXT, DAY).found == []


def test_the_source_is_the_main_clauses_subject_and_the_target_its_object_side_actor() -> None:
    # the first actor named is no longer the source: the parse says who did it to whom
    text = "Near the Syrian border, Iran rushed a team to Iraq on Monday."
    assert _coded(pipeline(19, 0.9), text) == [("190", "IRN", "IRQ")]


def test_under_a_verb_of_saying_the_reported_clause_gives_the_actors() -> None:
    text = "Officials in Germany said Iran rushed a team to Iraq on Monday."
    assert _coded(pipeline(19, 0.9), text) == [("190", "IRN", "IRQ")]


def test_without_an_actor_on_each_side_of_the_verb_the_classifier_is_not_asked() -> None:
    p = pipeline(19, 0.99)
    assert p.run("Iran and Iraq rushed a team to the border on Monday.", DAY).found == []
    assert isinstance(p.classifier, FixedOpinion) and p.classifier.asked == []


def test_where_patterns_matched_but_filled_no_event_it_is_asked_only_when_enabled() -> None:
    # "raids" triggers an attack pattern (a noun event) whose slots this sentence does not fill ("incursions
    # into its air space", once this test's sentence, is now a show of force, force.air_incursion_noun)
    text = "The Chinese leader Xi has been harassing Taiwan with raids across the strait."
    assert pipeline(19, 0.99).run(text, DAY).found == []
    on = pipeline(19, 0.99)
    on.classifier_after_refusal = True
    found = on.run(text, DAY).found
    assert [f.decided_by for f in found] == ["classifier (p=0.99, refused)"]
    assert _coded(on, text) == [("190", "CHN", "TWN")]


def test_explain_and_eval_name_the_classifier_when_it_decides() -> None:
    shared = shared_coder()
    coder = Coder(shared.lexicon, shared.cameo, 0.0, pipeline(19, 0.9))
    article = sentence_article("opinion-1", TEXT, DAY)
    coded, decided, _ = coder.code_explained(article)
    assert [decided[e.event_id] for e in coded.events] == ["classifier (p=0.90)"]
    assert [decided_path(decided[e.event_id]) for e in coded.events] == ["classifier"]


def test_the_actors_come_from_the_main_clause_unless_any_verb_is_asked_for() -> None:
    # "left" (the main clause) has no actor; "rushed" (a subordinate clause) has Iran and Iraq
    text = "The convoy left the capital when Iran rushed a team to Iraq on Monday."
    main_only = pipeline(19, 0.9)
    assert _coded(main_only, text) == []
    assert isinstance(main_only.classifier, FixedOpinion) and main_only.classifier.asked == []
    any_verb = pipeline(19, 0.9)
    any_verb.opinion_any_verb = True
    assert _coded(any_verb, text) == [("190", "IRN", "IRQ")]


def test_the_shipped_pipeline_takes_the_actors_from_the_main_clause_only() -> None:
    coder = shared_coder()
    assert coder.pipeline is not None
    assert coder.pipeline.opinion_any_verb is False and coder.pipeline.classifier_after_refusal is False
