"""``brink run``: everything on embedded defaults (what ``make run`` calls).

Starts the embedded broker and Redis (unless KAFKA_BOOTSTRAP_SERVERS / REDIS_URL point elsewhere;
Redis keeps its data in REDIS_DATA_DIR), then every service in ``service_specs`` as its own child
process, replays ``samples/`` through the ingest API, prints where everything is, and waits,
supervising: a service that exits is restarted with backoff (one line each; given up on after
SUPERVISOR_MAX_RESTARTS in the window, reported), an embedded broker or Redis that dies is
restarted on its port. Ctrl-C (or SIGTERM) stops the services, then Redis and the broker; children
die with this process even if it is killed.

To add a service: append a ``ServiceSpec`` to ``service_specs`` (and its URLs to ``_endpoints``).
"""

from __future__ import annotations

import asyncio
import json
import secrets
import shlex
import signal
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import click
import httpx

from brink.cli.watch import Watcher, WatchTargets
from brink.ingestion.files import article_files, read_items
from brink.logs import setup_logging
from brink.runtime.embedded import (
    DataDirInUse,
    EmbeddedRedis,
    EmbeddedServiceError,
    Infrastructure,
    infrastructure,
)
from brink.runtime.kafka import ensure_topics
from brink.runtime.processes import free_port, port_open
from brink.runtime.restarts import RestartPolicy
from brink.runtime.supervisor import ServiceSpec, Supervisor
from brink.settings import Settings
from brink.webhooks.ssrf import AddressPolicy

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"
EXTRACT_REPLICAS = 2
WATCH_READY_SECONDS = 20.0
SINK_DESCRIPTION = "brink run: local webhook sink"


@dataclass(frozen=True)
class Ports:
    """Where the services listen for this run (the configured port, or a free one if it is taken)."""

    ingest: int
    api: int
    alert_metrics: int
    dispatch_metrics: int
    extract_metrics: tuple[int, ...]
    sink: int

    @classmethod
    def choose(cls, settings: Settings) -> Ports:
        return cls(
            ingest=_available(settings.ingest_host, settings.ingest_port),
            api=_available(settings.api_host, settings.api_port),
            alert_metrics=_available(settings.alert_metrics_host, settings.alert_metrics_port),
            dispatch_metrics=_available(settings.dispatch_metrics_host, settings.dispatch_metrics_port),
            extract_metrics=tuple(
                _available(settings.extract_metrics_host, settings.extract_metrics_port + 10 * index)
                for index in range(EXTRACT_REPLICAS)
            ),
            sink=_available("127.0.0.1", settings.webhook_sink_port),
        )


def _available(host: str, preferred: int) -> int:
    return free_port() if port_open(host, preferred) else preferred


