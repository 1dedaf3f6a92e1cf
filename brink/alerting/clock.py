"""The alert worker's sense of "now" in event time, for decay ticks between events.

Ticking with the wall clock would be wrong whenever event time and wall time differ: replaying
2019 articles through the running services would jump every pair six years ahead between two
events of one article, and its alerts would ease and resolve at once. Ticking only at event
times would never resolve an alert on a pair that simply stops making news. So the clock is the
latest event time seen (the watermark), advanced by the real time elapsed since it was seen —
for live news that is the wall clock; for a replay it is the replayed moment plus a few seconds.

Event time is bounded by the wall clock plus a small skew (``max_future_skew``): one event dated
2999 would otherwise move the clock of every dyad to 2999 and resolve every open alert at the next
tick (docs/adr/0019-bounded-event-time.md). The alert worker moves such an event back to that bound
(``bounded_event``) before the engine sees it, so its own dyad's clock cannot jump either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from brink.alerting.state import DyadState
from schemas.event import EscalationEvent


def bounded_event(event: EscalationEvent, not_after: datetime) -> EscalationEvent:
    """``event``, with its publication time moved back to ``not_after`` when it lies later."""
    if event.published_at <= not_after:
        return event
    return event.model_copy(update={"published_at": not_after})


def bounded_state(state: DyadState, not_after: datetime) -> bool:
    """Move every time in ``state`` that lies after ``not_after`` back to it; True if any moved.

    A state stored before event time was bounded (ADR 0019) may carry a clock in 2999: its alert
    would never ease, and every later event would be decayed against that clock. Clamping on load
    repairs such a pair in place, with no one deleting Redis keys by hand."""
    changed = False

    def bound(at: datetime) -> datetime:
        nonlocal changed
        if at <= not_after:
            return at
        changed = True
        return not_after

    if state.clock is not None:
        state.clock = bound(state.clock)
    for item in (*state.evidence, *state.threats):
        item.at = bound(item.at)
    if state.alert is not None:
        state.alert.started_at = bound(state.alert.started_at)
        state.alert.updated_at = bound(state.alert.updated_at)
        if state.alert.below_since is not None:
            state.alert.below_since = bound(state.alert.below_since)
    return changed


@dataclass
class EventClock:
    watermark: datetime | None = None  # the latest event time seen
    seen_at: datetime | None = None  # wall time when the watermark last moved
    max_future_skew: timedelta | None = None  # how far event time may run ahead of the wall clock

    def observe(self, event_time: datetime, wall_now: datetime) -> None:
        if self.max_future_skew is not None:
            event_time = min(event_time, wall_now + self.max_future_skew)
        if self.watermark is None or event_time > self.watermark:
            self.watermark = event_time
            self.seen_at = wall_now

    def now(self, wall_now: datetime) -> datetime | None:
        """Event time now, or None before any event (or restored state) was observed."""
        if self.watermark is None or self.seen_at is None:
            return None
        return self.watermark + max(wall_now - self.seen_at, timedelta(0))
