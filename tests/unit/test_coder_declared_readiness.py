"""Readiness to use force declared by the side that would use it is a threat of that force; the same
readiness in the narrator's or an analyst's words stays a possibility (brink/coder/threat_rules.py,
conditional_threat). Real parses; the texts are written for these tests."""

from __future__ import annotations

from tests.fixtures.coder import found_pairs, shared_pipeline


def test_readiness_to_attack_declared_by_the_attacker_s_own_leader_is_a_threat() -> None:
    pairs = found_pairs(
        shared_pipeline(), "Turkey's president said on Monday that his army was ready to attack Syria.", "13"
    )
    assert ("TUR", "SYR") in pairs


def test_readiness_to_launch_an_operation_carried_by_a_light_verb_is_read_as_readiness() -> None:
    text = "Turkey's president said on Monday that his army was ready to launch an offensive against Syria."
    assert ("TUR", "SYR") in found_pairs(shared_pipeline(), text, "13")
    assert ("TUR", "SYR") not in found_pairs(shared_pipeline(), text, "19")


def test_readiness_reported_by_analysts_or_the_narrator_is_no_threat() -> None:
    pipeline = shared_pipeline()
    assert found_pairs(pipeline, "Analysts said Israeli jets were ready to strike Iran.", "13") == set()
    assert found_pairs(pipeline, "Israeli jets are ready to strike Iran.", "13") == set()
