"""Strikes a light verb carries are armed action even with no target named, when a state or its forces
carry them out (fight.strikes_untargeted, brink/coder/agency.py); the doer of a strike may be told by a
participle behind it ("an airstrike carried out by the military": tree.carrying_participle); an "X-led" body
stands for its leader when the leader is known (tree.leader)."""

from __future__ import annotations

import pytest

from brink.coder.parse import load_model
from brink.coder.tree import carrying_participle, subjects
from tests.fixtures.coder import article, shared_coder


def _events(text: str) -> list[tuple[int, str | None, str | None]]:
    return [
        (e.cameo_root, e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
    ]


def test_the_doer_of_a_strike_is_the_agent_of_the_participle_that_carries_it() -> None:
    doc = load_model()("An airstrike carried out by Myanmar's military killed 100 people.")
    strike = doc[1]
    participle = carrying_participle(strike)
    assert participle is not None and participle.lemma_ == "carry"
    assert [t.text for t in subjects(strike)] == ["military"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("An airstrike carried out by Myanmar's military on Tuesday killed around 100 people.", "MMR"),
        ("The strikes were conducted by the Afghan Air Force on Monday.", "AFG"),
        ("Turkish warplanes launched a spate of airstrikes overnight.", "TUR"),
    ],
)
def test_a_carried_strike_by_a_state_force_is_coded_without_a_target(text: str, source: str) -> None:
    assert (19, source, None) in _events(text)


@pytest.mark.parametrize(
    "text",
    [
        "Teachers in Kenya launched a strike over pay on Monday.",
        "Workers conducted a strike at the Ford plant in Mexico.",
        "The union said its members would launch a strike in Nigeria next week.",
    ],
)
def test_a_labour_strike_is_not_armed_action(text: str) -> None:
    assert all(root != 19 for root, _, _ in _events(text))


def test_an_x_led_mission_stands_for_its_known_leader() -> None:
    text = "The strikes were carried out by the NATO-led Resolute Support mission in Afghanistan on Monday."
    coded = shared_coder().code(article(text)).events
    assert [(e.cameo_root, e.source.code, e.target) for e in coded] == [(19, "IGOWSTNAT", None)]


def test_an_unknown_leader_does_not_make_a_source_of_its_own() -> None:
    assert _events("Hutu-led strikes on Yemen killed 20 people on Monday.") == []


def test_a_known_leader_of_a_thing_no_dictionary_lists_is_its_actor() -> None:
    # "X-led" names the owner (grammar.yaml owner_words): "Saudi-led strikes" are Saudi strikes
    led = _events("Saudi-led strikes on Yemen killed 20 people on Monday.")
    assert led == _events("Saudi strikes on Yemen killed 20 people on Monday.") == [(19, "SAU", "YEM")]
