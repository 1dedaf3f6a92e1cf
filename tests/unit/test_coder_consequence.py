"""Consequences (brink/coder/consequence.py): a threat whose response is caused by a hostile act not yet
done ("an attack would trigger a response") is conditional; a response to an act done is not.
The sentences are written for these tests (not taken from the gold sets)."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def threats(sentence: str) -> list[EscalationEvent]:
    return [e for e in shared_coder().code(article(sentence)).events if e.cameo_root == 13]


@pytest.mark.parametrize(
    "sentence",
    [
        "President Joe Biden on Monday warned Russia that an attack on NATO territory would trigger a "
        "devastating response.",
        "A Chinese spokesman said on Monday that U.S. attempts to harm Chinese interests will be met with "
        "firm countermeasures.",
    ],
)
def test_a_response_caused_by_an_act_not_yet_done_is_a_conditional_threat(sentence: str) -> None:
    found = threats(sentence)
    assert found and all(e.conditional for e in found)


def test_a_response_to_the_act_done_is_no_condition() -> None:
    found = threats("The attack will be met with a response, Iran said.")
    assert found and not any(e.conditional for e in found)
