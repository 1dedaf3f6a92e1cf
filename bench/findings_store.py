"""What the read API's findings store costs: recording events (the alert worker's extra work per
batch) and answering queries, on a private redis-server (or REDIS_URL).

    .venv/bin/python -m bench.findings_store [--events 20000]

Events are hand-made (tests/fixtures/events.py shapes, ~1.3 KB of JSON each), one dyad, threat
scores 0.0-0.9. Wall-clock times: other load on the machine slows them down.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis.asyncio as aioredis

from brink.runtime.embedded import infrastructure
from brink.settings import Settings
from schemas.event import Actor, EscalationEvent
from services.alert.findings import SCAN_BUDGET, EventFilter, FindingsStore, Window

T0 = datetime(2020, 1, 1, tzinfo=UTC)
USA = Actor(code="USAGOV", country="USA", role="GOV", name="United States", kind="state", text="the U.S.")
IRAN = Actor(code="IRNGOV", country="IRN", role="GOV", name="Iran", kind="state", text="Iran")


def _event(n: int) -> EscalationEvent:
    when = T0 + timedelta(seconds=n)
    return EscalationEvent(
        event_id=f"ev{n:08d}",
        article_id=f"art{n // 5:08d}",
        url=f"https://news.example/{n}",
        published_at=when,
        ingested_at=when,
        source=USA,
        target=IRAN,
        dyad="IRN-USA",
        cameo="138",
        cameo_root=13,
        quad_class=3,
        goldstein=-7.0,
        plover_type="THREATEN",
        event_date=when.date(),
        threat_score=(n % 10) / 10,
        threat_reasons=["head of state", "military force"],
        confidence=0.9,
        sentence="The United States threatened Iran with a very big price if any harm came to Americans.",
        span=(0, 90),
        coder_version="bench",
    )


async def _median_ms(call: Callable[[], Awaitable[object]], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


async def measure(redis_url: str, count: int) -> list[str]:
    settings = Settings().model_copy(
        update={
            "redis_url": redis_url,
            "redis_key_prefix": f"bench{os.getpid()}",
            "findings_max_events": count,
        }
    )
    redis = aioredis.Redis.from_url(redis_url)
    store = FindingsStore(redis, settings)
    events = [_event(n) for n in range(count)]
    singles = min(2000, count // 10)
    started = time.perf_counter()
    for item in events[:singles]:
        await store.record_events([item])
    one = (time.perf_counter() - started) / singles
    started = time.perf_counter()
    for start in range(singles, count, 256):
        await store.record_events(events[start : start + 256])
    batched = (time.perf_counter() - started) / (count - singles)
    newest = await _median_ms(lambda: store.events(EventFilter(), Window(limit=100)))
    threat = await _median_ms(lambda: store.events(EventFilter(min_threat=0.9), Window(limit=100)))
    nothing = await _median_ms(lambda: store.events(EventFilter(min_threat=1.0 + 1e-9), Window(limit=100)), 5)
    await redis.aclose()
    return [
        f"record, one event per call:      {one * 1000:.3f} ms per event",
        f"record, batches of 256:          {batched * 1000:.3f} ms per event",
        f"newest 100 of {count}:      {newest:.1f} ms (median)",
        f"min_threat=0.9, 100 of {count}: {threat:.1f} ms (median; 1 in 10 matches)",
        f"a filter matching nothing:       {nothing:.1f} ms (median; walks the {SCAN_BUDGET} scan budget)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=20_000)
    args = parser.parse_args()
    with infrastructure("external:0", os.environ.get("REDIS_URL"), Path(tempfile.mkdtemp())) as infra:
        for line in asyncio.run(measure(infra.redis_url, args.events)):
            print(line)


if __name__ == "__main__":
    main()
