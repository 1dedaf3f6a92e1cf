"""Schedules (brink/coder/modality.py): an act "set to", "due to" or "scheduled to" happen is not carried out
yet, so it is hypothetical whatever its root (tests/gold/README.md), not only a meeting; an announced "will"
is not a schedule. The sentences are written for these tests (not taken from the gold sets)."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence)).events


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia and China are set to hold joint naval drills next week.",
        "The EU is due to impose new sanctions on Russia on Monday.",
        "Putin is set to meet Xi in Beijing on Friday.",
    ],
)
def test_a_scheduled_act_of_any_root_is_hypothetical(sentence: str) -> None:
    events = coded(sentence)
    assert events and all(e.hypothetical for e in events)


def test_an_announced_sanction_is_no_schedule() -> None:
    events = coded("Russia will impose sanctions on Ukraine.")
    assert events and not any(e.hypothetical for e in events)
