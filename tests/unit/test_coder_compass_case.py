"""A country's name or demonym with its leading direction word in lower case ("the south Korean puppet
forces", as North Korea's news agency writes) is still that country's (brink/coder/compass_case.py), and a
slur between the demonym and the force ("puppet") does not cut the force off from its country
(grammar.yaml modifier_words)."""

from __future__ import annotations

import pytest

from brink.coder.compass_case import lower_direction_fits
from tests.fixtures.coder import article, shared_coder


def _targets(text: str) -> set[str | None]:
    return {
        e.target.code if e.target is not None else None for e in shared_coder().code(article(text)).events
    }


@pytest.mark.parametrize(
    "text",
    [
        "North Korea condemned the south Korean puppet forces.",
        "North Korea condemned the South Korean puppet forces.",
    ],
)
def test_the_south_korean_puppet_forces_are_south_koreas(text: str) -> None:
    assert _targets(text) == {"KORMIL"}


def test_a_lower_case_direction_before_a_capitalised_word_fits_a_title_case_name() -> None:
    text = "the south Korean forces"
    assert lower_direction_fits(text, 4, 16, "South Korean")


def test_a_lower_case_direction_before_a_lower_case_word_is_no_name() -> None:
    text = "the south korean forces"
    assert not lower_direction_fits(text, 4, 16, "South Korean")


def test_a_lower_case_word_that_is_no_direction_is_no_name() -> None:
    assert not lower_direction_fits("the new Zealand team", 4, 15, "New Zealand")
