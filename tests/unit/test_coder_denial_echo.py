"""A disapproval that only repeats a denial ("rejected the accusations, denouncing them as unfounded") is
no event of its own (denial_echo.py); criticism of something else beside a denial still is."""

from __future__ import annotations

import pytest

from tests.fixtures.coder import article, shared_coder


def coded(text: str) -> set[tuple[str, str | None, str | None]]:
    events = shared_coder().code(article(text)).events
    return {
        (e.cameo[:2], e.source.country, e.target.country if e.target is not None else None)
        for e in events
        if not e.negated
    }


@pytest.mark.parametrize(
    "text",
    [
        "Iran rejected the accusations levelled by Britain, denouncing them as unfounded.",
        "Iran rejected the accusations by Britain and condemned them as lies.",
    ],
)
def test_denouncing_the_denied_accusations_is_not_criticism(text: str) -> None:
    assert coded(text) == {("01", "IRN", "GBR")}


def test_criticism_of_someone_beside_a_denial_is_still_coded() -> None:
    text = "Iran denied the allegations and criticized Britain for its sanctions."
    assert ("11", "IRN", "GBR") in coded(text)
