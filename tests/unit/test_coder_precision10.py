"""Precision rules found on dev's false positives (branch precision10): what one persuades another to do
is not done yet, a participle after "to" is an adjective, a state named as itself bombs from the air.
The sentences are written for these tests (not taken from the gold sets)."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence)).events


@pytest.mark.parametrize(
    "sentence",
    [
        "Kabul says Qatar used its mediation to convince the Taliban to begin negotiations with Kabul.",
        "Norway tried to persuade the Taliban to begin negotiations with Kabul.",
    ],
)
def test_talks_one_is_persuaded_to_begin_are_not_asserted(sentence: str) -> None:
    # (dropped as asked for by the match stage, or kept as hypothetical by the modality stage)
    assert not [e for e in coded(sentence) if e.cameo_root == 4 and not e.hypothetical]


@pytest.mark.parametrize(
    "sentence",
    [
        "Palestinians returned to occupied East Jerusalem on Sunday.",
        "The UN asked Damascus to grant aid workers access to besieged Syrian towns.",
    ],
)
def test_a_participle_after_to_is_no_act(sentence: str) -> None:
    assert not {e.cameo_root for e in coded(sentence)} & {14, 18, 19}


def test_a_state_named_as_itself_bombs_with_aerial_weapons() -> None:
    # "non-military bombing" (183) is for militants and bombers; a state's bombing is its air force's
    codes = [e.cameo for e in coded("Israel bombed a hospital in Gaza on Sunday.")]
    assert codes == ["195"]


def test_what_a_demand_noun_asks_for_in_a_that_clause_is_not_done() -> None:
    sentence = "Russian demands that Turkey withdraw its troops from Iraq, Lavrov said on Tuesday."
    assert not [e for e in coded(sentence) if e.cameo_root == 8]


def test_a_country_name_inside_a_sea_names_no_target() -> None:
    # "South China Sea" is a place of no country: the carrier deployed there acts on no one in particular
    events = coded("The US carrier Ronald Reagan has deployed to the South China Sea with Japanese warships.")
    assert [e.target.country for e in events if e.cameo_root == 15 and e.target is not None] == []
