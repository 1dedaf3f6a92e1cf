"""What ``brink run`` shows while it runs: articles coded, the index of active dyads, alerts and
the webhooks the local sink received — read from the same topics, metrics and sink a user has.

Runs in a background thread with its own event loop so the main thread can keep waiting for
Ctrl-C. Output is one readable line per article, per index change, per alert and per delivery.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from prometheus_client.parser import text_string_to_metric_families

from brink.runtime.kafka import make_consumer
from brink.settings import Settings
from schemas.alert import Alert
from schemas.event import EscalationEvent
from schemas.topics import ALERTS, EVENTS

# An article's events arrive together; print the article once none came for this long.
ARTICLE_QUIET_SECONDS = 0.5
# Alerts wait for the articles still arriving (they follow the events that caused them), not longer.
ALERT_HOLD_SECONDS = 2.0
INDEX_POLL_SECONDS = 3.0
TOP_DYADS = 5


@dataclass
class WatchTargets:
    alert_metrics_url: str
    sink_url: str | None


@dataclass
class _ArticleEvents:
    events: list[EscalationEvent] = field(default_factory=list)
    last_seen: float = 0.0


@dataclass
class _HeldAlert:
    alert: Alert
    received: float  # monotonic


def _strength(e: EscalationEvent) -> tuple[bool, bool, float, float, int, str]:
    """The order of "strongest": an action stated as happening (not negated or hypothetical) and aimed at
    someone first, then the most hostile (lowest Goldstein: missiles fired outrank the revenge promised
    before them, whose threat score may be the higher), then the threat score; ties go to the earliest in
    the text (the events arrive from several partitions in no fixed order, and the line must not change
    from one run to the next)."""
    stated = not (e.negated or e.hypothetical)
    return (stated, e.target is not None, -e.goldstein, e.threat_score, -e.span[0], e.event_id)


def describe_article(article_id: str, events: list[EscalationEvent]) -> str:
    strongest = max(events, key=_strength)
    target = strongest.target.name if strongest.target else "—"
    dyads = ", ".join(sorted({e.dyad for e in events if e.dyad})) or "—"
    action = strongest.plover_type.lower()
    count = f"{len(events):3} event{'' if len(events) == 1 else 's'}"
    return (
        f"coded    {article_id[:12]}  {count:<10}  strongest: {strongest.source.name} → {target} "
        f"{action} (threat {strongest.threat_score:.2f})  dyads: {dyads}"
    )


def describe_alert(alert: Alert) -> str:
    return (
        f"alert    {alert.type:<14} {alert.dyad:<8} {alert.level.upper():<8} index {alert.index:.1f} "
        f"(baseline {alert.baseline:.1f}, threshold {alert.threshold:.1f})"
    )


def describe_index(values: dict[str, float], as_of: datetime | None = None) -> str:
    """The top dyads' index, with the event time it is as of: replaying 2019 articles then 2022 ones
    moves event time on, and the 2019 dyads' index decays with it (alerts said "47", the index now 1.6)."""
    top = sorted(values.items(), key=lambda kv: -kv[1])[:TOP_DYADS]
    when = f"(event time {as_of:%Y-%m-%d %H:%M} UTC)  " if as_of is not None else ""
    return "index    " + when + "  ".join(f"{dyad} {value:.1f}" for dyad, value in top)


def read_index(metrics_text: str) -> tuple[dict[str, float], datetime | None]:
    """The alert worker's ``brink_alert_index`` per dyad and ``brink_alert_event_time_seconds``."""
    values: dict[str, float] = {}
    as_of: datetime | None = None
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if family.name == "brink_alert_index" and "dyad" in sample.labels:
                values[sample.labels["dyad"]] = sample.value
            elif family.name == "brink_alert_event_time_seconds":
                as_of = datetime.fromtimestamp(sample.value, UTC)
    return values, as_of


