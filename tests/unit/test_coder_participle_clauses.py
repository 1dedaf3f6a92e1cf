"""A participle clause with its own "by" doer reports an act (gold README, "Clauses, not noun phrases"):
the noun it modifies is what the act is done to ("drones launched at its territory by Russia",
tree.reduced_passive), and a noun event such a participle carries is told, not only named ("killed in
airstrikes conducted by US forces", match._done_by). A participle of holding tells a state, no act."""

from __future__ import annotations

import pytest

from brink.coder.parse import load_model
from brink.coder.tree import reduced_passive
from tests.fixtures.coder import article, shared_coder


def _events(text: str) -> list[tuple[int, str | None, str | None]]:
    return [
        (e.cameo_root, e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
    ]


def test_a_participle_with_a_by_doer_is_a_reduced_passive() -> None:
    doc = load_model()("Ukraine shot down all 14 drones launched at its territory by Russia overnight.")
    launched = next(t for t in doc if t.lower_ == "launched")
    assert reduced_passive(launched)


@pytest.mark.parametrize(
    "text",
    [
        "Israel released prisoners in a swap for hostages held by Hamas.",
        "The European Union welcomed the agreement reached between the president and the opposition.",
        "The drones launched overnight were shot down.",
    ],
)
def test_a_state_participle_or_one_without_a_by_doer_is_no_reduced_passive(text: str) -> None:
    doc = load_model()(text)
    participle = next(t for t in doc if t.lower_ in ("held", "reached", "launched"))
    assert not reduced_passive(participle)


def test_weapons_launched_at_a_country_by_another_are_its_attack() -> None:
    text = "Ukraine shot down all 14 drones launched at its territory by Russia overnight."
    assert (19, "RUS", "UKR") in _events(text)


def test_strikes_a_participle_carries_under_a_kill_verb_are_told_with_their_doer() -> None:
    text = "Twenty militants were killed in airstrikes conducted by US forces in Helmand."
    assert (19, "USA", None) in _events(text)


def test_strikes_killing_people_with_no_doer_code_no_event() -> None:
    assert _events("Twenty militants were killed in airstrikes in Helmand.") == []


def test_hostages_held_by_a_group_are_no_new_hostage_taking() -> None:
    text = "Israel released 183 Palestinian prisoners in a swap for three Israeli hostages held by Hamas."
    assert all(root != 18 for root, _, _ in _events(text))


def test_a_participle_on_the_of_noun_of_another_act_is_background() -> None:
    doc = load_model()("Britain demanded the release of a tanker seized last week by Iran.")
    seized = next(t for t in doc if t.lower_ == "seized")
    assert not reduced_passive(seized)
