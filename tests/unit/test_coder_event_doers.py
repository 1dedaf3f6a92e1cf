"""Targets and sources read from what an event noun says about its own act: the state where a claimed
attack happened, the "by" doer of a participle on the noun ("accusations leveled by Britain"), the doer of
what a vowed response answers; and who may give aid. Sentences written for these tests (not from the gold
files)."""

from __future__ import annotations

from datetime import date

import pytest

from brink.coder.pipeline import Pipeline
from tests.fixtures.coder import found_pairs, shared_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("The Islamic State group claimed responsibility for the bombing that killed 12 people in Lahore.",
         {(None, "PAK")}),
        ("Islamic State claimed responsibility for an attack on a market in Kerman, Iran, on Monday.",
         {(None, "IRN")}),
        ("The Taliban claimed responsibility for the blast that hit a crowded street south of Kabul.",
         {("AFG", "AFG")}),
    ],
)  # fmt: skip
def test_a_claimed_attack_is_aimed_at_the_state_where_it_happened(
    pipeline: Pipeline, text: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    assert found_pairs(pipeline, text, "01") == pairs


def test_a_country_that_only_backed_the_claimed_attacks_target_is_not_where_it_happened(
    pipeline: Pipeline,
) -> None:
    text = "Al-Qaida claimed responsibility for a bombing that hit a US-funded meeting of tribal leaders."
    assert found_pairs(pipeline, text, "01") == {(None, None)}


def test_the_by_doer_of_a_participle_on_a_rejected_accusation_is_the_target(pipeline: Pipeline) -> None:
    text = "Iran rejected the accusations leveled by the British government against Tehran."
    assert found_pairs(pipeline, text, "01") == {("IRN", "GBR")}


def test_a_vowed_response_to_sanctions_is_aimed_at_whoever_imposed_them(pipeline: Pipeline) -> None:
    text = "Moscow promised a firm response to the new Japanese sanctions."
    assert found_pairs(pipeline, text, "13") == {("RUS", "JPN")}


@pytest.mark.parametrize(
    "text",
    ["Messi helped Argentina beat France in the final.", "Kane helped England reach the semi-final."],
)
def test_a_person_of_no_country_or_role_gives_no_aid(pipeline: Pipeline, text: str) -> None:
    assert found_pairs(pipeline, text, "07") == set()


def test_a_state_that_helps_another_still_gives_aid(pipeline: Pipeline) -> None:
    assert found_pairs(pipeline, "Japan helped Turkey after the earthquake.", "07") == {("JPN", "TUR")}


def test_a_list_of_measures_shares_the_target_its_last_verb_names(pipeline: Pipeline) -> None:
    text = (
        "Ankara has suspended the defence pact, closed the border crossing and halted all trade with Israel."
    )
    assert found_pairs(pipeline, text, "16") == {("TUR", "ISR")}


def test_a_verb_with_its_own_subject_does_not_share_the_other_clauses_target(pipeline: Pipeline) -> None:
    text = "Ankara suspended the defence pact and Cairo cut ties with Israel."
    assert ("TUR", "ISR") not in found_pairs(pipeline, text, "16")


def test_a_verb_that_needs_its_own_target_takes_none_from_the_list(pipeline: Pipeline) -> None:
    text = "Pakistan blocked its airspace for airlines and paused all trade with India."
    assert "14" not in {f.code[:2] for f in pipeline.run(text, date(2024, 1, 1)).found}


def test_a_guessed_party_owned_by_the_country_is_of_the_state_named_before_it(pipeline: Pipeline) -> None:
    text = "The Kenyan government blamed the country's Orange Democratic Movement for the riots."
    assert found_pairs(pipeline, text, "11") == {("KEN", "KEN")}
