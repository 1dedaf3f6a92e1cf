"""``brink run`` as a user runs it: services start, samples are replayed, Ctrl-C leaves nothing behind."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from brink.runtime.embedded import EmbeddedRedis, Infrastructure
from brink.runtime.processes import free_port, wait_for
from brink.settings import Settings
from tests.conftest import REPO_ROOT


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_brink_run_replays_samples_shows_alerts_and_webhooks_and_stops_cleanly_on_ctrl_c(
    infra: Infrastructure, settings: Settings, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        **os.environ,
        **infra.env(),
        "TOPIC_PREFIX": settings.topic_prefix,
        "REDIS_KEY_PREFIX": settings.redis_key_prefix,
        "INGEST_PORT": str(port),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "brink", "run", "--workdir", str(tmp_path)],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
    reader.start()
    try:
        wait_for(
            lambda: any("Ctrl-C to stop" in line for line in lines) or proc.poll() is not None,
            90,
            "brink run",
        )
        assert proc.poll() is None, "".join(lines)
        output = "".join(lines)
        samples = [
            json.loads(x) for x in (REPO_ROOT / "samples" / "articles.jsonl").read_text().splitlines() if x
        ]
        replayed = [line for line in lines if line.rstrip().endswith("  new")]
        assert len(replayed) == len(samples), output
        assert any(" es  Tensión y heridos" in line for line in replayed)
        assert f"http://127.0.0.1:{port}/docs" in output
        assert f"http://127.0.0.1:{port}/metrics" in output
        assert f"curl -X POST http://127.0.0.1:{port}/v1/articles" in output
        children = _children(proc.pid)
        # ingest, extract x2, alert, api, dispatch and the webhook sink, each its own process
        assert len(children) == 7, f"expected 7 service processes, found {len(children)}"

        # The live view shows the seed article coded, its alert and the signed webhook at the sink.
        def shown(prefix: str, *words: str) -> bool:
            return any(line.startswith(prefix) and all(w in line for w in words) for line in list(lines))

        wait_for(lambda: shown("webhook", "alert.firing", "IRN-USA", "signature verified"), 90, "the webhook")
        # The live view holds an alert line (up to 2 s) while an article's events are still arriving,
        # and the sink prints on its own: the webhook line can come first.
        wait_for(lambda: shown("alert", "alert.firing", "IRN-USA"), 30, "the alert line")
        # the seed article's strongest event is its most hostile stated, targeted act (cli/watch.py)
        assert shown("coded", "strongest: United States forces → Iraq assault")

        # The printed read calls work as printed: the read-only token reads, and cannot write.
        reads = [shlex.split(line) for line in lines if line.strip().startswith("curl -H")]
        assert len(reads) == 3, output
        alerts_call = next(words for words in reads if words[-1].endswith("/v1/alerts"))
        auth = {"Authorization": alerts_call[2].split(": ", 1)[1]}
        alerts = httpx.get(alerts_call[-1], headers=auth, timeout=10)
        assert alerts.status_code == 200 and "IRN-USA" in alerts.text
        events_call = next(words for words in reads if "/v1/events?" in words[-1])
        events = httpx.get(events_call[-1], headers=auth, timeout=10).json()["events"]
        assert events and all(e["dyad"] == "IRN-USA" and e["threat_score"] >= 0.5 for e in events)
        silence = {"dyad": "IRN-USA", "until": "2999-01-01T00:00:00Z"}
        api = alerts_call[-1].removesuffix("/v1/alerts")
        assert httpx.post(f"{api}/v1/silences", json=silence, headers=auth, timeout=10).status_code == 403

        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert time.monotonic() - started < 15
        wait_for(lambda: not any(_alive(pid) for pid in children), 10, "brink run's children to exit")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(timeout=5)


def test_a_second_brink_run_on_the_same_data_directory_says_so_without_a_traceback(
    infra: Infrastructure, tmp_path: Path
) -> None:
    """A newcomer types `make run` in a second terminal: one line saying what to do, exit 1, and
    nothing left running (the first run's Redis keeps its data directory)."""
    data = tmp_path / "redis"
    first = EmbeddedRedis(tmp_path / "first", data)
    first.start()
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "KAFKA_BOOTSTRAP_SERVERS")}
        env.update({"KAFKA_BOOTSTRAP_SERVERS": infra.bootstrap, "REDIS_DATA_DIR": str(data)})
        second = subprocess.run(
            [sys.executable, "-m", "brink", "run", "--workdir", str(tmp_path / "second"), "--no-samples"],
            env=env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 1, second.stdout + second.stderr
        assert "Traceback" not in second.stderr
        assert "another Brink process keeps its Redis data in" in second.stderr
        assert first.proc is not None and first.proc.poll() is None  # the first run's Redis is untouched
    finally:
        first.stop()
