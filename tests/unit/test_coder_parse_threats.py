"""Threats read by the parse coder: who threatens whom, when the threat has no named target, and the
scheduled meetings that are not yet held."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(text: str) -> list[EscalationEvent]:
    return list(shared_coder().code(article(text)).events)


def threats(text: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target is not None else None)
        for e in coded(text)
        if e.cameo_root == 13
    }


def test_a_threat_made_on_a_condition_targets_whoever_must_not_act() -> None:
    text = "The Saudi king promised a harsh retaliation if Yemen fires more missiles."
    assert threats(text) == {("SAU", "YEM")}


def test_a_threatened_act_aimed_at_someone_makes_them_the_target() -> None:
    assert threats("Algeria threatened to halt gas deliveries to Spain.") == {("DZA", "ESP")}


def test_a_threat_without_any_target_is_still_a_threat() -> None:
    assert threats("Iran threatened to close the Strait of Hormuz.") == {("IRN", None)}


def test_one_threat_per_speaker_when_the_sentence_names_its_target() -> None:
    text = "Serbia issued a threat, saying Kosovo would face a tough response."
    assert threats(text) == {("SRB", "XKX")}


@pytest.mark.parametrize(
    "text",
    [
        "Rising food prices threaten to topple the government of Peru.",
        "Mexico condemned the threatening rhetoric of the Guatemalan army.",
        "Peru rejected Chile's ultimatum.",
        "Iran retaliated against Israel with a missile strike.",
    ],
)
def test_no_threat_is_coded_where_no_actor_threatens(text: str) -> None:
    assert not threats(text)


def test_a_retaliation_announced_for_later_is_a_threat_of_force() -> None:
    events = [
        e for e in coded("Hezbollah will retaliate against Israel, its leader said.") if e.cameo_root == 13
    ]
    assert events and events[0].cameo.startswith("138")


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president will hold talks with the Ugandan president on Monday.",
        "The Brazilian president will visit Argentina in March.",
    ],
)
def test_meetings_and_visits_announced_for_later_are_hypothetical(text: str) -> None:
    events = [e for e in coded(text) if e.cameo_root == 4]
    assert events and all(e.hypothetical for e in events)


def test_an_announced_decision_is_the_act_itself() -> None:
    events = [e for e in coded("Germany will expel two Russian diplomats.") if e.cameo_root == 16]
    assert events and not events[0].hypothetical


def test_a_hostile_act_announced_on_a_condition_is_a_conditional_threat_of_it() -> None:
    events = coded("Turkey will bomb Syria if the Kurdish militias cross the river.")
    assert [(e.cameo_root, e.source.country, e.target.country if e.target else None) for e in events] == [
        (13, "TUR", "SYR")
    ]
    assert events[0].conditional and not events[0].hypothetical


def test_the_act_inside_a_condition_is_not_coded() -> None:
    events = coded("Moscow may cut ties with Poland if Warsaw seizes Russian property.")
    assert all(e.source.country != "POL" for e in events)


def test_a_warning_to_do_something_is_advice_not_a_threat() -> None:
    assert not threats("Canada warned its citizens to leave Haiti immediately.")
    assert threats("China warned Japan not to interfere in Taiwan.") == {("CHN", "JPN")}
    assert threats("The US warned Iran to halt enrichment or face consequences.") == {("USA", "IRN")}


def test_a_pronoun_target_read_as_the_threateners_own_side_is_dropped() -> None:
    text = (
        "Greek Defence Minister Nikos Dendias warned Turkey not to test Greece's resolve, "
        "saying it would face a harsh response."
    )
    found = threats(text)
    assert ("GRC", "TUR") in found and ("GRC", "GRC") not in found
