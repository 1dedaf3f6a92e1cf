"""The ingest API fuzzed from its own OpenAPI spec (schemathesis): whatever arrives, never a 5xx.

The spec is the one the service serves (``create_app(...).openapi()``); requests go over HTTP to a
real ``brink ingest-api`` process with a bearer token, against the real broker and Redis, so a
valid generated article really is normalised, de-duplicated and published. Examples are bounded
per operation so the whole module runs in well under a minute.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from brink.runtime.embedded import Infrastructure
from brink.runtime.kafka import ensure_topics
from brink.settings import Settings
from services.ingest.app import create_app
from tests.fixtures.services import BrinkProcess, ServicePool

pytestmark = pytest.mark.integration

TOKEN = "fuzz-" + uuid.uuid4().hex
EXAMPLES_PER_OPERATION = 60

schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi())


@schemathesis.serializer("application/x-ndjson")
def _ndjson(context: schemathesis.SerializationContext, value: object) -> bytes:
    """The spec's NDJSON body is a string (one submission per line): send it as UTF-8."""
    return value.encode() if isinstance(value, str) else str(value).encode()


@pytest.fixture(scope="module")
async def ingest(
    infra: Infrastructure, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BrinkProcess]:
    prefix = uuid.uuid4().hex[:10]
    settings = Settings().model_copy(
        update={
            **infra.settings_update(),
            "topic_prefix": f"fuzz{prefix}.",
            "redis_key_prefix": f"brinkfuzz:{prefix}",
        }
    )
    await ensure_topics(settings)
    pool = ServicePool(infra, settings, tmp_path_factory.mktemp("fuzz"))
    try:
        yield pool.ingest_api(env={"INGEST_TOKEN": TOKEN, "INGEST_MAX_BODY_BYTES": str(256 * 1024)})
    finally:
        pool.stop_all()


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_gets_a_server_error(case: schemathesis.Case, ingest: BrinkProcess) -> None:
    case.call_and_validate(
        base_url=ingest.url, headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error]
    )
    ingest.check_alive()
