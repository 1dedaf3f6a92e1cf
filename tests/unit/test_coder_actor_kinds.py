"""Actor kinds read by general rules: a generic agent coordinated with a state actor, a sponsor that is
not the sponsored group's country, abbreviations before "-backed"; own example sentences."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence, published=datetime(2020, 1, 1, 12, tzinfo=UTC))).events


def dyads(sentence: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.country, e.target.country if e.target else None) for e in coded(sentence)}


def test_an_unnamed_side_coordinated_with_a_state_actor_is_of_that_state() -> None:
    # the appeal's speaker (Germany) is not the opposition's country
    assert dyads("Germany urged the Venezuelan government and the opposition to resume their dialogue.") == {
        ("DEU", "VEN")
    }
    assert ("ETH", "ETH") in dyads(
        "The Ethiopian army and the rebels clashed near the border, officials said."
    )


def test_a_place_right_after_the_agent_outweighs_its_conjunct() -> None:
    events = coded("Russian troops and rebels in eastern Ukraine exchanged fire overnight.")
    assert any(e.source.country == "UKR" or (e.target and e.target.country == "UKR") for e in events)


def test_a_place_further_away_does_not_outweigh_the_conjunct() -> None:
    assert ("MLI", "MLI") in dyads(
        "The Malian government and the rebels agreed to a ceasefire after talks in Algiers."
    )


def test_an_abbreviated_sponsor_is_not_the_country_of_the_group_it_backs() -> None:
    events = coded("The U.S.-backed rebels attacked an army base in the north of Syria.")
    attack = next(e for e in events if e.cameo_root in (18, 19))
    assert attack.source.sponsor == "USA" and attack.source.country != "USA"


def test_a_sponsored_agent_never_takes_the_sponsor_as_its_country_from_context() -> None:
    # the only country named is the sponsor: the militia has none, not Saudi Arabia's
    events = coded("Saudi-backed militiamen attacked the port on Sunday.")
    assert all(e.source.country != "SAU" for e in events)


def test_each_other_makes_each_side_the_target_of_the_other() -> None:
    accusations = {
        (e.source.country, e.target.country if e.target else None)
        for e in coded("India and Pakistan accused each other of violating the ceasefire.")
        if e.cameo_root == 11
    }
    assert accusations == {("IND", "PAK"), ("PAK", "IND")}
    blame = dyads("Armenia and Azerbaijan blamed one another for the renewed shelling.")
    assert {("ARM", "AZE"), ("AZE", "ARM")} <= blame


def test_the_country_of_a_dateline_place_is_not_an_actor() -> None:
    # (nor a name guessed from it once the dictionary's country is dropped)
    events = coded("TBILISI, Georgia (AP) - Russian troops detained two Georgian soldiers near the boundary.")
    assert [(e.source.code, e.target.code if e.target else None) for e in events] == [("RUSMIL", "GEOMIL")]


def test_an_unlocated_generic_agent_is_of_the_place_its_story_was_filed_from() -> None:
    # the gold README: actors named only through a dateline are coded with its country
    assert dyads("KABUL — Police arrested three journalists on Tuesday.") == {("AFG", "AFG")}
    assert dyads("NAIROBI, May 3 (Reuters) - Police fired tear gas at protesters on Tuesday.") == {
        ("KEN", "KEN")
    }
    assert dyads("Lima, June 4 (EFE) – Police detained 40 demonstrators outside parliament.") == {
        ("PER", "PER")
    }
    # without a dateline the agent stays without a country
    assert dyads("Police arrested three journalists on Tuesday.") <= {(None, None)}


def test_a_country_the_text_names_outweighs_the_dateline() -> None:
    # a story on Syria is often filed from Beirut: the militants are not Lebanese ("gunmen" would code no
    # event: an unidentified doer, tests/unit/test_coder_unidentified_doers.py)
    sides = dyads("BEIRUT — Militants attacked a Syrian army checkpoint overnight, killing four soldiers.")
    assert sides and all(source != "LBN" for source, _ in sides)


def test_new_york_is_the_american_city_not_york_in_england() -> None:
    e = coded("Police arrested dozens of protesters in New York on Monday.")[0]
    assert e.source.code == "USACOP"
    assert e.location is not None and e.location.country == "USA"


def test_an_office_with_a_capitalised_portfolio_belongs_to_the_state_after_of() -> None:
    events = coded(
        "The Minister for Foreign Affairs of Mongolia met the Minister for Foreign Affairs and Trade of "
        "Hungary in Budapest on Tuesday."
    )
    assert {("MNG", "HUN"), ("HUN", "MNG")} <= {
        (e.source.country, e.target.country if e.target else None) for e in events
    }


def test_a_participle_on_a_sent_message_is_the_senders_act() -> None:
    assert ("IRN", "ISR") in dyads("Iran issued a statement condemning the Israeli strike on Damascus.")
    assert ("PRK", "KOR") in dyads(
        "North Korea sent a reply vowing to retaliate against any South Korean provocation."
    )
    # not any object: "a man carrying a gun" carries it himself
    assert all(
        e.source.country != "KEN" or e.cameo_root != 18
        for e in coded("Kenyan police arrested a man carrying explosives.")
    )


def test_an_unnamed_agent_owned_by_two_sides_their_stands_for_each_other() -> None:
    talks = dyads("Armenia and Georgia agreed to hold regular talks between their defence ministers.")
    assert {("ARM", "GEO"), ("GEO", "ARM")} <= talks
    assert all(src != tgt for src, tgt in talks)
    # a named place still is the target: "withdrew their troops from Iraq"
    assert dyads("The US and Britain withdrew their troops from Iraq.") == {("USA", "IRQ"), ("GBR", "IRQ")}


def test_an_agent_noun_of_a_named_armed_group_is_that_group() -> None:
    # "fighters of X", "militants from X": the group's men; the group is the actor, not a generic agent
    attack = coded("Fighters of the Islamic State attacked positions held by the Nusra Front near Idlib.")
    assert any(e.cameo_root in (18, 19) and e.source.code.startswith("IMG") for e in attack)
    assert ("AFG", "AFG") in dyads(
        "Members of the Taliban attacked a police checkpoint in Kandahar province."
    )
    # a state's organ after "of" is not an armed group: the soldiers stay the army's
    assert ("NGA", "NGA") in dyads("Soldiers of the Nigerian army killed 20 militants in Borno state.")


def test_critics_named_by_the_state_they_oppose_are_its_opposition() -> None:
    # "government critics", "Kremlin critics": the country's opposition, not its government (which made
    # the arrest the state acting on itself, and dropped it)
    def targets(sentence: str) -> set[str | None]:
        return {e.target.code if e.target else None for e in coded(sentence)}

    assert targets("Belarusian police detained dozens of government critics on Sunday.") == {"BLROPP"}
    assert targets("Russian police arrested two Kremlin critics at a rally in Moscow.") == {"RUSOPP"}
    assert targets("Iranian security forces detained several regime opponents in Tehran.") == {"IRNOPP"}
