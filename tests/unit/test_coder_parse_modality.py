"""Negation, conditions and hypotheticals read from the parse."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def attack(text: str) -> EscalationEvent:
    events = [e for e in shared_coder().code(article(text)).events if e.cameo_root in (13, 19)]
    assert events, f"no attack or threat coded in {text!r}"
    return events[0]


def test_an_affirmed_attack_has_no_modality() -> None:
    e = attack("Iran attacked Israel on Monday.")
    assert (e.negated, e.conditional, e.hypothetical) == (False, False, False)


@pytest.mark.parametrize(
    "text",
    ["Iran did not attack Israel.", "Iran never attacked Israel.", "Iran denied attacking Israel."],
)
def test_a_negated_attack_is_marked_negated(text: str) -> None:
    assert attack(text).negated


@pytest.mark.parametrize(
    "text",
    [
        "Iran will attack Israel if it strikes its nuclear sites.",
        "Unless talks resume, Iran will attack Israel.",
    ],
)
def test_an_attack_under_if_or_unless_is_conditional(text: str) -> None:
    assert attack(text).conditional


@pytest.mark.parametrize(
    "text", ["Iran could attack Israel.", "Iran might attack Israel.", "Will Iran attack Israel?"]
)
def test_a_possible_or_questioned_attack_is_hypothetical(text: str) -> None:
    assert attack(text).hypothetical


def test_a_threat_with_a_condition_is_conditional() -> None:
    e = attack("Trump threatened Iran if any harm comes to Americans.")
    assert e.cameo_root == 13 and e.conditional


@pytest.mark.parametrize(
    "text",
    [
        "Mattis warned North Korea that any use of nuclear weapons would be met with a response.",
        "North Korea threatened the United States, saying it would face a response if drills continue.",
    ],
)
def test_a_threat_whose_content_is_conditional_is_conditional(text: str) -> None:
    e = attack(text)
    assert e.cameo_root == 13 and e.conditional


def asserted(text: str, root: int) -> list[EscalationEvent]:
    """The events of ``root`` coded in ``text`` as fact (not negated, conditional or hypothetical)."""
    events = shared_coder().code(article(text)).events
    return [e for e in events if e.cameo_root == root and not (e.negated or e.conditional or e.hypothetical)]


# the same coder codes the act itself as fact: the tests below cannot pass by coding nothing at all
ACT_DONE = "The United States struck Iranian military sites on Friday."


def event(text: str, root: int) -> EscalationEvent:
    events = [e for e in shared_coder().code(article(text)).events if e.cameo_root == root]
    assert events, f"no root {root} event coded in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    "text",
    [
        "Japan is preparing to deploy 800 troops to the disputed islands.",  # a preparation
        "Observers worry that a Turkish offensive against Syria could be imminent.",  # a noun event's modal
        "Analysts doubt that Egypt has decided whether to attack Libya.",  # an open question
        "France has drawn up plans for a military strike against Syria.",  # a noun event in a plan
    ],
)
def test_planned_or_speculated_actions_are_hypothetical(text: str) -> None:
    e = next(e for e in shared_coder().code(article(text)).events if e.cameo_root in (15, 19))
    assert e.hypothetical


@pytest.mark.parametrize(
    "text",
    [
        "Chad denied claims that its army killed 40 villagers in March.",
        "Rwanda rejected allegations that its troops attacked Congo.",
    ],
)
def test_an_act_inside_a_denied_claim_is_negated(text: str) -> None:
    e = next(e for e in shared_coder().code(article(text)).events if e.cameo_root in (18, 19, 20))
    assert e.negated


def test_would_after_a_past_verb_of_saying_is_a_reported_will_not_a_possibility() -> None:
    e = event("Norway said it would send emergency aid to Chile.", 7)
    assert not e.hypothetical


def test_a_would_on_its_own_is_still_a_possibility() -> None:
    assert attack("Iran would attack Israel.").hypothetical


def test_a_condition_with_its_auxiliary_first_is_a_condition() -> None:
    e = attack("Cuba vowed to attack Panama should Panama seize its ships.")
    assert e.conditional


def test_a_coordinated_verb_shares_the_modal_of_the_first() -> None:
    events = [e for e in shared_coder().code(article("Syria could bomb or blockade Jordan.")).events]
    assert any(e.cameo_root == 19 for e in events) and all(e.hypothetical for e in events)


def test_an_act_asked_for_is_not_done() -> None:
    # (gold README: "urge X to do Y" is the appeal alone; match._asked_for leaves Y uncoded)
    text = "Norway urged the council to condemn Syria and its attacks."
    assert not asserted(text, 11)
    assert [e for e in shared_coder().code(article(text)).events if e.cameo_root == 2]  # the appeal is coded


@pytest.mark.parametrize(
    "text", ["There were no Turkish strikes on Iraq on Sunday.", "Russia said no Russian missiles hit Kyiv."]
)
def test_an_act_with_no_before_its_noun_is_negated(text: str) -> None:
    assert attack(text).negated


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("None of the Chinese ships fired on the Philippine vessel.", 19),  # a negative subject
        ("Russia failed to seize Kyiv.", 19),  # a failed act
        ("Turkey shelled Syria without warning Russia.", 13),  # a "without" clause
        ("India refrained from attacking Pakistan after the bombing.", 19),  # held back
    ],
)
def test_an_act_that_did_not_happen_is_negated(text: str, root: int) -> None:
    assert event(text, root).negated


def test_the_aim_of_a_purpose_clause_is_not_done() -> None:
    assert event("Israel sent agents to Dubai to assassinate a Hamas commander.", 18).hypothetical


def test_a_question_inside_quotation_marks_is_a_question() -> None:
    assert attack('"Will Russia invade Ukraine?"').hypothetical


def test_a_noun_event_inside_an_if_clause_is_no_fact() -> None:
    text = "North Korea said it would respond if South Korea and the United States hold joint drills."
    events = shared_coder().code(article(text)).events
    assert not [e for e in events if e.cameo_root == 15 and not (e.conditional or e.hypothetical)]


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan did not confirm the Indian air strikes on Balakot.",  # an unconfirmed noun event
        "Turkey rejected claims of a link to an attack on a Kurdish convoy that killed 12 people.",
    ],
)
def test_an_act_named_inside_what_is_denied_or_unconfirmed_is_not_asserted(text: str) -> None:
    events = shared_coder().code(article(text)).events
    assert not [e for e in events if e.cameo_root in (18, 19, 20) and not e.negated]


def test_a_noun_event_asked_for_is_not_done() -> None:
    text = "Egypt urged Israel to halt its offensive and to resume talks with Hamas."
    assert not asserted(text, 4)
    assert [e for e in shared_coder().code(article(text)).events if e.cameo_root == 2]  # the appeal is coded


def test_an_act_not_yet_done_is_negated() -> None:
    assert event("Russia has yet to withdraw its forces from the border with Ukraine.", 8).negated


def test_a_purpose_that_names_what_the_act_does_is_done() -> None:
    text = "Police in Kenya fired tear gas to disperse protesters in Nairobi on Monday."
    events = [e for e in shared_coder().code(article(text)).events if e.cameo_root == 17]
    assert events and not any(e.hypothetical for e in events)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Pakistan said there was no truth to reports that its army had shelled Afghan villages.", 19),
        ("The Kremlin said reports that Russian troops had massed on the border were false.", 15),
    ],
)
def test_an_act_inside_a_claim_called_untrue_is_negated(text: str, root: int) -> None:
    assert event(text, root).negated


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Officials worry that Russia is poised to invade Ukraine.", 19),
        ("Israel is likely to strike Iran's nuclear sites, according to officials.", 19),
        ("Any Israeli strike on Iran would trigger a regional war, analysts said.", 19),  # no one strike
    ],
)
def test_a_likely_or_generic_act_is_hypothetical(text: str, root: int) -> None:
    assert event(text, root).hypothetical


def test_readiness_is_an_intent_not_a_speculation() -> None:
    assert not event("Japan said it was ready to offer aid to Nepal.", 3).hypothetical


@pytest.mark.parametrize(
    "text",
    [
        "Syrian state media said Israeli jets bombed an airbase near Homs overnight, which Israel denied.",
        "Kyiv refuted Moscow's claims that Ukrainian troops had shelled Donetsk.",
        "Kyiv disputed reports that Ukrainian troops had shelled Donetsk.",
    ],
)
def test_an_act_denied_after_it_is_reported_or_refuted_is_negated(text: str) -> None:
    assert event(text, 19).negated


def test_the_accusation_that_is_denied_afterwards_is_itself_asserted() -> None:
    text = "Turkey accused Greece of violating its airspace near Rhodes, which Athens denied."
    assert not event(text, 11).negated


def test_a_noun_dispute_is_no_denial() -> None:
    text = "A border dispute between India and China flared as Indian troops shelled Chinese positions."
    assert not event(text, 19).negated


def test_the_complement_patterns_own_verb_does_not_hedge_or_negate_its_event() -> None:
    assert not event("Egypt proposed to mediate talks between Israel and Hamas.", 3).hypothetical
    ruled_out = event(
        "The Nepalese government has ruled out resuming talks with the rebels unless they disarm.", 12
    )
    assert not ruled_out.negated and ruled_out.conditional


def test_an_act_about_to_happen_is_hypothetical() -> None:
    assert event("Iran and Iraq are about to sign a security agreement.", 5).hypothetical


def test_a_why_question_in_the_past_takes_the_act_as_done() -> None:
    assert not event("Why did Iran seize the British tanker?", 17).hypothetical
    assert event("Did Iran seize the British tanker?", 17).hypothetical  # a yes/no question asserts nothing


def test_troops_massed_to_attack_have_not_attacked_yet() -> None:
    assert event("Armenia has massed troops on the border to attack Azerbaijan.", 19).hypothetical


def test_a_crowd_gathered_to_protest_is_protesting() -> None:
    text = "Palestinians gathered outside the Israeli embassy in Amman to protest against the raid."
    assert not event(text, 14).hypothetical


def test_an_act_the_parties_were_unable_to_do_is_negated() -> None:
    assert event("Israel and Hamas were unable to reach an agreement on a ceasefire.", 5).negated
    assert not event("Israel and Hamas reached an agreement on a ceasefire.", 5).negated


def test_a_verb_read_as_a_noun_inside_an_if_clause_is_no_strike() -> None:
    # the small model reads "fires" as a noun and hangs "If" on "retaliate"
    text = "If the South Korean military fires on North Korean boats, Pyongyang will retaliate."
    events = shared_coder().code(article(text)).events
    assert not [e for e in events if e.cameo_root == 19 and not (e.conditional or e.hypothetical)]


def test_something_the_accused_denies_is_negated() -> None:
    assert event("Ukraine said Russian troops shelled Kharkiv, something Moscow denies.", 19).negated


@pytest.mark.parametrize(
    "text",
    [
        "Trump called off a military strike on Iran at the last minute.",
        "The planned Israeli strike on Iran was postponed.",
    ],
)
def test_an_act_called_off_did_not_happen(text: str) -> None:
    # (coded negated, or, a noun event named only as an object, not coded: match._named_only)
    assert not asserted(text, 19)
    assert asserted(ACT_DONE, 19)


def test_cancelling_talks_is_itself_an_event() -> None:
    assert not event("India cancelled talks with Pakistan scheduled for next week.", 16).negated


@pytest.mark.parametrize(
    "text",
    [
        "Officials said a Russian attack on Kyiv was imminent.",
        "The threat of a US strike on Syria has receded.",
    ],
)
def test_a_noun_event_that_is_only_a_prospect_is_not_asserted(text: str) -> None:
    # (coded hypothetical, or, a noun event named only inside another phrase, not coded: match._named_only)
    assert not asserted(text, 19)
    assert asserted(ACT_DONE, 19)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine said Russian troops shelled Kharkiv, but Moscow denied it.",
        "Ukraine said Russian troops shelled Kharkiv; Moscow denied the claim.",
        "Russian troops shelled Kharkiv, Ukraine said, while Moscow denied any involvement.",
    ],
)
def test_a_reported_act_denied_in_a_later_clause_is_negated(text: str) -> None:
    assert event(text, 19).negated


def test_an_accusation_denied_later_stands_and_a_stated_act_stays_asserted() -> None:
    accused = "Ukraine accused Russian troops of shelling Kharkiv, but Moscow denied the charge."
    assert not event(accused, 11).negated and event(accused, 19).negated
    assert not event("Russian troops shelled Kharkiv, but Moscow denied it.", 19).negated


def test_evidence_that_suggests_a_past_act_reports_it_a_suggestion_proposes_it() -> None:
    assert not event("Evidence suggests Russian troops killed civilians in Bucha.", 20).hypothetical
    assert event("France suggested that NATO should send troops to Estonia.", 15).hypothetical
