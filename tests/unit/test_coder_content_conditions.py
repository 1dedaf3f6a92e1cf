"""Content conditions (brink/coder/content_conditions.py): a refusal, demand or promise whose action carries
an if / unless clause is conditional; one without is not. The sentences are written for these tests (not
taken from the gold sets)."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def refusals(sentence: str) -> list[EscalationEvent]:
    return [e for e in shared_coder().code(article(sentence)).events if e.cameo_root == 12]


@pytest.mark.parametrize(
    "sentence",
    [
        "Iran refused to resume talks with the United States unless sanctions are lifted.",
        "Japan's Foreign Minister Yoshimasa Hayashi refused to attend the dinner if Lavrov is there.",
    ],
)
def test_a_refusal_whose_action_carries_a_condition_is_conditional(sentence: str) -> None:
    found = refusals(sentence)
    assert found and all(e.conditional for e in found)


def test_a_plain_refusal_is_not_conditional() -> None:
    found = refusals("Iran refused to resume talks with the United States.")
    assert found and not any(e.conditional for e in found)
