"""Fault tests: real ``brink`` processes against the real broker and Redis, with faults injected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from brink.runtime.embedded import Infrastructure
from brink.settings import Settings
from tests.fixtures.services import ServicePool


@pytest.fixture
def pool(infra: Infrastructure, settings: Settings, tmp_path: Path) -> Iterator[ServicePool]:
    services = ServicePool(infra, settings, tmp_path)
    yield services
    services.stop_all()
