"""Levels, hysteresis, hold time and the firing → updated → resolved lifecycle."""

from __future__ import annotations

from datetime import timedelta

from brink.alerting import AlertConfig, AlertEngine, DyadState, alert_id_for
from schemas.alert import Alert
from tests.fixtures.events import T0, cooperation, event

CONFIG = AlertConfig()
HOUR = timedelta(hours=1)


def _types(transitions: list[Alert]) -> list[str]:
    return [t.type for t in transitions]


def test_flapping_index_around_the_threshold_gives_one_alert_not_dozens() -> None:
    """Two days of the index swinging every hour between above WATCH and zero (under the resolve line)."""
    engine = AlertEngine(CONFIG)
    transitions: list[Alert] = []
    index_values = []
    for i in range(48):
        at = T0 + i * HOUR
        if i % 2 == 0:
            transitions += engine.process(event(f"threat-{i}", at, cameo="130", goldstein=-9.0))
        else:
            transitions += engine.process(cooperation(f"talks-{i}", at, goldstein=10.0))
            transitions += engine.process(cooperation(f"deal-{i}", at, goldstein=10.0))
        index_values.append(engine.index("IRN-USA", at))
        transitions += engine.tick(at + HOUR / 2)
    # It really did cross the threshold 24 times, dropping to zero in between ...
    assert min(index_values[0::2]) >= CONFIG.watch_threshold and max(index_values[1::2]) == 0.0
    assert _types(transitions) == ["alert.firing"]  # ... and one alert came out of it


def test_index_hovering_just_above_and_below_a_level_changes_level_once() -> None:
    engine = AlertEngine(CONFIG)
    transitions = engine.process(event("opening-strike", T0, cameo="190", goldstein=-10.0, threat_score=1.0))
    for i in range(1, 30):
        # Each small event nudges the index over WARNING (20) and decay pulls it back under.
        transitions += engine.process(event(f"nudge-{i}", T0 + i * 3 * HOUR, cameo="112", goldstein=-3.5))
    levels = [(t.type, t.level) for t in transitions]
    assert levels[0] == ("alert.firing", "watch")
    assert levels.count(("alert.updated", "warning")) == 1
    assert len(transitions) <= 3


def test_lifecycle_firing_then_updated_then_resolved_with_one_stable_alert_id() -> None:
    engine = AlertEngine(CONFIG)
    fired = engine.process(event("threat", T0, cameo="138", goldstein=-7.0, threat_score=0.5))
    assert _types(fired) == ["alert.firing"] and fired[0].level == "watch"
    raised = engine.process(event("strike", T0 + HOUR, cameo="190", goldstein=-10.0, threat_score=0.5))
    assert _types(raised) == ["alert.updated"] and raised[0].level == "warning"
    # No more events: the index decays; first WARNING eases to WATCH, then the alert resolves.
    later = engine.tick(T0 + timedelta(days=5))
    later += engine.tick(T0 + timedelta(days=10))
    assert [(t.type, t.level) for t in later] == [("alert.updated", "watch"), ("alert.resolved", "watch")]
    everything = fired + raised + later
    assert {t.alert_id for t in everything} == {alert_id_for("IRN-USA", "threat")}
    assert all(t.started_at == T0 for t in everything)
    # Event-driven transitions carry their article's ingestion time (for latency); ticks have none.
    assert fired[0].ingested_at == T0 and raised[0].ingested_at == T0 + HOUR
    assert [t.ingested_at for t in later] == [None, None]
    resolved = later[-1]
    assert resolved.resolved_at == resolved.at and resolved.index < CONFIG.resolve_ratio * resolved.threshold
    assert engine.open_alerts() == {}


def test_resolution_waits_for_the_hold_time_below_the_resolve_line() -> None:
    engine = AlertEngine(CONFIG)
    assert _types(engine.process(event("strike", T0, cameo="190", goldstein=-10.0))) == ["alert.firing"]
    # A peace deal drops the index to zero at once; the alert stays open for the hold time.
    assert engine.process(cooperation("deal", T0 + HOUR, goldstein=10.0)) == []
    assert engine.process(cooperation("ceasefire", T0 + HOUR, goldstein=10.0)) == []
    assert engine.index("IRN-USA", T0 + HOUR) == 0.0
    hold = timedelta(seconds=CONFIG.min_hold_seconds)
    assert engine.tick(T0 + HOUR + hold - timedelta(minutes=1)) == []
    assert _types(engine.tick(T0 + HOUR + hold)) == ["alert.resolved"]


