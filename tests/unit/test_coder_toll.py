"""Toll (brink/coder/toll.py): whether a killing's victims are many (CAMEO 20) or few (18/19), read from the
parse of the killing verb's objects, and the mass-killing pattern that asks it."""

from __future__ import annotations

import pytest

from brink.coder.toll import victims_many
from tests.fixtures.coder import article, shared_coder, shared_pipeline


def _killing(text: str, verb: str) -> bool:
    doc = shared_pipeline().nlp(text)
    (tok,) = [t for t in doc if t.lower_ == verb]
    return victims_many(tok)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Militants killed dozens of people in the village.", "killed"),
        ("Soldiers killed at least 100 villagers.", "killed"),
        ("Gunmen killed 12 civilians on Sunday.", "killed"),
        ("Rebels killed two dozen villagers.", "killed"),
        ("The army massacred villagers in the north.", "massacred"),
        ("Hundreds of villagers were massacred by soldiers.", "massacred"),
        ("Gunmen killed 38 civilians and two soldiers.", "killed"),
    ],
)
def test_many_victims(text: str, verb: str) -> None:
    assert _killing(text, verb)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Gunmen killed two people in Kabul.", "killed"),
        ("Gunmen killed a woman in Kabul.", "killed"),
        ("Rebels killed eleven villagers.", "killed"),
        ("The militia executed its prisoner.", "executed"),
    ],
)
def test_few_victims(text: str, verb: str) -> None:
    assert not _killing(text, verb)


def _roots(text: str) -> set[int]:
    return {e.cameo_root for e in shared_coder().code(article(text)).events}


def test_a_killing_of_few_is_no_mass_killing_but_an_assault() -> None:
    assert _roots("Taliban gunmen killed two people in Kabul on Sunday.") == {18}


def test_a_killing_of_many_is_a_mass_killing() -> None:
    assert 20 in _roots("Suspected Boko Haram militants killed dozens of villagers in northeast Nigeria.")


def test_the_toll_of_a_bombing_is_part_of_the_bombing() -> None:
    # the gerund hung on the bombing tells its toll, even when it is of the same root: one event
    events = (
        shared_coder()
        .code(article("A Taliban suicide bomber blew himself up in a market in Kabul, killing seven people."))
        .events
    )
    assert [e.cameo for e in events] == ["183"]


def test_a_raid_on_a_village_that_kills_many_civilians_is_a_mass_killing() -> None:
    events = (
        shared_coder()
        .code(
            article("Hutu rebels attacked Burundi's capital in brutal overnight raids, killing 38 civilians.")
        )
        .events
    )
    assert [(e.cameo, e.source.country) for e in events] == [("202", "BDI")]


def test_an_air_strike_or_an_attack_on_army_positions_that_kills_many_stays_what_it_is() -> None:
    assert 20 not in _roots("Ethiopian jets bombed a market in Tigray, killing dozens of people.")
    assert 20 not in _roots("Taliban fighters attacked an army post in Helmand, killing 20 soldiers.")
    assert 20 not in _roots("Turkish warplanes attacked two Syrian army positions, killing 17 people.")
    assert 20 not in _roots("Syrian warplanes attacked a rebel-held town, killing dozens of people.")


def test_a_raid_that_kills_few_is_no_mass_killing() -> None:
    assert 20 not in _roots("Somali militants attacked a village near Mogadishu, killing two people.")


def test_people_protesting_protest() -> None:
    # a participle on a crowd noun is done by the crowd
    events = (
        shared_coder()
        .code(article("The Belarussian police arrested more than 400 people protesting against the regime."))
        .events
    )
    assert {(e.cameo_root, e.source.country) for e in events} >= {(17, "BLR"), (14, "BLR")}
    assert 14 not in _roots("Police stopped a car carrying weapons near the border in Belarus.")
