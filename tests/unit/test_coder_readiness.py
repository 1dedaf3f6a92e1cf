"""Readiness (brink/coder/readiness.py): an act its doer is said not to be ready, willing or able to do is
negated; one it is ready to do stays a plan, and "not afraid to" denies nothing.
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
        "The US President said his country was not ready to lift all sanctions against Iran.",
        "The United States is not willing to lift sanctions on Iran.",
        "Russia is not prepared to withdraw its troops from Syria.",
        "China was unwilling to release the Canadian detainees.",
    ],
)
def test_an_act_its_doer_is_not_ready_to_do_is_negated(sentence: str) -> None:
    events = coded(sentence)
    assert events and all(e.negated for e in events)


def test_an_act_its_doer_is_ready_to_do_is_a_plan_not_a_denial() -> None:
    events = coded("India is ready to send troops to Sri Lanka.")
    assert events and all(e.hypothetical and not e.negated for e in events)


def test_not_afraid_to_act_denies_nothing() -> None:
    events = coded("Iran is not afraid to attack Israel.")
    assert events and not any(e.negated for e in events)
