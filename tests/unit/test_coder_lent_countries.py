"""A generic agent's country is its own, its context's or its antecedent's, never the one lent by the
actor it acts on (brink/coder/lent_countries.py); and the small actor-dictionary repairs of actors13."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence, published=datetime(2020, 1, 2, 12, tzinfo=UTC))).events


def pairs(sentence: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.cameo[:2], e.source.country, e.target.country if e.target else None) for e in coded(sentence)}


def test_a_generic_doer_does_not_take_the_country_of_the_state_it_condemns() -> None:
    events = coded("The foreign ministry condemned Iran.")
    assert events and all(e.source.country != "IRN" for e in events)


def test_crowds_that_stormed_an_embassy_are_not_the_embassys_country() -> None:
    sentence = (
        "Iraq's prime minister Adel Abdul Mahdi said on Tuesday that the crowds that had stormed the US "
        "embassy in anger at the US air strikes should leave the compound."
    )
    assert ("14", "USA", "USA") not in pairs(sentence)
    assert ("14", "IRQ", "USA") in pairs(sentence)


def test_protesters_marching_to_an_embassy_are_of_the_dateline_not_of_the_embassy() -> None:
    sentence = "KHARTOUM Protesters marched to the Egyptian embassy to demand an opening of the border."
    assert ("14", "SDN", "EGY") in pairs(sentence)
    assert ("14", "EGY", "EGY") not in pairs(sentence)


def test_a_title_without_a_known_name_does_not_take_the_country_it_addresses() -> None:
    sentence = "President Thabo Mbeki expressed his condolences to the leaders of Sudan and Kenya."
    assert all(source != "SDN" for _, source, _ in pairs(sentence))


def test_the_scene_of_an_act_still_places_a_generic_doer() -> None:
    sentence = "Police fired tear gas at protesters in the Tunisian capital, Tunis."
    assert ("17", "TUN", "TUN") in pairs(sentence)


def test_a_country_owning_the_thing_acted_on_still_places_a_generic_doer() -> None:
    sentence = "Police raided the homes of Russia's top protest leaders on Monday."
    assert any(source == "RUS" for _, source, _ in pairs(sentence))


def test_a_rebel_group_acted_on_places_a_generic_doer() -> None:
    sentence = (
        "Police have blamed the National Liberation Army, Colombia's largest rebel group, for the kidnapping."
    )
    assert ("11", "COL", "COL") in pairs(sentence)


def test_the_leader_of_an_armed_group_is_of_its_group_not_of_the_state_it_threatens() -> None:
    events = coded("The Houthi leader threatened Saudi Arabia with more attacks.")
    assert events and events[0].source.country == "YEM" and events[0].source.role == "REB"


def test_officials_of_an_army_are_military() -> None:
    events = coded("Indian Army officials accused Pakistani troops of firing at their posts.")
    assert events and events[0].source.code == "INDMIL"


def test_bosnian_serb_forces_are_bosnian() -> None:
    events = coded("Bosnian Serb forces attacked Croatian troops near the border.")
    assert events and events[0].source.country == "BIH"


def test_myanmarese_and_zionists_are_recognised() -> None:
    myanmar = coded("Myanmarese troops attacked Indian border posts.")
    israel = coded("Hamas said the Zionists attacked Gaza.")
    assert myanmar and myanmar[0].source.country == "MMR"
    assert any(e.source.country == "ISR" for e in israel)


def test_rebels_acting_on_a_states_soldiers_keep_that_states_country() -> None:
    assert ("18", "NGA", "NGA") in pairs("Militants abducted three Nigerian soldiers in Borno.")


def test_gunmen_kidnapping_foreign_tourists_are_not_of_the_tourists_country() -> None:
    assert all(source != "ISR" for _, source, _ in pairs("Gunmen kidnapped three Israeli tourists."))
