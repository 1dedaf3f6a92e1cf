"""The judgement frames of brink/coder/judgements.py on sentences of our own wording: a naming verb with a
condemning predicate, a verb of saying reporting a condemnable copula, a holding verb with a predicate of
responsibility; praise, a negated judgement or a plain report gives no frame."""

from __future__ import annotations

from functools import cache

import pytest
from spacy.language import Language
from spacy.tokens import Token

from brink.coder.judgements import condemning, condemning_frame
from brink.coder.parse import load_model


@cache
def _nlp() -> Language:
    return load_model()


def _verb(text: str, lemma: str) -> Token:
    return next(t for t in _nlp()(text) if t.lemma_.lower() == lemma)


@pytest.mark.parametrize(
    ("text", "lemma"),
    [
        ("Japan called Russia's statement irresponsible.", "call"),
        ("Greece described Turkey's drilling plan as a violation of international law.", "describe"),
        ("Iran called the U.S. strikes an obvious case of terrorism.", "call"),
        ("Russia said Turkish actions were completely unacceptable.", "say"),
        ("South Korea held North Korea accountable for the sinking.", "hold"),
        ("Israel holds Hamas responsible for the rocket fire.", "hold"),
    ],
)
def test_condemning_judgement_is_a_frame(text: str, lemma: str) -> None:
    assert condemning_frame(_verb(text, lemma))


@pytest.mark.parametrize(
    ("text", "lemma"),
    [
        ("Japan called Russia's statement constructive.", "call"),
        ("Kenya described Uganda's offer as generous.", "describe"),
        ("India said Pakistan's shelling was not a violation of the ceasefire.", "say"),
        ("France said Germany's proposal was sensible.", "say"),
        ("Iran held talks with Oman.", "hold"),
        ("Japan called the Russian ambassador on Friday.", "call"),
        ("The minister said he would visit Ankara.", "say"),
    ],
)
def test_praise_negation_or_plain_report_is_no_frame(text: str, lemma: str) -> None:
    assert not condemning_frame(_verb(text, lemma))


def test_condemning_words_exclude_denials_and_praise() -> None:
    words = condemning().words
    assert {"unacceptable", "violation", "propaganda", "irresponsible"} <= words
    assert not {"baseless", "false", "constructive", "serious", "controversial"} & words
