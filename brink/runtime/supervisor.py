"""Run Brink's services as separate child processes and keep them running (what ``brink run`` does).

Each child gets the shared environment (broker, Redis, ports), dies with its parent
(PR_SET_PDEATHSIG) and is stopped on exit. A child that exits on its own (a crash, SIGKILL, the
OOM killer) is restarted with the same arguments, environment and ports after a backoff
(``brink.runtime.restarts.RestartPolicy``); each restart, and a give-up, is one readable line.
The broker and Redis are not this class's business: a service crash never takes them down.

``supervise()`` is one non-blocking pass (the caller's loop calls it about once a second), so
restarts never block the caller while a backoff runs.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brink.runtime.processes import start_child, stop_child, wait_for
from brink.runtime.restarts import RestartPolicy

log = logging.getLogger(__name__)


@dataclass
class ServiceSpec:
    name: str
    argv: Sequence[str]  # arguments after `brink`
    ready: Callable[[], bool] | None = None  # e.g. "its port answers"
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class _Service:
    spec: ServiceSpec
    proc: subprocess.Popen[bytes]
    started_at: float
    restarts: list[float] = field(default_factory=list)  # monotonic times of past restarts
    restart_at: float | None = None  # a restart is scheduled for this time
    exit: str = ""  # how the last run ended, for the restart line
    uptime: float = 0.0
    given_up: bool = False


def describe_exit(returncode: int) -> str:
    """``killed by SIGKILL`` or ``exit status 3``."""
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


@dataclass
class Supervisor:
    logdir: Path
    env: dict[str, str]
    policy: RestartPolicy = field(default_factory=RestartPolicy)
    echo: Callable[[str], None] = log.info
    clock: Callable[[], float] = time.monotonic
    _services: dict[str, _Service] = field(default_factory=dict)

    def _spawn(self, spec: ServiceSpec) -> subprocess.Popen[bytes]:
        env = {**os.environ, **self.env, **spec.env}
        argv = [sys.executable, "-m", "brink", *spec.argv]
        return start_child(argv, self.logdir / f"{spec.name}.log", env=env)

    def log_path(self, name: str) -> Path:
        return self.logdir / f"{name}.log"

    def start(self, spec: ServiceSpec, ready_timeout: float = 60.0) -> None:
        """Start ``spec`` and wait until it is ready (RuntimeError if it exits first)."""
        proc = self._spawn(spec)
        self._services[spec.name] = _Service(spec, proc, self.clock())
        if spec.ready is not None:
            check = spec.ready

            def up() -> bool:
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"{spec.name} exited with {proc.returncode}; see {self.log_path(spec.name)}"
                    )
                return check()

            wait_for(up, ready_timeout, f"{spec.name} to become ready")
        log.debug("started %s (pid %s)", spec.name, proc.pid)

    def pid(self, name: str) -> int:
        return self._services[name].proc.pid

    def names(self) -> list[str]:
        return list(self._services)

    def supervise(self) -> None:
        """One pass: notice services that exited, schedule their restart, restart those due."""
        now = self.clock()
        for service in self._services.values():
            if service.given_up:
                continue
            if service.restart_at is None:
                code = service.proc.poll()
                if code is None:
                    continue
                service.exit = describe_exit(code)
                service.uptime = now - service.started_at
                delay = self.policy.delay(service.restarts, now)
                if delay is None:
                    service.given_up = True
                    self.echo(
                        f"service  {service.spec.name} {service.exit} after {service.uptime:.1f} s up; "
                        f"restarted {len(service.restarts)} times in the last {self.policy.window:.0f} s, "
                        f"giving up (see {self.log_path(service.spec.name)}). "
                        "The broker, Redis and the other services keep running."
                    )
                    continue
                service.restart_at = now + delay
            if now >= service.restart_at:
                self._restart(service, now)

    def _restart(self, service: _Service, now: float) -> None:
        backoff = now - (service.started_at + service.uptime)
        service.restarts.append(now)
        service.restart_at = None
        service.started_at = now
        service.proc = self._spawn(service.spec)
        recent = self.policy.recent(service.restarts, now)
        self.echo(
            f"service  {service.spec.name} {service.exit} after {service.uptime:.1f} s up; "
            f"restarted as pid {service.proc.pid} after {backoff:.1f} s backoff "
            f"(restart {recent} of at most {self.policy.max_restarts} in {self.policy.window:.0f} s)"
        )

    def given_up(self) -> list[str]:
        """Services that crashed too often and are no longer restarted."""
        return [name for name, service in self._services.items() if service.given_up]

    def stop_all(self) -> None:
        """SIGTERM every service at once, then wait for each (SIGKILL after a timeout).

        All at once, because stopping stream workers one by one makes each survivor rebalance
        onto the partitions just released while it is itself being asked to stop.
        """
        running = [service.proc for service in reversed(self._services.values())]
        for proc in running:
            if proc.poll() is None:
                proc.terminate()
        for name, proc in zip(reversed(list(self._services)), running, strict=True):
            stop_child(proc)
            log.info("stopped %s", name)
        self._services.clear()
