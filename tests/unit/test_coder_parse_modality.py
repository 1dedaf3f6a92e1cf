"""Negation, conditions and hypotheticals read from the parse."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def attack(text: str) -> EscalationEvent:
    events = [e for e in shared_coder().code(article(text)).events if e.cameo_root in (13, 19)]
    assert events, f"no attack or threat coded in {text!r}"
    return events[0]


def test_an_affirmed_attack_has_no_modality() -> None:
    e = attack("Iran attacked Israel on Monday.")
    assert (e.negated, e.conditional, e.hypothetical) == (False, False, False)


@pytest.mark.parametrize(
    "text",
    ["Iran did not attack Israel.", "Iran never attacked Israel.", "Iran denied attacking Israel."],
)
def test_a_negated_attack_is_marked_negated(text: str) -> None:
    assert attack(text).negated


@pytest.mark.parametrize(
    "text",
    [
        "Iran will attack Israel if it strikes its nuclear sites.",
        "Unless talks resume, Iran will attack Israel.",
    ],
)
def test_an_attack_under_if_or_unless_is_conditional(text: str) -> None:
    assert attack(text).conditional


@pytest.mark.parametrize(
    "text", ["Iran could attack Israel.", "Iran might attack Israel.", "Will Iran attack Israel?"]
)
def test_a_possible_or_questioned_attack_is_hypothetical(text: str) -> None:
    assert attack(text).hypothetical


def test_a_threat_with_a_condition_is_conditional() -> None:
    e = attack("Trump threatened Iran if any harm comes to Americans.")
    assert e.cameo_root == 13 and e.conditional


@pytest.mark.parametrize(
    "text",
    [
        "Mattis warned North Korea that any use of nuclear weapons would be met with a response.",
        "North Korea threatened the United States, saying it would face a response if drills continue.",
    ],
)
def test_a_threat_whose_content_is_conditional_is_conditional(text: str) -> None:
    e = attack(text)
    assert e.cameo_root == 13 and e.conditional
