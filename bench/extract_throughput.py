"""Extract worker throughput against a bare aiokafka loop doing the same work, on the same broker.

    .venv/bin/python -m bench.extract_throughput [N] [--real]

Fills the articles topic with N ~5 KB articles, then measures (1) a bare aiokafka loop: consume,
decode, code, produce the events and await their acks per article; (2) one ``brink extract``
worker process (Faust, acks after delivery) from its first coded article to its N-th. Both use the
same coder: ``StubCoder`` (two events per article, near-zero cost: measures the plumbing), or with
``--real`` the real coder on copies of the seed article (measures what the coder leaves).
Uses the embedded broker unless KAFKA_BOOTSTRAP_SERVERS is set.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer

from brink.coder import Coder
from brink.runtime.embedded import infrastructure
from brink.runtime.kafka import ensure_topics, make_producer
from brink.runtime.processes import wait_for
from brink.settings import Settings
from schemas.article import Article
from schemas.topics import ARTICLES, EVENTS
from tests.fixtures.coder import seed_article
from tests.fixtures.extract import ExtractWorkers, StubCoder, encode, make_article

# The bare loop writes to a topic of its own, shaped like the events topic.
BENCH_OUT = dataclasses.replace(EVENTS, name="bench.events-bare")
FILLER = ("The minister spoke at length about the economy, the harvest and the weather. " * 70)[:4800]


def articles(n: int, real: bool) -> list[Article]:
    if real:
        seed = seed_article()
        return [seed.model_copy(update={"article_id": f"b{i}"}) for i in range(n)]
    return [make_article(f"b{i}", f"USA threatens IRN. {FILLER} ISR attacks SYR.") for i in range(n)]


async def fill(settings: Settings, batch: list[Article]) -> None:
    producer = make_producer(settings, linger_ms=5)
    await producer.start()
    try:
        topic = settings.topic(ARTICLES)
        pending = [await producer.send(topic, key=a.article_id.encode(), value=encode(a)) for a in batch]
        await asyncio.gather(*pending)
    finally:
        await producer.stop()


async def bare_loop(settings: Settings, coder: Coder, n: int) -> float:
    """Articles/s of consume → decode → code → produce events, awaiting their acks per article."""
    consumer = AIOKafkaConsumer(
        settings.topic(ARTICLES),
        bootstrap_servers=settings.bootstrap,
        group_id=f"bench-{uuid.uuid4().hex[:6]}",
        auto_offset_reset="earliest",
        fetch_max_wait_ms=settings.fetch_max_wait_ms,
    )
    producer = make_producer(settings)
    await consumer.start()
    await producer.start()
    out = settings.topic(BENCH_OUT)
    done, started = 0, 0.0
    try:
        while done < n:
            for records in (await consumer.getmany(timeout_ms=1000)).values():
                for record in records:
                    started = started or time.perf_counter()
                    article = Article.model_validate_json(record.value)
                    events = coder.code(article).events
                    sends = [
                        await producer.send(
                            out, key=(e.dyad or "").encode(), value=e.model_dump_json().encode()
                        )
                        for e in events
                    ]
                    await asyncio.gather(*sends)
                    done += 1
        return n / (time.perf_counter() - started)
    finally:
        await consumer.stop()
        await producer.stop()


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "3000"))
    real = "--real" in sys.argv
    workdir = Path(tempfile.mkdtemp(prefix="brink-bench-"))
    with infrastructure(
        os.environ.get("KAFKA_BOOTSTRAP_SERVERS"), os.environ.get("REDIS_URL"), workdir
    ) as infra:
        prefix = f"bench{uuid.uuid4().hex[:6]}."
        settings = Settings().model_copy(update={**infra.settings_update(), "topic_prefix": prefix})
        asyncio.run(ensure_topics(settings, (ARTICLES, EVENTS, BENCH_OUT)))
        asyncio.run(fill(settings, articles(n, real)))
        coder: Coder = Coder.load() if real else StubCoder()
        bare = asyncio.run(bare_loop(settings, coder, n))
        pool = ExtractWorkers(infra, settings, workdir)
        worker = pool.spawn("bench", stub=not real)
        try:
            wait_for(lambda: worker.metric("brink_extract_articles_total") > 0, 120, "the worker to start")
            started, first = time.perf_counter(), worker.metric("brink_extract_articles_total")
            wait_for(lambda: worker.metric("brink_extract_articles_total") >= n, 900, "all articles", 0.05)
            extract = (n - first) / (time.perf_counter() - started)
        finally:
            pool.stop_all()
    kind = "real coder, seed article" if real else "stub coder, 5 KB articles, 2 events each"
    print(f"{n} articles ({kind})")
    print(f"bare aiokafka loop : {bare:8.0f} articles/s")
    print(f"brink extract      : {extract:8.0f} articles/s  ({extract / bare:.0%} of bare)")


if __name__ == "__main__":
    main()
