"""Actors named in older news and in agency reporting: earlier office holders resolved by the article's
date, insurgencies and UN/AU missions of the archives, and state agencies named as actors. The sentences
are written for these tests (realistic news English, not taken from the gold sets)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str, published: datetime) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence, published=published)).events


def at(year: int, month: int = 6) -> datetime:
    return datetime(year, month, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("sentence", "year", "source", "target"),
    [
        ("Yeltsin condemned the NATO bombing of Yugoslavia.", 1999, "RUS", "IGO"),
        ("Saddam Hussein rejected the demands of the United Nations.", 1998, "IRQ", "IGO"),
        ("Chirac criticised the American plan for Iraq.", 2003, "FRA", "USA"),
        ("Musharraf accused India of sponsoring militants in Balochistan.", 2006, "PAK", "IND"),
        ("Uribe accused Venezuela of sheltering FARC commanders.", 2008, "COL", "VEN"),
        ("Saakashvili accused Moscow of arming the separatists.", 2008, "GEO", "RUS"),
        ("Gaddafi threatened to cut oil exports to Switzerland.", 2009, "LBY", "CHE"),
    ],
)
def test_earlier_leaders_are_coded_for_their_country(
    sentence: str, year: int, source: str, target: str
) -> None:
    events = coded(sentence, at(year))
    assert events, sentence
    e = events[0]
    assert e.source.country == source and e.source.kind == "person"
    assert e.target is not None
    assert (e.target.code or "").startswith("IGO") if target == "IGO" else e.target.country == target


def test_a_surname_two_presidents_share_is_resolved_by_tenure_or_kept_as_their_country() -> None:
    in_office = coded("Bush warned Iran against enriching uranium.", at(2006))[0]
    assert in_office.source.name == "George W. Bush" and in_office.source.country == "USA"
    between = coded("Bush criticised Iran's nuclear programme.", at(2012))[0]
    assert between.source.country == "USA"  # neither Bush in office: the country is still known


def test_putin_was_president_before_medvedev() -> None:
    e = coded("The Russian president warned Georgia against joining NATO.", at(2006))[0]
    assert e.source.name == "Vladimir Putin" and e.source.code == "RUSGOV"


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("The LTTE attacked an army camp near Jaffna.", "LKAREB"),
        ("Tamil Tigers ambushed a navy patrol off the coast.", "LKAREB"),
        ("UNITA attacked a government convoy near Huambo.", "AGOREB"),
        ("The Lord's Resistance Army abducted dozens of children in northern Uganda.", "UGAREB"),
        ("Ogaden National Liberation Front fighters attacked Ethiopian troops.", "ETHREB"),
        ("The Justice and Equality Movement attacked Sudanese army positions.", "SDNREB"),
    ],
)
def test_insurgencies_of_the_archives_code_with_their_country(sentence: str, code: str) -> None:
    events = coded(sentence, at(2005))
    assert events and events[0].source.code == code


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("AMISOM troops clashed with al-Shabaab fighters.", "IGOAFRAFU"),
        ("The Organization of African Unity condemned the coup in Niger.", "IGOAFRAFU"),
        ("UNSCOM inspectors accused Iraq of hiding documents.", "IGOUNO"),
    ],
)
def test_un_and_african_union_bodies_are_igos(sentence: str, code: str) -> None:
    events = coded(sentence, at(1999))
    assert events and events[0].source.code == code and events[0].source.country is None


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("ICE agents arrested a Mexican activist in Texas.", "USACOP"),
        (
            "The U.S. Agency for International Development accused the Ethiopian government of theft.",
            "USAGOV",
        ),
        ("The Home Office deported dozens of Albanian nationals.", "GBRGOV"),
    ],
)
def test_state_agencies_code_for_their_state(sentence: str, code: str) -> None:
    events = coded(sentence, at(2019))
    assert events and events[0].source.code == code


def test_lowercase_ice_is_not_the_agency() -> None:
    events = coded("Thick ice blocked ships in the Gulf of Finland.", at(2019))
    assert all(e.source.code != "USACOP" for e in events)


def test_a_longer_name_starting_inside_a_shorter_match_wins() -> None:
    """ "the U.S." is a key of its own; "U.S. Agency for International Development", which starts inside
    it and ends later, is the actor the sentence names."""
    e = coded("The U.S. Border Patrol detained two Guatemalan journalists.", at(2019))[0]
    assert e.source.code == "USACOP" and e.source.text == "U.S. Border Patrol"


def test_a_capital_after_in_and_a_spatial_adjective_is_a_place() -> None:
    """ "in downtown Kabul", "in neighbouring Lebanon": the preposition still points at the place, so the
    capital is not the government and a generic agent there takes its country."""
    e = coded("In downtown Kabul, hundreds of students protested against the Pakistani embassy.", at(2019))[0]
    assert e.source.code == "AFGCVL"
    assert all(x.source.code != "AFGGOV" for x in coded("A car bomb exploded in downtown Kabul.", at(2019)))


def test_the_countrys_agents_belong_to_the_state_named_before_not_to_a_nearby_place() -> None:
    e = coded(
        "The Jordanian government said the country's security forces arrested suspects in Syria.", at(2019)
    )
    assert [x.source.code for x in e if x.source.text == "security forces"] == ["JORCOP"]
    k = coded("Bahrain said the kingdom's police arrested dozens of Iranian nationals in Manama.", at(2019))
    assert [x.source.country for x in k if x.source.text == "police"] == ["BHR"]


def test_the_kingdom_is_only_a_monarchy() -> None:
    """ "Iran said the kingdom's police ...": Iran is no kingdom, so the agent keeps the place's country."""
    e = coded("Iran said the kingdom's police arrested dozens of protesters in Bahrain.", at(2019))
    assert [x.source.country for x in e if x.source.text == "police"] == ["BHR"]
