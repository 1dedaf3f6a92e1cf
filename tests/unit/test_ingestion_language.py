"""Language tags and detection: ISO 639-1 codes, short English texts kept English."""

from __future__ import annotations

from datetime import UTC, datetime

import pycountry
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.language import default_detector, language_tag
from brink.ingestion.normalise import Normaliser
from schemas.article import ArticleSubmission

NOW = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        # issue 15: py3langid's full model said crh, sn, wa, fr
        "Russia attacked Ukraine.",
        "China warns Taiwan.",
        "Israel strikes Gaza.",
        "US sanctions Venezuela.",
        "U.S. warns Iran.",
        "Serbia mobilises troops.",
        "Iran seizes tanker.",
        "Syria denies chemical attack.",
        "Russia's army shells Kharkiv.",
        "Kim Jong Un visits Moscow.",
        "Turkey shells Kurdish positions.",
        "Pakistan cut ties with Congo.",
    ],
)
def test_short_english_texts_naming_an_actor_are_english(text: str) -> None:
    assert default_detector().detect(text) == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La Russie a attaqué l'Ukraine.", "fr"),
        ("Israël frappe Gaza.", "fr"),
        ("Les États-Unis sanctionnent le Venezuela.", "fr"),
        ("Russland greift die Ukraine an.", "de"),
        ("China warnt Taiwan.", "de"),
        ("La Cina minaccia Taiwan.", "it"),
        ("Rusland valt Oekraïne aan.", "nl"),
        ("Rosja zaatakowała Ukrainę.", "pl"),
        ("Россия атаковала Украину.", "ru"),
        ("İsrail Gazze'yi vurdu.", "tr"),
        ("روسيا تهاجم أوكرانيا", "ar"),
        ("中国警告台湾", "zh"),
    ],
)
def test_short_texts_in_other_languages_keep_their_language(text: str, language: str) -> None:
    assert default_detector().detect(text) == language


def test_a_short_text_with_a_foreign_word_is_not_taken_for_english() -> None:
    detector = default_detector()
    assert not detector.short_english("Israel ataca Gaza.")  # known actors, but "ataca" is not English
    assert not detector.short_english("us and them")  # "us" is a pronoun, not the US


def test_detection_answers_only_configured_iso_639_1_languages() -> None:
    detector = default_detector()
    assert "en" in detector.languages
    known = set(LanguageIdentifier.from_model_file(MODEL_FILE).nb_classes)
    for code in detector.languages:
        assert len(code) == 2 and pycountry.languages.get(alpha_2=code) is not None, code
        assert code in known, code
    texts = ["Dlaczego?", "Ok.", "Lorem ipsum dolor sit amet.", "¿Qué?", "Tak jest.", "zzz"]
    assert {detector.detect(t) for t in texts} <= set(detector.languages)


@pytest.mark.parametrize(
    ("given", "code"),
    [("en", "en"), ("EN", "en"), ("en-GB", "en"), ("pt_BR", "pt"), ("eng", "en"), ("fra", "fr")],
)
def test_a_language_tag_becomes_its_iso_639_1_code(given: str, code: str) -> None:
    assert language_tag(given) == code


@pytest.mark.parametrize("given", ["english", "xx", "crh", "e", "en-", "12", "en GB"])
def test_a_language_that_is_not_iso_639_1_is_refused_naming_the_field(given: str) -> None:
    with pytest.raises(SubmissionRejected) as refused:
        language_tag(given)
    assert (refused.value.field, refused.value.code) == ("language", "invalid_language")
    assert "ISO 639-1" in refused.value.reason


def test_the_normaliser_detects_short_english_and_normalises_given_tags() -> None:
    normaliser = Normaliser(max_chars=10_000)
    detected = normaliser.normalise(ArticleSubmission(text="Russia attacked Ukraine."), NOW).article
    assert detected.language == "en"
    tagged = normaliser.normalise(ArticleSubmission(text="Russia attacked Ukraine.", language="en-US"), NOW)
    assert tagged.article.language == "en"
    with pytest.raises(SubmissionRejected):
        normaliser.normalise(ArticleSubmission(text="Russia attacked Ukraine.", language="english"), NOW)
