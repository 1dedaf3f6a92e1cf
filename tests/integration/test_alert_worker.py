"""The alert worker (``brink alert``) against the real broker and Redis, as a child process."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from aiokafka import ConsumerRecord

from brink.alerting import LEVELS, AlertConfig, AlertEngine
from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.alert import Alert
from schemas.deadletter import DeadLetter
from schemas.event import EscalationEvent
from schemas.topics import ALERTS, DEADLETTER, EVENTS, event_key
from tests.fixtures.alert_worker import AlertWorkerProcess, read_all, read_until, wait_until
from tests.fixtures.events import IRAN, IRAN_MIL, NORWAY, SWEDEN, TRUMP, USA, event, trump_conditional_threat

pytestmark = pytest.mark.integration

POISON = b'{"event_id": "half a message'


@pytest.fixture
async def worker(settings: Settings, tmp_path: Path) -> AsyncIterator[AlertWorkerProcess]:
    process = AlertWorkerProcess(settings, tmp_path)
    try:
        yield process
    finally:
        process.kill()


async def _produce(settings: Settings, *messages: EscalationEvent | tuple[bytes, bytes]) -> None:
    """One send (one batch) per message, acks=all: Tansu never has to split a batch on fetch."""
    producer = make_producer(settings)
    await producer.start()
    try:
        for message in messages:
            if isinstance(message, EscalationEvent):
                key, value = event_key(message), message.model_dump_json().encode()
            else:
                key, value = message
            await producer.send_and_wait(settings.topic(EVENTS), key=key, value=value)
    finally:
        await producer.stop()


def _alerts(records: list[ConsumerRecord[bytes, bytes]]) -> list[Alert]:
    return [Alert.model_validate_json(r.value) for r in records]


def _has(dyad: str, kind: str, level: str) -> Callable[[list[ConsumerRecord[bytes, bytes]]], bool]:
    return lambda records: any((a.dyad, a.type, a.level) == (dyad, kind, level) for a in _alerts(records))


def _expected(events: list[EscalationEvent]) -> list[Alert]:
    engine = AlertEngine(AlertConfig.from_settings(Settings()))
    return [alert for e in events for alert in engine.process(e)]


def _story(now: datetime) -> tuple[list[EscalationEvent], list[EscalationEvent]]:
    """IRN–USA: Trump's conditional threat and an accusation (WATCH), then a strike (WARNING)."""
    opening = [
        trump_conditional_threat("w-threat", now),
        event(
            "w-blame", now + timedelta(seconds=1), source=TRUMP, speaker=TRUMP, cameo="112", goldstein=-2.0
        ),
    ]
    strikes = [
        event("w-strike-1", now + timedelta(seconds=2), cameo="190", goldstein=-10.0),
        event("w-vow", now + timedelta(seconds=3), source=IRAN_MIL, target=USA, cameo="130", goldstein=-4.4),
    ]
    return opening, strikes


