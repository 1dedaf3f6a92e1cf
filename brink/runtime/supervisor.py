"""Run Brink's services as separate child processes (what ``brink run`` does).

Each child gets the shared environment (broker, Redis, ports), dies with its parent
(PR_SET_PDEATHSIG) and is stopped in reverse start order on exit.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brink.runtime.processes import start_child, stop_child, wait_for

log = logging.getLogger(__name__)


@dataclass
class ServiceSpec:
    name: str
    argv: Sequence[str]  # arguments after `brink`
    ready: Callable[[], bool] | None = None  # e.g. "its port answers"
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Supervisor:
    logdir: Path
    env: dict[str, str]
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, spec: ServiceSpec, ready_timeout: float = 60.0) -> None:
        env = {**os.environ, **self.env, **spec.env}
        argv = [sys.executable, "-m", "brink", *spec.argv]
        proc = start_child(argv, self.logdir / f"{spec.name}.log", env=env)
        self.procs[spec.name] = proc
        if spec.ready is not None:
            check = spec.ready

            def up() -> bool:
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"{spec.name} exited with {proc.returncode}; see {self.logdir}/{spec.name}.log"
                    )
                return check()

            wait_for(up, ready_timeout, f"{spec.name} to become ready")
        log.info("started %s (pid %s)", spec.name, proc.pid)

    def failed(self) -> list[str]:
        return [name for name, proc in self.procs.items() if proc.poll() is not None]

    def stop_all(self) -> None:
        """SIGTERM every service at once, then wait for each (SIGKILL after a timeout).

        All at once, because stopping stream workers one by one makes each survivor rebalance
        onto the partitions just released while it is itself being asked to stop.
        """
        running = list(reversed(list(self.procs.items())))
        for _, proc in running:
            if proc.poll() is None:
                proc.terminate()
        for name, proc in running:
            stop_child(proc)
            log.info("stopped %s", name)
        self.procs.clear()
