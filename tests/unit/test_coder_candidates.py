"""The candidate pass drops sentences whose parse could not change the output (brink/coder/candidates.py)."""

from __future__ import annotations

from datetime import date

from brink.coder.candidates import PatternWords, may_have_second_opinion
from brink.coder.pipeline import Pipeline
from brink.coder.text import normalise
from tests.fixtures.coder import shared_coder
from tests.unit.test_coder_parse_second_opinion import FixedOpinion

DAY = date(2020, 1, 1)


def _may_match(words: PatternWords, sentence: str) -> bool:
    return words.may_match(normalise(sentence).split())


def test_a_hyphenated_trigger_stands_for_its_first_letter_run_only() -> None:
    words = PatternWords([(frozenset({"sit-in"}), ())])
    assert _may_match(words, "Students staged a sit-in outside the ministry.")
    assert _may_match(words, "Sit-ins spread to three more campuses.")  # (a trigger is one word: "sit-ins")
    # "in" is a letter run of the lemma too, but no word "in" alone is that trigger
    assert not _may_match(words, "The minister arrived in Geneva on Monday.")


def _opinion_pipeline() -> tuple[Pipeline, FixedOpinion]:
    coder = shared_coder()
    assert coder.pipeline is not None
    opinion = FixedOpinion(19, 0.99)
    p = Pipeline(coder.lexicon, coder.pipeline.patterns, coder.pipeline.nlp, opinion, 0.6)
    return p, opinion


def test_a_sentence_naming_one_actor_code_twice_is_not_parsed_for_the_second_opinion() -> None:
    p, opinion = _opinion_pipeline()
    one = "Iran delivered Iran on Monday."  # two mentions of one code (no pair to judge), no pattern
    run = p.run(one, DAY)
    named = p.mentions.find(one, normalise(one), [(0, len(one))], DAY).mentions[0]
    assert len(named) == 2 and not may_have_second_opinion(named)
    assert run.candidates == [] and run.found == [] and opinion.asked == []


def test_a_sentence_naming_two_actor_codes_is_parsed_for_the_second_opinion() -> None:
    p, opinion = _opinion_pipeline()
    two = "Iran delivered Iraq on Monday."  # two codes, no pattern: only the classifier may code it
    run = p.run(two, DAY)
    named = p.mentions.find(two, normalise(two), [(0, len(two))], DAY).mentions[0]
    assert may_have_second_opinion(named)
    assert not p.pattern_words.may_match(normalise(two).split())
    assert run.candidates == [0] and opinion.asked == [two]
