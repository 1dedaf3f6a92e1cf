"""Threat paraphrases the root-13 patterns read (brink/coder/patterns/13_threaten.yaml): the retaliation
verb class with its phrases ("hit back"), generic acts named by their adjective ("retaliatory measures"),
reprisals met or received, offences answered. Each comes with the same words read as no threat: a reprisal
already carried out, a reply to questions, a retort in words. Real parses; the texts are written for these
tests."""

from __future__ import annotations

from brink.coder.trigger_reading import read_object_words
from brink.coder.verb_classes import VerbClasses
from tests.fixtures.coder import article, found_pairs, shared_coder, shared_pipeline


def _codes(text: str) -> list[tuple[str, str | None, str | None, bool]]:
    events = shared_coder().code(article(text)).events
    return [
        (e.cameo, e.source.country, e.target.country if e.target else None, e.conditional) for e in events
    ]


def test_hit_back_and_strike_back_are_members_of_the_retaliate_class() -> None:
    classes = VerbClasses.load()
    assert {"hit back", "strike back"} <= set(classes.phrases("retaliate"))
    assert {"retaliate", "avenge"} <= classes.members("retaliate")


def test_hitting_back_promised_on_a_condition_is_a_threat_of_force() -> None:
    codes = _codes(
        "The Iranian defence minister said Iran would hit back if Israel attacked its nuclear sites."
    )
    assert ("138", "IRN", "ISR", True) in codes


def test_hitting_back_already_done_is_no_threat() -> None:
    pipeline = shared_pipeline()
    assert found_pairs(pipeline, "China has hit back at the United States with new tariffs.", "13") == set()


def test_a_generic_act_is_read_by_its_adjective() -> None:
    doc = shared_pipeline().nlp("Pyongyang said it would take retaliatory measures against Seoul.")
    take = next(t for t in doc if t.lemma_ == "take")
    assert "retaliatory" in read_object_words(take, noun=False)


def test_retaliatory_measures_announced_against_a_party_are_a_threat_and_taken_ones_are_not() -> None:
    pipeline = shared_pipeline()
    announced = "Pyongyang warned it would take retaliatory measures against Seoul."
    assert ("PRK", "KOR") in found_pairs(pipeline, announced, "13")
    taken = "South Korea took retaliatory measures against Japan last year."
    assert found_pairs(pipeline, taken, "13") == set()


def test_all_necessary_measures_against_a_disease_threaten_no_one() -> None:
    text = "The Kenyan government will take all necessary measures against the cholera outbreak."
    assert found_pairs(shared_pipeline(), text, "13") == set()


def test_meeting_with_a_counterattack_is_a_threat_not_a_meeting() -> None:
    codes = _codes("Taiwan will meet with a firm counterattack, a Chinese defence ministry spokesman said.")
    assert ("130", "CHN", "TWN", False) in codes
    assert not [c for c in codes if c[0].startswith("04")]


def test_a_mixed_response_met_is_no_threat() -> None:
    text = "Chile will meet with a mixed response from Kenyan donors, analysts said."
    assert found_pairs(shared_pipeline(), text, "13") == set()


def test_a_reprisal_to_be_received_is_a_threat_and_one_received_is_not() -> None:
    assert ("130", "IRN", "ISR", False) in _codes(
        '"Israel would receive a crushing response," the Iranian army chief said.'
    )
    assert not [
        c
        for c in _codes("Israel received a crushing response, the Iranian army chief said.")
        if c[0][:2] == "13"
    ]


def test_any_offence_answered_with_force_is_a_conditional_threat() -> None:
    codes = _codes("Mattis said the US will answer any North Korean threat with a massive military response.")
    assert ("130", "USA", "PRK", True) in codes


def test_answering_questions_or_an_attack_already_made_is_no_threat() -> None:
    pipeline = shared_pipeline()
    questions = (
        "The Kenyan minister said he would answer any question from reporters with a written response."
    )
    assert found_pairs(pipeline, questions, "13") == set()
    done = "The Indian army answered the Pakistani attack with heavy artillery fire."
    assert found_pairs(pipeline, done, "13") == set()


def test_shooting_back_at_a_provocation_with_a_threat_is_no_armed_attack() -> None:
    codes = _codes(
        "The US defence secretary shot back at North Korea's latest provocation with a blunt threat."
    )
    assert not [c for c in codes if c[0][:2] == "19"]
    assert [
        c for c in _codes("The Pakistan army fired at Indian positions in Poonch district.") if c[0] == "190"
    ]


def test_a_response_promised_to_any_request_is_no_threat() -> None:
    pipeline = shared_pipeline()
    request = "Japan will respond swiftly to any request from the New Zealand government for more support."
    assert found_pairs(pipeline, request, "13") == set()
    proposal = "Egypt said it would respond to any Ethiopian proposal on the dam within a week."
    assert found_pairs(pipeline, proposal, "13") == set()


def test_a_response_promised_to_any_incursion_stays_a_threat() -> None:
    text = "The Greek minister said Greece would respond to any Turkish incursion."
    assert ("GRC", "TUR") in found_pairs(shared_pipeline(), text, "13")


def test_a_reply_in_kind_promised_is_a_threat_and_one_given_is_not() -> None:
    pipeline = shared_pipeline()
    promised = "Pyongyang said it would respond in kind to the South Korean drills."
    assert ("PRK", "KOR") in found_pairs(pipeline, promised, "13")
    given = "North Korea responded in kind to the South Korean drills last week."
    assert found_pairs(pipeline, given, "13") == set()
