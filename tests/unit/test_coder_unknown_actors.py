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


def test_an_unknown_armed_group_is_coded_with_its_role_from_the_head_word_and_no_country() -> None:
    e = only("The Ogaden National Liberation Front (ONLF) declared a unilateral ceasefire.")
    assert e.cameo_root == 8
    source = e.source
    assert (source.code, source.role, source.kind, source.country) == ("REB", "REB", "armed_group", None)
    assert e.source.name == "Ogaden National Liberation Front"
    assert e.source.text == "Ogaden National Liberation Front (ONLF)"  # the acronym belongs to the name
    assert e.dyad is None  # no country: the alert engine ignores it


def test_a_title_before_an_unknown_name_makes_a_person_with_that_role_and_lower_confidence() -> None:
    unknown = only("Gov. Maria Lopez criticised the Mexican government.")
    known = only("Iran criticised the Mexican government.")
    source = unknown.source
    assert (source.kind, source.role, source.text) == ("person", "GOV", "Gov. Maria Lopez")
    assert unknown.source.country is None and unknown.target is not None and unknown.target.country == "MEX"
    assert unknown.confidence < known.confidence


def test_a_name_after_a_known_title_is_its_holder() -> None:
    e = only("Iraqi lawmaker Ahmed Rahim accused Iran of meddling.")
    assert (e.source.code, e.source.text) == ("IRQLEG", "Iraqi lawmaker Ahmed Rahim")
    assert e.dyad == "IRN-IRQ"


def test_an_unknown_name_in_apposition_takes_the_known_actors_country() -> None:
    e = only("Baghdad expelled Ivan Petrov, Russia's deputy ambassador.")
    assert e.target is not None and (e.target.text, e.target.country) == ("Ivan Petrov", "RUS")
    assert e.dyad == "IRQ-RUS"


def test_a_named_body_speaks_through_its_spokesman() -> None:
    e = only("Acme Corp spokesman Tom Reed criticised the Chinese government.")
    assert (e.source.role, e.source.country) == ("BUS", None)
    assert e.source.text == "Acme Corp spokesman Tom Reed"


def test_an_unknown_state_body_takes_the_country_of_the_place_not_of_its_target() -> None:
    in_kyiv = only("The State Audit Office in Kyiv accused Russia of fraud.")
    nowhere = only("On Monday the Northern Ports Authority accused China of dumping steel.")
    assert (in_kyiv.source.code, in_kyiv.source.kind) == ("UKRGOV", "state")
    assert nowhere.source.text == "Northern Ports Authority" and nowhere.source.country is None


def test_a_known_country_adjective_keeps_the_unknown_name_it_qualifies() -> None:
    e = only("The South Korean NSC condemned the missile launch by North Korea.")
    assert e.source.country == "KOR" and e.source.text == "South Korean NSC"


def test_an_ethnic_adjective_before_a_generic_agent_is_not_an_actor() -> None:
    e = coded("Kurdish fighters attacked Turkish troops in Syria.")[0]
    assert e.source.role == "REB" and e.source.country == "SYR"  # the agent's own context country
    assert e.source.text.endswith("fighters")


def test_ordinary_words_dates_places_and_modifiers_are_not_names() -> None:
    assert coded("Historians criticised the Russian government.") == []  # a capitalised common noun
    e = only("Thousands of students marched in Springfield to protest against Israel.")
    assert e.source.text == "students"  # "Springfield" after "in" is a place, "Thousands" a quantity
    us_led = coded("Greeks protested against the recent US-led strikes on Syria.")
    assert all(ev.source.text != "US" for ev in us_led)  # "US-led" modifies the strikes
    anti = coded("Students staged an anti-Israeli protest in Cairo.")
    assert all(ev.source.text != "Israeli" for ev in anti)


def test_a_treaty_or_summit_name_is_not_an_actor() -> None:
    e = only("India suspended the Indus Water Treaty with Pakistan.")
    assert e.source.country == "IND" and (e.target is None or e.target.text != "Indus Water Treaty")


