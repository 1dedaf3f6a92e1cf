"""The parse coder's actors no dictionary lists (ADR 0010); the doers of noun events read from the parse."""

from __future__ import annotations

from datetime import date

import pytest

from brink.coder.found import Found
from brink.coder.lexicon import build_lexicon
from brink.coder.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(build_lexicon())


def _found(pipeline: Pipeline, text: str) -> list[Found]:
    return pipeline.run(text, date(2024, 1, 1)).found


def test_an_unlisted_named_group_is_a_guessed_source_with_its_role_and_no_country(pipeline: Pipeline) -> None:
    (f,) = _found(pipeline, "The Earth Liberation Front attacked Israel.")
    src = f.source.mention.actor
    assert (src.name, src.role, src.code, src.country, src.kind) == (
        "Earth Liberation Front",
        "REB",
        "REB",
        None,
        "armed_group",
    )
    assert src.guessed
    assert f.code == "180"  # the rebels' attack (by_role), not a state's
    assert f.target is not None and f.target.mention.actor.code == "ISR"
    assert f.confidence == pytest.approx(0.6)  # 0.2 less for a guessed source


def test_a_title_makes_a_guessed_person_with_the_titles_role(pipeline: Pipeline) -> None:
    (f,) = _found(pipeline, "Gov. Jane Doe condemned Iran.")
    src = f.source.mention.actor
    assert (src.name, src.role, src.kind, src.country) == ("Gov. Jane Doe", "GOV", "person", None)


def test_a_guessed_target_lowers_confidence_less_than_a_guessed_source(pipeline: Pipeline) -> None:
    (f,) = _found(pipeline, "Israel took the step of expelling Zuheir Jabbour.")
    assert f.source.mention.actor.code == "ISR"  # the taker of the step does the expelling
    assert f.target is not None and f.target.mention.actor.name == "Zuheir Jabbour"
    assert f.target.mention.actor.guessed
    assert f.confidence == pytest.approx(0.7)


def test_ordinary_capitalised_words_are_not_guessed_actors(pipeline: Pipeline) -> None:
    assert _found(pipeline, "Musicians condemned Iran.") == []


def test_a_possessive_pronoun_stands_for_its_clauses_subject(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Russia has continued its bombardment of towns in Ukraine.")
    assert found and found[0].source.mention.actor.code == "RUS"
    (f,) = _found(
        pipeline, "Russian troops will return to base after completing their exercises near Ukraine."
    )
    assert f.source.mention.actor.country == "RUS"  # "their": the troops, not the nearer Ukraine


def test_a_counted_noun_event_takes_the_subject_of_the_verb_that_carries_it(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Iran held two rounds of talks with Iraq.")
    assert {
        (f.source.mention.actor.code, f.target.mention.actor.code if f.target else None) for f in found
    } == {
        ("IRN", "IRQ"),
        ("IRQ", "IRN"),
    }
