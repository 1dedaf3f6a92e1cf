"""The compose stack's topic job (`brink infra --create-topics-only`) creates exactly the topics of
schemas/topics.py, with their partitions, retention and compaction, on a real broker."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from brink.runtime.embedded import Infrastructure
from schemas.topics import ALL_TOPICS

pytestmark = pytest.mark.integration


def _run_job(infra: Infrastructure, prefix: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **infra.env(), "TOPIC_PREFIX": prefix, "LOG_JSON": "false"}
    env.pop("REDIS_URL")  # the job needs Kafka only
    return subprocess.run(
        [sys.executable, "-m", "brink", "infra", "--create-topics-only"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_topic_job_creates_every_topic_with_its_partitions_and_configs(infra: Infrastructure) -> None:
    prefix = f"job{uuid.uuid4().hex[:8]}."
    result = _run_job(infra, prefix)
    assert result.returncode == 0, result.stderr
    rerun = _run_job(infra, prefix)  # the job may run again on every `docker compose up`
    assert rerun.returncode == 0, rerun.stderr

    admin = AIOKafkaAdminClient(bootstrap_servers=infra.bootstrap)
    await admin.start()
    try:
        names = [prefix + spec.name for spec in ALL_TOPICS]
        ours = sorted(t for t in await admin.list_topics() if t.startswith(prefix))
        assert ours == sorted(names)
        described = {t["topic"]: t for t in await admin.describe_topics(names)}
        configs = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, n) for n in names])
    finally:
        await admin.close()
    created = {
        resource[3]: {entry[0]: entry[1] for entry in resource[4]}
        for response in configs
        for resource in response.resources
    }
    for spec in ALL_TOPICS:
        name = prefix + spec.name
        assert len(described[name]["partitions"]) == spec.partitions, name
        assert spec.retention_ms is not None, f"{spec.name}: give every topic an explicit retention"
        for key, value in spec.broker_configs().items():
            assert created[name].get(key) == value, f"{name}: {key}"
        assert f"{name} partitions={spec.partitions}" in result.stdout


def test_topic_job_without_a_kafka_to_talk_to_says_what_to_set() -> None:
    env = {k: v for k, v in os.environ.items() if k != "KAFKA_BOOTSTRAP_SERVERS"}
    result = subprocess.run(
        [sys.executable, "-m", "brink", "infra", "--create-topics-only"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "KAFKA_BOOTSTRAP_SERVERS" in result.stderr
