"""What a person reads: the summary paragraph and the evidence list."""

from __future__ import annotations

from datetime import timedelta

from brink.alerting import AlertConfig, AlertEngine
from brink.alerting.summary import country_name
from tests.fixtures.events import IRAN, IRAN_MIL, T0, TRUMP, USA, event, trump_conditional_threat


def test_summary_names_both_countries_the_level_and_the_driver() -> None:
    engine = AlertEngine(AlertConfig())
    transitions = engine.process(trump_conditional_threat())
    for i in range(2):
        transitions += engine.process(
            event(f"strike-{i}", T0 + timedelta(hours=2), cameo="190", goldstein=-10.0)
        )
    transitions += engine.tick(T0 + timedelta(days=20))
    kinds = [(t.type, t.level) for t in transitions]
    assert kinds[0] == ("alert.firing", "watch") and kinds[-1][0] == "alert.resolved"
    for alert in transitions:
        assert "Iran" in alert.summary and "the United States" in alert.summary
        assert alert.level.upper() in alert.summary
        assert "\n" not in alert.summary
    firing = transitions[0].summary
    assert firing.startswith("Escalation between Iran and the United States rose to WATCH")
    assert 'Donald Trump threatening Iran (conditionally): "Iran will be held' in firing
    assert "rose from WATCH to WARNING" in transitions[1].summary
    assert "has subsided" in transitions[-1].summary


def test_evidence_holds_the_strongest_threats_with_their_quotes_even_beside_heavier_attacks() -> None:
    engine = AlertEngine(AlertConfig(evidence_size=3))
    for i in range(4):  # heavy fighting, no rhetoric
        engine.process(event(f"clash-{i}", T0 + timedelta(minutes=i), cameo="190", goldstein=-10.0))
    engine.process(trump_conditional_threat("trump", T0 + timedelta(minutes=5)))
    engine.process(
        event(
            "irgc",
            T0 + timedelta(minutes=6),
            source=IRAN_MIL,
            target=USA,
            speaker=IRAN_MIL,
            cameo="138",
            threat_score=0.7,
            quote="We will set the region on fire.",
        )
    )
    engine.process(
        event(
            "minor",
            T0 + timedelta(minutes=7),
            source=TRUMP,
            speaker=TRUMP,
            cameo="130",
            goldstein=-4.4,
            threat_score=0.1,
            quote="We are watching.",
        )
    )
    transitions = engine.tick(T0 + timedelta(days=30))
    assert transitions[-1].type == "alert.resolved"  # the last transition still shows the evidence
    alert = transitions[-1]
    ids = [item.event_id for item in alert.evidence]
    assert len(ids) == 3
    assert {"trump", "irgc"} <= set(ids)
    quotes = {item.event_id: item.quote for item in alert.evidence}
    assert quotes["trump"] and "BIG PRICE" in quotes["trump"]
    assert quotes["irgc"] == "We will set the region on fire."
    trump = next(item for item in alert.evidence if item.event_id == "trump")
    assert trump.speaker is not None and trump.speaker.name == "Donald Trump"
    assert trump.url and trump.article_id and trump.sentence and trump.cameo == "138"


def test_evidence_never_lists_cooperative_or_negated_events() -> None:
    engine = AlertEngine(AlertConfig())
    transitions = engine.process(event("no-strike", T0, cameo="190", goldstein=-10.0, negated=True))
    transitions += engine.process(event("strike", T0, cameo="190", goldstein=-10.0))
    transitions += engine.process(event("talks", T0, source=IRAN, target=USA, cameo="036", goldstein=4.0))
    assert [t.type for t in transitions] == ["alert.firing"]
    assert [item.event_id for item in transitions[0].evidence] == ["strike"]


def test_country_names_read_well_in_a_sentence() -> None:
    assert [country_name(c) for c in ("IRN", "USA", "PRK", "RUS", "SYR", "NOR")] == [
        "Iran",
        "the United States",
        "North Korea",
        "Russia",
        "Syria",
        "Norway",
    ]
