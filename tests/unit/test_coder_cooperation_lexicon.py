"""Lexical coverage of the cooperative roots (01-09), built from WordNet classes and CAMEO's categories:
gifts, stated sums pledged, investigating bodies formed, and event nouns carried by synonyms of the light
verbs (real spaCy parse through the whole coder)."""

from __future__ import annotations

from brink.coder.verb_classes import VerbClasses
from tests.fixtures.coder import article, shared_coder


def _events(text: str) -> set[tuple[str, str, str | None]]:
    events = shared_coder().code(article(text)).events
    return {(e.cameo, e.source.country or "", e.target.country if e.target else None) for e in events}


def _roots(text: str) -> set[int]:
    return {e.cameo_root for e in shared_coder().code(article(text)).events}


def test_the_donate_class_is_wordnet_gift_giving_without_give() -> None:
    members = VerbClasses.load().members("donate")
    assert {"donate", "gift"} <= members
    assert "give" not in members and "present" not in members


def test_a_donation_to_a_country_is_aid_whatever_is_given() -> None:
    got = _events("The Chinese government has donated 12 ambulances to the Maldives.")
    assert ("070", "CHN", "MDV") in got
    assert ("070", "JPN", "LKA") in _events("Japan gifted two patrol boats to Sri Lanka.")


def test_a_donation_to_no_actor_is_no_aid() -> None:
    assert 7 not in _roots("Volunteers donated blood at the hospital in Kenya.")


def test_a_stated_sum_pledged_is_announced_aid_not_intent() -> None:
    got = _events("China pledged $100 million in humanitarian aid to Nepal.")
    assert ("071", "CHN", "NPL") in got
    assert not {e for e in got if e[0].startswith("03")}


def test_funds_of_no_stated_sum_pledged_stay_intent() -> None:
    assert ("0331", "SAU", "PAK") in _events("Saudi Arabia pledged a loan to Pakistan.")
    assert 7 not in _roots("Germany pledged support to Ukraine.")


def test_shares_offered_to_investors_are_no_aid() -> None:
    assert 7 not in _roots("The company offered 5 million shares to investors.")


def test_forming_an_investigating_body_opens_an_investigation() -> None:
    assert ("090", "BGD", "BGD") in _events("Bangladesh's law ministry formed a judicial inquiry committee.")
    assert ("090", "", "UKR") in _events(
        "The United Nations set up a commission of inquiry into violations in Ukraine."
    )


def test_forming_a_body_for_something_else_is_no_investigation() -> None:
    assert 9 not in _roots("Egypt formed a committee to boost trade with Sudan.")
    assert 9 not in _roots("Kenya established a new team to promote tourism.")


def test_commence_carries_an_event_noun_like_begin() -> None:
    got = _events("Pakistan and Russia commenced joint military exercises.")
    assert {("062", "PAK", "RUS"), ("062", "RUS", "PAK")} <= got


def test_wrapping_up_a_meeting_reports_it_held() -> None:
    got = _events("China and Pakistan have wrapped up a meeting on boosting economic cooperation.")
    assert {("040", "CHN", "PAK"), ("040", "PAK", "CHN")} <= got


def test_wrapping_a_gift_is_no_event() -> None:
    assert not _events("The Kenyan president wrapped the gift for the visiting Ghanaian delegation.")


def test_investigators_sent_to_a_place_investigate_there() -> None:
    got = _events("Malaysia is sending investigators to the crash site in eastern Ukraine.")
    assert ("090", "MYS", "UKR") in got
    assert 9 not in _roots("Malaysia sent investigators.")


def test_staple_food_sent_to_a_country_is_humanitarian_aid_but_shipped_is_not() -> None:
    assert ("073", "CHN", "ETH") in _events("China sent 1,440 tons of wheat to Ethiopia.")
    assert 7 not in _roots("Russia shipped grain to Egypt.")


def test_a_passive_extradition_names_the_extraditing_state_with_from() -> None:
    got = _events("The former spy chief is being extradited from Spain to New York.")
    assert ("063", "ESP", "USA") in got


def test_more_flights_between_two_states_is_economic_exchange() -> None:
    got = _events("Pakistan and India agreed to increase the number of flights between their countries.")
    assert {("0311", "PAK", "IND"), ("0311", "IND", "PAK")} <= got
    assert 6 not in _roots("The bank launched a new service for its customers.")


def test_agreeing_to_invite_a_capital_is_an_invitation_to_its_state() -> None:
    assert ("036", "SYR", "IRQ") in _events("Damascus agreed to extend a hasty invitation to Baghdad.")
    assert 3 not in _roots("The club extended an invitation to its fans.")


def test_disputing_a_claim_is_a_denial_but_disputing_a_territorial_claim_is_not() -> None:
    assert ("016", "PAK", None) in _events("Pakistan has disputed this claim.")
    assert 1 not in _roots("The United States disputes China's ownership claim to the entire sea.")
    assert 1 not in _roots("China disputes Japan's sovereignty over the islands.")


def test_reaching_out_to_a_leader_is_a_consultation_reaching_an_object_is_not() -> None:
    assert ("040", "USA", "RUS") in _events("Obama reached out to Russian President Vladimir Putin.")
    assert 4 not in _roots("The striker reached out to the ball.")
    assert "reach" not in VerbClasses.load().members("contact")


def test_encouraging_an_actor_to_act_is_an_appeal_being_encouraged_is_not() -> None:
    assert ("020", "FRA", "LBN") in _events("France encouraged Lebanon to form a government.")
    got = _events("Kofi Annan encouraged the United States to hold bilateral talks with North Korea.")
    assert ("026", "", "USA") in got
    assert not {e for e in got if e[0].startswith("04")}  # the talks are asked for, not held
    assert 2 not in _roots("Iran was encouraged by the progress of the talks with the United States.")
