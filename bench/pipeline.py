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
- ingest→webhook: the sink's arrival time of each webhook-id minus the alert's ``ingested_at``;
- submitted→webhook: the same arrival minus the moment the triggering article's POST was sent
  (identified by dyad and the POST's request window holding ``ingested_at``): includes the time a
  request waits in the ingest API's queue, which ``ingested_at`` does not see;
- CPU milliseconds per article of every process (from /proc), to show where the time goes.

Then ``bench.ceiling`` runs on the same broker with a payload of the same size, at the same rates,
and the pipeline's throughput is reported as a fraction of it.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import random
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from aiokafka import AIOKafkaConsumer, TopicPartition

from bench.ceiling import CeilingResult, run_once
from bench.common import REPO_ROOT, LatencyStats, machine, now_iso, paced
from brink.coder import Coder
from brink.runtime.embedded import Infrastructure, infrastructure
from brink.runtime.kafka import ensure_topics, make_producer
from brink.runtime.processes import wait_for
from brink.settings import Settings
from schemas.alert import Alert
from schemas.article import Article
from schemas.topics import ALERTS, ARTICLES, EVENTS
from tests.fixtures.services import BrinkProcess, ServicePool, WebhookPath, serves_metrics

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


def dyad_of(coder: Coder, a: str, b: str) -> str:
    """The dyad code (e.g. ``IRN-ISR``) the coder gives a pair of country names."""
    now = datetime.now(UTC)
    text = SEQUENCE[0].format(a=a, b=b, day="Monday")
    events = coder.code(Article(article_id="probe", text=text, published_at=now, ingested_at=now)).events
    dyads = {e.dyad for e in events if e.dyad}
    if len(dyads) != 1:
        raise SystemExit(f"the coder does not code {a!r} vs {b!r} as one dyad: {dyads}")
    return dyads.pop()


@dataclass
class Corpus:
    rng: random.Random
    vocabulary: list[str]
    pairs: list[tuple[str, str]]
    coder: Coder
    used: int = 0

    @classmethod
    def create(cls, coder: Coder, seed: int = 1) -> Corpus:
        rng = random.Random(seed)
        pairs = [(a, b) for i, a in enumerate(COUNTRIES) for b in COUNTRIES[i + 1 :]]
        rng.shuffle(pairs)
        return cls(rng, safe_vocabulary(coder), pairs, coder)

    def filler(self) -> str:
        sentences, left = [], FILLER_WORDS
        while left > 0:
            n = min(left, self.rng.randint(10, 20))
            words = " ".join(self.rng.choice(self.vocabulary) for _ in range(n))
            sentences.append(words[0].upper() + words[1:] + ".")
            left -= n
        return " ".join(sentences)

    def texts(self, count: int) -> list[tuple[str, str]]:
        """``count`` (dyad, article text) for fresh pairs of countries (six articles per pair)."""
        texts: list[tuple[str, str]] = []
        while len(texts) < count:
            if self.used >= len(self.pairs):
                raise SystemExit(f"out of country pairs after {self.used}: lower the load or the duration")
            a, b = self.pairs[self.used]
            self.used += 1
            dyad = dyad_of(self.coder, a, b)
            for k, template in enumerate(SEQUENCE):
                src, dst = (a, b) if k % 2 == 0 else (b, a)
                lead = template.format(a=src, b=dst, day=self.rng.choice(DAYS))
                texts.append((dyad, lead[0].upper() + lead[1:] + "\n\n" + self.filler()))
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
    alert = pool.alert()
    webhooks = pool.webhook_path()
    # the extract workers last, given minutes to start: loading the parse coder (spaCy, ~7 s alone) takes
    # much longer on a loaded machine when both load at once than a service's usual start-up allowance
    extract = [
        pool.spawn(name, [sys.executable, "-m", "brink", "extract"], "EXTRACT_METRICS_PORT", None)
        for name in ("extract-1", "extract-2")
    ]
    for worker in extract:
        wait_for(functools.partial(serves_metrics, worker), 300, f"{worker.name} (log {worker.log_path})")
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
    submit_to_webhook: LatencyStats | None
    unmatched: int  # webhooks whose submission could not be identified
    failures: dict[str, int]
    cpu_ms: dict[str, float]  # CPU milliseconds per published article, by process
    stage_ms: dict[str, tuple[float | None, float | None]]  # stage -> (p50, p99) from its own histogram
    load: tuple[float, float, float]

    @property
    def throughput(self) -> float:
        return self.published / self.total_seconds


STAGES = ("extract", "alert", "webhook")


def stage_buckets(stack: Stack) -> dict[str, dict[float, float]]:
    """stage -> {le: cumulative count} of brink_pipeline_latency_seconds, summed over the processes."""
    out: dict[str, dict[float, float]] = {stage: {} for stage in STAGES}
    for process in [*stack.extract, stack.alert, stack.webhooks.dispatch]:
        for key, value in process.metrics().items():
            if not key.startswith("brink_pipeline_latency_seconds_bucket{"):
                continue
            labels = dict(part.split("=", 1) for part in key[key.index("{") + 1 : -1].split(","))
            if labels.get("stage") in out:
                le = float(labels["le"])
                out[labels["stage"]][le] = out[labels["stage"]].get(le, 0.0) + value
    return out


def bucket_quantile(before: dict[float, float], after: dict[float, float], q: float) -> float | None:
    """The q-quantile of what a histogram observed between two scrapes, interpolated in its bucket."""
    bounds = sorted(after)
    counts = [after[b] - before.get(b, 0.0) for b in bounds]
    total = counts[-1] if counts else 0.0
    if total <= 0:
        return None
    rank, lower, below = q * total, 0.0, 0.0
    for bound, cumulative in zip(bounds, counts, strict=True):
        if cumulative >= rank:
            if bound == float("inf"):
                return lower
            inside = cumulative - below
            return lower + (bound - lower) * ((rank - below) / inside if inside else 1.0)
        lower, below = bound, cumulative
    return lower


@dataclass
class Profiler:
    """``py-spy record`` of chosen service processes during a phase (collapsed stacks in the logdir)."""

    py_spy: str
    logdir: Path
    names: tuple[str, ...] = ("ingest", "extract-1", "alert", "dispatch")
    procs: list[tuple[str, Path, asyncio.subprocess.Process]] = field(default_factory=list)

    async def start(self, stack: Stack, seconds: float, tag: str) -> None:
        for process in stack.processes():
            if process.name in self.names and process.proc is not None:
                out = self.logdir / f"profile-{process.name}-{tag}.txt"
                argv = [self.py_spy, "record", "-p", str(process.proc.pid), "-d", str(int(seconds))]
                argv += ["-r", "100", "-f", "raw", "-o", str(out)]
                spy = await asyncio.create_subprocess_exec(
                    *argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
                )
                self.procs.append((process.name, out, spy))

    async def report(self) -> str:
        lines = []
        for name, out, spy in self.procs:
            await spy.wait()
            if not out.exists():
                lines.append(f"    profile {name}: py-spy wrote nothing (exit {spy.returncode})")
                continue
            lines.append(f"    profile {name} ({out}): " + top_frames(out))
        self.procs.clear()
        return "\n".join(lines)


def top_frames(collapsed: Path, count: int = 6) -> str:
    """The functions most often on CPU (self time), as shares of the samples with the process busy."""
    self_time: dict[str, int] = {}
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frame = stack.rsplit(";", 1)[-1]
        self_time[frame] = self_time.get(frame, 0) + int(n)
        total += int(n)
    ranked = sorted(self_time.items(), key=lambda item: -item[1])[:count]
    return f"{total} samples; " + "; ".join(f"{100 * n / total:.0f}% {frame}" for frame, n in ranked)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_times(stack: Stack, infra: Infrastructure) -> dict[str, float]:
    pids = {p.name: p.proc.pid for p in stack.processes() if p.proc is not None}
    if infra.broker is not None and infra.broker.proc is not None:
        pids["tansu"] = infra.broker.proc.pid
    if infra.redis is not None and infra.redis.proc is not None:
        pids["redis"] = infra.redis.proc.pid
    times = {name: cpu_seconds(pid) for name, pid in pids.items()}
    times["bench (load, tap)"] = sum(os.times()[:2])
    return times


@dataclass
class Submissions:
    """When each article was submitted: per dyad, the (sent, answered) wall-clock window of each."""

    windows: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)  # of the accepted POSTs
    failures: dict[str, int] = field(default_factory=dict)  # other outcomes, by status or error
    published: int = 0

    def add(self, dyad: str, sent: float, answered: float) -> None:
        self.windows.setdefault(dyad, []).append((sent, answered))

    def submitted(self, dyad: str, ingested_at: float) -> float | None:
        """When the article a transition came from was submitted: of the dyad's articles whose
        request window holds the transition's ``ingested_at``, the earliest sent (so, if two could
        be the one, the latency is not understated)."""
        windows = self.windows.get(dyad, [])
        holding = [sent for sent, answered in windows if sent <= ingested_at <= answered]
        return min(holding) if holding else None


