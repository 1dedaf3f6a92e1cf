"""Every PromQL expression of the deployment, evaluated by a real Prometheus scraping the real
services while articles flow through them.

The Brink services run as ``brink <subcommand>`` subprocesses on the session's broker and Redis;
Prometheus runs the production config (deploy/prometheus/prometheus.yml) with the Docker DNS
discovery swapped for the subprocesses' loopback ports, the production rules, and a 1 s scrape
interval. Articles go in through the ingest API (plus a malformed record for a dead letter, a
wrong token for a rejection, a repeat for a duplicate); webhook subscriptions point at loopback
receivers, one of them failing. Then:

* each service is running and scraped (a service whose subcommand is not there fails by name);
* each rule expression parses, reads only metrics that exist, and evaluates without error;
* each dashboard panel query and variable returns data (at least one finite sample).
"""

from __future__ import annotations

import asyncio
import math
import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from brink.cli.main import SUBCOMMANDS
from brink.runtime.embedded import Infrastructure
from brink.runtime.kafka import ensure_topics, make_producer
from brink.runtime.processes import free_port, start_child, stop_child, wait_for
from brink.settings import Settings
from schemas.topics import ARTICLES
from tests.fixtures.prometheus import PrometheusServer, finite_values, loopback_config
from tests.fixtures.promql import (
    PanelQuery,
    RuleExpression,
    VariableQuery,
    metric_names,
    panel_queries,
    rule_expressions,
    substitute,
    variable_queries,
)
from tests.fixtures.stack import SERVICES, ServiceExpectation

pytestmark = pytest.mark.integration

INGEST_TOKEN = "observability-ingest-token"
ADMIN_TOKEN = "observability-admin-token"
# How long, after the articles went in, data may take to reach every panel.
DATA_DEADLINE_SECONDS = 120.0
ALL_VALUES = {"dyad": ".*", "service": ".*"}


def _hours_ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).isoformat()


# Short articles in the manner of the seed story (threats, strikes, protests between the USA,
# Iran and Iraq): distinct texts, so that near-duplicate detection keeps them all.
ARTICLES_IN = [
    {
        "url": "https://news.example.org/2020/01/01/trump-threatens-iran",
        "title": "Trump threatens Iran after protesters storm U.S. embassy in Baghdad",
        "text": (
            "President Donald Trump threatened Iran on Tuesday after protesters stormed the U.S. embassy "
            'compound in Baghdad. "Iran will be held fully responsible for lives lost, or damage '
            'incurred, at any of our facilities. They will pay a very BIG PRICE!" Trump said. '
            "Trump accused Iran of orchestrating the attack on the embassy."
        ),
        "source": "Example Wire",
        "published_at": _hours_ago(6),
    },
    {
        "url": "https://news.example.org/2020/01/02/kataib-hezbollah-vows-revenge",
        "title": "Kataib Hezbollah vows revenge for U.S. air strikes",
        "text": (
            "The United States carried out air strikes against Kataib Hezbollah in Iraq and Syria on "
            "Sunday, killing 25 fighters. The Iran-backed militia vowed revenge against American forces. "
            "Iraq condemned the strikes as a violation of its sovereignty."
        ),
        "source": "Example Wire",
        "published_at": _hours_ago(4),
    },
    {
        "url": "https://news.example.org/2020/01/03/iran-warns-united-states",
        "title": "Iran warns the United States of a crushing response",
        "text": (
            "Iran's supreme leader Ali Khamenei warned the United States that Iran would retaliate with "
            "a crushing response to any attack. Iranian officials threatened to strike American bases "
            "in the region. The foreign minister of Iraq met the U.S. ambassador in Baghdad."
        ),
        "source": "Example Wire",
        "published_at": _hours_ago(2),
    },
]


