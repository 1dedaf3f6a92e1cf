"""Threat rhetoric (speaker -> target) as the article and sentence threat metrics count it: threats made
(root 13, asserted), read from real parses. Sentences are made up, not taken from the gold sets."""

from __future__ import annotations

from brink.evaluation.articles import threat_pairs
from tests.fixtures.coder import article, shared_coder


def made(text: str) -> set[tuple[str | None, str | None]]:
    """The threat pairs the article metric counts in ``text``."""
    return threat_pairs(shared_coder().code(article(text)).events)


# --- the speaker's pronoun: "X warned it would ..." is X, not the last name before "it" -------------------


def test_a_pronoun_in_what_a_warner_says_is_the_warner_not_the_last_country_named() -> None:
    text = "Moscow shelled Ukrainian positions and warned it would respond harder if Poland sent troops."
    assert made(text) == {("RUS", "POL")}


def test_a_warner_who_tells_a_party_it_will_retaliate_threatens_that_party() -> None:
    assert made("China has warned Japan it will retaliate against any provocation.") == {("CHN", "JPN")}


def test_a_pronoun_that_suffers_the_warned_act_stays_the_addressee() -> None:
    # "it would pay": the one who pays is the threatened party, not the warner
    assert made("Turkey warned Greece it would pay a heavy price for the drilling.") == {("TUR", "GRC")}


# --- a modal that is the threat's own form -----------------------------------------------------------------


def test_a_may_retaliate_on_a_condition_said_by_the_threatener_is_a_threat_made() -> None:
    assert made("Syria has said it may retaliate against Turkey if Ankara sends more troops.") == {
        ("SYR", "TUR")
    }


def test_a_may_retaliate_forecast_by_analysts_is_no_threat_made() -> None:
    assert made("Analysts said Syria could retaliate against Turkey if Ankara sends more troops.") == set()


def test_a_sanction_the_party_will_have_to_face_is_threatened_by_the_speaker() -> None:
    text = 'Serbia "will have to face new sanctions" if it does not withdraw, the German ministry said.'
    assert made(text) == {("DEU", "SRB")}


# --- a warning after a comma, and the one told to act --------------------------------------------------


def test_a_warning_participle_after_an_appeal_threatens_the_party_urged_if_it_fails() -> None:
    text = "Japan urged China to free the detained fishermen, warning of consequences if it fails to do so."
    assert made(text) == {("JPN", "CHN")}


# --- a reprisal promised for an act is aimed at the act's doer -------------------------------------------


def test_a_response_promised_to_a_party_s_sanctions_targets_that_party() -> None:
    assert made("China promised a firm response to Australian sanctions on Monday.") == {("CHN", "AUS")}


# --- a possible act on a condition reported by a newspaper is its forecast, not a threat -----------------


def test_a_possible_seizure_on_a_condition_reported_by_a_newspaper_is_no_threat() -> None:
    text = "Russia could expel British diplomats if London adopts sanctions, the Izvestia newspaper reported."
    assert made(text) == set()


def test_a_possible_act_on_a_condition_said_by_the_actor_itself_is_a_threat() -> None:
    text = "Russia may expel British diplomats if London adopts sanctions, the Russian foreign ministry said."
    assert made(text) == {("RUS", "GBR")}


# --- force threatened at a place, and force not ruled out -----------------------------------------------


def test_an_offensive_threatened_in_another_state_s_town_targets_that_state() -> None:
    assert made("Turkey threatened a new offensive in Idlib.") == {("TUR", "SYR")}


def test_an_offensive_threatened_in_the_threatener_s_own_town_names_no_other_state() -> None:
    assert made("Syria threatened an offensive in Idlib.") == {("SYR", None)}


def test_force_not_ruled_out_is_threatened_and_force_ruled_out_is_not() -> None:
    assert made("Israel did not rule out a strike on Iran.") == {("ISR", "IRN")}
    assert made("Israel ruled out a strike on Iran.") == set()


def test_a_deadline_given_to_a_party_to_act_or_face_force_is_an_ultimatum() -> None:
    assert made("Serbia gave Kosovo a 48-hour deadline to withdraw its police or face force.") == {
        ("SRB", "XKX")
    }
    assert made("The EU set a deadline for the Serbian talks at the end of June.") == set()


def test_a_warning_that_the_warner_plans_to_retaliate_against_a_party_threatens_it() -> None:
    assert made("Tehran warned on Friday that it plans to retaliate against Israel.") == {("IRN", "ISR")}
