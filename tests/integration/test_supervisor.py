"""The supervisor ``brink run`` uses, with real ``brink`` processes: a crashed service comes back on
its port with one line saying so; a service that keeps crashing is given up on, reported, and
nothing else is touched."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from brink.cli.run import http_ok
from brink.runtime.embedded import Infrastructure, redis_serving
from brink.runtime.processes import free_port, port_open, wait_for
from brink.runtime.restarts import RestartPolicy
from brink.runtime.supervisor import ServiceSpec, Supervisor, describe_exit

SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def sink_spec(port: int, secret: str | None = SECRET) -> ServiceSpec:
    env = {"WEBHOOK_SINK_PORT": str(port), "WEBHOOK_SINK_SECRET": secret or ""}
    return ServiceSpec("sink", ["sink"], ready=http_ok(f"http://127.0.0.1:{port}/healthz"), env=env)


def supervisor_of(infra: Infrastructure, logdir: Path, policy: RestartPolicy) -> tuple[Supervisor, list[str]]:
    """A Supervisor wired as ``brink run`` wires it, its output lines collected."""
    lines: list[str] = []
    return Supervisor(logdir, infra.env(), policy=policy, echo=lines.append), lines


def test_a_sigkilled_service_is_restarted_on_its_port_after_its_backoff_with_one_line_saying_so(
    infra: Infrastructure, tmp_path: Path
) -> None:
    port = free_port()
    policy = RestartPolicy(initial=0.5, maximum=2.0, max_restarts=3, window=60.0)
    supervisor, lines = supervisor_of(infra, tmp_path, policy)
    try:
        supervisor.start(sink_spec(port))
        first = supervisor.pid("sink")
        os.kill(first, signal.SIGKILL)
        healthy = http_ok(f"http://127.0.0.1:{port}/healthz")

        def back() -> bool:
            supervisor.supervise()
            return supervisor.pid("sink") != first and healthy()

        wait_for(back, 60, "the sink to be restarted and answer on its port", interval=0.1)
        restarted = supervisor.pid("sink")
        assert len(lines) == 1, lines
        assert lines[0].startswith("service  sink killed by SIGKILL after ")
        assert (
            f"restarted as pid {restarted} after 0.5 s backoff (restart 1 of at most 3 in 60 s)" in lines[0]
        )
        assert supervisor.given_up() == []
        # The broker and Redis the services use were never touched.
        host, _, broker_port = infra.bootstrap.partition(":")
        assert port_open(host, int(broker_port))
        if infra.redis is not None:
            assert redis_serving("127.0.0.1", infra.redis.port)
    finally:
        supervisor.stop_all()
    assert not port_open("127.0.0.1", port)


def test_a_service_that_keeps_crashing_is_given_up_on_after_max_restarts_and_reported(
    infra: Infrastructure, tmp_path: Path
) -> None:
    port, healthy = free_port(), free_port()
    supervisor, lines = supervisor_of(
        infra, tmp_path, RestartPolicy(initial=0.1, maximum=0.2, max_restarts=2)
    )
    try:
        supervisor.start(sink_spec(healthy))
        # Without its secret `brink sink` refuses to start (exit status 1), every time.
        supervisor.start(ServiceSpec("broken", ["sink"], env={"WEBHOOK_SINK_PORT": str(port)}))

        def given_up() -> bool:
            supervisor.supervise()
            return supervisor.given_up() == ["broken"]

        wait_for(given_up, 60, "the supervisor to give up on the broken service", interval=0.05)
        assert [line.split(" after ")[0] for line in lines] == ["service  broken exit status 1"] * 3
        assert "(restart 1 of at most 2 in 300 s)" in lines[0]
        assert "(restart 2 of at most 2 in 300 s)" in lines[1]
        assert "restarted 2 times in the last 300 s, giving up (see " in lines[2]
        assert str(tmp_path / "broken.log") in lines[2]
        assert "set WEBHOOK_SINK_SECRET" in (tmp_path / "broken.log").read_text()
        # Given up means left alone: more passes restart nothing, the healthy service runs on.
        for _ in range(5):
            supervisor.supervise()
        assert len(lines) == 3
        assert http_ok(f"http://127.0.0.1:{healthy}/healthz")()
    finally:
        supervisor.stop_all()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGSEGV])
def test_exit_descriptions_name_the_signal(signum: signal.Signals) -> None:
    assert describe_exit(-signum) == f"killed by {signum.name}"
    assert describe_exit(3) == "exit status 3"