async def test_events_become_transitions_keyed_by_dyad_and_a_poison_message_is_dead_lettered(
    settings: Settings, worker: AlertWorkerProcess
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    opening, strikes = _story(now)
    # An old NOR–SWE clash: it fires, and the worker's decay tick (wall clock) resolves it.
    old = event("w-old", now - timedelta(days=20), source=NORWAY, target=SWEDEN, cameo="190", goldstein=-10.0)
    await worker.start()
    await _produce(settings, *opening, (b"IRN-USA", POISON), *strikes, old)

    await read_until(settings, ALERTS, _has("IRN-USA", "alert.updated", "warning"))
    await read_until(settings, ALERTS, _has("NOR-SWE", "alert.resolved", "watch"))
    records = await read_all(settings, ALERTS)
    assert all(r.key == Alert.model_validate_json(r.value).dyad.encode() for r in records)
    alerts = _alerts(records)
    # Exactly what the pure engine says for these events: the poison in the middle changed nothing.
    assert [a for a in alerts if a.dyad == "IRN-USA"] == _expected(opening + strikes)
    nor_swe = [a for a in alerts if a.dyad == "NOR-SWE"]
    assert [a.type for a in nor_swe] == ["alert.firing", "alert.resolved"]
    assert nor_swe[0].alert_id == nor_swe[1].alert_id and nor_swe[1].resolved_at is not None

    letters = await read_until(settings, DEADLETTER, lambda rs: len(rs) >= 1)
    letter = DeadLetter.model_validate_json(letters[0].value)
    assert (letter.original, letter.key, letter.topic) == (POISON, b"IRN-USA", settings.topic(EVENTS))
    assert (letter.stage, letter.reason) == ("alert", "invalid_json") and letter.offset is not None

    lag = ("brink_consumer_lag_messages", (("service", "alert"), ("topic", settings.topic(EVENTS))))
    warning_open = ("brink_alert_open_alerts", (("level", "warning"),))
    await wait_until(lambda: worker.metrics().get(warning_open) == 1.0, 10, "the open-alerts gauge")
    await wait_until(lambda: worker.metrics().get(lag) == 0.0, 10, "consumer lag to reach 0")
    metrics = worker.metrics()
    assert metrics[("brink_alert_events_total", ())] == 5
    assert metrics[("brink_deadletters_total", (("reason", "invalid_json"), ("stage", "alert")))] == 1
    assert metrics[("brink_alert_transitions_total", (("level", "watch"), ("type", "alert.firing")))] == 2
    assert metrics[("brink_alert_transitions_total", (("level", "watch"), ("type", "alert.resolved")))] == 1
    assert metrics[("brink_alert_index", (("dyad", "IRN-USA"),))] > 20
    assert metrics[("brink_alert_threat_index", (("dyad", "IRN-USA"),))] > 0
    # The dyad's own alert lines, in level order, none under the configured WATCH floor.
    lines = [metrics[("brink_alert_threshold", (("dyad", "IRN-USA"), ("level", lv)))] for lv in LEVELS]
    assert AlertConfig().watch_threshold <= lines[0] < lines[1] < lines[2]
    # The values are as of event time: the latest event's publication time plus the wall time since.
    as_of = metrics[("brink_alert_event_time_seconds", ())]
    latest = max(e.published_at for e in [*opening, *strikes]).timestamp()
    assert latest <= as_of <= datetime.now(UTC).timestamp() + 1
    assert metrics[("brink_pipeline_latency_seconds_count", (("stage", "alert"),))] >= 2


async def test_a_restarted_worker_carries_on_with_the_index_and_open_alert_and_never_refires(
    settings: Settings, worker: AlertWorkerProcess, redis_client: aioredis.Redis
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    opening, strikes = _story(now)
    more = [
        event("r-strike-2", now + timedelta(seconds=10), cameo="190", goldstein=-10.0),
        event(
            "r-strike-3", now + timedelta(seconds=11), source=IRAN, target=USA, cameo="190", goldstein=-10.0
        ),
    ]
    open_key = settings.redis_key("alert", "open")

    async def persisted(level: str) -> None:
        """The worker saves state right after publishing: wait for the save, not just the publish."""
        deadline = time.monotonic() + 20
        while await redis_client.hget(open_key, "IRN-USA") != level.encode():
            assert time.monotonic() < deadline, f"IRN-USA was never persisted at {level}"
            await asyncio.sleep(0.05)

    # 1st worker: the threat opens a WATCH alert; then a graceful stop (SIGTERM).
    await worker.start()
    await _produce(settings, *opening)
    await read_until(settings, ALERTS, _has("IRN-USA", "alert.firing", "watch"))
    await persisted("watch")
    worker.stop()

    # 2nd worker: the same events again (duplicates) and a strike: WARNING, same alert. Then SIGKILL.
    await worker.start()
    await _produce(settings, *opening, *strikes)
    await read_until(settings, ALERTS, _has("IRN-USA", "alert.updated", "warning"))
    await persisted("warning")
    worker.kill()

    # 3rd worker, after the SIGKILL: redeliveries change nothing and the index carries on to CRITICAL.
    await worker.start()
    await _produce(settings, *strikes, *more)
    await read_until(settings, ALERTS, _has("IRN-USA", "alert.updated", "critical"))
    # All IRN-USA events share one partition, so everything before the last strike is processed too.
    alerts = _alerts(await read_all(settings, ALERTS))

    assert alerts == _expected(opening + strikes + more)
    assert [(a.type, a.level) for a in alerts] == [
        ("alert.firing", "watch"),
        ("alert.updated", "warning"),
        ("alert.updated", "critical"),
    ]
    assert len({a.alert_id for a in alerts}) == 1
    # A worker that had lost the state would have opened a new WARNING alert on 20 points alone.
    assert alerts[-1].index > 40 > _expected(more)[0].index


async def test_sport_and_history_events_move_no_index_in_the_alert_worker(
    settings: Settings, worker: AlertWorkerProcess
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    # A World Cup "rout", an earthquake that "struck", a papal visit, a Cuban-missile-crisis recollection:
    # strikes and threats between the same two countries, each framed outside politics.
    framed = [
        event(f"f-{frame}", now + timedelta(seconds=i), cameo="190", goldstein=-10.0, frame=frame)
        for i, frame in enumerate(["sport", "disaster", "culture", "history", "markets", "other"])
    ]
    # Then one political strike, on the same dyad (same partition, so it is processed after them).
    political = event(
        "f-politics", now + timedelta(seconds=10), cameo="190", goldstein=-10.0, frame="politics"
    )
    await worker.start()
    await _produce(settings, *framed, political)

    await read_until(settings, ALERTS, lambda rs: len(rs) >= 1)
    alerts = _alerts(await read_all(settings, ALERTS))
    # Exactly what the political event alone gives: had any framed strike counted, the index would be
    # higher and the level WARNING or CRITICAL.
    assert alerts == _expected([political])
    assert [(a.type, a.level, a.index) for a in alerts] == [("alert.firing", "watch", pytest.approx(10.0))]

    skipped = ("brink_alert_skipped_events_total", ())
    await wait_until(lambda: worker.metrics().get(skipped) == len(framed), 10, "the skipped-events count")
    assert worker.metrics()[("brink_alert_events_total", ())] == len(framed) + 1
