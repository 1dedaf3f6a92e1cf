"""Pledged sums (brink/coder/pledged_sums.py): aid pledged or offered as a stated sum in a to-clause is
announced aid (07); unspecified aid pledged, or a sum only agreed to, stays an intent (03).
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
        "Japan pledged to provide an additional $30 million to the Philippines.",
        "Germany promised to give 10 million euros to Jordan.",
        "Norway offered to donate 5 million dollars to Haiti.",
    ],
)
def test_aid_pledged_as_a_stated_sum_is_announced_aid(sentence: str) -> None:
    events = coded(sentence)
    assert events and all(e.cameo_root == 7 for e in events), [e.cameo for e in events]


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan pledged to send aid to the Philippines.",
        "Japan agreed to give 10 million dollars to the Philippines.",
    ],
)
def test_unspecified_aid_pledged_or_a_sum_agreed_to_stays_intent(sentence: str) -> None:
    events = coded(sentence)
    assert events and all(e.cameo_root == 3 for e in events), [e.cameo for e in events]