class _Receiver(ThreadingHTTPServer):
    status = 204
    received: list[bytes]


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        server = self.server
        assert isinstance(server, _Receiver)
        server.received.append(self.rfile.read(int(self.headers.get("content-length") or 0)))
        self.send_response(server.status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class WebhookReceiver:
    """A loopback webhook receiver answering every delivery with ``status``."""

    status: int
    server: _Receiver = field(init=False)

    def __post_init__(self) -> None:
        self.server = _Receiver(("127.0.0.1", 0), _Handler)
        self.server.status = self.status
        self.server.received = []
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class ObservedStack:
    prometheus: PrometheusServer
    ports: dict[str, int]  # running service -> port of its /metrics
    missing: dict[str, str]  # service -> why it is not running
    logs: Path
    started_at: float  # wall clock, for range queries
    deadline: float = 0.0  # monotonic
    notes: list[str] = field(default_factory=list)

    def remaining(self) -> float:
        return max(1.0, self.deadline - time.monotonic())

    def log_tail(self, service: str, lines: int = 15) -> str:
        path = self.logs / f"{service}.log"
        if not path.exists():
            return "(no log)"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _service_env(infra: Infrastructure, prefix: str, ports: dict[str, int], logs: Path) -> dict[str, str]:
    env = {
        **os.environ,
        **infra.env(),
        "TOPIC_PREFIX": prefix,
        "REDIS_KEY_PREFIX": f"brinkobs:{prefix.rstrip('.')}",
        "LOG_JSON": "false",
        "LOG_LEVEL": "INFO",
        "INGEST_TOKEN": INGEST_TOKEN,
        "ADMIN_TOKEN": ADMIN_TOKEN,
        # receivers are on loopback, which the dispatcher refuses unless allowed
        "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
        "WEBHOOK_RETRY_SCALE": "0.001",
        # update lag gauges and decay ticks often enough for a one-minute test
        "EXTRACT_PROGRESS_INTERVAL_SECONDS": "1",
        "ALERT_TICK_INTERVAL_SECONDS": "1",
        "KAFKA_SESSION_TIMEOUT_SECONDS": "6",
    }
    for expectation in SERVICES:
        env[expectation.port_setting] = str(ports[expectation.service])
        if expectation.host_setting:
            env[expectation.host_setting] = "127.0.0.1"
        env[expectation.port_setting.replace("_PORT", "_HOST")] = "127.0.0.1"
    return env


def _metrics_up(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _start_services(
    env: dict[str, str], ports: dict[str, int], logs: Path
) -> tuple[dict[str, Any], dict[str, str]]:
    procs: dict[str, Any] = {}
    missing: dict[str, str] = {}
    for expectation in SERVICES:
        if expectation.subcommand not in SUBCOMMANDS:
            missing[expectation.service] = (
                f"`brink {expectation.subcommand}` is not a CLI subcommand on this branch "
                f"(brink.cli.main.SUBCOMMANDS: {sorted(SUBCOMMANDS)})"
            )
            continue
        procs[expectation.service] = start_child(
            [sys.executable, "-m", "brink", expectation.subcommand],
            logs / f"{expectation.service}.log",
            env=env,
        )
    deadline = time.monotonic() + 90
    waiting = dict(procs)
    while waiting and time.monotonic() < deadline:
        for service, proc in list(waiting.items()):
            if proc.poll() is not None:
                missing[service] = f"exited with {proc.returncode} at start"
                del waiting[service]
            elif _metrics_up(ports[service]):
                del waiting[service]
        time.sleep(0.2)
    for service in waiting:
        missing[service] = f"/metrics on port {ports[service]} did not answer within 90 s"
    return procs, missing


async def _produce_malformed_article(settings: Settings) -> None:
    producer = make_producer(settings)
    await producer.start()
    try:
        await producer.send_and_wait(settings.topic(ARTICLES), key=b"malformed", value=b"{not json")
    finally:
        await producer.stop()


def _drive_traffic(stack: ObservedStack, settings: Settings, receivers: list[WebhookReceiver]) -> None:
    admin = {"authorization": f"Bearer {ADMIN_TOKEN}"}
    if "api" in stack.ports:
        for receiver in receivers:
            response = httpx.post(
                f"http://127.0.0.1:{stack.ports['api']}/v1/subscriptions",
                json={"url": receiver.url, "description": f"observability test ({receiver.status})"},
                headers=admin,
                timeout=10,
            )
            stack.notes.append(f"subscription {receiver.status}: HTTP {response.status_code}")
    if "ingest" in stack.ports:
        url = f"http://127.0.0.1:{stack.ports['ingest']}/v1/articles"
        auth = {"authorization": f"Bearer {INGEST_TOKEN}"}
        for article in ARTICLES_IN:
            response = httpx.post(url, json=article, headers=auth, timeout=30)
            stack.notes.append(f"article {article['url']}: HTTP {response.status_code}")
        # an exact duplicate, and a refused request (wrong token)
        httpx.post(url, json=ARTICLES_IN[0], headers=auth, timeout=30)
        httpx.post(url, json=ARTICLES_IN[1], headers={"authorization": "Bearer wrong"}, timeout=30)
    asyncio.run(_produce_malformed_article(settings))


@pytest.fixture(scope="module")
def stack(infra: Infrastructure, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ObservedStack]:
    logs = tmp_path_factory.mktemp("observability")
    prefix = f"obs{uuid.uuid4().hex[:8]}."
    settings = Settings().model_copy(update={**infra.settings_update(), "topic_prefix": prefix})
    asyncio.run(ensure_topics(settings))
    ports = {s.service: free_port() for s in SERVICES}
    env = _service_env(infra, prefix, ports, logs)
    procs, missing = _start_services(env, ports, logs)
    running = {service: ports[service] for service in procs if service not in missing}
    prometheus = PrometheusServer(logs / "prometheus")
    prometheus.workdir.mkdir()
    receivers = [WebhookReceiver(204), WebhookReceiver(500)]
    try:
        prometheus.start(loopback_config({s: [p] for s, p in running.items()}))
        observed = ObservedStack(prometheus, running, missing, logs, started_at=time.time())
        # Counters must be scraped before the traffic: rate() sees nothing of increments that
        # happened before a series' first sample.
        wait_for(lambda: _all_scraped(prometheus, set(running)), 60, "Prometheus to scrape every service")
        _drive_traffic(observed, settings, receivers)
        observed.deadline = time.monotonic() + DATA_DEADLINE_SECONDS
        yield observed
    finally:
        prometheus.stop()
        for proc in procs.values():
            stop_child(proc)
        for receiver in receivers:
            receiver.close()


def _all_scraped(prometheus: PrometheusServer, jobs: set[str]) -> bool:
    healthy = {t["labels"]["job"] for t in prometheus.targets() if t["health"] == "up"}
    return jobs <= healthy


def _wait(stack: ObservedStack, condition: Any, what: str) -> None:
    try:
        wait_for(condition, stack.remaining(), what, interval=0.5)
    except TimeoutError as exc:
        raise AssertionError(str(exc)) from None


@pytest.mark.parametrize("expectation", SERVICES, ids=lambda s: s.service)
def test_service_runs_and_prometheus_scrapes_it(
    stack: ObservedStack, expectation: ServiceExpectation
) -> None:
    service = expectation.service
    if service in stack.missing:
        pytest.fail(f"{service} is not running: {stack.missing[service]}\n{stack.log_tail(service)}")

    def up() -> bool:
        return any(t["labels"]["job"] == service and t["health"] == "up" for t in stack.prometheus.targets())

    _wait(stack, up, f"Prometheus to scrape {service}")


@pytest.mark.parametrize("rule", rule_expressions(), ids=lambda r: r.id)
def test_rule_expression_parses_reads_existing_metrics_and_evaluates(
    stack: ObservedStack, rule: RuleExpression
) -> None:
    stack.prometheus.query(rule.expr)  # raises on a parse error
    needed = {name for name in metric_names(rule.expr) if not name.startswith("brink:")}
    recorded = {name for name in metric_names(rule.expr) if name.startswith("brink:")}

    def missing() -> set[str]:
        names = stack.prometheus.metric_names()
        absent = {n for n in needed if n not in names and f"{n}_bucket" not in names}
        return absent | {n for n in recorded if n not in names}

    try:
        wait_for(lambda: not missing(), stack.remaining(), "metrics", interval=0.5)
    except TimeoutError:
        pytest.fail(f"{rule.id} reads metrics no scraped service exposes: {sorted(missing())}")
    name = rule.name.split()[-1]
    health = [r for r in stack.prometheus.rule_health() if r["name"] == name and r["query"]]
    assert health and all(r["health"] != "err" for r in health), [r.get("lastError") for r in health]


@pytest.mark.parametrize("query", panel_queries(), ids=lambda q: q.id)
def test_dashboard_panel_returns_data(stack: ObservedStack, query: PanelQuery) -> None:
    expr = substitute(query.expr, ALL_VALUES)
    stack.prometheus.query(expr)  # raises on a parse error

    def data() -> int:
        if query.instant:
            return finite_values(stack.prometheus.query(expr))
        return finite_values(stack.prometheus.query_range(expr, stack.started_at, time.time(), 1.0))

    try:
        wait_for(lambda: data() > 0, stack.remaining(), "data", interval=0.5)
    except TimeoutError:
        names = stack.prometheus.metric_names()
        absent = sorted(n for n in metric_names(expr) if n not in names and f"{n}_bucket" not in names)
        pytest.fail(
            f"{query.id}: no data for {expr!r}; metrics not exposed by any service: {absent or 'none'}; "
            f"services not running: {sorted(stack.missing) or 'none'}; traffic: {stack.notes}"
        )


# Panels whose numbers the traffic above must move, with the series that must go above zero:
# "returns data" alone would pass on a flat 0 (e.g. a counter first scraped already at 1).
EXPECTED_NONZERO: list[tuple[str, dict[str, str]]] = [
    ("brink-pipeline/Ingest: received, duplicates, rejected/A", {"via": "http"}),
    ("brink-pipeline/Ingest: received, duplicates, rejected/B", {"kind": "exact"}),
    ("brink-pipeline/Ingest: received, duplicates, rejected/C", {"reason": "unauthorized"}),
    ("brink-pipeline/Articles in / out per stage/A", {"stage": "extract"}),
    ("brink-pipeline/Articles in / out per stage/B", {"stage": "alert"}),
    ("brink-pipeline/Dead letters/A", {"stage": "extract", "reason": "invalid_json"}),
    ("brink-pipeline/Webhook deliveries by outcome/A", {"outcome": "delivered"}),
    ("brink-pipeline/Webhook deliveries by outcome/A", {"outcome": "retrying"}),
    ("brink-pipeline/End-to-end latency (ingested → stage emits)/B", {"stage": "webhook"}),
    ("brink-escalation/Events by CAMEO root/A", {}),
    ("brink-escalation/Open alerts/A", {}),
    ("brink-escalation/Alerts timeline/A", {"type": "alert.firing"}),
    ("brink-escalation/Escalation index — most active dyads/A", {"dyad": "IRN-USA"}),
    ("brink-escalation/Escalation index against each dyad's own WATCH line/A", {"dyad": "IRN-USA"}),
]


def _by_id(query_id: str) -> PanelQuery:
    return next(q for q in panel_queries() if q.id == query_id)


@pytest.mark.parametrize(
    ("query_id", "wanted"),
    EXPECTED_NONZERO,
    ids=[f"{q}{{{','.join(f'{k}={v}' for k, v in w.items())}}}" for q, w in EXPECTED_NONZERO],
)
def test_panel_shows_the_traffic_that_went_in(
    stack: ObservedStack, query_id: str, wanted: dict[str, str]
) -> None:
    query = _by_id(query_id)
    expr = substitute(query.expr, ALL_VALUES)

    def peak() -> float:
        if query.instant:
            result = stack.prometheus.query(expr)
        else:
            result = stack.prometheus.query_range(expr, stack.started_at, time.time(), 1.0)
        values = [
            float(value)
            for series in result
            if all(series["metric"].get(k) == v for k, v in wanted.items())
            for _, value in series.get("values") or [series["value"]]
        ]
        finite = [v for v in values if math.isfinite(v)]
        return max(finite, default=0.0)

    try:
        wait_for(lambda: peak() > 0, stack.remaining(), "a value above zero", interval=0.5)
    except TimeoutError:
        pytest.fail(
            f"{query_id}: {expr!r} never went above 0 for {wanted or 'any series'}; traffic: {stack.notes}"
        )


@pytest.mark.parametrize("variable", variable_queries(), ids=lambda v: v.id)
def test_dashboard_variable_lists_values(stack: ObservedStack, variable: VariableQuery) -> None:
    expr = variable.as_promql()
    _wait(stack, lambda: len(stack.prometheus.query(expr)) > 0, f"values of ${variable.name} ({expr})")


def test_every_panel_query_has_been_collected() -> None:
    # guards the parametrisation above against silently collecting nothing
    assert len(panel_queries()) >= 20 and len(rule_expressions()) >= 25 and len(variable_queries()) == 2
