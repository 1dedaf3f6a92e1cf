"""Armed violence reported with no perpetrator to code (brink/coder/casualties.py): no event, but listed on
the coded article (``CodedArticle.casualties``) and counted for its escalation level (level 4) when its
frame feeds escalation. The sentences are written for these tests (not taken from the gold files)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from spacy.tokens import Doc

from brink.alerting import AlertConfig
from brink.coder.casualties import casualty_clauses
from brink.coder.parse import parse
from brink.evaluation.articles import article_level, index_effect
from schemas.event import Casualty, CodedArticle
from tests.fixtures.coder import article, shared_coder

_AT = datetime(2024, 6, 1, 12, tzinfo=UTC)


def parsed(text: str) -> Doc:
    return parse([text], shared_coder().pipeline.nlp)[0]


def coded(text: str, title: str = "") -> CodedArticle:
    return shared_coder().code(article(text, published=_AT, title=title))


REPORTED = [
    "At least eight people were killed in fresh clashes near the border on Sunday, police said.",
    "Eleven soldiers were martyred in an overnight attack on a checkpoint, officials said.",
    "A wave of airstrikes hit the hills on Thursday, killing 14 insurgents, officials said.",
    "The suicide bombing at the market resulted in the deaths of 30 civilians.",
    "A car bomb blast wounded dozens of shoppers in the capital on Friday.",
    "Five people died in heavy shelling overnight, local officials said.",
    "A local journalist was shot dead outside his home on Tuesday night.",
    "Dozens of villagers were massacred in the northern district last week, survivors said.",
]


@pytest.mark.parametrize("text", REPORTED)
def test_violence_with_no_perpetrator_is_listed_and_sets_level_four(text: str) -> None:
    result = coded(text)
    assert [c.sentence for c in result.casualties] == [text]
    verb = text[result.casualties[0].span[0] : result.casualties[0].span[1]]
    assert verb in text.split(" ") or verb.rstrip(",") in text
    assert article_level(result.events, result.casualties) == 4


NOT_VIOLENCE = [
    "At least 22 people were killed when a magnitude 6.1 earthquake struck the region on Friday.",
    "Three people died in a road accident on the highway on Sunday.",
    "Two workers were killed in a fire at the factory, the fire brigade said.",
    "The army denied reports that soldiers were killed in clashes near the border.",
    "Dozens of people could be killed if the fighting spreads to the city, aid groups warned.",
    "The militants vowed to kill anyone who cooperates with the government.",
    "In 1982, British warships sank the cruiser in an attack, killing 323 sailors.",
    "The opposition accused the army of killing protesters in raids on the camps.",
    "Lawmakers shot down the proposal in a vote on Tuesday.",
    "The bowlers were merely there to be massacred by the batsmen.",
    "No one was injured in the attack, police said.",
]


@pytest.mark.parametrize("text", NOT_VIOLENCE)
def test_no_violence_reported_as_fact_is_no_casualty(text: str) -> None:
    assert coded(text).casualties == []
    # the rules themselves, whether or not the pipeline would parse the sentence
    assert casualty_clauses(parsed(text), _AT.date()) == []


@pytest.mark.parametrize("text", REPORTED)
def test_the_rules_find_the_reporting_verb(text: str) -> None:
    verbs = casualty_clauses(parsed(text), _AT.date())
    assert len(verbs) == 1 and verbs[0].pos_ == "VERB"


def test_a_killing_coded_as_an_event_is_not_listed_again() -> None:
    text = "Russian missiles killed five civilians in Kharkiv on Monday, Ukraine said."
    result = coded(text)
    assert any(e.cameo_root in (18, 19, 20) for e in result.events)
    assert result.casualties == []


def test_casualties_move_no_index_and_survive_a_round_trip() -> None:
    result = coded("At least eight people were killed in fresh clashes near the border, officials said.")
    assert result.events == [] and len(result.casualties) == 1
    assert index_effect(result.events, AlertConfig()).dyads == ()
    assert CodedArticle.model_validate_json(result.model_dump_json()) == result


def test_a_casualty_outside_an_escalation_frame_does_not_raise_the_level() -> None:
    def casualty(frame: str | None) -> Casualty:
        return Casualty.model_validate(
            {"sentence": "Nine people were killed in clashes.", "span": (17, 23), "frame": frame}
        )

    assert article_level([], [casualty("security")]) == 4
    assert article_level([], [casualty(None)]) == 4
    assert article_level([], [casualty("history")]) == 0
    assert article_level([], [casualty("sport")]) == 0
