"""Actors that sit deeper in the parse than a slot's own phrase: the goal of a target noun ("an end to
Russia's war"), the thing a free relative names ("what it called Y"), a participle's "by" doer, a place
attacked, a dateline misread as a second subject, a body formed for an event. Sentences written for these
tests (not from the gold files)."""

from __future__ import annotations

import pytest

from brink.coder.pipeline import Pipeline
from tests.fixtures.coder import found_pairs, shared_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


_pairs = found_pairs


@pytest.mark.parametrize(
    ("text", "root", "pair"),
    [
        ("Turkey called for an end to Armenia's blockade of the corridor.", "02", ("TUR", "ARM")),
        ("Egypt demanded a halt to Israel's offensive.", "10", ("EGY", "ISR")),
        ("The UN Security Council welcomed the truce reached by Sudan and South Sudan.", "05", (None, "SDN")),
    ],
)
def test_a_target_noun_naming_no_actor_stands_for_the_actor_of_its_goal(
    pipeline: Pipeline, text: str, root: str, pair: tuple[str | None, str | None]
) -> None:
    assert pair in _pairs(pipeline, text, root)


def test_an_actor_the_slot_names_itself_comes_before_one_deeper_in_it(pipeline: Pipeline) -> None:
    assert _pairs(pipeline, "Jordan called on Israel to end its offensive.", "02") == {("JOR", "ISR")}


def test_the_victim_of_a_condemned_attack_is_not_the_target_of_the_condemnation(pipeline: Pipeline) -> None:
    # "against"/"on" after a hostile act noun name its victim: the condemnation is aimed at the attacker
    assert ("NOR", "UKR") not in _pairs(
        pipeline, "Norway condemned the attacks against Ukraine's power grid.", "11"
    )


@pytest.mark.parametrize(
    ("text", "root", "pair"),
    [
        ("The Saudi navy fired on what officials described as Iranian speedboats.", "19", ("SAU", "IRN")),
        ("Azerbaijan shelled what it called Armenian army positions overnight.", "19", ("AZE", "ARM")),
        (
            "Germany condemned what it called Russia's illegal annexation of the peninsula.",
            "11",
            ("DEU", "RUS"),
        ),
    ],
)
def test_what_x_called_y_names_y_as_the_object(
    pipeline: Pipeline, text: str, root: str, pair: tuple[str | None, str | None]
) -> None:
    assert _pairs(pipeline, text, root) == {pair}


def test_the_by_doer_of_a_participle_owns_the_object_it_modifies(pipeline: Pipeline) -> None:
    text = "Kenyan troops shot down a drone flown by Somali militants."
    assert _pairs(pipeline, text, "19") == {("KEN", "SOM")}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Israeli aircraft struck targets in Damascus overnight.", ("ISR", "SYR")),
        ("Russian jets bombed the northern city of Aleppo on Sunday.", ("RUS", "SYR")),
        ("Syrian artillery pounded the town of Idlib for a third day.", ("SYR", "SYR")),  # at home: domestic
    ],
)
def test_a_place_attacked_targets_its_country(
    pipeline: Pipeline, text: str, pair: tuple[str | None, str | None]
) -> None:
    assert _pairs(pipeline, text, "19") == {pair}


def test_a_place_does_not_name_both_sides_of_a_generic_sources_clash(pipeline: Pipeline) -> None:
    assert _pairs(pipeline, "Riot police clashed with supporters in Madrid after the derby.", "1") == set()


def test_x_is_the_first_to_reads_x(pipeline: Pipeline) -> None:
    text = "Brazil was the first to recall its ambassador from Israel, the ministry said."
    assert _pairs(pipeline, text, "16") == {("BRA", "ISR")}


def test_a_dateline_read_as_a_second_subject_is_not_the_speaker(pipeline: Pipeline) -> None:
    text = (
        "NAIROBI, Kenya (AP) — The head of the International Atomic Energy Agency says he is opening an"
        " inquiry into Iran's enrichment."
    )
    assert _pairs(pipeline, text, "09") == {(None, "IRN")}  # the IAEA (an IGO: no country)


def test_a_body_formed_for_an_event_does_it_for_its_former(pipeline: Pipeline) -> None:
    text = "The UN Human Rights Council launched a commission of inquiry into Iran's crackdown on dissent."
    assert _pairs(pipeline, text, "09") == {(None, "IRN")}
