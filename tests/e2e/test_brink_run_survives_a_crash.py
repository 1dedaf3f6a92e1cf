"""``brink run`` as a user runs it, with its own embedded broker and Redis: an extract worker
SIGKILLed while articles are being posted is restarted by the supervisor, the broker and Redis stay
up, and every article answered 202 is coded — each exactly once once duplicates are counted by
event id (a re-delivered article repeats its events with the same ids).

Tansu's caveat (a fetch starting inside a produced batch can skip the batch) is met the way the
ingest API publishes: one awaited send per article, so every record is its own batch.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

import httpx

from brink.coder import Coder
from brink.runtime.embedded import EMBEDDED_FETCH_MAX_WAIT_MS, redis_serving
from brink.runtime.processes import free_port, port_open, wait_for
from brink.settings import Settings
from schemas.article import Article
from schemas.topics import ARTICLES, EVENTS
from tests.conftest import REPO_ROOT
from tests.fixtures.corpus import EventIdsSeen, events_of, hostile_corpus
from tests.fixtures.extract import scrape
from tests.fixtures.kafka import consume_all_for, consume_until

ARTICLE_COUNT = 120
BATCH = 4  # articles per POST: many posts, so the kill lands while posting goes on
ADMIN_TOKEN = "crash-test-admin-token-0123456789"
INGEST_TOKEN = "crash-test-ingest-token-0123456789"


class BrinkRun:
    """``brink run --no-samples`` in a child process, its output collected line by line."""

    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "brink", "run", "--no-samples", "--workdir", str(workdir)],
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=lambda: self.lines.extend(self.proc.stdout or []), daemon=True)
        self._reader.start()

    def output(self) -> str:
        return "".join(list(self.lines))

    def find(self, pattern: str) -> re.Match[str]:
        match = re.search(pattern, self.output(), re.MULTILINE)
        assert match is not None, f"{pattern!r} not in the output:\n{self.output()}"
        return match

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{pid}$", text, re.MULTILINE):
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def submissions() -> list[dict[str, Any]]:
    """The hostile corpus as a feed operator posts it (language given: these texts are short)."""
    return [
        {
            "url": f"https://wire.example/crash/{i}",
            "title": article.title,
            "text": article.text,
            "source": article.source,
            "published_at": article.published_at.isoformat(),
            "language": "en",
        }
        for i, article in enumerate(hostile_corpus(ARTICLE_COUNT, seed=23))
    ]


def post_all(ingest: str, items: list[dict[str, Any]], accepted: list[str], done: threading.Event) -> None:
    """POST ``items`` BATCH at a time as NDJSON; the ids answered "new" go to ``accepted``."""
    headers = {"Content-Type": "application/x-ndjson", "Authorization": f"Bearer {INGEST_TOKEN}"}
    try:
        with httpx.Client(timeout=30.0) as client:
            for start in range(0, len(items), BATCH):
                body = "".join(json.dumps(item) + "\n" for item in items[start : start + BATCH])
                response = client.post(f"{ingest}/v1/articles", content=body, headers=headers)
                assert response.status_code == 202, response.text
                accepted.extend(a["article_id"] for a in response.json()["articles"] if a["status"] == "new")
    finally:
        done.set()


def coded(metrics_url: str) -> float:
    port = int(metrics_url.rsplit(":", 1)[1].split("/")[0])
    return scrape(port).get("brink_extract_articles_total", 0.0)


def assigned(metrics_url: str) -> float:
    port = int(metrics_url.rsplit(":", 1)[1].split("/")[0])
    return scrape(port).get("brink_extract_assigned_partitions", 0.0)


def test_extract_worker_sigkilled_mid_batch_under_brink_run_is_restarted_and_every_202_article_is_coded(
    tmp_path: Path,
) -> None:
    isolation = uuid.uuid4().hex[:10]
    env = {
        **os.environ,
        "TOPIC_PREFIX": f"t{isolation}.",
        "REDIS_KEY_PREFIX": f"brinktest:{isolation}",
        "REDIS_DATA_DIR": str(tmp_path / "redis"),
        "INGEST_PORT": str(free_port()),
        "API_PORT": str(free_port()),
        "ALERT_METRICS_PORT": str(free_port()),
        "DISPATCH_METRICS_PORT": str(free_port()),
        "EXTRACT_METRICS_PORT": str(free_port()),
        "WEBHOOK_SINK_PORT": str(free_port()),
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "INGEST_TOKEN": INGEST_TOKEN,
        "KAFKA_SESSION_TIMEOUT_SECONDS": "4",
        "SUPERVISOR_BACKOFF_SECONDS": "0.5",
        "PYTHONPATH": str(REPO_ROOT),
    }
    run = BrinkRun(env, tmp_path / "run")
    try:
        wait_for(lambda: "Ctrl-C to stop" in run.output() or run.proc.poll() is not None, 120, "brink run")
        assert run.proc.poll() is None, run.output()
        bootstrap = run.find(r"^broker (\S+)  redis (\S+)").group(1)
        redis_url = run.find(r"^broker (\S+)  redis (\S+)").group(2)
        ingest = run.find(r"^  ingest API docs\s+(http://\S+)/docs").group(1)
        victim_metrics = run.find(r"^  extract-1 metrics\s+(\S+)").group(1)
        survivor_metrics = run.find(r"^  extract-2 metrics\s+(\S+)").group(1)
        victim = int(run.find(r"^started extract-1 \(pid (\d+)\)").group(1))
        # The webhook policy is printed, and names the sink's port only, not all of loopback.
        sink_port = env["WEBHOOK_SINK_PORT"]
        assert run.find(r"^webhooks may target public addresses only; allowed besides: (\S+) ").group(1) == (
            f"127.0.0.1:{sink_port}"
        )
        # This run's own broker and Redis (the embedded defaults), unless the environment names others.
        infra_pids = {
            name: pid
            for pid in _children(run.proc.pid)
            for name in ("tansu", "redis-server")
            if name in _cmdline(pid)
        }
        if "KAFKA_BOOTSTRAP_SERVERS" not in os.environ:
            assert "tansu" in infra_pids, infra_pids
        if "REDIS_URL" not in os.environ:
            assert "redis-server" in infra_pids, infra_pids

        def shared() -> bool:
            mine, theirs = assigned(victim_metrics), assigned(survivor_metrics)
            return mine > 0 and theirs > 0 and mine + theirs == ARTICLES.partitions

        wait_for(shared, 90, "both extract workers to share the articles' partitions", interval=0.2)

        accepted: list[str] = []
        posted = threading.Event()
        poster = threading.Thread(
            target=post_all, args=(ingest, submissions(), accepted, posted), daemon=True
        )
        poster.start()
        wait_for(lambda: coded(victim_metrics) >= 2 or posted.is_set(), 60, "extract-1 to code articles")
        os.kill(victim, signal.SIGKILL)
        # Mid-batch: articles were still being posted (and coded) when the worker died.
        assert not posted.is_set(), "posting finished before the kill: the test did not kill mid-batch"
        poster.join(timeout=120)
        assert posted.is_set() and len(accepted) >= ARTICLE_COUNT // 2, (len(accepted), run.output()[-3000:])

        # The supervisor restarted it, said so in one line, and the new worker takes part again.
        restarted = r"^service  extract-1 killed by SIGKILL after [\d.]+ s up; restarted as pid (\d+) "
        wait_for(lambda: re.search(restarted, run.output(), re.MULTILINE) is not None, 60, "the restart line")
        restart = run.find(restarted)
        assert int(restart.group(1)) != victim
        wait_for(lambda: assigned(victim_metrics) > 0, 90, "the restarted extract-1 to rejoin the group")

        settings = Settings().model_copy(
            update={
                "kafka_bootstrap_servers": bootstrap,
                "topic_prefix": env["TOPIC_PREFIX"],
                "kafka_idempotence": False,
                "kafka_fetch_max_wait_ms": EMBEDDED_FETCH_MAX_WAIT_MS,
            }
        )
        # What the ingest API published: exactly the articles it answered 202 "new" for ...
        published = asyncio.run(
            consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= len(accepted), timeout=60)
        )
        articles = [Article.model_validate_json(r.value) for r in published]
        assert sorted(a.article_id for a in articles) == sorted(accepted)
        # ... and what a clean in-process run of the coder makes of them.
        coder = Coder.load()
        expected = {e.event_id: e for article in articles for e in coder.code(article).events}
        assert {e.article_id for e in expected.values()} == set(accepted), "every article codes to events"

        asyncio.run(consume_until(settings, settings.topic(EVENTS), EventIdsSeen(expected), timeout=180))
        seen = events_of(asyncio.run(consume_all_for(settings, settings.topic(EVENTS), quiet_seconds=1.0)))
        # Every 202 article coded; duplicates from re-delivery carry the same ids and the same content.
        assert {e.article_id for e in seen} == set(accepted)
        assert {e.event_id for e in seen} == expected.keys()
        for event in seen:
            assert event == expected[event.event_id]

        # The broker and Redis were never restarted, and Redis still holds the sink's subscription.
        for name, pid in infra_pids.items():
            assert _alive(pid), f"{name} (pid {pid}) died"
        assert "restarted on port" not in run.output()
        host, _, port = redis_url.removeprefix("redis://").partition("/")[0].partition(":")
        assert redis_serving(host, int(port))
        listing = httpx.get(
            f"http://127.0.0.1:{env['API_PORT']}/v1/subscriptions",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            timeout=10,
        )
        assert [s["description"] for s in listing.json()["subscriptions"]] == [
            "brink run: local webhook sink"
        ]
        broker_host, _, broker_port = bootstrap.rpartition(":")
        assert port_open(broker_host, int(broker_port))
        assert run.proc.poll() is None, run.output()[-3000:]
    finally:
        run.stop()
    assert run.proc.returncode == 0, run.output()[-3000:]
