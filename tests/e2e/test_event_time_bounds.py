"""A bad timestamp cannot blind alerting (issue 15, item 1), through the real services.

- The ingest API refuses a ``published_at`` in the future or before 1900 with a 422 naming it.
- An article with such a date produced straight to the articles topic is dead-lettered by the
  extract worker with its reason (not coded, not an OverflowError), and the worker goes on.
- An event dated 2999 produced straight to the events topic moves neither the alert worker's
  event clock nor any other dyad's: an open alert stays open through the decay ticks after it.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from brink.settings import Settings
from schemas.alert import Alert
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.event import EscalationEvent
from schemas.topics import ALERTS, ARTICLES, DEADLETTER, EVENTS, event_key
from tests.fixtures.alert_worker import read_all, read_until, wait_until
from tests.fixtures.events import NORWAY, SWEDEN, TRUMP, actor, event, trump_conditional_threat
from tests.fixtures.extract import produce
from tests.fixtures.services import ServicePool, post

pytestmark = pytest.mark.integration

SKEW_SECONDS = 300.0  # INGEST_MAX_FUTURE_SKEW_SECONDS's default
THREAT = "Iran threatened to strike Israel over its nuclear programme."


def _article_record(article_id: str, published_at: str) -> tuple[bytes, bytes]:
    """An Article as a feed operator's own producer would write it, past ingest."""
    now = datetime.now(UTC).isoformat()
    record = Article(
        article_id=article_id, text=THREAT, published_at=now, ingested_at=now, language="en"
    ).model_dump(mode="json")
    record["published_at"] = published_at
    return article_id.encode(), Article.model_validate(record).model_dump_json().encode()


# published_at, what the refusal says, the ingest rejection reason
OUT_OF_RANGE = [
    ("2999-01-01T00:00:00Z", "INGEST_MAX_FUTURE_SKEW_SECONDS", "published_at_in_future"),
    ("0001-01-01T00:00:00Z", "before 1900-01-01", "published_at_too_early"),
]


async def test_an_out_of_range_published_at_is_refused_at_ingest_and_dead_lettered_from_kafka(
    pool: ServicePool, settings: Settings
) -> None:
    ingest = pool.ingest_api()
    extract = pool.extract("extract")

    for published_at, says, code in OUT_OF_RANGE:
        refused = await post(
            f"{ingest.url}/v1/articles", json={"text": THREAT, "published_at": published_at}, timeout=30
        )
        assert refused.status_code == 422, refused.text
        [error] = refused.json()["detail"]
        assert (error["index"], error["field"]) == (0, "published_at")
        assert says in error["reason"]
        assert ingest.metric(f"brink_ingest_rejected_total{{reason={code}}}") == 1

    # The same dates straight to the articles topic: the extract worker refuses them with the reason.
    records = [
        _article_record(f"{n}" * 32, published_at) for n, (published_at, _, _) in enumerate(OUT_OF_RANGE)
    ]
    await produce(settings, settings.topic(ARTICLES), records)
    read = await read_until(settings, DEADLETTER, lambda letters: len(letters) >= len(records), timeout=60)
    letters = {letter.key: letter for letter in (DeadLetter.model_validate_json(r.value) for r in read)}
    for (key, value), (_, says, _) in zip(records, OUT_OF_RANGE, strict=True):
        letter = letters[key]
        assert (letter.stage, letter.reason, letter.original) == ("extract", "schema", value)
        assert letter.error.startswith("published_at: ") and says in letter.error

    # The worker is alive and codes the next article; the refused ones were never coded.
    accepted = await post(
        f"{ingest.url}/v1/articles",
        json={"text": THREAT, "published_at": datetime.now(UTC).isoformat()},
        timeout=30,
    )
    assert accepted.status_code == 202, accepted.text
    await wait_until(
        lambda: extract.metric("brink_extract_articles_total") == 1, 60, "the current article coded"
    )
    extract.check_alive()
    assert extract.metric("brink_deadletters_total{reason=schema,stage=extract}") == 2
    assert extract.metric("brink_deadletters_total{reason=processing_error,stage=extract}") == 0


def _alerts(records: list[Any]) -> list[Alert]:
    return [Alert.model_validate_json(r.value) for r in records]


def _has(dyad: str, kind: str) -> Any:
    return lambda records: any((a.dyad, a.type) == (dyad, kind) for a in _alerts(records))


def _event_record(e: EscalationEvent) -> tuple[bytes, bytes]:
    return event_key(e), e.model_dump_json().encode()


async def test_an_event_dated_2999_neither_moves_the_event_clock_nor_resolves_another_dyads_alert(
    pool: ServicePool, settings: Settings
) -> None:
    alert = pool.alert(env={"ALERT_TICK_INTERVAL_SECONDS": "0.5"})
    now = datetime.now(UTC).replace(microsecond=0)
    # IRN-USA: Trump's conditional threat and an accusation open a WATCH alert.
    opening = [
        trump_conditional_threat("t-threat", now),
        event(
            "t-blame", now + timedelta(seconds=1), source=TRUMP, speaker=TRUMP, cameo="112", goldstein=-2.0
        ),
    ]
    await produce(settings, settings.topic(EVENTS), map(_event_record, opening))
    await read_until(settings, ALERTS, _has("IRN-USA", "alert.firing"), timeout=60)

    # One event dated 2999 on another dyad, straight to the events topic (past ingest and extract).
    future = event("t-2999", datetime(2999, 1, 1, tzinfo=UTC), source=NORWAY, target=SWEDEN, cameo="190")
    await produce(settings, settings.topic(EVENTS), [_event_record(future)])
    await wait_until(lambda: alert.metric("brink_alert_events_total") == 3, 30, "the alert worker to read it")

    # A 20-day-old strike on a third dyad fires, and a decay tick resolves it: that tick ran after
    # the 2999 event was read, with the clock it left behind.
    old = event(
        "t-old",
        now - timedelta(days=20),
        source=actor("ARG"),
        target=actor("BRA"),
        cameo="190",
        goldstein=-10.0,
    )
    await produce(settings, settings.topic(EVENTS), [_event_record(old)])
    await read_until(settings, ALERTS, _has("ARG-BRA", "alert.resolved"), timeout=60)

    alerts = _alerts(await read_all(settings, ALERTS))
    assert [a.type for a in alerts if a.dyad == "IRN-USA"] == ["alert.firing"], alerts
    bound = datetime.now(UTC) + timedelta(seconds=SKEW_SECONDS + 5)
    assert all(a.at <= bound for a in alerts), [(a.dyad, a.type, a.at) for a in alerts]
    assert alert.metric("brink_alert_open_alerts{level=watch}") >= 1
    event_time = alert.metric("brink_alert_event_time_seconds")
    assert event_time <= time.time() + SKEW_SECONDS + 5, datetime.fromtimestamp(event_time, UTC)
    assert alert.metric("brink_alert_future_events_total") == 1
    alert.check_alive()
