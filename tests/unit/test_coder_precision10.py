"""Precision rules found on dev's false positives (branch precision10): unknown names acting alone are no
state's event, what one persuades another to do is not done yet, a participle after "to" is an adjective.
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
        "Nadal destroyed Federer in the final on Sunday.",
        "Thiem had dispatched Daniil Medvedev in three sets in the semifinals.",
    ],
)
def test_unknown_names_acting_on_each_other_code_nothing(sentence: str) -> None:
    assert coded(sentence) == []


def test_an_unknown_name_acting_on_a_state_is_still_coded() -> None:
    # only events that name no one known are dropped: an unlisted group attacking Iran still counts
    events = coded("Jaish al-Adl attacked Iranian border guards.")
    assert [e.target.country for e in events if e.cameo_root == 18 and e.target is not None] == ["IRN"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kabul says Qatar used its mediation to convince the Taliban to begin negotiations with Kabul.",
        "Norway tried to persuade the Taliban to begin negotiations with Kabul.",
    ],
)
def test_talks_one_is_persuaded_to_begin_are_not_asserted(sentence: str) -> None:
    talks = [e for e in coded(sentence) if e.cameo_root == 4]
    assert talks and all(e.hypothetical for e in talks)


@pytest.mark.parametrize(
    "sentence",
    [
        "Palestinians returned to occupied East Jerusalem on Sunday.",
        "The UN asked Damascus to grant aid workers access to besieged Syrian towns.",
    ],
)
def test_a_participle_after_to_is_no_act(sentence: str) -> None:
    assert not {e.cameo_root for e in coded(sentence)} & {14, 18, 19}
