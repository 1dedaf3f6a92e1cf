from datetime import UTC, datetime, timedelta

from brink.alerting import AlertConfig, DyadState, apply_event, tick
from brink.alerting.clock import EventClock, bounded_event, bounded_state
from tests.fixtures.events import event

WALL = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
REPLAYED = datetime(2019, 12, 31, 20, 0, tzinfo=UTC)
FAR = datetime(2999, 1, 1, tzinfo=UTC)


def test_a_replayed_moment_advances_by_real_elapsed_time_not_to_the_wall_clock() -> None:
    clock = EventClock()
    clock.observe(REPLAYED, WALL)
    assert clock.now(WALL + timedelta(seconds=30)) == REPLAYED + timedelta(seconds=30)


def test_live_events_keep_the_clock_at_wall_time() -> None:
    clock = EventClock()
    clock.observe(WALL - timedelta(seconds=2), WALL - timedelta(seconds=2))
    assert clock.now(WALL + timedelta(hours=3)) == WALL + timedelta(hours=3)


def test_an_older_event_does_not_move_the_watermark_back() -> None:
    clock = EventClock()
    clock.observe(REPLAYED, WALL)
    clock.observe(REPLAYED - timedelta(days=2), WALL + timedelta(seconds=5))
    assert clock.now(WALL + timedelta(seconds=10)) == REPLAYED + timedelta(seconds=10)


def test_no_time_before_the_first_event() -> None:
    assert EventClock().now(WALL) is None


def test_wall_clock_going_backwards_never_moves_event_time_back() -> None:
    clock = EventClock()
    clock.observe(REPLAYED, WALL)
    assert clock.now(WALL - timedelta(seconds=5)) == REPLAYED


def test_an_event_dated_far_in_the_future_moves_the_clock_only_to_wall_time_plus_skew() -> None:
    clock = EventClock(max_future_skew=timedelta(minutes=5))
    clock.observe(WALL - timedelta(seconds=2), WALL - timedelta(seconds=2))
    clock.observe(datetime(2999, 1, 1, tzinfo=UTC), WALL)
    assert clock.now(WALL) == WALL + timedelta(minutes=5)
    assert clock.now(WALL + timedelta(hours=1)) == WALL + timedelta(hours=1, minutes=5)


def test_bounded_event_moves_only_a_later_publication_time_back_to_the_bound() -> None:
    future = event("f-1", datetime(2999, 1, 1, tzinfo=UTC))
    bounded = bounded_event(future, WALL)
    assert bounded.published_at == WALL
    assert bounded.model_dump(exclude={"published_at"}) == future.model_dump(exclude={"published_at"})
    current = event("c-1", WALL - timedelta(hours=1))
    assert bounded_event(current, WALL) is current


def _stuck_state() -> DyadState:
    """A pair as a worker before ADR 0019 left it: an alert opened by events dated 2999."""
    state = DyadState(dyad="IRN-USA")
    config = AlertConfig()
    for k in range(3):
        apply_event(state, event(f"s-{k}", FAR + timedelta(seconds=k), cameo="190", goldstein=-10.0), config)
    assert state.alert is not None and state.clock is not None and state.clock > WALL
    return state


def test_bounded_state_moves_every_future_time_of_a_stored_pair_back_to_the_bound() -> None:
    state = _stuck_state()
    assert bounded_state(state, WALL) is True
    assert state.alert is not None and state.clock == WALL
    assert state.alert.started_at == WALL and state.alert.updated_at == WALL
    assert all(item.at == WALL for item in (*state.evidence, *state.threats))
    assert state.evidence  # the evidence itself is kept, only its time moves


def test_bounded_state_leaves_a_state_within_the_bound_alone() -> None:
    state = DyadState(dyad="IRN-USA")
    apply_event(state, event("p-1", WALL - timedelta(hours=1), cameo="190", goldstein=-10.0), AlertConfig())
    before = state.model_dump()
    assert bounded_state(state, WALL) is False
    assert state.model_dump() == before


def test_a_repaired_pair_eases_and_resolves_again_when_time_passes() -> None:
    config = AlertConfig()
    stuck = _stuck_state()
    assert tick(stuck, WALL + timedelta(days=60), config) == []  # before: the 2999 clock never lets it go
    repaired = _stuck_state()
    bounded_state(repaired, WALL)
    transitions = tick(repaired, WALL + timedelta(days=60), config)
    assert transitions and transitions[-1].type == "alert.resolved"
    assert repaired.alert is None
