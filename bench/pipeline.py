"""The whole pipeline under load: throughput, and ingest→alert / ingest→webhook latency.

    .venv/bin/python -m bench.pipeline [--seconds 30] [--rate 10 --rate 100 --rate 0] [--max-articles 3000]

Every service runs as its own process, as in production: ``brink ingest-api``, two ``brink
extract``, ``brink alert``, ``brink api``, ``brink dispatch`` and ``brink sink`` (the subscriber:
verifies each signature with ``standardwebhooks``, records each webhook-id's arrival time), on the
embedded Tansu broker and a private Redis (or KAFKA_BOOTSTRAP_SERVERS / REDIS_URL).

Load, per offered rate (articles/s, open loop, one phase after another on the same processes):
- 10 and 100/s: articles are POSTed to the ingest API, one per request, for ``--seconds``.
- 0 ("max"): ``--max-articles`` Articles are produced straight to the articles topic as fast as
  the producer goes (one record per batch), bypassing the ingest API: the stages after ingest.

Articles (~5.5 KB): a two-sentence escalatory lead about one pair of countries (attacks, threats,
missiles, sanctions, warnings; six articles per pair, 48 countries, each pair used once) and
filler prose in words the coder does not code, so every pair climbs WATCH → WARNING → CRITICAL
and about one alert fires per two articles, throughout the run.

Measured:
- throughput: articles / (first article sent → every article coded, every event counted by the
  alert worker, every alert transition delivered to the sink);
- ingest→alert: each transition's produce time on the alerts topic (its Kafka CreateTime, set by
  the alert worker's producer) minus its ``ingested_at`` (the triggering article's ingestion time,
  stamped by the ingest API);
- ingest→webhook: the sink's arrival time of each webhook-id minus the alert's ``ingested_at``.

Then ``bench.ceiling`` runs on the same broker with a payload of the same size, at the same rates,
and the pipeline's throughput is reported as a fraction of it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition

from bench.ceiling import CeilingResult, run_once
from bench.common import REPO_ROOT, LatencyStats, machine, now_iso, paced
from brink.coder import Coder
from brink.runtime.embedded import Infrastructure, infrastructure
from brink.runtime.kafka import ensure_topics, make_producer
from brink.settings import Settings
from schemas.alert import Alert
from schemas.article import Article
from schemas.topics import ALERTS, ARTICLES, EVENTS
from tests.fixtures.services import BrinkProcess, ServicePool, WebhookPath

COUNTRIES = (
    "Iran", "Israel", "Syria", "Russia", "Ukraine", "China", "Taiwan", "India", "Pakistan",
    "Saudi Arabia", "Iraq", "North Korea", "Japan", "Turkey", "Egypt", "Lebanon", "Yemen", "Qatar",
    "Jordan", "Afghanistan", "Armenia", "Azerbaijan", "Georgia", "Belarus", "Poland", "Lithuania",
    "Serbia", "Greece", "Cyprus", "Ethiopia", "Eritrea", "Sudan", "South Sudan", "Somalia", "Kenya",
    "Libya", "Algeria", "Morocco", "Venezuela", "Colombia", "Cuba", "Mexico", "Vietnam",
    "the Philippines", "South Korea", "Germany", "France", "the United States",
)  # fmt: skip
# Six articles per pair, alternating who acts: WATCH fires on the first, CRITICAL by the fifth.
SEQUENCE = (
    "{a} attacked {b} on {day}. Officials in {b} said the strikes hit military sites.",
    "{a} threatened {b} on {day}, saying it would strike back within days.",
    "{a} fired missiles toward {b} on {day}. Air-raid sirens sounded across the region.",
    "{a} imposed new sanctions on {b}. The measures target banks and energy exports.",
    "{a} warned {b} that it would retaliate against any attack on its territory.",
    "{a} attacked {b} again on {day}, officials said.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
SAMPLES = REPO_ROOT / "samples" / "articles.jsonl"
FILLER_WORDS = 720


def safe_vocabulary(coder: Coder) -> list[str]:
    """Lower-case words of the sample articles the coder finds nothing in (filler that codes to no event)."""
    words = sorted(
        {
            w
            for line in SAMPLES.read_text().splitlines()
            for w in json.loads(line)["text"].split()
            if w.isalpha() and w.islower()
        }
    )
    probe = datetime.now(UTC)
    safe = []
    for word in words:
        article = Article(
            article_id="probe",
            text=f"Iran {word} Israel. The {word} said.",
            published_at=probe,
            ingested_at=probe,
        )
        if not coder.code(article).events:
            safe.append(word)
    return safe


@dataclass
class Corpus:
    rng: random.Random
    vocabulary: list[str]
    pairs: list[tuple[str, str]]
    used: int = 0

    @classmethod
    def create(cls, coder: Coder, seed: int = 1) -> Corpus:
        rng = random.Random(seed)
        pairs = [(a, b) for i, a in enumerate(COUNTRIES) for b in COUNTRIES[i + 1 :]]
        rng.shuffle(pairs)
        return cls(rng, safe_vocabulary(coder), pairs)

    def filler(self) -> str:
        sentences, left = [], FILLER_WORDS
        while left > 0:
            n = min(left, self.rng.randint(10, 20))
            words = " ".join(self.rng.choice(self.vocabulary) for _ in range(n))
            sentences.append(words[0].upper() + words[1:] + ".")
            left -= n
        return " ".join(sentences)

    def texts(self, count: int) -> list[str]:
        """``count`` article texts for fresh pairs of countries (six per pair)."""
        texts: list[str] = []
        while len(texts) < count:
            if self.used >= len(self.pairs):
                raise SystemExit(f"out of country pairs after {self.used}: lower the load or the duration")
            a, b = self.pairs[self.used]
            self.used += 1
            for k, template in enumerate(SEQUENCE):
                src, dst = (a, b) if k % 2 == 0 else (b, a)
                lead = template.format(a=src, b=dst, day=self.rng.choice(DAYS))
                texts.append(lead[0].upper() + lead[1:] + "\n\n" + self.filler())
        return texts[:count]


@dataclass
class AlertTap:
    """Reads the alerts topic (every partition, from its end at start): each transition with the
    time the alert worker produced it."""

    settings: Settings
    arrivals: list[tuple[float, Alert]] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap,
            enable_auto_commit=False,
            fetch_max_wait_ms=self.settings.fetch_max_wait_ms,
        )
        await consumer.start()
        topic = self.settings.topic(ALERTS)
        tps = [TopicPartition(topic, p) for p in range(ALERTS.partitions)]
        consumer.assign(tps)
        await consumer.seek_to_end(*tps)

        async def run() -> None:
            try:
                while True:
                    batch = await consumer.getmany(timeout_ms=100)
                    for records in batch.values():
                        # The record's CreateTime: when the alert worker produced it (not when this
                        # busy load-generating process got round to reading it).
                        self.arrivals.extend(
                            (r.timestamp / 1000, Alert.model_validate_json(r.value)) for r in records
                        )
            finally:
                await consumer.stop()

        self._task = asyncio.create_task(run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


@dataclass
class Stack:
    pool: ServicePool
    ingest: BrinkProcess
    extract: list[BrinkProcess]
    alert: BrinkProcess
    webhooks: WebhookPath

    def coded(self) -> int:
        return int(sum(w.metric("brink_extract_articles_total") for w in self.extract))

    def alert_events(self) -> int:
        """Event records the alert worker has read (counted or found to be duplicates)."""
        return int(self.alert.metric("brink_alert_events_total"))

    def processes(self) -> list[BrinkProcess]:
        w = self.webhooks
        return [self.ingest, *self.extract, self.alert, w.api, w.dispatch, w.sink]


def start_stack(infra: Infrastructure, settings: Settings, logdir: Path) -> Stack:
    pool = ServicePool(infra, settings, logdir, extra_env={"LOG_LEVEL": "WARNING"})
    ingest = pool.ingest_api()
    extract = [pool.extract("extract-1"), pool.extract("extract-2")]
    alert = pool.alert()
    webhooks = pool.webhook_path()
    stack = Stack(pool, ingest, extract, alert, webhooks)
    deadline = time.monotonic() + 90
    while sum(w.metric("brink_extract_assigned_partitions") for w in extract) < ARTICLES.partitions:
        if time.monotonic() > deadline:
            raise SystemExit(f"extract workers did not get the partitions; logs in {logdir}")
        time.sleep(0.2)
    return stack


@dataclass
class PhaseResult:
    rate: float | None
    via: str
    articles: int
    published: int
    offer_seconds: float
    total_seconds: float
    alerts: int
    webhooks: int
    post: LatencyStats | None
    to_alert: LatencyStats | None
    to_webhook: LatencyStats | None
    load: tuple[float, float, float]
    failures: dict[str, int]

    @property
    def throughput(self) -> float:
        return self.published / self.total_seconds


async def post_phase(
    client: httpx.AsyncClient, texts: list[str], rate: float, tag: str
) -> tuple[float, int, list[float], dict[str, int]]:
    """POST one article per request at ``rate``/s; returns (seconds offering, published, latencies of
    the 202s, count of every other outcome by status or error)."""
    latencies: list[float] = []
    failures: dict[str, int] = {}
    published = 0

    async def send(i: int) -> None:
        nonlocal published
        body = {
            "url": f"https://bench.example.org/{tag}/{i}",
            "title": f"Bench story {tag}-{i}",
            "text": texts[i],
            "source": "Bench Wire",
        }
        started = time.perf_counter()
        try:
            response = await client.post("/v1/articles", json=body)
        except httpx.HTTPError as exc:
            failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1
            return
        if response.status_code != 202:
            failures[str(response.status_code)] = failures.get(str(response.status_code), 0) + 1
            return
        latencies.append(time.perf_counter() - started)
        published += sum(1 for a in response.json()["articles"] if a["status"] == "new")

    seconds = await paced(len(texts), rate, send)
    return seconds, published, latencies, failures


async def produce_phase(settings: Settings, texts: list[str], tag: str) -> tuple[float, int]:
    """Produce Articles straight to the articles topic, as fast as possible, one record per batch."""
    size = max(len(t) for t in texts) + 2048
    producer = make_producer(settings, max_batch_size=size, linger_ms=0)
    await producer.start()
    try:
        started = time.perf_counter()
        pending = []
        for i, text in enumerate(texts):
            now = datetime.now(UTC)
            article = Article(
                article_id=f"{tag}-{i}",
                url=f"https://bench.example.org/{tag}/{i}",
                title=f"Bench story {tag}-{i}",
                text=text,
                published_at=now,
                source="Bench Wire",
                language="en",
                ingested_at=now,
            )
            value = article.model_dump_json().encode()
            pending.append(
                await producer.send(settings.topic(ARTICLES), key=article.article_id.encode(), value=value)
            )
        await asyncio.gather(*pending)
        return time.perf_counter() - started, len(texts)
    finally:
        await producer.stop()


async def events_on_topic(consumer: AIOKafkaConsumer, settings: Settings) -> int:
    tps = [TopicPartition(settings.topic(EVENTS), p) for p in range(EVENTS.partitions)]
    return sum((await consumer.end_offsets(tps)).values())


async def wait_settled(
    stack: Stack, tap: AlertTap, coded_target: int, first_alert: int, timeout: float
) -> float:
    """Block until every article is coded, the alert worker has read every event and every transition
    of this phase reached the sink; returns the time.perf_counter() at which that was first seen."""
    settings = stack.pool.settings
    offsets = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap, enable_auto_commit=False)
    await offsets.start()
    deadline = time.monotonic() + timeout
    try:
        while True:
            now = time.perf_counter()
            done = (
                stack.coded() >= coded_target
                and stack.alert_events() >= await events_on_topic(offsets, settings)
                and len(tap.arrivals) > first_alert
                and stack.webhooks.outcomes("delivered") >= len(tap.arrivals)
            )
            if done:
                return now
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"pipeline did not settle in {timeout:.0f}s: coded {stack.coded()}/{coded_target}, "
                    f"alert worker read {stack.alert_events()} of {await events_on_topic(offsets, settings)} "
                    f"events, alerts {len(tap.arrivals)}, webhooks delivered "
                    f"{stack.webhooks.outcomes('delivered'):.0f}; logs in {stack.pool.logdir}"
                )
            await asyncio.sleep(0.1)
    finally:
        await offsets.stop()


def _stats(values: list[float]) -> LatencyStats | None:
    return LatencyStats.of(values) if values else None


async def run_phase(
    stack: Stack,
    tap: AlertTap,
    corpus: Corpus,
    rate: float | None,
    seconds: float,
    max_articles: int,
    coded_before: int,
) -> PhaseResult:
    tag = uuid.uuid4().hex[:6]
    count = int(rate * seconds) if rate else max_articles
    texts = corpus.texts(count)
    first_alert = len(tap.arrivals)
    delivered_before = (
        {d["webhook_id"] for d in stack.webhooks.received()["deliveries"]} if coded_before else set()
    )
    started = time.perf_counter()
    post_latency: list[float] = []
    failures: dict[str, int] = {}
    if rate:
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
        async with httpx.AsyncClient(base_url=stack.ingest.url, timeout=60.0, limits=limits) as client:
            offer, published, post_latency, failures = await post_phase(client, texts, rate, tag)
        via = "POST /v1/articles"
    else:
        offer, published = await produce_phase(stack.pool.settings, texts, tag)
        via = "produced to the articles topic"
    settled = await wait_settled(stack, tap, coded_before + published, first_alert, timeout=600)
    alerts = tap.arrivals[first_alert:]
    to_alert = [arrived - a.ingested_at.timestamp() for arrived, a in alerts if a.ingested_at is not None]
    deliveries = [
        d for d in stack.webhooks.received()["deliveries"] if d["webhook_id"] not in delivered_before
    ]
    to_webhook = [
        d["received_at"] - datetime.fromisoformat(d["payload"]["data"]["ingested_at"]).timestamp()
        for d in deliveries
        if d["payload"]["data"].get("ingested_at")
    ]
    return PhaseResult(
        rate,
        via,
        count,
        published,
        offer,
        settled - started,
        len(alerts),
        len(deliveries),
        _stats(post_latency),
        _stats(to_alert),
        _stats(to_webhook),
        os.getloadavg(),
        failures,
    )


def report_phase(result: PhaseResult) -> str:
    offered = f"{result.rate:g}/s" if result.rate else "max"
    lines = [
        f"offered {offered:>6} via {result.via}: {result.published} articles in {result.total_seconds:.1f} s "
        f"(offered over {result.offer_seconds:.1f} s) = {result.throughput:.1f} articles/s; "
        f"{result.alerts} alerts, {result.webhooks} webhooks; load average {result.load[0]:.1f}",
    ]
    if result.post is not None:
        lines.append(
            f"    POST /v1/articles     {result.post} (202s); not accepted: {result.failures or 'none'}"
        )
    lines.append(f"    ingest -> alert       {result.to_alert}")
    lines.append(f"    ingest -> webhook     {result.to_webhook}")
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> None:
    base = Settings()
    workdir = Path(tempfile.mkdtemp(prefix="brink-bench-pipeline-"))
    print(f"# pipeline · {now_iso()} · {machine()} · logs {workdir}", flush=True)
    coder = Coder.load()
    corpus = Corpus.create(coder)
    sample = corpus.texts(1)[0]
    corpus.used = 0
    with infrastructure(base.kafka_bootstrap_servers, base.redis_url, workdir) as infra:
        settings = base.model_copy(
            update={
                **infra.settings_update(),
                "topic_prefix": f"benchp{uuid.uuid4().hex[:6]}.",
                "redis_key_prefix": f"benchp:{uuid.uuid4().hex[:6]}",
            }
        )
        await ensure_topics(settings)
        stack = start_stack(infra, settings, workdir)
        tap = AlertTap(settings)
        await tap.start()
        results = []
        try:
            for rate in args.rate or [10, 100, 0]:
                result = await run_phase(
                    stack, tap, corpus, rate or None, args.seconds, args.max_articles, stack.coded()
                )
                results.append(result)
                print(report_phase(result), flush=True)
                for process in stack.processes():
                    process.check_alive()
        finally:
            await tap.stop()
            stack.pool.stop_all()
        if args.no_ceiling:
            return
        print(f"# ceiling on the same broker, payload of {len(sample)} characters of text", flush=True)
        ceilings: dict[float | None, CeilingResult] = {}
        for result in results:
            ceiling_settings = settings.model_copy(update={"topic_prefix": f"benchc{uuid.uuid4().hex[:6]}."})
            await ensure_topics(ceiling_settings, (ARTICLES,))
            ceiling = await run_once(ceiling_settings, result.published, result.rate, sample)
            ceilings[result.rate] = ceiling
            offered = f"{result.rate:g}/s" if result.rate else "max"
            print(
                f"ceiling {offered:>6}: {ceiling.throughput:.1f} msg/s, latency {ceiling.latency}; "
                f"pipeline = {100 * result.throughput / ceiling.throughput:.0f} % of it",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each paced phase")
    parser.add_argument(
        "--rate", type=float, action="append", help="offered articles/s; 0 = max (repeatable)"
    )
    parser.add_argument("--max-articles", type=int, default=3000, help="articles of the max-throughput phase")
    parser.add_argument("--no-ceiling", action="store_true", help="skip the bare-broker ceiling runs")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
