"""The backoff and give-up rule ``brink run`` restarts crashed services with."""

from __future__ import annotations

import pytest

from brink.runtime.restarts import RestartPolicy

POLICY = RestartPolicy(initial=1.0, maximum=8.0, max_restarts=5, window=300.0)


def test_the_first_restart_waits_the_initial_delay() -> None:
    assert POLICY.delay([], now=1000.0) == 1.0


def test_each_restart_in_the_window_doubles_the_delay_up_to_the_maximum() -> None:
    restarts: list[float] = []
    delays = []
    now = 1000.0
    for _ in range(5):
        delay = POLICY.delay(restarts, now)
        assert delay is not None
        delays.append(delay)
        now += delay
        restarts.append(now)
        now += 1.0  # up one second, then it crashes again
    assert delays == [1.0, 2.0, 4.0, 8.0, 8.0]


def test_a_service_restarted_max_restarts_times_in_the_window_is_given_up_on() -> None:
    restarts = [1000.0, 1010.0, 1020.0, 1030.0, 1040.0]
    assert POLICY.delay(restarts, now=1050.0) is None


def test_restarts_older_than_the_window_no_longer_count() -> None:
    restarts = [1000.0, 1010.0, 1020.0, 1030.0, 1040.0]
    # 300 s after the first restart it has left the window: one slot is free again, at 4 restarts' delay
    assert POLICY.delay(restarts, now=1300.0) == 8.0
    # a service up for longer than the window starts over from the first delay
    assert POLICY.delay(restarts, now=1341.0) == 1.0


def test_zero_max_restarts_never_restarts() -> None:
    assert RestartPolicy(max_restarts=0).delay([], now=0.0) is None


@pytest.mark.parametrize(
    ("initial", "maximum", "max_restarts"), [(-1.0, 1.0, 1), (2.0, 1.0, 1), (1.0, 2.0, -1)]
)
def test_an_impossible_policy_is_refused(initial: float, maximum: float, max_restarts: int) -> None:
    with pytest.raises(ValueError):
        RestartPolicy(initial=initial, maximum=maximum, max_restarts=max_restarts)
