"""Index math: decay in event time, what adds, what subtracts, what is discounted or ignored."""

from __future__ import annotations

from datetime import timedelta

import pytest

from brink.alerting import AlertConfig, AlertEngine
from brink.alerting.dyad import threat_index
from brink.alerting.scoring import authority, contribution
from tests.fixtures.events import IRAN, IRAN_MIL, PUNDIT, T0, TRUMP, USA, cooperation, event

CONFIG = AlertConfig()
H = timedelta(seconds=CONFIG.half_life_seconds)


def test_an_event_weighs_half_after_one_half_life_and_a_quarter_after_two() -> None:
    engine = AlertEngine(CONFIG)
    engine.process(event("e1", T0, goldstein=-5.0))
    assert engine.index("IRN-USA", T0) == pytest.approx(5.0, rel=1e-12)
    assert engine.index("IRN-USA", T0 + H) == pytest.approx(2.5, rel=1e-12)
    assert engine.index("IRN-USA", T0 + 2 * H) == pytest.approx(1.25, rel=1e-12)


def test_decay_is_the_same_whether_time_passes_in_one_step_or_many() -> None:
    engine = AlertEngine(CONFIG)
    engine.process(event("e1", T0, goldstein=-5.0))
    engine.process(event("neutral-1", T0 + H / 3, goldstein=0.0))
    engine.process(event("neutral-2", T0 + 2 * H / 3, goldstein=0.0))
    engine.process(event("e2", T0 + H, goldstein=-1.0))
    assert engine.index("IRN-USA", T0 + H) == pytest.approx(2.5 + 1.0, rel=1e-12)


def test_event_time_comes_from_published_at_and_never_goes_back() -> None:
    engine = AlertEngine(CONFIG)
    engine.process(event("late", T0 + H, goldstein=-4.0))
    engine.process(event("early", T0, goldstein=-4.0))  # published earlier, arrives later
    state = engine.state("IRN-USA")
    assert state is not None and state.clock == T0 + H
    # The late-arriving event counts at the dyad's clock, undecayed: no time travel.
    assert engine.index("IRN-USA", T0 + H) == pytest.approx(8.0)


def test_cooperation_subtracts_from_the_index() -> None:
    hostile_only = AlertEngine(CONFIG)
    hostile_only.process(event("strike", T0, cameo="190", goldstein=-10.0))
    mixed = AlertEngine(CONFIG)
    mixed.process(event("strike", T0, cameo="190", goldstein=-10.0))
    mixed.process(cooperation("deal", T0, goldstein=8.0))
    assert mixed.index("IRN-USA", T0) == pytest.approx(10.0 - 8.0 * CONFIG.cooperation_weight)
    assert mixed.index("IRN-USA", T0) < hostile_only.index("IRN-USA", T0)


def test_cooperation_cannot_bank_credit_against_later_hostility() -> None:
    engine = AlertEngine(CONFIG)
    for i in range(5):
        engine.process(cooperation(f"summit-{i}", T0))
    engine.process(event("threat", T0 + timedelta(hours=1), goldstein=-6.0))
    assert engine.index("IRN-USA", T0 + timedelta(hours=1)) == pytest.approx(6.0)


def test_negated_events_are_ignored() -> None:
    engine = AlertEngine(CONFIG)
    transitions = engine.process(event("no-strike", T0, cameo="190", goldstein=-10.0, negated=True))
    assert transitions == []
    assert engine.index("IRN-USA", T0) == 0.0


def test_hypothetical_and_conditional_events_are_discounted_conditional_less() -> None:
    plain, conditional, hypothetical = (AlertEngine(CONFIG) for _ in range(3))
    plain.process(event("e", T0, goldstein=-7.0))
    conditional.process(event("e", T0, goldstein=-7.0, conditional=True))
    hypothetical.process(event("e", T0, goldstein=-7.0, hypothetical=True))
    assert conditional.index("IRN-USA", T0) == pytest.approx(7.0 * CONFIG.conditional_weight)
    assert hypothetical.index("IRN-USA", T0) == pytest.approx(7.0 * CONFIG.hypothetical_weight)
    assert hypothetical.index("IRN-USA", T0) < conditional.index("IRN-USA", T0) < plain.index("IRN-USA", T0)


