"""The baseline: what is normal for a pair raises the bar for that pair only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from brink.alerting import AlertConfig, AlertEngine, thresholds
from brink.alerting.dyad import spread
from tests.fixtures.events import IRAN, NORWAY, SWEDEN, T0, USA, event

CONFIG = AlertConfig()
HISTORY_DAYS = 180


def _chronic_hostility(engine: AlertEngine) -> None:
    """Six months of USA–Iran news cycles: every four days, accusations and threats."""
    for day in range(0, HISTORY_DAYS, 4):
        for hour in range(3):
            at = T0 + timedelta(days=day, hours=hour)
            engine.process(event(f"acc-{day}-{hour}", at, cameo="112", goldstein=-2.0))
            engine.process(event(f"thr-{day}-{hour}", at, cameo="130", goldstein=-4.4, threat_score=0.4))


def _surge(engine: AlertEngine, source_target: tuple, at_day: int, prefix: str) -> list:
    source, target = source_target
    at = T0 + timedelta(days=at_day)
    transitions = []
    for i in range(3):
        transitions += engine.process(
            event(f"{prefix}-{i}", at + timedelta(minutes=i), source=source, target=target, goldstein=-7.0)
        )
    return transitions


def test_a_chronically_hostile_dyad_needs_a_bigger_surge_than_a_quiet_one() -> None:
    engine = AlertEngine(CONFIG)
    _chronic_hostility(engine)
    quiet_day = HISTORY_DAYS + 2  # between two news cycles
    hostile = engine.state("IRN-USA")
    assert hostile is not None
    engine.tick(T0 + timedelta(days=quiet_day))
    assert hostile.alert is None, "six months in, the news cycle is the baseline, not an alert"
    assert hostile.baseline > 10 and spread(hostile) > 3

    # The same surge (three strikes-worth of threats, 21 index points) on both pairs:
    hostile_transitions = _surge(engine, (USA, IRAN), quiet_day, "usa-surge")
    quiet_transitions = _surge(engine, (NORWAY, SWEDEN), quiet_day, "nor-surge")
    assert [t.type for t in quiet_transitions][:1] == ["alert.firing"]
    assert quiet_transitions[-1].level == "warning"
    assert hostile_transitions == []

    # A brand-new pair fires at the absolute floor; the hostile pair's bar is far above it.
    quiet = engine.state("NOR-SWE")
    assert quiet is not None
    assert thresholds(hostile, CONFIG)["watch"] > 4 * CONFIG.watch_threshold
    assert quiet_transitions[0].threshold == pytest.approx(CONFIG.watch_threshold, rel=0.05)

    # A surge well above the hostile pair's normal still fires.
    bigger = _surge(engine, (USA, IRAN), quiet_day, "usa-surge-2")
    bigger += _surge(engine, (USA, IRAN), quiet_day, "usa-surge-3")
    assert [t.type for t in bigger][:1] == ["alert.firing"]


def test_baseline_starts_at_zero_and_learns_slowly() -> None:
    engine = AlertEngine(CONFIG)
    engine.process(event("one", T0, goldstein=-10.0))
    state = engine.state("IRN-USA")
    assert state is not None and state.baseline == 0.0
    engine.tick(T0 + timedelta(days=1))  # opens nothing, but event time has moved on
    engine.process(event("two", T0 + timedelta(days=1), goldstein=-0.1))
    # One day of a ~10-point index moves a 30-day-half-life baseline by well under a point.
    assert 0 < state.baseline < 0.5
