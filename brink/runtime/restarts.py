"""When to restart a crashed service, and when to give up (the policy ``brink run`` supervises with).

Exponential backoff (``initial``, doubled per restart still inside the window, capped at
``maximum``), bounded: a service that has already been restarted ``max_restarts`` times within the
last ``window`` seconds is not restarted again (crash loops are reported, not hidden). A service
that stays up longer than the window starts again from the first delay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RestartPolicy:
    initial: float = 1.0
    maximum: float = 30.0
    max_restarts: int = 5
    window: float = 300.0

    def __post_init__(self) -> None:
        if self.initial < 0 or self.maximum < self.initial:
            raise ValueError(
                f"backoff must satisfy 0 <= initial <= maximum, got {self.initial}, {self.maximum}"
            )
        if self.max_restarts < 0:
            raise ValueError(f"max_restarts must be >= 0, got {self.max_restarts}")

    def recent(self, restarts: Sequence[float], now: float) -> int:
        """How many of the restarts (monotonic times) fall inside the window ending ``now``."""
        return sum(1 for at in restarts if now - at < self.window)

    def delay(self, restarts: Sequence[float], now: float) -> float | None:
        """Seconds to wait before restarting a service that just exited, or None: give up."""
        recent = self.recent(restarts, now)
        if recent >= self.max_restarts:
            return None
        return float(min(self.initial * 2**recent, self.maximum))
