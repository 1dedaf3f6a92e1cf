"""Scope of denials, negation and conditions read from the parse (brink/coder/scope.py), through the coder."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder

PUBLISHED = datetime(2024, 5, 1, 12, tzinfo=UTC)


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence, published=PUBLISHED)).events


def of_root(events: list[EscalationEvent], root: int) -> list[EscalationEvent]:
    return [e for e in events if e.cameo_root == root]


def test_denial_reaches_an_act_in_a_clause_below_its_clause() -> None:
    events = coded("President Bush has denied that the United States is gearing up to attack Iran.")
    attacks = of_root(events, 19)
    assert attacks and all(e.negated for e in attacks)


def test_denial_reaches_a_coordinated_act_of_its_clause() -> None:
    events = coded("Russia denied that its troops had entered and occupied the Ukrainian village.")
    occupied = of_root(events, 19)
    assert occupied and all(e.negated for e in occupied)


def test_act_said_in_a_clause_coordinated_with_a_denial_is_asserted() -> None:
    events = coded("Russia denied the report and said Ukrainian troops had attacked Belgorod.")
    attack = next(e for e in of_root(events, 19))
    assert not attack.negated


def test_no_longer_negates_the_act() -> None:
    negated = of_root(coded("Egypt no longer recognises the government in Tripoli."), 5)
    assert negated and all(e.negated for e in negated)
    still = of_root(coded("Egypt still recognises the government in Tripoli."), 5)
    assert still and not any(e.negated for e in still)


def test_in_case_of_makes_an_announced_strike_a_conditional_threat() -> None:
    events = coded("North Korea said it would strike South Korea in case of any provocation.")
    assert events and all(e.conditional for e in events)
    assert of_root(events, 13) and not of_root(events, 19)


def test_in_the_case_of_a_country_is_no_condition() -> None:
    events = coded("In the case of Iran, the United States imposed sanctions last week.")
    sanctions = of_root(events, 16)
    assert sanctions and not any(e.conditional for e in sanctions)


def test_listed_verbs_without_a_conjunction_share_the_modal() -> None:
    events = coded("The US may expel Russian diplomats, impose new sanctions")
    assert {e.cameo for e in events} >= {"166", "163"}
    assert all(e.hypothetical for e in events)


def test_warning_against_an_act_is_a_conditional_threat() -> None:
    against = coded(
        "Russia warned the United States against ramping up sanctions, saying Moscow would retaliate."
    )
    threat = next(e for e in of_root(against, 13))
    assert threat.conditional
    plain = coded("Russia warned the United States on Friday, saying Moscow would retaliate.")
    assert not any(e.conditional for e in of_root(plain, 13))


def test_ultimatum_is_a_conditional_threat() -> None:
    events = coded("Iraqi leader Saddam Hussein issued an ultimatum to foreigners to leave Iraq.")
    ultimatum = next(e for e in events if e.cameo == "139")
    assert ultimatum.conditional


def test_denial_targets_the_side_its_denied_claim_says_was_hit() -> None:
    crossed = next(
        e
        for e in coded("Pakistan rejected allegations that its army had crossed into Afghanistan.")
        if e.cameo == "016"
    )
    assert crossed.source.country == "PAK" and crossed.target is not None and crossed.target.country == "AFG"
    standoff = next(
        e
        for e in coded("China denied reports that its troops were locked in a standoff with Indian forces.")
        if e.cameo == "016"
    )
    assert standoff.target is not None and standoff.target.country == "IND"


def test_denial_targets_the_accuser_named_as_an_agent() -> None:
    denial = next(
        e
        for e in coded("Iran rejected accusations levelled by the British government against Iran.")
        if e.cameo == "016"
    )
    assert denial.source.country == "IRN" and denial.target is not None and denial.target.country == "GBR"


def test_denial_takes_no_target_from_a_place() -> None:
    denial = next(
        e
        for e in coded("Iran ruled out any links between the Iranian government and an attack in Tajikistan.")
        if e.cameo == "016"
    )
    assert denial.target is None


def test_act_in_a_claim_dismissed_as_baseless_is_negated() -> None:
    events = coded(
        "Moscow dismissed as baseless Ukrainian claims that Russian jets had bombed a market in Kharkiv."
    )
    attacks = [e for e in events if e.cameo_root in (18, 19)]
    assert attacks and all(e.negated for e in attacks)


def test_would_on_a_verdict_about_a_noun_event_is_hypothetical() -> None:
    events = coded("A US strike on Iran would be a disaster, the minister said.")
    strikes = of_root(events, 19)
    assert strikes and all(e.hypothetical for e in strikes)


def test_a_commentators_forecast_is_hypothetical() -> None:
    events = coded("Analysts said China would blockade Taiwan in a war.")
    blockade = of_root(events, 19)
    assert blockade and all(e.hypothetical for e in blockade)


def test_a_believed_future_act_is_hypothetical_a_believed_past_act_is_not() -> None:
    future = of_root(coded("Observers believe Russia will attack Moldova next."), 19)
    assert future and all(e.hypothetical for e in future)
    past = of_root(coded("Officials believe Russia attacked Moldova last week."), 19)
    assert past and not any(e.hypothetical for e in past)


def test_a_strike_that_remains_an_option_is_hypothetical() -> None:
    events = coded("A military strike against North Korea remains an option, the general said.")
    strikes = of_root(events, 19)
    assert strikes and all(e.hypothetical for e in strikes)


def test_as_long_as_makes_the_act_conditional_and_its_clause_no_act() -> None:
    events = coded("Israel will withdraw from Gaza as long as Hamas releases the hostages.")
    withdrawal = of_root(events, 8)
    assert withdrawal and all(e.conditional for e in withdrawal)
    assert not [e for e in events if not e.conditional]  # the release is the condition, not an act


def test_provided_that_makes_the_act_conditional() -> None:
    events = coded("Russia will withdraw its troops provided that NATO stops its expansion.")
    assert of_root(events, 8) and all(e.conditional for e in of_root(events, 8))


def test_on_condition_that_makes_the_act_conditional() -> None:
    events = coded(
        "China said it would lift sanctions on Australia on condition that Canberra changes its policy."
    )
    assert of_root(events, 8) and all(e.conditional for e in of_root(events, 8))


def test_an_act_the_warner_says_it_will_do_is_a_threat() -> None:
    events = coded("Israel warned it would strike Iranian nuclear sites.")
    assert of_root(events, 13) and not of_root(events, 19)
    threat = of_root(events, 13)[0]
    assert threat.source.country == "ISR" and threat.target is not None and threat.target.country == "IRN"


def test_a_warning_of_anothers_act_is_no_threat_by_the_warner() -> None:
    events = coded("Intelligence officials warned that Iran could attack American forces in Iraq.")
    attacks = of_root(events, 19)
    assert attacks and all(e.hypothetical for e in attacks) and not of_root(events, 13)


def test_denial_takes_no_target_from_the_doer_of_the_denied_act() -> None:
    denial = next(
        e
        for e in coded("Iran denied involvement in the attack by Houthi rebels on Saudi Arabia.")
        if e.cameo == "016"
    )
    assert denial.target is None or denial.target.country != "YEM"
