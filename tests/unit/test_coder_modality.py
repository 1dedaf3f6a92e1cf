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


@pytest.mark.parametrize(
    "sentence",
    [
        "The trade war between the United States and China has hurt farmers.",
        "The team attacked relentlessly in the second half.",
        "The dispute threatens to derail the deal between Iran and the European Union.",
        "Russia's war of words with Ukraine escalated.",
        "Will Iran attack Israel?",
        "The price war among Chinese carmakers intensified.",
    ],
)
def test_trap_sentence_yields_no_asserted_event(sentence: str) -> None:
    assert asserted(coded(sentence)) == []


def test_non_english_article_yields_no_events() -> None:
    result = shared_coder().code(article("Rusia atacó tres buques ucranianos.", language="es"))
    assert result.events == [] and result.threat_score == 0.0


def test_a_past_tense_before_clause_is_done() -> None:
    past = coded("Hours before Israel bombed Gaza, Egypt warned Hamas.")
    assert [e.hypothetical for e in past if e.cameo_root in (18, 19)] == [False]


def test_denial_of_an_accusation_targets_the_accuser() -> None:
    events = coded("Iran denied accusations from the United States that it attacked the tanker.")
    denial = next(e for e in events if e.cameo == "016")
    assert denial.target is not None and denial.target.country == "USA"
    assert all(e.negated for e in events if e.cameo_root in (18, 19))


def test_a_since_date_is_an_ongoing_period() -> None:
    assert any(
        e.cameo_root == 7 for e in coded("Germany has contributed $141 million to South Sudan since 2011.")
    )


def test_united_states_is_not_a_reporting_verb_for_would() -> None:
    events = coded("It is a move the United States would not tolerate.")
    assert all(e.hypothetical for e in events)


def test_a_war_that_threatens_to_draw_in_allies_is_figurative() -> None:
    sentence = "Leaders met amid a war with Hamas militants that threatens to draw allies into the conflict."
    assert not any(e.cameo_root == 13 for e in coded(sentence))


def test_a_negator_on_another_verb_is_no_pledge_of_restraint() -> None:
    assert all(e.cameo != "0356" for e in coded("The U.S. will not tolerate attacks by Iran."))
    attack = coded("Russia did not attack Ukraine on Tuesday.")[0]
    assert attack.cameo_root == 19 and attack.negated  # past, not a pledge


def test_a_condition_alone_in_its_sentence_is_a_conditional_event() -> None:
    # when nothing else in the sentence is coded, the condition stays, as a conditional event
    alone = coded("The kidnappers will not free the soldiers unless Israel releases the detainees.")
    assert [(e.source.code, e.cameo_root, e.conditional) for e in alone] == [("ISR", 8, True)]
