"""The real alert worker ignores events framed outside politics and security (sport, history …)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from brink.alerting import AlertConfig, AlertEngine
from brink.runtime.kafka import make_producer
from brink.settings import Settings
from schemas.alert import Alert
from schemas.event import EscalationEvent
from schemas.topics import ALERTS, EVENTS, event_key
from tests.fixtures.alert_worker import AlertWorkerProcess, read_all, read_until, wait_until
from tests.fixtures.events import event

pytestmark = pytest.mark.integration


@pytest.fixture
async def worker(settings: Settings, tmp_path: Path) -> AsyncIterator[AlertWorkerProcess]:
    process = AlertWorkerProcess(settings, tmp_path)
    try:
        yield process
    finally:
        process.kill()


async def _produce(settings: Settings, events: list[EscalationEvent]) -> None:
    producer = make_producer(settings)
    await producer.start()
    try:
        for e in events:
            await producer.send_and_wait(
                settings.topic(EVENTS), key=event_key(e), value=e.model_dump_json().encode()
            )
    finally:
        await producer.stop()


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
    await _produce(settings, [*framed, political])

    await read_until(settings, ALERTS, lambda rs: len(rs) >= 1)
    alerts = [Alert.model_validate_json(r.value) for r in await read_all(settings, ALERTS)]
    # Exactly what the political event alone gives: had any framed strike counted, the index would be
    # higher and the level WARNING or CRITICAL.
    expected = AlertEngine(AlertConfig.from_settings(Settings())).process(political)
    assert alerts == expected
    assert [(a.type, a.level, a.index) for a in alerts] == [("alert.firing", "watch", pytest.approx(10.0))]

    skipped = ("brink_alert_skipped_events_total", ())
    await wait_until(lambda: worker.metrics().get(skipped) == len(framed), 10, "the skipped-events count")
    assert worker.metrics()[("brink_alert_events_total", ())] == len(framed) + 1
