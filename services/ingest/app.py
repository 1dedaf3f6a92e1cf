"""The ingest HTTP API (FastAPI). Served by ``brink ingest-api``; see ``create_app``.

POST /v1/articles accepts one ArticleSubmission, a JSON array of them, or NDJSON
(``application/x-ndjson``). The answer is 202 once the broker acknowledged every new article;
each article is reported as ``new`` or ``duplicate`` (with ``duplicate_of``). Invalid input is
refused whole (422 naming item, field and reason) and nothing of it is published.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Annotated, Any, Literal

import httpx
from fastapi import Depends, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from pydantic import BaseModel, Field

from brink.ingestion.feeds import load_feeds_file
from brink.ingestion.submissions import MAX_REPORTED_ERRORS, BatchRejected, ItemError, parse_body
from brink.runtime.api_docs import serve_docs_locally
from brink.settings import Settings
from schemas.article import ArticleSubmission
from services.ingest.bootstrap import IngestRuntime, ingest_runtime
from services.ingest.dedup import DedupRecord
from services.ingest.errors import IngestUnavailable
from services.ingest.feeds import FeedPoller
from services.ingest.metrics import IngestMetrics
from services.ingest.pipeline import Outcome, PartiallyIngested, Prepared

log = logging.getLogger(__name__)

JSON_TYPES = ("application/json",)
NDJSON_TYPES = ("application/x-ndjson", "application/ndjson", "application/jsonl")
# Bodies larger than this are parsed and normalised off the event loop.
_THREAD_THRESHOLD_BYTES = 64 * 1024
_ARTICLE_ID = re.compile(r"^[0-9a-f]{1,128}$")


# --- response models (documented in the OpenAPI spec) ---------------------------------------------
class ArticleResult(BaseModel):
    index: int = Field(description="Position of the article in the request (0 for a single object).")
    article_id: str
    status: Literal["new", "duplicate"] = Field(description="new: published now; duplicate: folded in.")
    copies: int = Field(description="Copies of this story seen in the dedup window, the first included.")
    language: str | None = Field(default=None, description="Detected (or given) ISO 639-1 language.")
    duplicate_of: str | None = Field(default=None, description="For a duplicate: the first copy's id.")
    duplicate_kind: Literal["exact", "near"] | None = None
    similarity: float | None = Field(default=None, description="Estimated Jaccard similarity (near only).")
    revision_of: str | None = Field(
        default=None,
        description="For a new version of an article already published from the same URL (new text): the "
        "first version's id. The revision has its own id; only its new sentences are coded.",
    )


class IngestResponse(BaseModel):
    articles: list[ArticleResult]
    published: int
    duplicates: int


class ItemErrorModel(BaseModel):
    index: int | None = Field(description="Which item of the batch (null: the body as a whole).")
    field: str
    reason: str


class ValidationErrorResponse(BaseModel):
    detail: list[ItemErrorModel]
    more_errors: int = Field(default=0, description="Errors beyond the ones listed.")


class ErrorResponse(BaseModel):
    detail: str


class UnavailableResponse(BaseModel):
    detail: str
    articles: list[ArticleResult] = Field(
        default_factory=list, description="Articles of the batch handled before the failure (safe to resend)."
    )


class ArticleRecordResponse(BaseModel):
    article_id: str = Field(description="The first copy's id (a duplicate's id resolves to it).")
    copies: int
    first_seen: str


def _results(outcomes: list[Outcome]) -> list[ArticleResult]:
    return [
        ArticleResult(
            index=i,
            article_id=o.article_id,
            status=o.status,
            copies=o.copies,
            language=o.language,
            duplicate_of=o.duplicate_of,
            duplicate_kind=o.duplicate_kind,
            similarity=o.similarity if o.duplicate_kind == "near" else None,
            revision_of=o.revision_of,
        )
        for i, o in enumerate(outcomes)
    ]


class _RequestRefused(Exception):
    def __init__(self, status: int, detail: str, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.reason = reason
        self.headers = headers


def _runtime(request: Request) -> IngestRuntime:
    runtime: IngestRuntime = request.app.state.runtime
    return runtime


async def _read_limited(request: Request, limit: int) -> bytes:
    """The body, refusing (413) as soon as it is known to exceed ``limit`` bytes."""
    too_large = _RequestRefused(
        413,
        f"request body exceeds INGEST_MAX_BODY_BYTES ({limit} bytes): split the batch",
        "body_too_large",
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _unavailable(settings: Settings, exc: IngestUnavailable, done: list[Outcome]) -> JSONResponse:
    what = {"broker": "the Kafka broker", "redis": "Redis", "in_flight": "a concurrent request"}.get(
        exc.dependency, exc.dependency
    )
    body = UnavailableResponse(
        detail=f"not published: {what} is unavailable ({exc}); "
        f"retry after {settings.ingest_retry_after_seconds}s",
        articles=_results(done),
    )
    return JSONResponse(
        body.model_dump(), status_code=503, headers={"Retry-After": str(settings.ingest_retry_after_seconds)}
    )


def _request_body_spec() -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/ArticleSubmission"}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"oneOf": [ref, {"type": "array", "items": ref, "minItems": 1}]},
                },
                "application/x-ndjson": {
                    "schema": {
                        "type": "string",
                        "description": "One ArticleSubmission per line.",
                    },
                },
            },
        }
    }


_bearer = HTTPBearer(auto_error=False, description="Required when the server sets INGEST_TOKEN.")


async def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """401 unless the request carries ``Authorization: Bearer <INGEST_TOKEN>`` (when one is set)."""
    expected = _runtime(request).settings.ingest_token
    if expected is None:
        return
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise _RequestRefused(
            401,
            "missing or wrong bearer token: send `Authorization: Bearer <INGEST_TOKEN>`",
            "unauthorized",
            {"WWW-Authenticate": "Bearer"},
        )


def create_app(settings: Settings, registry: CollectorRegistry | None = None) -> FastAPI:
    """The ingest API. Its lifespan opens Redis and the producer (and the feed poller if
    ``FEEDS_FILE`` is set) and closes them on shutdown."""
    registry = registry or CollectorRegistry()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with ingest_runtime(settings, registry) as runtime:
            app.state.runtime = runtime
            poller_task: asyncio.Task[None] | None = None
            http: httpx.AsyncClient | None = None
            if settings.feeds_file:
                feeds = load_feeds_file(Path(settings.feeds_file))
                # FeedPoller follows redirects itself, checking each hop (services/ingest/linkguard.py).
                http = httpx.AsyncClient(timeout=settings.feed_request_timeout_seconds)
                poller = FeedPoller(settings, feeds, runtime.pipeline, runtime.redis, http)
                poller_task = asyncio.create_task(poller.run(), name="feed poller")
            log.info(
                "ingest API ready",
                extra={"feeds_file": settings.feeds_file, "auth": bool(settings.ingest_token)},
            )
            try:
                yield
            finally:
                if poller_task is not None:
                    poller_task.cancel()
                    with suppress(asyncio.CancelledError):
                        await poller_task
                if http is not None:
                    await http.aclose()

    app = FastAPI(
        title="Brink ingest API",
        version="1.0.0",
        description=(
            "Submit news articles to Brink. Articles are normalised, de-duplicated (exact and near "
            "repeats within DEDUP_WINDOW_SECONDS are folded into the first copy) and published to "
            "the articles topic keyed by article_id."
        ),
        lifespan=lifespan,
        docs_url=None,  # served from local files below (brink/runtime/api_docs.py), not a CDN
        redoc_url=None,
    )
    serve_docs_locally(app)

    @app.exception_handler(_RequestRefused)
    async def refused(request: Request, exc: _RequestRefused) -> JSONResponse:
        _runtime(request).metrics.rejected.labels(reason=exc.reason).inc()
        return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers=exc.headers)

    @app.post(
        "/v1/articles",
        status_code=202,
        response_model=IngestResponse,
        dependencies=[Depends(require_token)],
        summary="Submit one article or a batch",
        openapi_extra=_request_body_spec(),
        responses={
            401: {"model": ErrorResponse, "description": "Missing or wrong bearer token."},
            413: {"model": ErrorResponse, "description": "Body larger than INGEST_MAX_BODY_BYTES."},
            415: {"model": ErrorResponse, "description": "Not application/json nor application/x-ndjson."},
            422: {
                "model": ValidationErrorResponse,
                "description": "Invalid (each item's index, field and reason: malformed JSON or schema, "
                "empty or too long text, a bad url, a published_at in the future or before 1900, a "
                "language that is not ISO 639-1); nothing was published.",
            },
            503: {
                "model": UnavailableResponse,
                "description": "Broker or Redis unavailable; retry after the Retry-After seconds.",
            },
        },
    )
    async def post_articles(request: Request) -> Response:
        runtime = _runtime(request)
        metrics = runtime.metrics
        media_type = _media_type(request)
        if media_type not in JSON_TYPES + NDJSON_TYPES:
            raise _RequestRefused(
                415,
                f"content type {media_type or '(none)'!r} not accepted: send application/json "
                "(one article or an array) or application/x-ndjson (one article per line)",
                "unsupported_media_type",
            )
        body = await _read_limited(request, settings.ingest_max_body_bytes)

        submissions: list[ArticleSubmission] = []

        def prepare() -> list[Prepared]:
            submissions.extend(parse_body(body, ndjson=media_type in NDJSON_TYPES))
            metrics.received.labels(via="http").inc(len(submissions))
            return runtime.pipeline.prepare_batch(submissions)

        try:
            prepared = await asyncio.to_thread(prepare) if len(body) > _THREAD_THRESHOLD_BYTES else prepare()
        except BatchRejected as exc:
            return _batch_rejected(metrics, exc.errors, exc.items)
        try:
            outcomes = await runtime.pipeline.ingest(prepared)
        except PartiallyIngested as exc:
            return _unavailable(settings, exc, exc.done)
        results = _results(outcomes)
        published = sum(1 for r in results if r.status == "new")
        payload = IngestResponse(articles=results, published=published, duplicates=len(results) - published)
        return JSONResponse(payload.model_dump(), status_code=202)

    @app.get(
        "/v1/articles/{article_id}",
        response_model=ArticleRecordResponse,
        summary="How many copies of an article were seen, and when the first was",
        responses={404: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
    )
    async def get_article(article_id: str, request: Request) -> Response:
        if not _ARTICLE_ID.match(article_id):
            return JSONResponse({"detail": "article ids are lower-case hexadecimal"}, status_code=404)
        try:
            record: DedupRecord | None = await _runtime(request).dedup.get(article_id)
        except IngestUnavailable as exc:
            return JSONResponse(
                {"detail": str(exc)},
                status_code=503,
                headers={"Retry-After": str(settings.ingest_retry_after_seconds)},
            )
        if record is None:
            return JSONResponse(
                {"detail": f"no article {article_id} within the dedup window (DEDUP_WINDOW_SECONDS)"},
                status_code=404,
            )
        return JSONResponse(ArticleRecordResponse(**record.__dict__).model_dump())

    @app.get("/healthz", summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/readyz", summary="The broker and Redis are reachable", responses={503: {"model": dict[str, Any]}}
    )
    async def readyz(request: Request) -> JSONResponse:
        runtime = _runtime(request)
        broker, redis_ok = await asyncio.gather(runtime.publisher.reachable(), runtime.dedup.ping())
        body = {"broker": "ok" if broker else "unreachable", "redis": "ok" if redis_ok else "unreachable"}
        return JSONResponse(body, status_code=200 if broker and redis_ok else 503)

    @app.get("/metrics", summary="Prometheus metrics", response_class=Response)
    async def metrics_endpoint() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            submission = ArticleSubmission.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(submission.pop("$defs", {}))
            components["ArticleSubmission"] = submission
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _batch_rejected(metrics: IngestMetrics, errors: list[ItemError], items: int) -> JSONResponse:
    """422 naming every invalid item; every item of the batch counts as rejected."""
    for code in {e.code for e in errors}:
        metrics.rejected.labels(reason=code).inc(len({e.index for e in errors if e.code == code}))
    siblings = items - len({e.index for e in errors if e.index is not None})
    if siblings > 0:
        metrics.rejected.labels(reason="batch_rejected").inc(siblings)
    body = ValidationErrorResponse(
        detail=[ItemErrorModel(**e.as_dict()) for e in errors[:MAX_REPORTED_ERRORS]],
        more_errors=max(0, len(errors) - MAX_REPORTED_ERRORS),
    )
    return JSONResponse(body.model_dump(), status_code=422)
