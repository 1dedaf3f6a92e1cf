from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from brink.webhooks.retry import (
    MAX_ATTEMPTS,
    SCHEDULE_SECONDS,
    RetryPolicy,
    Verdict,
    classify,
    parse_retry_after,
)


def test_schedule_is_the_standard_webhooks_one_then_gives_up() -> None:
    assert SCHEDULE_SECONDS == (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
    policy = RetryPolicy(jitter=0)
    assert [policy.next_delay(n) for n in range(1, MAX_ATTEMPTS)] == list(SCHEDULE_SECONDS)
    assert policy.next_delay(MAX_ATTEMPTS) is None


def test_delays_are_scaled_and_jittered_within_bounds() -> None:
    policy = RetryPolicy(scale=0.01, jitter=0.2)
    rng = random.Random(7)
    for failed in range(1, MAX_ATTEMPTS):
        samples = [policy.next_delay(failed, rng=rng) for _ in range(200)]
        low, high = policy.bounds(failed) or (0, 0)
        assert low == pytest.approx(SCHEDULE_SECONDS[failed - 1] * 0.01 * 0.8)
        assert all(s is not None and low <= s <= high for s in samples)
        assert len({round(s or 0, 9) for s in samples}) > 100  # actually spread, not constant


def test_retry_after_replaces_the_schedule_but_is_capped() -> None:
    policy = RetryPolicy(scale=1.0, max_retry_after_seconds=600)
    assert policy.next_delay(1, retry_after=42) == 42
    assert policy.next_delay(1, retry_after=86400) == 600
    assert policy.next_delay(MAX_ATTEMPTS, retry_after=1) is None


def test_retry_after_parses_seconds_and_http_dates() -> None:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        (200, Verdict.DELIVERED),
        (204, Verdict.DELIVERED),
        (410, Verdict.GONE),
        (301, Verdict.RETRY),
        (404, Verdict.RETRY),
        (429, Verdict.RETRY),
        (500, Verdict.RETRY),
        (503, Verdict.RETRY),
    ],
)
def test_status_codes_are_classified(status: int, verdict: Verdict) -> None:
    assert classify(status) is verdict


def test_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(scale=0)
    with pytest.raises(ValueError):
        RetryPolicy(jitter=1.5)
