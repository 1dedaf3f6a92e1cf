"""When to try a webhook delivery again.

The schedule is Standard Webhooks' (as used by Svix): after a failed first attempt, retry after
5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h — ten attempts over about three days —
then give up. Each delay is multiplied by a scale (``WEBHOOK_RETRY_SCALE``, < 1 in tests) and
spread by ±jitter so that many failing deliveries do not retry in lockstep. A ``Retry-After``
header on 429/502/503/504 replaces the scheduled delay (capped).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import Enum

SCHEDULE_SECONDS: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
MAX_ATTEMPTS = len(SCHEDULE_SECONDS) + 1
RETRY_AFTER_STATUSES = frozenset({429, 502, 503, 504})


class Verdict(Enum):
    DELIVERED = "delivered"  # 2xx
    GONE = "gone"  # 410: the receiver asks us to stop; disable the subscription
    RETRY = "retry"  # anything else: try again later (or give up after the last attempt)


def classify(status: int) -> Verdict:
    if 200 <= status < 300:
        return Verdict.DELIVERED
    if status == 410:
        return Verdict.GONE
    return Verdict.RETRY


@dataclass(frozen=True)
class RetryPolicy:
    scale: float = 1.0
    jitter: float = 0.1  # fraction: each delay lands in [d·(1−jitter), d·(1+jitter)]
    max_retry_after_seconds: float = 86400.0

    def __post_init__(self) -> None:
        if self.scale <= 0:
            raise ValueError(f"retry scale must be positive, not {self.scale}")
        if not 0 <= self.jitter < 1:
            raise ValueError(f"retry jitter is a fraction in [0, 1), not {self.jitter}")

    def scheduled_delay(self, failed_attempts: int) -> float | None:
        """The un-jittered delay after ``failed_attempts`` failures, or None when it is time to give up."""
        if failed_attempts < 1:
            raise ValueError("a delay is only asked for after a failed attempt")
        if failed_attempts > len(SCHEDULE_SECONDS):
            return None
        return SCHEDULE_SECONDS[failed_attempts - 1] * self.scale

    def bounds(self, failed_attempts: int) -> tuple[float, float] | None:
        """The interval the jittered delay falls in (what tests assert against)."""
        base = self.scheduled_delay(failed_attempts)
        if base is None:
            return None
        return base * (1 - self.jitter), base * (1 + self.jitter)

    def next_delay(
        self, failed_attempts: int, retry_after: float | None = None, rng: random.Random | None = None
    ) -> float | None:
        """Seconds to wait before the next attempt; None after the last one."""
        base = self.scheduled_delay(failed_attempts)
        if base is None:
            return None
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after_seconds)
        spread = (rng or random).uniform(-self.jitter, self.jitter)
        return base * (1 + spread)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent or invalid."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