def test_ticking_twice_at_the_same_time_sends_nothing_twice() -> None:
    engine = AlertEngine(CONFIG)
    engine.process(event("strike", T0, cameo="190", goldstein=-10.0))
    first = engine.tick(T0 + timedelta(days=10))
    assert _types(first) == ["alert.resolved"]
    assert engine.tick(T0 + timedelta(days=10)) == []
    assert engine.tick(T0 + timedelta(days=11)) == []


def test_a_new_alert_after_resolution_has_a_new_id() -> None:
    engine = AlertEngine(CONFIG)
    first = engine.process(event("strike-1", T0, cameo="190", goldstein=-10.0))
    engine.tick(T0 + timedelta(days=10))
    second = engine.process(event("strike-2", T0 + timedelta(days=11), cameo="190", goldstein=-10.0))
    assert _types(second) == ["alert.firing"]
    assert second[0].alert_id != first[0].alert_id


def test_duplicate_event_ids_change_nothing() -> None:
    engine = AlertEngine(CONFIG)
    original = event("strike", T0, cameo="190", goldstein=-10.0)
    engine.process(original)
    before = engine.snapshot()
    assert engine.process(original) == []
    # Even a re-delivery later in event time (e.g. after a worker restart) is a no-op.
    later_copy = original.model_copy(update={"published_at": T0 + timedelta(days=1)})
    assert engine.process(later_copy) == []
    assert engine.snapshot() == before


def test_seen_event_ids_are_bounded() -> None:
    config = AlertConfig(seen_events_per_dyad=10)
    engine = AlertEngine(config)
    for i in range(25):
        engine.process(event(f"e{i}", T0 + i * HOUR, goldstein=-0.5))
    state = engine.state("IRN-USA")
    assert state is not None and state.seen == [f"e{i}" for i in range(15, 25)]


def test_stronger_evidence_updates_an_open_alert_but_repeats_do_not() -> None:
    engine = AlertEngine(CONFIG)
    assert _types(engine.process(event("accusation", T0, cameo="112", goldstein=-9.0))) == ["alert.firing"]
    repeats = []
    for i in range(5):
        repeats += engine.process(event(f"same-{i}", T0 + (i + 1) * 2 * HOUR, cameo="112", goldstein=-0.5))
    assert repeats == []
    news = engine.process(
        event(
            "threat", T0 + 12 * HOUR, cameo="130", goldstein=-4.4, threat_score=0.9, quote="We will strike."
        )
    )
    assert _types(news) == ["alert.updated"] and news[0].level == "watch"
    assert "threat" in [e.event_id for e in news[0].evidence]


def test_state_survives_a_json_round_trip_and_carries_on_identically() -> None:
    events = [event(f"e{i}", T0 + i * 5 * HOUR, cameo="190", goldstein=-6.0) for i in range(8)]
    straight = AlertEngine(CONFIG)
    expected = [t for e in events for t in straight.process(e)]
    first_half = AlertEngine(CONFIG)
    got = [t for e in events[:4] for t in first_half.process(e)]
    restored = AlertEngine.restore(first_half.snapshot(), CONFIG)
    state = restored.state("IRN-USA")
    assert state is not None and DyadState.from_json(state.to_json()) == state
    got += [t for e in events[4:] for t in restored.process(e)]
    assert got == expected
    assert restored.snapshot() == straight.snapshot()


def test_a_late_tick_stamps_each_resolution_when_it_fell_due() -> None:
    hourly, late = AlertEngine(CONFIG), AlertEngine(CONFIG)
    strike = event("strike", T0, cameo="190", goldstein=-10.0)
    hourly.process(strike)
    late.process(strike)
    from_hourly = [t for hour in range(1, 24 * 30) for t in hourly.tick(T0 + hour * HOUR)]
    from_late = late.tick(T0 + timedelta(days=30))
    assert [t.type for t in from_late] == [t.type for t in from_hourly] == ["alert.resolved"]
    # The same moment, up to the capped baseline's small dependence on how time was stepped.
    assert abs(from_late[0].at - from_hourly[0].at) < timedelta(minutes=5)
    resolved = from_late[-1]
    assert resolved.type == "alert.resolved"
    # Due = when the decaying index crossed half the WATCH line, plus the hold time.
    assert T0 + timedelta(days=3) < resolved.at < T0 + timedelta(days=5)
    assert resolved.at.minute != 0 or resolved.at.second != 0  # not snapped to a tick


