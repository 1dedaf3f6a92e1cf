"""Moves records between Kafka, the alert engine and the state store, a batch at a time.

A batch is every record the worker read while the previous batch was being processed (up to
``ALERT_BATCH_MAX_EVENTS``; one record under low load). Its events are grouped by dyad and each
dyad's events are applied in the order read, so the engine sees exactly what one-at-a-time
processing would show it; different dyads are independent. Per batch (ADR 0011):

1. decode every record; the undecodable become dead letters (original bytes and reason);
2. read the state of every dyad of the batch, in one pipelined Redis round trip;
3. apply each dyad's events in order (an event id already in the state is a duplicate);
4. **publish** all transitions and dead letters, waiting for acks=all (in order within a dyad,
   different dyads concurrently);
5. **persist** the state of every dyad that changed, in one pipelined round trip;

and only then may the caller acknowledge the batch's records (``brink.runtime.batches``), so no
offset is committed before the state of every earlier event is persisted. A crash between 4 and 5
re-delivers the events to states that have not seen them, which re-publish the *identical*
transitions (same alert_id, type and event time): at-least-once, never a different alert (ADR
0002). A crash after 5 makes the re-delivered events duplicates, which change nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from brink.alerting import AlertConfig, DyadState, apply_event, counts, current_index
from brink.alerting import tick as tick_dyad
from brink.alerting.clock import EventClock, bounded_event, bounded_state
from brink.alerting.dyad import threat_index, thresholds
from brink.runtime.deadletter import SourceRecord, build_dead_letter
from brink.runtime.keyed_locks import KeyedLocks
from schemas.alert import Alert
from schemas.deadletter import DeadLetterReason
from schemas.decode import DecodeError, decode
from schemas.event import EscalationEvent
from services.alert.metrics import AlertMetrics
from services.alert.state_store import AlertStateStore

log = logging.getLogger(__name__)

STAGE = "alert"

Publish = Callable[[str, bytes, bytes], Awaitable[None]]


@dataclass
class _Letter:
    record: SourceRecord
    reason: DeadLetterReason
    error: str


@dataclass
class _DyadWork:
    """One dyad's share of a batch: its events in read order, and what applying them gave."""

    dyad: str
    events: list[tuple[SourceRecord, EscalationEvent]] = field(default_factory=list)
    state: DyadState | None = None
    changed: bool = False
    transitions: list[Alert] = field(default_factory=list)
    triggering: list[EscalationEvent] = field(default_factory=list)  # events that made transitions


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
        max_future_skew: timedelta = timedelta(minutes=5),
    ) -> None:
        self.config = config
        self.store = store
        self.publish = publish
        self.metrics = metrics
        self.alerts_topic = alerts_topic
        self.deadletter_topic = deadletter_topic
        self.max_event_bytes = max_event_bytes
        self._locks = KeyedLocks()  # per dyad: a batch holds its dyads', the decay tick one at a time
        self.open: dict[str, str] = {}  # dyad -> level, for the dyads this worker owns
        self.positions: dict[int, int] = {}  # partition -> next offset to process
        self.max_future_skew = max_future_skew  # INGEST_MAX_FUTURE_SKEW_SECONDS
        # event time for decay ticks (brink.alerting.clock), never ahead of wall time + skew
        self.clock = EventClock(max_future_skew=max_future_skew)
        metrics.top.use_clock(self._event_now)

    def _event_now(self) -> float:
        wall = datetime.now(UTC)
        return (self.clock.now(wall) or wall).timestamp()

    async def handle(
        self, value: bytes | None, key: bytes | None, topic: str, partition: int, offset: int
    ) -> None:
        """Process one message from the events topic (a batch of one); never raises for a bad message."""
        await self.process_batch([SourceRecord(value, key, topic, partition, offset)])

    async def process_batch(self, records: Sequence[SourceRecord]) -> None:
        """Count ``records`` (in the order read) and persist their effects; see the module docstring.

        Returns once every transition and dead letter is on the broker and every changed state is in
        Redis: the caller may then acknowledge all of ``records``. Never raises for a bad message;
        while the broker or Redis is unreachable it waits and retries."""
        wall = datetime.now(UTC)
        letters: list[_Letter] = []
        work: dict[str, _DyadWork] = {}
        for record in records:
            try:
                event = decode(record.value, EscalationEvent, self.max_event_bytes)
            except DecodeError as exc:
                letters.append(_Letter(record, exc.reason, str(exc)))
                continue
            self.metrics.events.inc()
            if event.published_at > wall + self.max_future_skew:
                # Defence in depth (extract refuses such articles): count it at the bound, so it
                # moves neither its dyad's clock nor the worker's far ahead (ADR 0019).
                self.metrics.future_events.inc()
                log.warning(
                    "event %s is dated %s, in the future: counted at wall time + %.0f s",
                    event.event_id,
                    event.published_at.isoformat(),
                    self.max_future_skew.total_seconds(),
                )
                event = bounded_event(event, wall + self.max_future_skew)
            self.clock.observe(event.published_at, wall)
            dyad = event.dyad
            if dyad is None or not counts(event, self.config):
                self.metrics.skipped.inc()
                continue
            if dyad not in work:
                work[dyad] = _DyadWork(dyad)
            work[dyad].events.append((record, event))

        async with self._locks.hold_all(work):
            dyads = list(work.values())
            raws = await self.store.load_raw_many([w.dyad for w in dyads])
            for item, raw in zip(dyads, raws, strict=True):
                self._apply(item, raw, letters)
            # Publish first ... (every dyad concurrently, each dyad's transitions in order)
            await asyncio.gather(
                *(self._publish_all(item.transitions) for item in dyads if item.transitions),
                *(self.dead_letter_record(letter) for letter in letters),
            )
            # ... then persist (see the module docstring).
            await self.store.save_many([item.state for item in dyads if item.changed and item.state])

        done = time.time()
        for item in dyads:
            if item.state is not None and item.changed:
                self._observe(item.state, item.transitions)
            for event in item.triggering:
                if event.ingested_at is not None:
                    latency = done - event.ingested_at.timestamp()
                    self.metrics.latency.labels(stage=STAGE).observe(max(latency, 0.0))
        for record in records:
            self.positions[record.partition] = record.offset + 1

    def _apply(self, item: _DyadWork, raw: bytes | None, letters: list[_Letter]) -> None:
        """Apply one dyad's events of the batch, in order, to its state as loaded (``raw``).

        An event the engine fails on is dead-lettered and leaves no trace: the state is rebuilt
        from ``raw`` and the events before it (the engine is deterministic), then the rest follow."""
        try:
            state = self._restored(item.dyad, raw)
        except Exception as exc:  # a state that does not parse: its events cannot be counted
            log.exception("could not load the state of %s", item.dyad)
            letters.extend(_Letter(record, "processing_error", repr(exc)) for record, _ in item.events)
            return
        applied: list[EscalationEvent] = []
        for record, event in item.events:
            if event.event_id in state.seen:
                self.metrics.duplicates.inc()
                continue
            try:
                transitions = apply_event(state, event, self.config)
            except Exception as exc:  # a bug in the engine must not stop the stream
                log.exception("could not process event %s", event.event_id)
                letters.append(_Letter(record, "processing_error", repr(exc)))
                state = self._replayed(item.dyad, raw, applied)
                continue
            applied.append(event)
            item.changed = True
            item.transitions.extend(transitions)
            if transitions:
                item.triggering.append(event)
        item.state = state

    def _restored(self, dyad: str, raw: bytes | None) -> DyadState:
        """The dyad's state as stored (a new one when none is), its times bounded (ADR 0019)."""
        if raw is None:
            return DyadState(dyad=dyad)
        state = DyadState.from_json(raw)
        self._bound(state, datetime.now(UTC))
        return state

    def _bound(self, state: DyadState, wall: datetime) -> bool:
        """Bound ``state``'s times; True when some had to move (the caller saves the repair)."""
        if not bounded_state(state, wall + self.max_future_skew):
            return False
        self.metrics.future_states.inc()
        log.warning(
            "the stored state of %s had times later than wall time + %.0f s (written before event "
            "time was bounded): moved back to that bound",
            state.dyad,
            self.max_future_skew.total_seconds(),
        )
        return True

    def _replayed(self, dyad: str, raw: bytes | None, events: list[EscalationEvent]) -> DyadState:
        state = DyadState(dyad=dyad) if raw is None else DyadState.from_json(raw)
        bounded_state(state, datetime.now(UTC) + self.max_future_skew)  # counted once, by _restored
        for event in events:
            apply_event(state, event, self.config)
        return state

    async def tick(self, wall_now: datetime, owns: Callable[[str], bool]) -> list[Alert]:
        """Let event time pass (``self.clock``) for every open alert of a dyad this worker owns;
        publish what eased or resolved."""
        sent: list[Alert] = []
        open_alerts = await self.store.open_alerts()
        for dyad in sorted(open_alerts):
            if not owns(dyad):
                continue
            async with self._locks.hold(dyad):
                state = await self.store.load(dyad)
                if state is None or state.alert is None:
                    continue
                repaired = self._bound(state, wall_now)
                if state.clock is not None:
                    # After a restart no event may have come yet: the stored clocks stand in.
                    self.clock.observe(state.clock, wall_now)
                now = self.clock.now(wall_now)
                if now is None:
                    continue
                transitions = tick_dyad(state, now, self.config)
                if transitions:
                    await self._publish_all(transitions)
                if transitions or repaired:
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

    async def dead_letter_record(self, letter: _Letter) -> None:
        record = letter.record
        await self.dead_letter(
            record.value,
            record.key,
            record.topic,
            record.partition,
            record.offset,
            letter.reason,
            letter.error,
        )

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
