"""Actors the dictionaries do not know: a capitalised name read from its words (names.yaml), joined to
the known actors it touches, and the curated non-governmental organisations."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence, published=datetime(2020, 1, 1, 12, tzinfo=UTC))).events


def only(sentence: str) -> EscalationEvent:
    events = coded(sentence)
    assert len(events) == 1, [(e.cameo, e.source.text, e.target and e.target.text) for e in events]
    return events[0]


def test_a_title_before_an_unknown_name_makes_a_person_with_that_role_and_lower_confidence() -> None:
    unknown = only("Gov. Maria Lopez criticised the Mexican government.")
    known = only("Iran criticised the Mexican government.")
    source = unknown.source
    assert (source.kind, source.role, source.text) == ("person", "GOV", "Gov. Maria Lopez")
    assert unknown.source.country is None and unknown.target is not None and unknown.target.country == "MEX"
    assert unknown.confidence < known.confidence


def test_an_unknown_state_body_without_a_place_has_no_country() -> None:
    nowhere = only("On Monday the Northern Ports Authority accused China of dumping steel.")
    assert nowhere.source.text == "Northern Ports Authority" and nowhere.source.country is None


def test_an_ethnic_adjective_before_a_generic_agent_is_not_an_actor() -> None:
    e = coded("Kurdish fighters attacked Turkish troops in Syria.")[0]
    assert e.source.role == "REB" and e.source.country == "SYR"  # the agent's own context country
    assert e.source.text.endswith("fighters")


def test_ordinary_words_and_modifiers_are_not_names() -> None:
    assert coded("Historians criticised the Russian government.") == []  # a capitalised common noun
    us_led = coded("Greeks protested against the recent US-led strikes on Syria.")
    assert all(ev.source.text != "US" for ev in us_led)  # "US-led" modifies the strikes
    anti = coded("Students staged an anti-Israeli protest in Cairo.")
    assert all(ev.source.text != "Israeli" for ev in anti)


def test_well_known_ngos_come_from_the_dictionary() -> None:
    amnesty = only("Amnesty International condemned the executions in Iran.")
    assert (amnesty.source.code, amnesty.source.kind, amnesty.source.role) == ("NGOHRIAMN", "group", "NGO")
    assert amnesty.source.name == "Amnesty International"


def test_a_negated_action_by_an_unknown_actor_stays_negated() -> None:
    e = only("The Harbour Pilots Association did not condemn the Greek government.")
    assert e.negated and e.source.role == "NGO" and e.source.country is None


def test_a_generic_agent_before_a_verb_of_saying_is_the_actor() -> None:
    said = coded("The Iraqi military said it shelled rebel positions.")
    assert said and said[0].source.code == "IRQMIL"


def test_a_dotted_acronym_does_not_match_across_a_space() -> None:
    met = coded("A U.S. judge met Kenya.")
    assert all(ev.source.code != "IGOAFRAFU" for ev in met)


def test_people_and_hostages_are_civilian_targets() -> None:
    e = coded("Police in Nairobi detained 18 people.")[0]
    assert e.target is not None and e.target.role == "CVL" and e.target.text == "people"


def test_a_name_does_not_run_into_a_date() -> None:
    e = only("Tajikistan blamed the outlawed Rastakhez Party for Sunday's attack.")
    assert e.target is not None and e.target.text == "Rastakhez Party"


def test_the_victims_counted_by_a_quantity_are_the_target() -> None:
    e = only("Sudanese security forces killed dozens of people in Khartoum.")
    assert e.cameo_root == 20 and e.target is not None
    assert (e.target.text, e.target.country) == ("people", "SDN")


def test_a_country_inside_a_prepositional_phrase_with_adjectives_is_not_the_subject() -> None:
    e = coded("A U.S. drone strike in the same Afghan province killed a Taliban commander.")[0]
    assert e.source.country == "USA"


def test_lower_case_self_defense_forces_are_not_japans() -> None:
    events = coded("Self-defense forces in Donetsk issued an ultimatum to the Ukrainian army.")
    assert all(e.source.country != "JPN" for e in events)


def test_an_unknown_name_opening_the_sentence_is_an_actor() -> None:
    e = only("Kowalczyk criticised the Polish government.")
    assert (e.source.text, e.source.kind, e.source.country) == ("Kowalczyk", "person", None)


def test_a_verb_between_two_generic_agents_is_not_a_modifier() -> None:
    e = only("Police detained two men.")
    assert e.cameo_root == 17 and e.source.text == "Police"
    assert e.target is not None and (e.target.text, e.target.role) == ("men", "CVL")