class Watcher:
    def __init__(self, settings: Settings, targets: WatchTargets, echo: Callable[[str], None]) -> None:
        self.settings = settings
        self.targets = targets
        self._print = echo
        self._held: list[str] | None = []  # lines kept back until release(), then None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        # the watch loop's own "stop" (set from stop() through the loop): its waits end at once on it
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self.ready = threading.Event()  # set once the topic consumer owns its partitions
        self._thread = threading.Thread(target=self._run, name="brink-run-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def echo(self, line: str) -> None:
        with self._lock:
            if self._held is not None:
                self._held.append(line)
                return
        self._print(line)

    def release(self) -> None:
        """Print what was held back (while brink run printed its own start-up lines), then go live."""
        with self._lock:
            held, self._held = self._held or [], None
        for line in held:
            self._print(line)

    def stop(self) -> None:
        self._stop.set()
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already ended
                loop.call_soon_threadsafe(stopping.set)
        if self._thread.ident is not None:  # started
            self._thread.join(timeout=10)

    async def _pause(self, seconds: float) -> None:
        """Wait ``seconds``, or less when stop() is called."""
        if self._stopping is None:
            await asyncio.sleep(seconds)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    def _run(self) -> None:
        try:
            asyncio.run(self._watch())
        except Exception as exc:  # the watch is a convenience: never take brink run down
            self.echo(f"(live view stopped: {exc})")
        finally:
            self.ready.set()

    async def _watch(self) -> None:
        self._stopping = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        if self._stop.is_set():  # stop() came before the loop existed
            return
        await asyncio.gather(self._topics(), self._index(), self._deliveries())

    async def _topics(self) -> None:
        consumer = make_consumer(
            self.settings,
            self.settings.topic(EVENTS),
            self.settings.topic(ALERTS),
            group_id=f"brink-run-watch-{uuid.uuid4().hex[:8]}",
            auto_offset_reset="earliest",
        )
        await consumer.start()
        pending: dict[str, _ArticleEvents] = defaultdict(_ArticleEvents)
        alerts: list[_HeldAlert] = []
        try:
            while not self._stop.is_set():
                if consumer.assignment():
                    self.ready.set()
                batch = await consumer.getmany(timeout_ms=200)
                for records in batch.values():
                    for record in records:
                        self._take(record.topic, record.value, pending, alerts)
                self._flush(pending, alerts, time.monotonic())
        finally:
            await consumer.stop()

    def _flush(self, pending: dict[str, _ArticleEvents], alerts: list[_HeldAlert], now: float) -> None:
        """Print articles whose events stopped coming, then the alerts once no article is still
        arriving: one article's events come from several partitions (they are keyed by dyad), and
        an alert printed in between would split the article into two lines."""
        for article_id in [a for a, p in pending.items() if now - p.last_seen > ARTICLE_QUIET_SECONDS]:
            self.echo(describe_article(article_id, pending.pop(article_id).events))
        oldest = min((a.received for a in alerts), default=now)
        if alerts and (not pending or now - oldest > ALERT_HOLD_SECONDS):
            for held in alerts:
                self.echo(describe_alert(held.alert))
            alerts.clear()

    def _take(
        self, topic: str, value: bytes | None, pending: dict[str, _ArticleEvents], alerts: list[_HeldAlert]
    ) -> None:
        if value is None:
            return
        try:
            if topic == self.settings.topic(ALERTS):
                alerts.append(_HeldAlert(Alert.model_validate_json(value), time.monotonic()))
            else:
                event = EscalationEvent.model_validate_json(value)
                entry = pending[event.article_id]
                entry.events.append(event)
                entry.last_seen = time.monotonic()
        except ValueError:
            pass  # malformed records are the dead-letter path's business, not the console's

    async def _index(self) -> None:
        shown: dict[str, float] = {}
        async with httpx.AsyncClient(timeout=2.0) as client:
            while not self._stop.is_set():
                with contextlib.suppress(httpx.HTTPError):
                    response = await client.get(self.targets.alert_metrics_url)
                    index, as_of = read_index(response.text)
                    values = {d: round(v, 1) for d, v in index.items() if v >= 0.05}
                    if values and values != shown:
                        self.echo(describe_index(values, as_of))
                        shown = values
                await self._pause(INDEX_POLL_SECONDS)

    async def _deliveries(self) -> None:
        if self.targets.sink_url is None:
            return
        seen: set[str] = set()
        async with httpx.AsyncClient(timeout=2.0) as client:
            while not self._stop.is_set():
                with contextlib.suppress(httpx.HTTPError, ValueError, KeyError):
                    listing = (await client.get(f"{self.targets.sink_url}/received")).json()
                    for delivery in listing["deliveries"]:
                        if delivery["webhook_id"] in seen:
                            continue
                        seen.add(delivery["webhook_id"])
                        payload = delivery["payload"]
                        kind, dyad = payload.get("type", "?"), payload.get("data", {}).get("dyad", "?")
                        self.echo(
                            f"webhook  {kind:<14} {dyad:<8} delivered to the sink, signature verified "
                            f"({delivery['webhook_id'][:16]}…)"
                        )
                await self._pause(1.0)
