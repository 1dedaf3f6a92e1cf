"""Agreement terms (brink/coder/agreement_terms.py): an agreement reached on an act the parties are to do is
the intent to do it (03), a business deal is material cooperation (06), and a signed agreement stays 057.
The sentences are written for these tests (not taken from the gold sets)."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence)).events


def pairs(events: list[EscalationEvent]) -> set[tuple[int, str | None, str | None]]:
    return {(e.cameo_root, e.source.country, e.target.country if e.target else None) for e in events}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya reached an agreement with Uganda to reopen the border crossing.",
        "Armenia and Azerbaijan struck a deal to exchange the bodies of fallen soldiers.",
        "Ghana said it had agreed a deal with Togo to open a joint border post.",
    ],
)
def test_an_agreement_reached_on_an_act_to_come_is_intent(sentence: str) -> None:
    events = coded(sentence)
    assert events and all(e.cameo_root == 3 for e in events), pairs(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "Peru signed a contract with Chile to build a new railway.",
        "Brazil and Argentina signed a multi-billion energy deal on Tuesday.",
        "Egypt signed an agreement with France to buy 30 Rafale fighter jets.",
    ],
)
def test_a_business_deal_is_material_cooperation(sentence: str) -> None:
    events = coded(sentence)
    assert events and all(e.cameo_root == 6 for e in events), pairs(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya and Uganda signed an agreement to reopen the border crossing.",
        "Chile and Peru reached a free-trade deal.",
        "Russia and India reached an agreement for India to obtain air defence systems.",
    ],
)
def test_a_signed_or_bare_agreement_stays_diplomatic_cooperation(sentence: str) -> None:
    events = coded(sentence)
    assert events and all(e.cameo_root == 5 for e in events), pairs(events)
