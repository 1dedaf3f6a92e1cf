"""Reciprocal parties (brink/coder/reciprocal.py): an act on a relation whose two sides a phrase names without
naming either ("between them", "between the two countries", "bilateral") is aimed at the other side the
sentence names; with no single other side, it has no target. Sentences written for these tests (not from
the gold files)."""

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
        (  # "them": the pair named together with the doer's own name
            "The chill between Japan and China deepened as Tokyo suspended dialogue between them on trade "
            "in Asia.",
            "16",
            {("JPN", "CHN")},
        ),
        (  # "the two countries": the one other state the sentence names
            "Canada suspended dialogue between the two countries after India expelled its diplomats.",
            "16",
            {("CAN", "IND")},
        ),
        (  # on the object of a to-clause
            "Britain welcomed the Indian leader, pledging to deepen ties between the countries.",
            "03",
            {("GBR", "IND")},
        ),
        (  # "bilateral" on the relation noun
            "Brazil and Argentina agreed to expand bilateral trade.",
            "03",
            {("BRA", "ARG"), ("ARG", "BRA")},
        ),
    ],
)
def test_a_relation_named_as_a_pair_is_aimed_at_the_other_side(
    pipeline: Pipeline, text: str, root: str, pairs: set[tuple[str | None, str | None]]
) -> None:
    doers = {source for source, _ in pairs}  # (India's own expulsion is not this test's)
    assert {p for p in found_pairs(pipeline, text, root) if p[0] in doers} == pairs


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # two other states and no pair with the doer: no guess
        ("Egypt suspended talks between the two sides while Qatar and Turkey looked on.", "16"),
        # no other state named at all
        ("Norway signed a bilateral deal.", "05"),
    ],
)
def test_a_pair_phrase_with_no_single_other_side_gives_no_target(
    pipeline: Pipeline, text: str, root: str
) -> None:
    found = found_pairs(pipeline, text, root)
    assert found and all(target is None for _, target in found)