async def post_phase(
    session: aiohttp.ClientSession,
    url: str,
    texts: list[tuple[str, str]],
    rate: float,
    tag: str,
    log: Submissions,
) -> float:
    """POST one article per request at ``rate``/s; returns the seconds spent offering. (aiohttp, not
    httpx: the load generator shares the two cores with the pipeline; httpx cost ten times as much CPU.)"""

    async def send(i: int) -> None:
        dyad, text = texts[i]
        body = {
            "url": f"https://bench.example.org/{tag}/{i}",
            "title": f"Bench story {tag}-{i}",
            "text": text,
            "source": "Bench Wire",
        }
        sent, started = time.time(), time.perf_counter()
        try:
            async with session.post(url, json=body) as response:
                status = response.status
                answer = await response.json() if status == 202 else None
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.failures[type(exc).__name__] = log.failures.get(type(exc).__name__, 0) + 1
            return
        if answer is None:
            log.failures[str(status)] = log.failures.get(str(status), 0) + 1
            return
        log.latencies.append(time.perf_counter() - started)
        log.add(dyad, sent, time.time())
        log.published += sum(1 for a in answer["articles"] if a["status"] == "new")

    return await paced(len(texts), rate, send)


async def produce_phase(
    settings: Settings, texts: list[tuple[str, str]], tag: str, log: Submissions
) -> float:
    """Produce Articles straight to the articles topic, as fast as possible, one record per batch."""
    size = max(len(t) for _, t in texts) + 2048
    producer = make_producer(settings, max_batch_size=size, linger_ms=0)
    await producer.start()
    try:
        started = time.perf_counter()
        pending = []
        for i, (dyad, text) in enumerate(texts):
            now = datetime.now(UTC)
            log.add(dyad, now.timestamp(), now.timestamp())
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
        log.published = len(texts)
        return time.perf_counter() - started
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
    infra: Infrastructure,
    tap: AlertTap,
    corpus: Corpus,
    rate: float | None,
    seconds: float,
    max_articles: int,
    profiler: Profiler | None = None,
) -> PhaseResult:
    tag = uuid.uuid4().hex[:6]
    count = int(rate * seconds) if rate else max_articles
    texts = corpus.texts(count)
    coded_before = stack.coded()
    first_alert = len(tap.arrivals)
    delivered_before = {d["webhook_id"] for d in stack.webhooks.received()["deliveries"]}
    log = Submissions()
    cpu_before = cpu_times(stack, infra)
    buckets_before = stage_buckets(stack)
    if profiler is not None:
        await profiler.start(stack, min(seconds, 20.0) if rate else 10.0, f"{rate or 'max'}")
    started = time.perf_counter()
    if rate:
        connector = aiohttp.TCPConnector(limit=200)
        timeout = aiohttp.ClientTimeout(total=120)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            offer = await post_phase(session, f"{stack.ingest.url}/v1/articles", texts, rate, tag, log)
        via = "POST /v1/articles"
    else:
        offer = await produce_phase(stack.pool.settings, texts, tag, log)
        via = "produced to the articles topic"
    settled = await wait_settled(stack, tap, coded_before + log.published, first_alert, timeout=600)
    cpu_after = cpu_times(stack, infra)
    buckets_after = stage_buckets(stack)
    stage_ms: dict[str, tuple[float | None, float | None]] = {}
    for stage in STAGES:
        p50, p99 = (bucket_quantile(buckets_before[stage], buckets_after[stage], q) for q in (0.5, 0.99))
        stage_ms[stage] = (None if p50 is None else 1000 * p50, None if p99 is None else 1000 * p99)
    alerts = tap.arrivals[first_alert:]
    to_alert = [produced - a.ingested_at.timestamp() for produced, a in alerts if a.ingested_at is not None]
    deliveries = [
        d for d in stack.webhooks.received()["deliveries"] if d["webhook_id"] not in delivered_before
    ]
    to_webhook, from_submission, unmatched = [], [], 0
    for delivery in deliveries:
        alert = delivery["payload"]["data"]
        if not alert.get("ingested_at"):
            unmatched += 1
            continue
        ingested = datetime.fromisoformat(alert["ingested_at"]).timestamp()
        to_webhook.append(delivery["received_at"] - ingested)
        submitted = log.submitted(alert["dyad"], ingested)
        if submitted is None:
            unmatched += 1
        else:
            from_submission.append(delivery["received_at"] - submitted)
    published = max(log.published, 1)
    cpu_ms = {name: 1000 * (cpu_after[name] - cpu_before.get(name, 0.0)) / published for name in cpu_after}
    return PhaseResult(
        rate=rate,
        via=via,
        articles=count,
        published=log.published,
        offer_seconds=offer,
        total_seconds=settled - started,
        alerts=len(alerts),
        webhooks=len(deliveries),
        post=_stats(log.latencies),
        to_alert=_stats(to_alert),
        to_webhook=_stats(to_webhook),
        submit_to_webhook=_stats(from_submission),
        unmatched=unmatched,
        failures=log.failures,
        cpu_ms=cpu_ms,
        stage_ms=stage_ms,
        load=os.getloadavg(),
    )


