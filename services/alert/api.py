"""``brink api``: what Brink found (alerts, events, articles), silences and webhook subscriptions
over HTTP (FastAPI).

Every call under ``/v1`` needs ``Authorization: Bearer <token>`` of a scope (read < write < admin;
``services/alert/auth.py``): reads of findings and silences need read, silence changes write, and
subscriptions admin. With no token set the API still answers reads but refuses every change with
503 and says which token to set. The read calls are in ``services/alert/read_api.py``.
Secrets are shown once (creation, rotation) and never logged or returned again.
Bodies above API_MAX_BODY_BYTES are refused with 413 before they are read in full.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

import click
import redis.asyncio as aioredis
from fastapi import Depends, FastAPI, HTTPException, Path, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from starlette import types as asgi

from brink.logs import setup_logging
from brink.runtime.api_docs import serve_docs_locally
from brink.runtime.redis import make_redis
from brink.runtime.resolve import resolve_and_check
from brink.runtime.validation_errors import bound_validation_errors
from brink.settings import Settings
from brink.webhooks.signing import generate_secret
from brink.webhooks.ssrf import AddressPolicy, UnsafeUrlError
from schemas.subscription import (
    SILENCE_ID_PATTERN,
    SUBSCRIPTION_ID_PATTERN,
    SecretRotated,
    Silence,
    SilenceCreate,
    SilenceList,
    Subscription,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionList,
    SubscriptionUpdate,
)
from services.alert.auth import Scope, Tokens, requires
from services.alert.dispatch.queue import DeliveryQueue
from services.alert.findings import FindingsStore
from services.alert.read_api import read_router, reject_unknown_query
from services.alert.store import AlertProjection, SilenceStore, StoreError, SubscriptionStore

log = logging.getLogger(__name__)

SubscriptionId = Annotated[str, Path(pattern=SUBSCRIPTION_ID_PATTERN)]
SilenceId = Annotated[str, Path(pattern=SILENCE_ID_PATTERN)]
REDIS_RETRY_AFTER_SECONDS = 5  # what a 503 asks clients to wait while Redis is unavailable


class BodyLimit:
    """ASGI middleware: 413 for a body larger than ``max_bytes``, declared or streamed.

    The body (at most ``max_bytes``) is read here before the app runs, so an oversized chunked
    upload is refused without the app ever seeing part of it."""

    def __init__(self, app: asgi.ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: asgi.Send) -> None:
        body = (
            b'{"detail":"request body too large: the limit is %d bytes (API_MAX_BODY_BYTES)"}'
            % self.max_bytes
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: asgi.Scope, receive: asgi.Receive, send: asgi.Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> asgi.Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def create_app(settings: Settings) -> FastAPI:
    if settings.redis_url is None:
        raise RuntimeError("REDIS_URL is not set: the subscriptions API stores everything in Redis")
    redis_url = settings.redis_url
    policy = AddressPolicy.from_lists(
        settings.webhook_allowed_host_list, settings.webhook_allowed_network_list
    )
    registry = CollectorRegistry(auto_describe=True)
    requests_total = Counter(
        "brink_api_requests_total",
        "Subscriptions API requests.",
        ["method", "route", "status"],
        registry=registry,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        redis = make_redis(redis_url)
        app.state.redis = redis
        app.state.subscriptions = SubscriptionStore(redis, settings)
        app.state.silences = SilenceStore(redis, settings)
        app.state.projection = AlertProjection(redis, settings)
        app.state.queue = DeliveryQueue(redis, settings)
        app.state.findings = FindingsStore(redis, settings)
        if not tokens.any:
            log.warning(
                "no API token is set (READ_TOKEN, WRITE_TOKEN, ADMIN_TOKEN): reads are open, changes refused"
            )
        try:
            yield
        finally:
            await redis.aclose()

    tokens = Tokens(settings)
    app = FastAPI(
        title="Brink API",
        version="1",
        description="What Brink found (alerts, events, articles), silences and webhook subscriptions. "
        "Bearer tokens: READ_TOKEN (reads), WRITE_TOKEN (silences), ADMIN_TOKEN (subscriptions, everything).",
        lifespan=lifespan,
        docs_url=None,  # served from local files (brink/runtime/api_docs.py), not a CDN
        redoc_url=None,
        dependencies=[Depends(reject_unknown_query)],
    )
    serve_docs_locally(app)
    bound_validation_errors(app)

    @app.exception_handler(aioredis.RedisError)
    async def redis_unavailable(request: Request, exc: aioredis.RedisError) -> JSONResponse:
        """Redis down (or restarting): 503 the client can retry, not a 500."""
        log.warning("Redis unavailable", extra={"path": request.url.path, "error": type(exc).__name__})
        return JSONResponse(
            {"detail": f"Redis is unavailable ({type(exc).__name__}): retry in a few seconds"},
            status_code=503,
            headers={"Retry-After": str(REDIS_RETRY_AFTER_SECONDS)},
        )

    Read = Depends(requires(tokens, Scope.READ))
    Write = Depends(requires(tokens, Scope.WRITE))
    Admin = Depends(requires(tokens, Scope.ADMIN))

    def subscriptions(request: Request) -> SubscriptionStore:
        store: SubscriptionStore = request.app.state.subscriptions
        return store

    def silences(request: Request) -> SilenceStore:
        store: SilenceStore = request.app.state.silences
        return store

    async def checked(url: str) -> None:
        try:
            await resolve_and_check(policy, url)
        except UnsafeUrlError as exc:
            raise HTTPException(400, f"webhook URL refused: {exc}") from exc

    def not_found(what: str, ident: str) -> HTTPException:
        return HTTPException(404, f"no {what} with id {ident}")

    @app.middleware("http")
    async def count_requests(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        route = request.scope.get("route")
        requests_total.labels(
            request.method, getattr(route, "path", "unmatched"), str(response.status_code)
        ).inc()
        return response

    @app.post("/v1/subscriptions", status_code=201, dependencies=[Admin], response_model=SubscriptionCreated)
    async def create_subscription(body: SubscriptionCreate, request: Request) -> SubscriptionCreated:
        """Create a subscription. The response holds its signing secret: the only time it is shown."""
        await checked(body.url)
        secret = generate_secret(settings.webhook_secret_bytes)
        try:
            created = await subscriptions(request).create(body, secret)
        except StoreError as exc:
            raise HTTPException(409, str(exc)) from exc
        log.info("subscription created", extra={"subscription": created.id, "format": created.format})
        return SubscriptionCreated(**created.model_dump(), secret=secret)

    @app.get("/v1/subscriptions", dependencies=[Admin], response_model=SubscriptionList)
    async def list_subscriptions(request: Request) -> SubscriptionList:
        return SubscriptionList(subscriptions=await subscriptions(request).list())

    @app.get("/v1/subscriptions/{subscription_id}", dependencies=[Admin], response_model=Subscription)
    async def get_subscription(subscription_id: SubscriptionId, request: Request) -> Subscription:
        found = await subscriptions(request).get(subscription_id)
        if found is None:
            raise not_found("subscription", subscription_id)
        return found

    @app.patch("/v1/subscriptions/{subscription_id}", dependencies=[Admin], response_model=Subscription)
    async def update_subscription(
        subscription_id: SubscriptionId, body: SubscriptionUpdate, request: Request
    ) -> Subscription:
        """Change some fields; ``{"enabled": true}`` re-enables a disabled subscription."""
        if body.url is not None:
            await checked(body.url)
        updated = await subscriptions(request).update(subscription_id, body)
        if updated is None:
            raise not_found("subscription", subscription_id)
        log.info("subscription updated", extra={"subscription": subscription_id})
        return updated

    @app.delete("/v1/subscriptions/{subscription_id}", status_code=204, dependencies=[Admin])
    async def delete_subscription(subscription_id: SubscriptionId, request: Request) -> Response:
        """Delete a subscription and drop its pending deliveries."""
        if not await subscriptions(request).delete(subscription_id):
            raise not_found("subscription", subscription_id)
        queue: DeliveryQueue = request.app.state.queue
        dropped = await queue.drop_subscription(subscription_id)
        log.info(
            "subscription deleted", extra={"subscription": subscription_id, "dropped_deliveries": dropped}
        )
        return Response(status_code=204)

    @app.post(
        "/v1/subscriptions/{subscription_id}/rotate-secret",
        dependencies=[Admin],
        response_model=SecretRotated,
    )
    async def rotate_secret(subscription_id: SubscriptionId, request: Request) -> SecretRotated:
        """A new secret, shown once. Until ``previous_secret_expires_at`` deliveries carry both signatures."""
        secret = generate_secret(settings.webhook_secret_bytes)
        expires = await subscriptions(request).rotate_secret(subscription_id, secret)
        if expires is None:
            raise not_found("subscription", subscription_id)
        log.info("subscription secret rotated", extra={"subscription": subscription_id})
        return SecretRotated(id=subscription_id, secret=secret, previous_secret_expires_at=expires)

    @app.post("/v1/silences", status_code=201, dependencies=[Write], response_model=Silence)
    async def create_silence(body: SilenceCreate, request: Request) -> Silence:
        """Mute a dyad, a country or an actor until a time: transitions are recorded, not delivered."""
        try:
            silence = await silences(request).create(body)
        except StoreError as exc:
            raise HTTPException(409, str(exc)) from exc
        log.info("silence created", extra={"silence": silence.id, "until": silence.until.isoformat()})
        return silence

    @app.get("/v1/silences", dependencies=[Read], response_model=SilenceList)
    async def list_silences(request: Request, include_expired: bool = False) -> SilenceList:
        return SilenceList(silences=await silences(request).list(include_expired=include_expired))

    @app.get("/v1/silences/{silence_id}", dependencies=[Read], response_model=Silence)
    async def get_silence(silence_id: SilenceId, request: Request) -> Silence:
        found = await silences(request).get(silence_id)
        if found is None:
            raise not_found("silence", silence_id)
        return found

    @app.delete("/v1/silences/{silence_id}", status_code=204, dependencies=[Write])
    async def delete_silence(silence_id: SilenceId, request: Request) -> Response:
        if not await silences(request).delete(silence_id):
            raise not_found("silence", silence_id)
        log.info("silence deleted", extra={"silence": silence_id})
        return Response(status_code=204)

    app.include_router(read_router(requires(tokens, Scope.READ)))

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        try:
            await request.app.state.redis.ping()
        except aioredis.RedisError as exc:
            return JSONResponse({"status": "not ready", "problems": [f"redis: {exc}"]}, status_code=503)
        return JSONResponse({"status": "ready", "problems": []})

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    asgi: Any = BodyLimit
    app.add_middleware(asgi, max_bytes=settings.api_max_body_bytes)
    return app


@click.command()
def api() -> None:
    """Serve the subscriptions/silences/alerts API on API_HOST:API_PORT."""
    import uvicorn

    settings = Settings()
    setup_logging(settings.log_level, json_lines=settings.log_json, service="api")
    try:
        app = create_app(settings)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    uvicorn.run(app, host=settings.api_host, port=settings.api_port, log_config=None, server_header=False)
