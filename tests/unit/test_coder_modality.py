"""Modality (negation, denial, conditionals, hypotheticals, questions, intent), dates and traps."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder

# Wednesday 2020-01-01, noon UTC
PUBLISHED = datetime(2020, 1, 1, 12, tzinfo=UTC)


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence, published=PUBLISHED)).events


def asserted(events: list[EscalationEvent]) -> list[EscalationEvent]:
    return [e for e in events if not (e.negated or e.hypothetical)]


def test_negated_action_is_flagged_negated() -> None:
    events = coded("Russia did not attack Ukraine on Tuesday.")
    assert events and all(e.negated for e in events if e.cameo_root == 19)
    assert asserted(events) == []


def test_not_only_is_not_a_negation() -> None:
    events = coded("Iran not only threatened Israel, it also warned the United States.")
    assert any(
        e.cameo_root == 13 and e.target and e.target.country == "ISR" and not e.negated for e in events
    )


def test_denied_attack_is_not_an_attack_by_the_denier() -> None:
    events = coded("Hamas denied carrying out the rocket attack on Israel.")
    assert any(e.cameo == "016" and e.source.name == "Hamas" for e in events)  # the denial itself
    assert [e for e in asserted(events) if e.cameo_root in (18, 19)] == []


def test_coordinated_vow_after_a_denial_is_asserted() -> None:
    events = coded(
        "Kataib Hezbollah has denied being behind the attacks and vowed revenge against the United States."
    )
    vow = next(e for e in events if e.cameo_root == 13)
    assert not vow.negated and vow.target is not None and vow.target.country == "USA"


def test_conditional_threat_is_flagged_conditional() -> None:
    events = coded("Trump threatened Iran if any harm comes to Americans.")
    threat = next(e for e in events if e.cameo_root == 13)
    assert threat.conditional and not threat.negated


def test_could_and_might_make_an_action_hypothetical() -> None:
    events = coded("Russia could attack Ukraine next month.")
    assert events and all(e.hypothetical for e in events)


def test_question_is_not_coded_as_fact() -> None:
    assert asserted(coded("Will Iran attack Israel?")) == []


def test_vowing_to_attack_is_a_threat_of_force() -> None:
    events = coded("Iran vowed to retaliate against the United States.")
    assert [e.cameo for e in events] == ["138"]
    assert events[0].target is not None and events[0].target.country == "USA"


def test_threatening_a_military_action_refines_the_threat() -> None:
    events = coded("Turkey threatened to launch a military operation against Kurdish fighters in Syria.")
    assert any(e.cameo.startswith("138") for e in events)


def test_an_announced_meeting_is_hypothetical_until_it_happens() -> None:
    events = coded("China will hold talks with Japan next week.")
    talks = next(e for e in events if e.cameo_root == 4)
    assert talks.hypothetical and talks.target is not None and talks.target.country == "JPN"


def test_plans_to_is_hypothetical_and_decided_to_is_the_action() -> None:
    planned = coded("Germany plans to expel two Russian diplomats.")
    decided = coded("Germany decided to expel two Russian diplomats.")
    assert planned and all(e.hypothetical for e in planned)
    assert asserted(decided) and asserted(decided)[0].cameo_root == 16


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Israel struck Gaza on December 27.", date(2019, 12, 27)),
        ("Israel struck Gaza on Monday.", date(2019, 12, 30)),
        ("Israel struck Gaza on Wednesday.", date(2020, 1, 1)),
        ("Israel struck Gaza yesterday.", date(2019, 12, 31)),
        ("Israel struck Gaza.", date(2020, 1, 1)),
        ("Israel struck Gaza on Dec. 30, 2019.", date(2019, 12, 30)),
    ],
)
def test_event_date_resolves_against_publication(sentence: str, expected: date) -> None:
    events = coded(sentence)
    assert events and events[0].event_date == expected


def test_date_goes_to_the_action_it_follows() -> None:
    sentence = (
        "The strikes were a response to Kataib Hezbollah attacks on Iraqi bases, including one on "
        "December 27 that killed a U.S. contractor, the Pentagon said on December 29."
    )
    killing = next(
        e for e in coded(sentence) if e.cameo_root in (18, 19) and e.target and e.target.country == "USA"
    )
    assert killing.event_date == date(2019, 12, 27)
    assert killing.source.name == "Kataib Hezbollah"


@pytest.mark.parametrize(
    "sentence",
    [
        "The trade war between the United States and China has hurt farmers.",
        "The team attacked relentlessly in the second half.",
        "The dispute threatens to derail the deal between Iran and the European Union.",
        "Russia's war of words with Ukraine escalated.",
        "Iraq invaded Kuwait in 1990.",
        "Iraq invaded Kuwait decades ago.",
        "Will Iran attack Israel?",
        "The price war among Chinese carmakers intensified.",
    ],
)
def test_trap_sentence_yields_no_asserted_event(sentence: str) -> None:
    assert asserted(coded(sentence)) == []


def test_non_english_article_yields_no_events() -> None:
    result = shared_coder().code(article("Rusia atacó tres buques ucranianos.", language="es"))
    assert result.events == [] and result.threat_score == 0.0


def test_present_tense_before_clause_is_scheduled_not_done() -> None:
    events = coded("Egypt warned Hamas before Israel bombs Gaza.")
    assert [e.hypothetical for e in events if e.cameo_root in (18, 19)] == [True]
    assert any(e.cameo_root == 13 and not e.hypothetical for e in events)
    past = coded("Hours before Israel bombed Gaza, Egypt warned Hamas.")
    assert [e.hypothetical for e in past if e.cameo_root in (18, 19)] == [False]


def test_denial_of_an_accusation_targets_the_accuser() -> None:
    events = coded("Iran denied accusations from the United States that it attacked the tanker.")
    denial = next(e for e in events if e.cameo == "016")
    assert denial.target is not None and denial.target.country == "USA"
    assert all(e.negated for e in events if e.cameo_root in (18, 19))


def test_a_date_in_another_clause_does_not_make_the_action_historical() -> None:
    # published 2020-01-01
    after = coded("NATO strengthened its forces in Europe after Russia seized Crimea from Ukraine in 2014.")
    assert [e.cameo_root for e in after if e.cameo_root == 15] == [15]
    assert not any(e.cameo_root == 17 for e in after)  # the 2014 seizure is background
    assert [
        e.cameo_root
        for e in coded("US authorities deported a bomber who first travelled to the country 20 years ago.")
    ] == [17]


def test_a_since_date_is_an_ongoing_period() -> None:
    assert any(
        e.cameo_root == 7 for e in coded("Germany has contributed $141 million to South Sudan since 2011.")
    )


def test_a_date_before_the_action_still_dates_it() -> None:
    assert coded("In 2015, al Shabaab gunmen killed 148 students at a university in Kenya.") == []
    assert coded("In July 2016, the FBI opened an investigation into Moscow's alleged interference.") == []


def test_a_conjoined_verb_shares_the_future_of_the_first() -> None:
    events = coded(
        "Trump will hold talks with Chinese President Xi Jinping and meet with other Chinese leaders."
    )
    assert events and all(e.hypothetical for e in events if e.cameo_root == 4)


def test_united_states_is_not_a_reporting_verb_for_would() -> None:
    events = coded("It is a move the United States would not tolerate.")
    assert all(e.hypothetical for e in events)
    reported = coded("The United States said it would retaliate against Iran.")
    assert any(e.cameo_root == 13 and not e.hypothetical for e in reported)


def test_a_war_that_threatens_to_draw_in_allies_is_figurative() -> None:
    sentence = "Leaders met amid a war with Hamas militants that threatens to draw allies into the conflict."
    assert not any(e.cameo_root == 13 for e in coded(sentence))


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("North Korea said it will not attack South Korea.", "PRK", "KOR"),
        ("Russia pledged not to attack Ukraine.", "RUS", "UKR"),
        ("Israel won't strike Iran, officials said.", "ISR", "IRN"),
        ("Russia will never send troops to Ukraine, Putin said.", "RUS", "UKR"),
    ],
)
def test_a_pledge_not_to_attack_is_an_intent_to_de_escalate(sentence: str, source: str, target: str) -> None:
    # CAMEO 0356 "express intent to de-escalate military engagement" (pledge to decrease military
    # activity): asserted, not a negated threat (138)
    events = coded(sentence)
    pledge = next(e for e in events if e.cameo == "0356")
    assert (pledge.source.country, pledge.target.country if pledge.target else None) == (source, target)
    assert not (pledge.negated or pledge.hypothetical)
    assert [e for e in events if e.cameo_root in (13, 19)] == []


def test_a_negator_on_another_verb_is_no_pledge_of_restraint() -> None:
    assert all(e.cameo != "0356" for e in coded("The U.S. will not tolerate attacks by Iran."))
    attack = coded("Russia did not attack Ukraine on Tuesday.")[0]
    assert attack.cameo_root == 19 and attack.negated  # past, not a pledge


def test_the_condition_of_a_threat_is_not_an_event_of_its_own() -> None:
    events = coded("Hezbollah threatened to shell Haifa if Israel hits Beirut.")
    assert [(e.source.code, e.cameo_root, e.conditional) for e in events] == [("LBNREBHEZ", 13, True)]
    # when nothing else in the sentence is coded, the condition stays, as a conditional event
    alone = coded("The kidnappers will not free the soldiers unless Israel releases the detainees.")
    assert [(e.source.code, e.cameo_root, e.conditional) for e in alone] == [("ISR", 8, True)]
