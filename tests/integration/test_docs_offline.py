"""``/docs`` of both HTTP services works offline: the page names only assets the service itself
serves (Swagger UI's files from the swagger-ui-py package), and each of them loads."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from brink.settings import Settings
from tests.fixtures.ingest import serve_ingest
from tests.fixtures.read_api import scoped_settings
from tests.fixtures.webhooks import running_api


@asynccontextmanager
async def _ingest(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with serve_ingest(settings) as server:
        yield server.client


SERVICES: dict[str, Callable[[Settings], AbstractAsyncContextManager[httpx.AsyncClient]]] = {
    "ingest": _ingest,
    "api": lambda settings: running_api(scoped_settings(settings)),
}


@pytest.mark.parametrize("service", sorted(SERVICES))
async def test_docs_page_loads_every_asset_from_the_service_itself(settings: Settings, service: str) -> None:
    async with SERVICES[service](settings) as client:
        page = await client.get("/docs")
        assert page.status_code == 200 and "swagger-ui" in page.text
        assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text)
        assert len(assets) >= 3, assets  # the script, the stylesheet, the icon
        assert [a for a in assets if not a.startswith("/")] == [], "assets from elsewhere"
        for asset in assets:
            loaded = await client.get(asset)
            assert loaded.status_code == 200 and len(loaded.content) > 500, asset
        assert "url: '/openapi.json'" in page.text or 'url: "/openapi.json"' in page.text
        assert (await client.get("/openapi.json")).json()["openapi"].startswith("3.1")
        assert (await client.get("/redoc")).status_code == 404  # ReDoc only comes from a CDN: off