def http_ok(url: str) -> Callable[[], bool]:
    """A readiness check: ``url`` answers 200."""

    def check() -> bool:
        try:
            return httpx.get(url, timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    return check


def extract_specs(settings: Settings, ports: Ports) -> list[ServiceSpec]:
    """Extract workers in one consumer group; replica i serves /metrics on EXTRACT_METRICS_PORT + 10*i
    (or a free port when that one is taken)."""
    specs = []
    for index, port in enumerate(ports.extract_metrics):
        specs.append(
            ServiceSpec(
                name=f"extract-{index + 1}",
                argv=["extract"],
                ready=partial(port_open, settings.extract_metrics_host, port),
                env={"EXTRACT_METRICS_PORT": str(port)},
            )
        )
    return specs


def service_specs(settings: Settings, ports: Ports) -> list[ServiceSpec]:
    """Every service ``brink run`` starts, in start order."""
    ingest = f"http://{settings.ingest_host}:{ports.ingest}"
    return [
        ServiceSpec(
            "ingest-api",
            ["ingest-api"],
            ready=http_ok(f"{ingest}/healthz"),
            env={"INGEST_PORT": str(ports.ingest)},
        ),
        *extract_specs(settings, ports),
        ServiceSpec(
            "alert",
            ["alert"],
            ready=partial(port_open, settings.alert_metrics_host, ports.alert_metrics),
            env={"ALERT_METRICS_PORT": str(ports.alert_metrics)},
        ),
        ServiceSpec(
            "api",
            ["api"],
            ready=http_ok(f"http://{settings.api_host}:{ports.api}/readyz"),
            env={
                "API_PORT": str(ports.api),
                "WEBHOOK_ALLOWED_NETWORKS": allowed_networks(settings, ports),
                **({"ADMIN_TOKEN": settings.admin_token} if settings.admin_token else {}),
                **_read_write_tokens(settings),
            },
        ),
        ServiceSpec(
            "dispatch",
            ["dispatch"],
            ready=partial(port_open, settings.dispatch_metrics_host, ports.dispatch_metrics),
            env={
                "DISPATCH_METRICS_PORT": str(ports.dispatch_metrics),
                "WEBHOOK_ALLOWED_NETWORKS": allowed_networks(settings, ports),
            },
        ),
    ]


def allowed_networks(settings: Settings, ports: Ports) -> str:
    """The configured allow-list plus the demo sink's address and port (loopback is refused otherwise):
    not all of loopback, which would let a subscription reach Redis or the broker."""
    return ",".join([*settings.webhook_allowed_network_list, f"127.0.0.1:{ports.sink}"])


def webhook_policy_line(settings: Settings, ports: Ports) -> str:
    """What the subscriptions API and the dispatcher let webhooks target in this run."""
    policy = AddressPolicy.from_lists(
        settings.webhook_allowed_host_list, allowed_networks(settings, ports).split(",")
    )
    return (
        f"webhooks may target {policy.describe()} (127.0.0.1:{ports.sink} is the local sink; "
        "WEBHOOK_ALLOWED_NETWORKS / WEBHOOK_ALLOWED_HOSTS add more)"
    )


def restart_policy(settings: Settings) -> RestartPolicy:
    return RestartPolicy(
        initial=settings.supervisor_backoff_seconds,
        maximum=max(settings.supervisor_max_backoff_seconds, settings.supervisor_backoff_seconds),
        max_restarts=settings.supervisor_max_restarts,
        window=settings.supervisor_restart_window_seconds,
    )


def _read_write_tokens(settings: Settings) -> dict[str, str]:
    tokens = {"READ_TOKEN": settings.read_token, "WRITE_TOKEN": settings.write_token}
    return {name: value for name, value in tokens.items() if value}


def _read_examples(api: str, token: str | None, generated: bool) -> list[str]:
    """curl lines that read what Brink found with the read-only token (its value only if generated)."""
    shown = token if generated else "$READ_TOKEN"
    auth = f' -H "Authorization: Bearer {shown}"' if token else ""
    return [
        f"  curl{auth} {api}/v1/alerts",
        f"  curl{auth} '{api}/v1/events?dyad=IRN-USA&min_threat=0.5&limit=5'",
        f"  curl{auth} '{api}/v1/articles?limit=3'",
    ]


def sink_spec(settings: Settings, ports: Ports, secret: str) -> ServiceSpec:
    return ServiceSpec(
        "sink",
        ["sink"],
        ready=http_ok(f"http://127.0.0.1:{ports.sink}/healthz"),
        env={"WEBHOOK_SINK_PORT": str(ports.sink), "WEBHOOK_SINK_SECRET": secret},
    )


def forget_earlier_sinks(settings: Settings, ports: Ports) -> int:
    """Delete the sink subscriptions of earlier runs (Redis keeps them on disk; their sinks are gone)."""
    api = f"http://{settings.api_host}:{ports.api}/v1/subscriptions"
    headers = {"Authorization": f"Bearer {settings.admin_token}"}
    listing = httpx.get(api, headers=headers, timeout=10.0)
    listing.raise_for_status()
    stale = [s["id"] for s in listing.json()["subscriptions"] if s.get("description") == SINK_DESCRIPTION]
    for subscription_id in stale:
        httpx.delete(f"{api}/{subscription_id}", headers=headers, timeout=10.0).raise_for_status()
    return len(stale)


def subscribe_sink(settings: Settings, ports: Ports) -> tuple[str, str]:
    """Register the local sink through the subscriptions API, as a subscriber would: (id, secret)."""
    response = httpx.post(
        f"http://{settings.api_host}:{ports.api}/v1/subscriptions",
        json={"url": f"http://127.0.0.1:{ports.sink}/brink", "description": SINK_DESCRIPTION},
        headers={"Authorization": f"Bearer {settings.admin_token}"},
        timeout=10.0,
    )
    if response.status_code != 201:
        raise RuntimeError(f"could not subscribe the sink: {response.status_code} {response.text[:300]}")
    body = response.json()
    return str(body["id"]), str(body["secret"])


def _endpoints(settings: Settings, ports: Ports) -> list[tuple[str, str]]:
    ingest = f"http://{settings.ingest_host}:{ports.ingest}"
    extract = [
        (f"extract-{i + 1} metrics", f"http://{settings.extract_metrics_host}:{port}/metrics")
        for i, port in enumerate(ports.extract_metrics)
    ]
    api = f"http://{settings.api_host}:{ports.api}"
    dispatch = f"http://{settings.dispatch_metrics_host}:{ports.dispatch_metrics}"
    return [
        ("ingest API docs", f"{ingest}/docs"),
        ("ingest metrics", f"{ingest}/metrics"),
        *extract,
        ("alert metrics", f"http://{settings.alert_metrics_host}:{ports.alert_metrics}/metrics"),
        ("subscriptions API", f"{api}/docs"),
        ("dispatch metrics", f"{dispatch}/metrics"),
        ("open alerts", f"{api}/v1/alerts (with the read token: curl lines below)"),
        ("webhook sink", f"http://127.0.0.1:{ports.sink}/received"),
    ]


def replay_samples(base_url: str, samples: Path, token: str | None) -> list[str]:
    """POST every sample as one NDJSON batch; one readable line per article."""
    items = list(read_items(article_files(samples)))
    lines = [f"  rejected   {item.where}: {item.error}" for item in items if item.submission is None]
    submissions = [item.submission for item in items if item.submission is not None]
    if not submissions:
        return [*lines, f"  no articles found in {samples}"]
    body = "\n".join(s.model_dump_json(exclude_none=True) for s in submissions) + "\n"
    headers = {"Content-Type": "application/x-ndjson"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = httpx.post(f"{base_url}/v1/articles", content=body, headers=headers, timeout=60.0)
    if response.status_code != 202:
        return [*lines, f"  the ingest API answered {response.status_code}: {response.text[:500]}"]
    results = response.json()["articles"]
    for result, submission in zip(results, submissions, strict=True):
        status = result["status"]
        if status == "duplicate":
            status = f"duplicate of {result['duplicate_of'][:12]} ({result['duplicate_kind']})"
        elif result.get("revision_of"):
            status = f"new: revision of {result['revision_of'][:12]}"
        title = submission.title or submission.text[:60]
        lines.append(
            f"  {result['article_id'][:12]}  {result['language'] or '??':2}  {title[:70]:70}  {status}"
        )
    if results and all(result["status"] == "duplicate" for result in results):
        lines.append(
            "  every sample was already ingested by an earlier run (dedup survives in REDIS_DATA_DIR), so "
            "none is coded again: `brink run --fresh` (or `make run-fresh`) starts from an empty Redis"
        )
    return lines


def _curl_example(base_url: str, token: str | None) -> str:
    article = {
        "title": "Leaders agree to resume talks",
        "text": "The two foreign ministers agreed on Monday to resume border talks next month.",
        "source": "Example News",
        "url": "https://news.example.org/2024/05/talks",
        "published_at": "2024-05-06T09:30:00Z",
    }
    auth = ' -H "Authorization: Bearer $INGEST_TOKEN"' if token else ""
    return (
        f"  curl -X POST {base_url}/v1/articles -H 'Content-Type: application/json'{auth} \\\n"
        f"       -d {shlex.quote(json.dumps(article))}"
    )


def _forget_earlier_runs(settings: Settings) -> None:
    """--fresh: empty the embedded Redis's data directory (never a Redis someone configured)."""
    if settings.redis_url is not None:
        raise click.UsageError(
            "--fresh only empties the Redis that `brink run` starts itself; REDIS_URL is set, so that "
            "Redis is yours: flush it yourself if you mean to"
        )
    directory = Path(settings.redis_data_dir)
    try:
        removed = EmbeddedRedis(directory, directory).forget()
    except DataDirInUse as exc:
        raise click.ClickException(str(exc)) from exc
    what = ", ".join(str(path) for path in removed) or "nothing was there"
    click.echo(f"--fresh: forgot what earlier runs kept in {directory.resolve()} ({what})")


def _supervise_until_stopped(supervisor: Supervisor, infra_: Infrastructure, settings: Settings) -> int:
    """Keep the services, the broker and Redis running until Ctrl-C / SIGTERM.

    Exit status 0, or 1 when a service had to be given up on (crash loop)."""
    while signal.sigtimedwait({signal.SIGINT, signal.SIGTERM}, 1.0) is None:
        try:
            revived = infra_.revive()
        except (EmbeddedServiceError, TimeoutError) as exc:
            click.echo(f"could not restart the embedded broker or Redis: {exc}", err=True)
            revived = []
        for line in revived:
            click.echo(line)
        if infra_.broker is not None and any(line.startswith("broker") for line in revived):
            asyncio.run(ensure_topics(settings))
        supervisor.supervise()
    click.echo("\nstopping…")
    given_up = supervisor.given_up()
    if given_up:
        click.echo(f"gave up on {', '.join(given_up)} during this run; see their logs", err=True)
        return 1
    return 0


@click.command()
@click.option(
    "--workdir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where the logs go (default: a temporary directory); the embedded Redis keeps its data in "
    "REDIS_DATA_DIR.",
)
@click.option(
    "--samples",
    type=click.Path(path_type=Path),
    default=SAMPLES_DIR,
    show_default=True,
    help="Articles replayed through the ingest API at start (a .jsonl file or a directory).",
)
@click.option("--no-samples", is_flag=True, help="Do not replay any samples.")
@click.option(
    "--fresh",
    is_flag=True,
    help="Start from an empty embedded Redis: forget the subscriptions, dedup and alert state earlier "
    "runs kept in REDIS_DATA_DIR (so the samples are new again). Not with REDIS_URL.",
)
def run(workdir: Path | None, samples: Path, no_samples: bool, fresh: bool) -> None:
    """Start the embedded broker and Redis and every Brink service; Ctrl-C stops everything."""
    settings = Settings()
    setup_logging(settings.log_level, json_lines=False)
    if fresh:
        _forget_earlier_runs(settings)
    workdir = workdir or Path(tempfile.mkdtemp(prefix="brink-run-"))
    workdir.mkdir(parents=True, exist_ok=True)
    # Signals are taken synchronously (sigwait) so that Ctrl-C during start-up still stops
    # everything in order; children get them unblocked again (brink.runtime.processes).
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    status = 0
    redis_dir = Path(settings.redis_data_dir)
    with ExitStack() as stack:
        try:
            infra_ = stack.enter_context(
                infrastructure(settings.kafka_bootstrap_servers, settings.redis_url, workdir, redis_dir)
            )
        except DataDirInUse as exc:  # a second `make run` in the same checkout: say so, no traceback
            raise click.ClickException(str(exc)) from exc
        configured = settings.model_copy(update=infra_.settings_update())
        if configured.admin_token is None:
            # Without ADMIN_TOKEN the subscriptions API refuses changes: a local run gets a random one.
            configured = configured.model_copy(update={"admin_token": secrets.token_urlsafe(24)})
        if configured.read_token is None:
            # A read-only token for the printed read calls (alerts, events, articles).
            configured = configured.model_copy(update={"read_token": secrets.token_urlsafe(24)})
        asyncio.run(ensure_topics(configured))
        supervisor = Supervisor(workdir, infra_.env(), policy=restart_policy(settings), echo=click.echo)
        ports = Ports.choose(settings)
        watcher: Watcher | None = None
        try:
            click.echo(f"broker {infra_.bootstrap}  redis {infra_.redis_url}  logs {workdir}")
            if infra_.redis is not None:
                click.echo(f"redis keeps its data in {redis_dir.resolve()} (append-only file)")
            if infra_.broker is not None:
                click.echo("the embedded broker is memory-only: a restart of `brink run` empties it")
            click.echo(webhook_policy_line(settings, ports))
            for spec in service_specs(configured, ports):
                supervisor.start(spec)
                click.echo(f"started {spec.name} (pid {supervisor.pid(spec.name)})")
            forgotten = forget_earlier_sinks(configured, ports)
            if forgotten:
                click.echo(f"removed {forgotten} sink subscription(s) left by earlier runs")
            subscription_id, secret = subscribe_sink(configured, ports)
            sink = sink_spec(configured, ports, secret)
            supervisor.start(sink)
            click.echo(f"started {sink.name} (pid {supervisor.pid(sink.name)})")
            click.echo(
                f"subscribed the local webhook sink (subscription {subscription_id}); it verifies signatures"
            )
            watcher = Watcher(
                configured,
                WatchTargets(
                    alert_metrics_url=f"http://{settings.alert_metrics_host}:{ports.alert_metrics}/metrics",
                    sink_url=f"http://127.0.0.1:{ports.sink}",
                ),
                echo=click.echo,
            )
            # Start the live view before the samples go in, so it shows them from the first article.
            watcher.start()
            watcher.ready.wait(timeout=WATCH_READY_SECONDS)
            ingest = f"http://{settings.ingest_host}:{ports.ingest}"
            if not no_samples and samples.exists():
                click.echo(f"\nReplaying {samples} through the ingest API (id, language, title, outcome):")
                for line in replay_samples(ingest, samples, settings.ingest_token):
                    click.echo(line)
            click.echo("\nBrink is running:")
            for name, url in _endpoints(settings, ports):
                click.echo(f"  {name:18} {url}")
            if settings.admin_token is None:
                click.echo(f"  {'ADMIN_TOKEN':18} {configured.admin_token} (generated for this run)")
            click.echo("\nRead what Brink found (read-only token; README: API):")
            api = f"http://{settings.api_host}:{ports.api}"
            for line in _read_examples(api, configured.read_token, settings.read_token is None):
                click.echo(line)
            click.echo("\nPost your own article (202 = published; the response gives its id):")
            click.echo(_curl_example(ingest, settings.ingest_token))
            click.echo(
                "\nCtrl-C to stop. What happens from here (articles coded, index, alerts, webhooks; "
                "a crashed service is restarted):\n"
            )
            sys.stdout.flush()
            watcher.release()
            status = _supervise_until_stopped(supervisor, infra_, configured)
        except (RuntimeError, TimeoutError, httpx.HTTPError) as exc:
            click.echo(f"brink run failed: {exc}", err=True)
            status = 1
        finally:
            if watcher is not None:
                watcher.stop()
            supervisor.stop_all()
    sys.exit(status)