def test_well_known_ngos_come_from_the_dictionary() -> None:
    amnesty = only("Amnesty International condemned the executions in Iran.")
    msf = only("Doctors Without Borders accused Israel of bombing a clinic.")
    assert (amnesty.source.code, amnesty.source.kind, amnesty.source.role) == ("NGOHRIAMN", "group", "NGO")
    assert msf.source.code == "NGOHLHMSF" and msf.source.country is None
    assert amnesty.source.name == "Amnesty International"


def test_a_negated_action_by_an_unknown_actor_stays_negated() -> None:
    e = only("The Harbour Pilots Association did not condemn the Greek government.")
    assert e.negated and e.source.role == "NGO" and e.source.country is None


def test_a_headline_in_title_case_yields_no_guessed_names() -> None:
    events = coded("Protesters Storm Embassy As Tensions Rise In Capital Over New Sanctions")
    assert events and all(e.source.code.endswith("CVL") for e in events)


def test_a_generic_agent_used_as_a_modifier_is_not_the_target() -> None:
    e = only("The United States reduced military aid to Egypt.")
    assert e.target is not None and e.target.country == "EGY" and e.target.text == "Egypt"
    said = coded("The Iraqi military said it shelled rebel positions.")  # a verb after it: still the actor
    assert said and said[0].source.code == "IRQMIL"


def test_a_dotted_acronym_does_not_match_across_a_space() -> None:
    e = coded("A U.S. federal judge approved the extradition of Ricardo Lopez to Panama.")[0]
    met = coded("A U.S. judge met Kenya.")
    assert e.source.country == "USA" and all(ev.source.code != "IGOAFRAFU" for ev in met)


def test_people_and_hostages_are_civilian_targets() -> None:
    e = coded("Police in Nairobi detained 18 people.")[0]
    assert e.target is not None and e.target.role == "CVL" and e.target.text == "people"


def test_a_place_adjective_before_a_noun_is_not_a_name() -> None:
    e = only("President Obama met the Tibetan spiritual leader in Washington.")
    assert e.target is None or e.target.text != "Tibetan"


def test_a_role_noun_after_an_unknown_name_belongs_to_it() -> None:
    e = only("The Harbourside movement urged the Greek government to lower taxes.")
    assert (e.source.text, e.source.role) == ("Harbourside movement", "OPP")


def test_a_name_does_not_run_into_a_date() -> None:
    e = only("Tajikistan blamed the outlawed Rastakhez Party for Sunday's attack.")
    assert e.target is not None and e.target.text == "Rastakhez Party"


def test_a_name_after_an_organisations_title_is_its_holder() -> None:
    e = only("UN envoy Jan Petersen criticised the Syrian government.")
    assert e.source.code.startswith("IGO") and e.source.text == "UN envoy Jan Petersen"


def test_an_untargeted_coercion_targets_the_place_it_happened_named_by_its_words() -> None:
    e = only("Jordanian police imposed a curfew in Amman.")
    assert e.cameo_root == 17 and e.target is not None
    assert (e.target.country, e.target.text) == ("JOR", "Amman")


def test_the_victims_counted_by_a_quantity_are_the_target() -> None:
    e = only("Sudanese security forces killed dozens of people in Khartoum.")
    assert e.cameo_root == 20 and e.target is not None
    assert (e.target.text, e.target.country) == ("people", "SDN")


def test_an_agent_owned_through_its_belongs_to_the_state_named_before() -> None:
    e = coded("Turkey says its warplanes struck Kurdish positions in northern Syria.")[0]
    assert e.source.code == "TURMIL" and e.target is not None and e.target.country == "SYR"


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


def test_an_unknown_name_owned_by_a_country_belongs_to_it() -> None:
    e = only("Iran's Kazem Gharibabadi criticised the Ugandan government.")
    assert (e.source.text, e.source.country, e.source.kind) == ("Kazem Gharibabadi", "IRN", "person")
    assert e.dyad == "IRN-UGA"
