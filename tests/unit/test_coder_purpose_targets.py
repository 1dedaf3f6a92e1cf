"""Purpose targets (brink/coder/purpose_targets.py): a hostile act with no target of its own is aimed at the
actor its purpose names ("drills aimed at deterring China", "a missile aimed at Japan"); a purpose that names
no actor, or one that helps rather than deters, gives none. Sentences written for these tests (not from the
gold files)."""

from __future__ import annotations

import pytest

from brink.coder.pipeline import Pipeline
from tests.fixtures.coder import found_pairs, shared_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


@pytest.mark.parametrize(
    ("text", "root", "pairs"),
    [
        (  # an aiming participle on the act's noun, with a gerund of deterring
            "Japan held naval drills aimed at deterring China.",
            "15",
            {("JPN", "CHN")},
        ),
        (  # on the object of the act's to-clause, each of a conjoined object
            "The US Navy deployed three aircraft carriers to boost efforts aimed at deterring China and "
            "North Korea.",
            "15",
            {("USA", "CHN"), ("USA", "PRK")},
        ),
        (  # an aiming participle with the actor itself
            "North Korea could launch another missile this week, perhaps aimed at Japan.",
            "15",
            {("PRK", "JPN")},
        ),
        (
            "Iran staged protests aimed at intimidating Saudi Arabia.",
            "14",
            {("IRN", "SAU")},
        ),
    ],
)
def test_a_hostile_act_is_aimed_at_the_actor_its_purpose_names(
    pipeline: Pipeline, text: str, root: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    assert found_pairs(pipeline, text, root) == pairs


def test_a_purpose_that_helps_names_no_target(pipeline: Pipeline) -> None:
    found = found_pairs(pipeline, "The United States sent aid aimed at helping Ukraine.", "07")
    assert found == {("USA", None)}


def test_a_purpose_never_turns_drills_into_cooperation_with_the_deterred(pipeline: Pipeline) -> None:
    text = "Japan held naval drills aimed at deterring China."
    assert found_pairs(pipeline, text, "06") == set()
    assert ("CHN", "JPN") not in found_pairs(pipeline, text, "15")