def test_confidence_scales_the_weight() -> None:
    sure, unsure = AlertEngine(CONFIG), AlertEngine(CONFIG)
    sure.process(event("e", T0, goldstein=-6.0, confidence=1.0))
    unsure.process(event("e", T0, goldstein=-6.0, confidence=0.5))
    assert unsure.index("IRN-USA", T0) == pytest.approx(sure.index("IRN-USA", T0) / 2)


def test_directed_components_are_kept_per_direction() -> None:
    engine = AlertEngine(CONFIG)
    engine.process(event("us-threat", T0, source=USA, target=IRAN, goldstein=-6.0))
    engine.process(event("iran-threat-1", T0, source=IRAN, target=USA, goldstein=-2.0))
    engine.process(event("iran-threat-2", T0, source=IRAN_MIL, target=USA, goldstein=-2.0))
    state = engine.state("IRN-USA")
    assert state is not None
    assert state.directed == pytest.approx({"USA>IRN": 6.0, "IRN>USA": 4.0})
    assert state.index == pytest.approx(10.0)


def test_a_threat_from_a_head_of_state_weighs_more_than_the_same_words_from_a_columnist() -> None:
    from_leader = event(
        "e", T0, source=TRUMP, speaker=TRUMP, cameo="138", threat_score=0.8, threat_reasons=["head of state"]
    )
    from_pundit = event("e", T0, source=PUNDIT, speaker=PUNDIT, cameo="138", threat_score=0.8)
    assert authority(TRUMP, ["head of state"]) == 1.0
    assert authority(PUNDIT, []) < 0.5
    leader, pundit = contribution(from_leader, CONFIG), contribution(from_pundit, CONFIG)
    assert leader.weight > pundit.weight > 7.0  # both above the bare Goldstein value
    assert leader.threat > 2 * pundit.threat


def test_threat_index_follows_the_strongest_recent_threats_and_ignores_other_hostility() -> None:
    engine = AlertEngine(CONFIG)
    engine.process(event("strike", T0, cameo="190", goldstein=-10.0))  # hostile, but not a threat
    state = engine.state("IRN-USA")
    assert state is not None and threat_index(state, T0, CONFIG) == 0.0
    engine.process(
        event(
            "t1",
            T0,
            source=TRUMP,
            speaker=TRUMP,
            cameo="138",
            threat_score=0.9,
            threat_reasons=["head of state"],
        )
    )
    one = threat_index(state, T0, CONFIG)
    assert one == pytest.approx(10 * 0.9)
    engine.process(
        event("t2", T0, source=IRAN_MIL, target=USA, cameo="130", goldstein=-4.4, threat_score=0.6)
    )
    two = threat_index(state, T0, CONFIG)
    assert one < two < one + 10 * 0.6  # the second threat counts, at a discount
    assert threat_index(state, T0 + H, CONFIG) == pytest.approx(two / 2)


def test_a_denial_or_an_appeal_never_raises_the_index_though_its_goldstein_is_negative() -> None:
    # 016 deny responsibility (Goldstein -2.0) and 0256 appeal for de-escalation (-0.3) are of
    # CAMEO's verbal cooperation quad class: statements, not steps up a conflict.
    engine = AlertEngine(CONFIG)
    engine.process(event("denial", T0, cameo="016", goldstein=-2.0, quad_class=1, threat_score=0.1))
    engine.process(event("appeal", T0, cameo="0256", goldstein=-0.3, quad_class=1))
    assert engine.index("IRN-USA", T0) == 0.0
    assert contribution(event("d", T0, cameo="016", goldstein=-2.0, quad_class=1), CONFIG).weight == 0.0


def test_verbal_conflict_still_raises_the_index_and_cooperation_still_subtracts() -> None:
    accusation = event("accuse", T0, cameo="112", goldstein=-2.0, quad_class=3)
    assert contribution(accusation, CONFIG).weight == pytest.approx(2.0)
    deal = cooperation("deal", T0, goldstein=8.0, quad_class=1)
    assert contribution(deal, CONFIG).weight == pytest.approx(-8.0 * CONFIG.cooperation_weight)
