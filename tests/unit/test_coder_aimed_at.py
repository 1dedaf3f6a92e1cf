"""Tear gas and water cannon with no named crowd: the source's own protesters stand in, except when the act is
aimed at vessels ("fired water cannon at boats": no crowd), and a vessel named in the act's purpose clause is
its target ("used its water cannon to intimidate the Philippine vessels"). Sentences written for these tests
(not from the gold files)."""

from __future__ import annotations

import pytest

from brink.coder.pipeline import Pipeline
from brink.coder.verb_classes import VerbClasses
from tests.fixtures.coder import found_pairs, shared_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return shared_pipeline()


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "A Chinese coast guard ship used its water cannon to harass the Vietnamese boats.",
            {("CHN", "VNM")},
        ),
        (
            "The Chinese cutters used water cannon to intimidate the Philippine vessels on Sunday.",
            {("CHN", "PHL")},
        ),
    ],
)
def test_a_vessel_in_the_purpose_clause_is_the_target(pipeline: Pipeline, text: str, pairs: set) -> None:
    assert found_pairs(pipeline, text, "17") == pairs


@pytest.mark.parametrize(
    "text",
    [
        "Chinese ships fired water cannons at boats delivering food to a reef.",
        "The Chinese coast guard fired water cannon at fishing vessels near the shoal.",
    ],
)
def test_water_cannon_at_unnamed_vessels_invents_no_protesters(pipeline: Pipeline, text: str) -> None:
    assert found_pairs(pipeline, text, "17") <= {("CHN", None)}


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Iraqi police fired tear gas outside the compound.", {("IRQ", "IRQ")}),
        ("Iraqi police fired tear gas on the square.", {("IRQ", "IRQ")}),
        ("Iraqi police used tear gas to disperse the crowd in Baghdad.", {("IRQ", "IRQ")}),
    ],
)
def test_tear_gas_at_no_vessel_still_means_the_own_protesters(
    pipeline: Pipeline, text: str, pairs: set
) -> None:
    assert found_pairs(pipeline, text, "17") == pairs


def test_the_vessel_class_holds_boats_and_ships_not_people() -> None:
    vessels = VerbClasses.load().members("vessels")
    assert {"boat", "ship", "vessel", "trawler"} <= vessels
    assert not vessels & {"protester", "crowd", "fisherman", "student"}
