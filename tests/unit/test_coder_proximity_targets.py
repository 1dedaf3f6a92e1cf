"""A "to" of nearness says where, as "near" does: "deployed troops close to the border with Ukraine" is a
deployment against Ukraine (brink/coder/proximity.py, grammar.yaml proximity_words)."""

from __future__ import annotations

import pytest

from brink.coder.parse import load_model
from brink.coder.proximity import near_objects
from tests.fixtures.coder import article, shared_coder


def _pairs(text: str, root: int) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
        if e.cameo_root == root
    }


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops deployed close to the Ukrainian border will return to base.",
        "Russia deployed troops close to the border with Ukraine.",
    ],
)
def test_a_deployment_close_to_a_border_targets_the_state_across_it(text: str) -> None:
    assert _pairs(text, 15) == {("RUS", "UKR")}


def test_drills_close_to_a_state_target_it() -> None:
    assert _pairs("China held military drills close to Taiwan.", 15) == {("CHN", "TWN")}


def test_near_objects_reads_the_to_under_an_adverb_of_nearness() -> None:
    doc = load_model()("Russian troops deployed close to the Ukrainian border.")
    assert [t.text for t in near_objects(doc[2])] == ["border"]


def test_a_to_not_under_a_word_of_nearness_is_no_place_nearby() -> None:
    doc = load_model()("Russia sent troops straight to the border.")
    assert near_objects(doc[1]) == []
