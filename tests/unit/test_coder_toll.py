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
    events = shared_coder().code(
        article("A Taliban suicide bomber blew himself up in a market in Kabul, killing seven people.")
    ).events
    assert [e.cameo for e in events] == ["183"]
