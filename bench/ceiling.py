"""The ceiling: a bare aiokafka produce→consume loop on the same broker with the same payloads.

    .venv/bin/python -m bench.ceiling [--count 5000] [--rate 100 --rate 0]

Starts the embedded Tansu broker unless KAFKA_BOOTSTRAP_SERVERS is set. For each offered rate
(0 = as fast as possible) it produces ``count`` Article-sized JSON messages (acks=all, like the
ingest service) to a fresh topic and consumes them in the same process, reporting throughput and
produce→consume latency. The pipeline benchmark reports itself as a fraction of this.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer

from bench.common import LatencyStats, machine, now_iso, paced, seed_text
from brink.runtime.embedded import infrastructure
from brink.runtime.kafka import ensure_topics, make_producer
from brink.settings import Settings
from schemas.article import Article
from schemas.topics import ARTICLES

# Default: the deployment's fetch wait (10 ms on embedded Tansu, which holds a fetch for its whole
# wait: 500 ms would add ~250 ms to every message; 500 ms on Apache Kafka), as every Brink consumer.
FETCH_MAX_WAIT_ENV = os.environ.get("BENCH_FETCH_MAX_WAIT_MS")


@dataclass
class CeilingResult:
    rate: float | None
    count: int
    seconds: float
    latency: LatencyStats

    @property
    def throughput(self) -> float:
        return self.count / self.seconds


def payload(text: str, i: int) -> bytes:
    now = datetime.now(UTC)
    article = Article(article_id=f"bench-{i}", title="bench", text=text, published_at=now, ingested_at=now)
    return article.model_dump_json().encode()


async def run_once(settings: Settings, count: int, rate: float | None, text: str) -> CeilingResult:
    topic = settings.topic(ARTICLES)
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=settings.bootstrap,
        group_id=f"ceiling-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        enable_auto_commit=True,
        fetch_max_wait_ms=int(FETCH_MAX_WAIT_ENV) if FETCH_MAX_WAIT_ENV else settings.fetch_max_wait_ms,
    )
    producer = make_producer(settings)
    await consumer.start()
    await producer.start()
    sent_at: dict[int, float] = {}
    latencies: list[float] = []
    done = asyncio.Event()

    async def consume() -> None:
        async for record in consumer:
            i = int(json.loads(record.value)["article_id"].split("-")[1])
            latencies.append(time.perf_counter() - sent_at[i])
            if len(latencies) == count:
                done.set()
                return

    async def send(i: int) -> None:
        sent_at[i] = time.perf_counter()
        await producer.send_and_wait(topic, key=f"bench-{i}".encode(), value=payload(text, i))

    reader = asyncio.create_task(consume())
    # Offer load only once the consumer owns its partitions, so group joining is not measured.
    while not consumer.assignment():
        await asyncio.sleep(0.01)
    try:
        start = time.perf_counter()
        await paced(count, rate, send)
        await asyncio.wait_for(done.wait(), timeout=120)
        elapsed = time.perf_counter() - start
    finally:
        reader.cancel()
        await producer.stop()
        await consumer.stop()
    return CeilingResult(rate, count, elapsed, LatencyStats.of(latencies))


async def main_async(count: int, rates: list[float]) -> list[CeilingResult]:
    base = Settings()
    text = seed_text()
    results = []
    with infrastructure(base.kafka_bootstrap_servers, base.redis_url or "redis://unused") as infra:
        for rate in rates:
            settings = base.model_copy(
                update={**infra.settings_update(), "topic_prefix": f"bench{uuid.uuid4().hex[:6]}."}
            )
            await ensure_topics(settings, (ARTICLES,))
            result = await run_once(settings, count, rate or None, text)
            results.append(result)
            offered = "max" if not rate else f"{rate:g}/s"
            print(
                f"offered {offered:>6}: {result.throughput:8.1f} msg/s  latency {result.latency}", flush=True
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--rate", type=float, action="append", help="offered msgs/s; 0 = max (repeatable)")
    args = parser.parse_args()
    print(
        f"# bare aiokafka ceiling · {now_iso()} · {machine()} · payload {len(payload(seed_text(), 0))} B "
        f"· broker {os.environ.get('KAFKA_BOOTSTRAP_SERVERS', 'embedded Tansu')}"
    )
    asyncio.run(main_async(args.count, args.rate or [100, 0]))


if __name__ == "__main__":
    main()
