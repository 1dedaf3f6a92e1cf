"""The embedded broker and Redis are real servers a client can round-trip through."""

from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path

import pytest
import redis
import redis.asyncio as aioredis
from click.testing import CliRunner

from brink.cli.main import cli
from brink.runtime.embedded import DataDirInUse, EmbeddedRedis, infrastructure, redis_serving
from brink.runtime.kafka import ensure_topics, make_producer
from brink.runtime.processes import port_open, start_child, stop_child
from brink.settings import Settings
from schemas.topics import ARTICLES
from tests.fixtures.extract import produce
from tests.fixtures.kafka import consume_until


async def test_a_record_produced_with_acks_all_is_consumed_with_its_key(settings: Settings) -> None:
    producer = make_producer(settings)
    await producer.start()
    try:
        await producer.send_and_wait(settings.topic(ARTICLES), key=b"a1", value=b'{"x": 1}')
    finally:
        await producer.stop()
    records = await consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= 1)
    assert [(r.key, r.value) for r in records] == [(b"a1", b'{"x": 1}')]


async def test_redis_round_trip_under_the_test_prefix(
    settings: Settings, redis_client: aioredis.Redis
) -> None:
    key = settings.redis_key("probe")
    await redis_client.set(key, "v", ex=60)
    assert await redis_client.get(key) == b"v"
    assert key.startswith(settings.redis_key_prefix)


def test_redis_counts_as_serving_only_when_it_answers_ping(tmp_path: Path) -> None:
    """An embedded Redis is started when it answers PING, not merely when its port accepts connections."""
    redis = EmbeddedRedis(tmp_path)
    assert not redis_serving("127.0.0.1", redis.port)  # nothing listens yet
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never answers PONG
        silent_port = silent.getsockname()[1]
        assert port_open("127.0.0.1", silent_port)
        assert not redis_serving("127.0.0.1", silent_port)
    redis.start()
    try:
        assert redis_serving("127.0.0.1", redis.port)
    finally:
        redis.stop()
    assert not redis_serving("127.0.0.1", redis.port)


def test_a_terminals_ctrl_c_reaches_brink_run_not_its_children(tmp_path: Path) -> None:
    """Children (the broker, Redis, the services) run outside the parent's process group, so Ctrl-C
    (SIGINT to the terminal's foreground group) does not stop the broker under the services: the
    parent stops them itself, in order."""
    child = start_child([sys.executable, "-c", "import time; time.sleep(60)"], tmp_path / "child.log")
    try:
        assert os.getpgid(child.pid) == child.pid != os.getpgid(0)
        assert child.poll() is None
    finally:
        stop_child(child)
    assert child.returncode == -signal.SIGTERM


def test_a_killed_embedded_redis_is_revived_on_its_port_with_every_acknowledged_write(tmp_path: Path) -> None:
    """What ``brink run`` does when its Redis dies: restart it on the same port from its append-only
    file, in the data directory (not the log directory)."""
    datadir = tmp_path / "data"
    with infrastructure("127.0.0.1:1", None, tmp_path / "logs", datadir) as infra_:
        assert infra_.redis is not None and infra_.redis.proc is not None
        client = redis.Redis.from_url(infra_.redis_url)
        for i in range(200):
            client.set(f"k{i}", i)
        client.close()
        assert infra_.revive() == []  # nothing died, nothing restarted
        old_pid = infra_.redis.proc.pid
        os.kill(old_pid, signal.SIGKILL)
        infra_.redis.proc.wait(timeout=10)
        lines = infra_.revive()
        assert lines == [
            f"redis    restarted on port {infra_.redis.port}; its data was reloaded from {datadir}"
        ]
        assert infra_.redis.proc.pid != old_pid
        client = redis.Redis.from_url(infra_.redis_url)
        assert [int(client.get(f"k{i}") or -1) for i in range(200)] == list(range(200))
        client.close()
        assert any(datadir.rglob("*.aof")), list(datadir.rglob("*"))
        assert not any((tmp_path / "logs").rglob("*.aof"))


def test_two_redis_servers_cannot_share_a_data_directory(tmp_path: Path) -> None:
    first = EmbeddedRedis(tmp_path / "logs1", tmp_path / "data")
    first.start()
    try:
        second = EmbeddedRedis(tmp_path / "logs2", tmp_path / "data")
        with pytest.raises(DataDirInUse, match="REDIS_DATA_DIR"):
            second.start()
        assert second.proc is None
    finally:
        first.stop()
    # stopped, it lets the next one in
    third = EmbeddedRedis(tmp_path / "logs3", tmp_path / "data")
    third.start()
    third.stop()


async def test_a_killed_embedded_broker_is_revived_on_its_port_and_says_its_messages_are_lost(
    tmp_path: Path,
) -> None:
    with infrastructure(None, "redis://127.0.0.1:1/0", tmp_path) as infra_:
        assert infra_.broker is not None and infra_.broker.proc is not None
        settings = Settings().model_copy(update={**infra_.settings_update(), "topic_prefix": "revive."})
        old_pid = infra_.broker.proc.pid
        os.kill(old_pid, signal.SIGKILL)
        infra_.broker.proc.wait(timeout=10)
        assert infra_.revive() == [
            f"broker   restarted on port {infra_.broker.port}; "
            "it is memory-only: the messages it held are lost"
        ]
        assert infra_.broker.proc.pid != old_pid
        # the same address works again once the topics are created anew (what `brink run` does next)
        await ensure_topics(settings, (ARTICLES,))
        await produce(settings, settings.topic(ARTICLES), [(b"k", b"v")])
        records = await consume_until(settings, settings.topic(ARTICLES), lambda rs: len(rs) >= 1)
        assert [(r.key, r.value) for r in records] == [(b"k", b"v")]


def test_forget_empties_what_earlier_redis_servers_kept_and_nothing_else(tmp_path: Path) -> None:
    datadir = tmp_path / "data"
    first = EmbeddedRedis(tmp_path / "logs1", datadir)
    first.start()
    try:
        redis.Redis.from_url(first.url).set("brink:dedup:x", "1")
        with pytest.raises(DataDirInUse):
            EmbeddedRedis(tmp_path / "logs2", datadir).forget()  # never under a running server
    finally:
        first.stop()
    (datadir / "notes.txt").write_text("a user's own file")
    removed = EmbeddedRedis(tmp_path / "logs2", datadir).forget()
    assert removed == [datadir / "appendonlydir"]
    assert (datadir / "notes.txt").exists()
    second = EmbeddedRedis(tmp_path / "logs3", datadir)
    second.start()
    try:
        assert redis.Redis.from_url(second.url).get("brink:dedup:x") is None
    finally:
        second.stop()


def test_brink_run_fresh_refuses_to_empty_a_redis_it_did_not_start() -> None:
    result = CliRunner().invoke(cli, ["run", "--fresh"], env={"REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert result.exit_code == 2
    assert "REDIS_URL is set" in result.output
