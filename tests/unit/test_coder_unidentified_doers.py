"""Unidentified perpetrators (brink/coder/unidentified.py): an act whose doer is named only as "gunmen" or
"a suicide bomber" is not coded (tests/gold/README.md); a named group, or such a doer as the target, is.
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
        "Gunmen stormed a construction site in northern Nigeria, kidnapping seven foreign workers.",
        "Gunmen killed two policemen in Mogadishu on Sunday.",
        "A suicide bomber killed 10 Afghan policemen at a checkpoint near Kandahar.",
        "Armed men abducted six engineers in northern Afghanistan on Friday.",
    ],
)
def test_an_act_of_unidentified_gunmen_or_bombers_is_not_coded(sentence: str) -> None:
    assert coded(sentence) == []


def test_a_named_group_of_gunmen_keeps_its_event() -> None:
    events = coded("Taliban gunmen killed two policemen in Kabul on Sunday.")
    assert [(e.cameo_root, e.source.code) for e in events] == [(18, "AFGREBTAL")]


def test_gunmen_whose_own_words_give_a_nationality_keep_their_event() -> None:
    # gold README: a nationality identifies the doer; the place ("in Mogadishu") alone does not
    events = coded("Somali gunmen killed two Kenyan policemen near the border on Sunday.")
    assert [(e.cameo_root, e.source.country, e.target.country if e.target else None) for e in events] == [
        (18, "SOM", "KEN")
    ]


def test_gunmen_as_the_target_of_a_state_act_are_coded() -> None:
    events = coded("Afghan police killed two gunmen in Kabul on Sunday.")
    assert [(e.cameo_root, e.source.country) for e in events] == [(18, "AFG")]


def test_other_generic_armed_agents_keep_their_events() -> None:
    events = coded("Militants attacked a Syrian army checkpoint overnight, killing four soldiers.")
    assert events and all(e.source.country == "SYR" for e in events)


def test_a_kidnapping_by_unidentified_gunmen_still_counts_as_violence_for_the_article() -> None:
    # no event, but the clause is listed as violence with no perpetrator (ADR 0024), so the level stays 4
    text = "Gunmen kidnapped three foreign aid workers on Saturday in a raid on a Kenyan border town."
    coded_article = shared_coder().code(article(text))
    assert coded_article.events == []
    assert [c.sentence[c.span[0] : c.span[1]] for c in coded_article.casualties] == ["kidnapped"]


def test_a_kidnapping_with_no_violent_cause_is_no_casualty() -> None:
    assert shared_coder().code(article("The boy was abducted by his father in Ohio.")).casualties == []
