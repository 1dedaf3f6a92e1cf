"""The "is this a threat made" stage (brink/coder/threat_made.py): every check its data file names exists,
and each reading it names drops the threat while a threat made in the same words stays. Real parses; the
texts are written for these tests."""

from __future__ import annotations

from brink.coder.threat_made import MATCH_CHECKS, PAIR_CHECKS
from brink.coder.threat_words import threat_words
from tests.fixtures.coder import found_pairs, shared_pipeline


def test_every_check_the_data_file_names_is_a_check_of_the_stage() -> None:
    words = threat_words()
    assert words.match_checks and set(words.match_checks) <= set(MATCH_CHECKS)
    assert words.pair_checks and set(words.pair_checks) <= set(PAIR_CHECKS)
    assert len(set(words.match_checks)) == len(words.match_checks)


def test_a_warning_to_leave_is_advice_and_a_warning_of_retaliation_is_a_threat() -> None:
    pipeline = shared_pipeline()
    assert found_pairs(pipeline, "Canada warned its citizens to leave Lebanon on Monday.", "13") == set()
    assert ("IRN", "ISR") in found_pairs(
        pipeline, "Iran warned Israel of a crushing retaliation on Monday.", "13"
    )


def test_a_warning_against_remarks_is_a_rebuke_not_a_threat() -> None:
    pipeline = shared_pipeline()
    text = "China warned against the Japanese envoy's provocative remarks on Tuesday."
    assert found_pairs(pipeline, text, "13") == set()


def test_a_warning_of_another_side_s_retaliation_is_no_threat_by_the_warner() -> None:
    pipeline = shared_pipeline()
    pairs = found_pairs(pipeline, "The Pentagon warned of Iranian retaliation against Israel.", "13")
    assert not any(speaker == "USA" for speaker, _ in pairs)
