"""Moves records between Kafka, the alert engine and the state store, one event at a time.

Order per event (ADR 0001): load the dyad's state, apply the event, **publish** the transitions
(waiting for acks=all), then **persist** the state. A crash between the two re-delivers the event
to a state that has not seen it, which re-publishes the *identical* transitions (same alert_id,
type and event time): at-least-once, never a different alert. A crash after persisting makes the
re-delivered event a duplicate, which changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from brink.alerting import AlertConfig, DyadState, apply_event, counts, current_index
from brink.alerting import tick as tick_dyad
from brink.alerting.clock import EventClock
from brink.alerting.dyad import threat_index, thresholds
from brink.runtime.deadletter import build_dead_letter
from schemas.alert import Alert
from schemas.deadletter import DeadLetterReason
from schemas.decode import DecodeError, decode
from schemas.event import EscalationEvent
from services.alert.metrics import AlertMetrics
from services.alert.state_store import AlertStateStore

log = logging.getLogger(__name__)

STAGE = "alert"

Publish = Callable[[str, bytes, bytes], Awaitable[None]]


class AlertProcessor:
    def __init__(
        self,
        *,
        config: AlertConfig,
        store: AlertStateStore,
        publish: Publish,
        metrics: AlertMetrics,
        alerts_topic: str,
        deadletter_topic: str,
        max_event_bytes: int,
    ) -> None:
        self.config = config
        self.store = store
        self.publish = publish
        self.metrics = metrics
        self.alerts_topic = alerts_topic
        self.deadletter_topic = deadletter_topic
        self.max_event_bytes = max_event_bytes
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.open: dict[str, str] = {}  # dyad -> level, for the dyads this worker owns
        self.positions: dict[int, int] = {}  # partition -> next offset to process
        self.clock = EventClock()  # event time for decay ticks (brink.alerting.clock)
        metrics.top.use_clock(self._event_now)

    def _event_now(self) -> float:
        wall = datetime.now(UTC)
        return (self.clock.now(wall) or wall).timestamp()

    async def handle(
        self, value: bytes | None, key: bytes | None, topic: str, partition: int, offset: int
    ) -> None:
        """Process one message from the events topic; never raises for a bad message."""
        try:
            event = decode(value, EscalationEvent, self.max_event_bytes)
        except DecodeError as exc:
            await self.dead_letter(value, key, topic, partition, offset, exc.reason, str(exc))
        else:
            self.metrics.events.inc()
            try:
                await self._count(event)
            except Exception as exc:  # a bug in the engine must not stop the stream
                log.exception("could not process event %s", event.event_id)
                await self.dead_letter(value, key, topic, partition, offset, "processing_error", repr(exc))
        self.positions[partition] = offset + 1

    async def _count(self, event: EscalationEvent) -> None:
        self.clock.observe(event.published_at, datetime.now(UTC))
        dyad = event.dyad
        if dyad is None or not counts(event, self.config):
            self.metrics.skipped.inc()
            return
        async with self._locks[dyad]:
            state = await self.store.load(dyad) or DyadState(dyad=dyad)
            if event.event_id in state.seen:
                self.metrics.duplicates.inc()
                return
            transitions = apply_event(state, event, self.config)
            await self._publish_all(transitions)  # publish first ...
            await self.store.save(state)  # ... then persist (see the module docstring)
        self._observe(state, transitions)
        if transitions and event.ingested_at is not None:
            latency = time.time() - event.ingested_at.timestamp()
            self.metrics.latency.labels(stage=STAGE).observe(max(latency, 0.0))

    async def tick(self, wall_now: datetime, owns: Callable[[str], bool]) -> list[Alert]:
        """Let event time pass (``self.clock``) for every open alert of a dyad this worker owns;
        publish what eased or resolved."""
        sent: list[Alert] = []
        open_alerts = await self.store.open_alerts()
        for dyad in sorted(open_alerts):
            if not owns(dyad):
                continue
            async with self._locks[dyad]:
                state = await self.store.load(dyad)
                if state is None or state.alert is None:
                    continue
                if state.clock is not None:
                    # After a restart no event may have come yet: the stored clocks stand in.
                    self.clock.observe(state.clock, wall_now)
                now = self.clock.now(wall_now)
                if now is None:
                    continue
                transitions = tick_dyad(state, now, self.config)
                if transitions:
                    await self._publish_all(transitions)
                    await self.store.save(state)
            self._observe(state, transitions)
            sent.extend(transitions)
        self.open = {d: lv for d, lv in (await self.store.open_alerts()).items() if owns(d)}
        self.metrics.set_open(self.open)
        return sent

    async def _publish_all(self, transitions: list[Alert]) -> None:
        for alert in transitions:
            await self.publish(self.alerts_topic, alert.dyad.encode(), alert.model_dump_json().encode())
            self.metrics.transitions.labels(type=alert.type, level=alert.level).inc()

    def _observe(self, state: DyadState, transitions: list[Alert]) -> None:
        if state.clock is None:
            return
        self.metrics.top.update(
            state.dyad,
            current_index(state, state.clock, self.config),
            threat_index(state, state.clock, self.config),
            state.clock.timestamp(),
            {str(level): line for level, line in thresholds(state, self.config).items()},
        )
        if transitions:
            if state.alert is None:
                self.open.pop(state.dyad, None)
            else:
                self.open[state.dyad] = state.alert.level
            self.metrics.set_open(self.open)

    async def dead_letter(
        self,
        value: bytes | None,
        key: bytes | None,
        topic: str,
        partition: int | None,
        offset: int | None,
        reason: DeadLetterReason,
        error: str,
    ) -> None:
        # The shared builder cuts big originals: a 10 MB event would not fit in a dead letter, and
        # publish() would retry its refusal forever, holding up the partition.
        letter = build_dead_letter(
            original=value,
            key=key,
            topic=topic,
            partition=partition,
            offset=offset,
            stage=STAGE,
            reason=reason,
            error=error,
        )
        await self.publish(self.deadletter_topic, topic.encode(), letter.model_dump_json().encode())
        self.metrics.deadletters.labels(stage=STAGE, reason=reason).inc()