def report_phase(result: PhaseResult) -> str:
    offered = f"{result.rate:g}/s" if result.rate else "max"
    cpu_total = sum(result.cpu_ms.values())
    busiest = sorted(result.cpu_ms.items(), key=lambda item: -item[1])
    lines = [
        f"offered {offered:>6} via {result.via}: {result.published} articles in {result.total_seconds:.1f} s "
        f"(offered over {result.offer_seconds:.1f} s) = {result.throughput:.1f} articles/s; "
        f"{result.alerts} alerts, {result.webhooks} webhooks; load average {result.load[0]:.1f}",
    ]
    if result.post is not None:
        lines.append(f"    POST /v1/articles       {result.post}; not accepted: {result.failures or 'none'}")
    lines += [
        f"    ingest -> alert         {result.to_alert}",
        f"    ingest -> webhook       {result.to_webhook}",
        f"    submitted -> webhook    {result.submit_to_webhook} ({result.unmatched} unmatched)",
        "    ingested_at -> stage    "
        + ", ".join(
            f"{stage} p50 {p50:.0f} ms p99 {p99:.0f} ms"
            for stage, (p50, p99) in result.stage_ms.items()
            if p50 is not None and p99 is not None
        )
        + " (the services' brink_pipeline_latency_seconds, interpolated in its buckets)",
        f"    CPU per article         {cpu_total:.1f} ms: "
        + ", ".join(f"{name} {ms:.1f}" for name, ms in busiest if ms >= 0.05),
    ]
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> None:
    base = Settings()
    workdir = Path(tempfile.mkdtemp(prefix="brink-bench-pipeline-"))
    print(f"# pipeline · {now_iso()} · {machine()} · logs {workdir}", flush=True)
    coder = Coder.load()
    corpus = Corpus.create(coder)
    sample = corpus.texts(1)[0][1]
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
        profiler = Profiler(args.py_spy, workdir) if args.py_spy else None
        tap = AlertTap(settings)
        await tap.start()
        results = []
        try:
            for rate in args.rate or [10, 100, 0]:
                result = await run_phase(
                    stack, infra, tap, corpus, rate or None, args.seconds, args.max_articles, profiler
                )
                results.append(result)
                print(report_phase(result), flush=True)
                if profiler is not None:
                    print(await profiler.report(), flush=True)
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
    parser.add_argument(
        "--py-spy", help="path of a py-spy binary: profile the busiest services in each phase"
    )
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
