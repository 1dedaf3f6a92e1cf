"""Attacks made only with non-lethal means are coercion (175), not armed violence (brink/coder/means.py).
The sentences are written for these tests (not taken from the gold files)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from brink.evaluation.articles import article_level
from tests.fixtures.coder import article, shared_coder

_AT = datetime(2024, 6, 1, 12, tzinfo=UTC)


def codes(text: str) -> set[tuple[str, str | None, str | None]]:
    events = shared_coder().code(article(text, published=_AT)).events
    return {(e.cameo, e.source.country, e.target.country if e.target else None) for e in events}


NON_LETHAL = [
    ("Two Chinese coast guard ships hit a Philippine supply boat with water cannons on Saturday.", "PHL"),
    ("Chinese coast guard vessels attacked Philippine boats using water cannon near the shoal.", "PHL"),
    ("Chinese soldiers attacked Indian troops with batons and tear gas at the border.", "IND"),
]


@pytest.mark.parametrize(("text", "target"), NON_LETHAL)
def test_an_attack_with_non_lethal_means_is_coercion(text: str, target: str) -> None:
    found = codes(text)
    assert ("175", "CHN", target) in found
    assert not any(code[:2] in ("18", "19", "20") for code, _, _ in found)
    events = shared_coder().code(article(text, published=_AT)).events
    assert article_level(events) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces attacked Ukrainian positions with artillery and drones on Monday.",
        "Israeli jets hit Gaza with missiles on Monday.",
        # one lethal means among them keeps it armed violence
        "Russian troops attacked Ukrainian trenches with tear gas and artillery on Monday.",
    ],
)
def test_an_attack_with_weapons_stays_armed_violence(text: str) -> None:
    assert any(code[:2] in ("18", "19") for code, _, _ in codes(text))