def test_an_old_alert_that_fell_due_resolves_before_a_new_event_opens_a_new_one() -> None:
    engine = AlertEngine(CONFIG)
    first = engine.process(event("strike-1", T0, cameo="190", goldstein=-10.0))
    later = engine.process(event("strike-2", T0 + timedelta(days=9), cameo="190", goldstein=-10.0))
    assert [t.type for t in later] == ["alert.resolved", "alert.firing"]
    assert later[0].alert_id == first[0].alert_id != later[1].alert_id
    assert later[0].at < T0 + timedelta(days=9) == later[1].at


def test_a_crisis_does_not_leave_the_pair_deaf_a_week_later() -> None:
    """Dec 31: the embassy attack and threats; Jan 8: missiles. The second must still register."""
    engine = AlertEngine(CONFIG)
    crisis = [event(f"crisis-{i}", T0 + i * HOUR, cameo="190", goldstein=-10.0) for i in range(5)]
    levels = [t.level for e in crisis for t in engine.process(e)]
    assert levels[-1] == "critical"
    week_later = T0 + timedelta(days=8)
    transitions = engine.tick(week_later)
    assert [t.level for t in transitions] == ["watch"]  # eased, still open
    missiles = [event(f"missiles-{i}", week_later + i * HOUR, cameo="190", goldstein=-10.0) for i in range(2)]
    raised = [t for e in missiles for t in engine.process(e)]
    assert [(t.type, t.level) for t in raised] == [("alert.updated", "warning")]
    state = engine.state("IRN-USA")
    assert state is not None and state.baseline < CONFIG.watch_threshold  # the spike was learned capped


def test_domestic_pairs_are_ignored_unless_configured() -> None:
    from tests.fixtures.events import IRAN_MIL

    protest = event(
        "crackdown",
        T0,
        source=IRAN_MIL,
        target=IRAN_MIL.model_copy(update={"name": "protesters"}),
        cameo="175",
        goldstein=-9.0,
    )
    assert protest.dyad == "IRN-IRN"
    assert AlertEngine(CONFIG).process(protest) == []
    with_domestic = AlertEngine(AlertConfig(include_domestic=True)).process(protest)
    assert [t.type for t in with_domestic] == ["alert.firing"]


def test_first_quoted_threat_updates_an_alert_whose_evidence_has_no_quote_once() -> None:
    """The seed's pattern: a strong paraphrased threat fires the alert, the speaker's own words (a
    little weaker) come later. The quote is news once; a second, similar quote is not."""
    engine = AlertEngine(CONFIG)
    fired = engine.process(event("accusation", T0, cameo="112", goldstein=-9.0))
    assert _types(fired) == ["alert.firing"]
    paraphrase = engine.process(
        event("paraphrase", T0 + 2 * HOUR, cameo="130", goldstein=-4.4, threat_score=0.9)
    )
    assert _types(paraphrase) == ["alert.updated"]
    assert all(e.quote is None for e in paraphrase[0].evidence)
    quoted = engine.process(
        event(
            "tweet",
            T0 + 48 * HOUR,  # the index has eased meanwhile: this update is not a level change
            cameo="130",
            goldstein=-4.4,
            threat_score=0.7,
            quote="They will be held fully responsible.",
        )
    )
    assert [(t.type, t.level) for t in quoted] == [("alert.updated", "watch")]
    assert [e.quote for e in quoted[0].evidence if e.event_id == "tweet"] == [
        "They will be held fully responsible."
    ]
    again = engine.process(
        event(
            "tweet-2", T0 + 50 * HOUR, cameo="130", goldstein=-1.0, threat_score=0.7, quote="They will pay."
        )
    )
    assert again == []


def test_a_weak_quoted_threat_is_not_news() -> None:
    engine = AlertEngine(CONFIG)
    assert _types(engine.process(event("accusation", T0, cameo="112", goldstein=-9.0))) == ["alert.firing"]
    weak = engine.process(
        event("aside", T0 + 2 * HOUR, cameo="130", goldstein=-4.4, threat_score=0.1, quote="We shall see.")
    )
    assert weak == []
