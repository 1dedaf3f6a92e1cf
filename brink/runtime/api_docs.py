"""``/docs`` without a CDN: FastAPI's self-hosting recipe, with the assets of a package.

FastAPI's default ``/docs`` page loads Swagger UI's JavaScript and CSS from a CDN, so it is blank
offline or behind a strict proxy. Here the same page is built with ``get_swagger_ui_html`` and
points at Swagger UI's static files as the ``swagger-ui-py`` package ships them (Swagger UI 5,
which renders the OpenAPI 3.1 documents FastAPI writes), served by the app itself under
``/docs/static``. ReDoc (also CDN-only) is switched off.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
STATIC_URL = "/docs/static"


def _package_dir(name: str) -> Path:
    """Where an installed package's files are, without importing it (swagger_ui's own code
    imports Jinja2 and half a second of web-framework glue that only its other uses need)."""
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the package {name} is not installed: reinstall Brink's dependencies")
    return Path(next(iter(spec.submodule_search_locations)))


SWAGGER_UI_STATIC = _package_dir("swagger_ui") / "static"


def serve_docs_locally(app: FastAPI) -> None:
    """Serve Swagger UI at ``/docs`` from local files. ``app`` must be made with ``docs_url=None``
    and ``redoc_url=None`` (their CDN pages would shadow these)."""
    if app.docs_url is not None or app.redoc_url is not None:
        raise ValueError("create the FastAPI app with docs_url=None and redoc_url=None")
    if not (SWAGGER_UI_STATIC / "swagger-ui-bundle.js").is_file():
        raise RuntimeError(
            f"Swagger UI's files are missing from {SWAGGER_UI_STATIC}: reinstall swagger-ui-py"
        )
    openapi_url = app.openapi_url or "/openapi.json"
    title = f"{app.title} - docs"
    app.mount(STATIC_URL, StaticFiles(directory=SWAGGER_UI_STATIC), name="swagger-ui-static")

    @app.get(DOCS_URL, include_in_schema=False)
    async def swagger_ui_page() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=title,
            swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC_URL}/favicon-32x32.png",
        )
