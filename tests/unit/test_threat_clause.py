"""The threat score reads the threat's own clause: cue words elsewhere in the sentence do not count."""

from __future__ import annotations

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def threats(text: str) -> list[EscalationEvent]:
    return [e for e in shared_coder().code(article(text)).events if e.cameo_root == 13]


def test_an_attack_in_a_fronted_adverbial_is_not_a_threat_of_force() -> None:
    text = "Days after a deadly attack in Kabul, the Pakistani president threatened India."
    [threat] = threats(text)
    assert not any(r.startswith("threat of force") for r in threat.threat_reasons or [])


def test_an_attack_in_a_coordinated_clause_is_not_the_threats_force() -> None:
    text = "Erdogan accused Syria of an attack on a border post and said he will hold Damascus responsible."
    hits = [e for e in threats(text) if e.target is not None and e.target.country == "SYR"]
    assert hits
    reasons = hits[0].threat_reasons or []
    assert not any(r.startswith("threat of force") for r in reasons)
    assert any(r.startswith("threat of punishment") for r in reasons)


def test_a_force_word_in_the_threats_own_clause_counts() -> None:
    [threat] = threats("The Iranian president threatened Israel with a military strike.")
    assert any(r.startswith("threat of force") for r in threat.threat_reasons or [])


def test_an_inferred_revenge_target_scores_as_inferred_and_is_not_the_sponsor() -> None:
    text = (
        "Israeli jets struck Hezbollah positions in Lebanon on Monday. Iran condemned the attack. "
        "Hezbollah vowed revenge."
    )
    vows = [e for e in threats(text) if e.source.name == "Hezbollah"]
    assert vows and vows[0].target is not None and vows[0].target.country == "ISR"
    assert any(r.startswith("inferred target") for r in vows[0].threat_reasons or [])


def test_not_just_a_warning_is_not_negated() -> None:
    events = threats("The minister is not just warning Iran, he is issuing a clear threat.")
    assert events and not any(e.negated for e in events)
