"""``brink dispatch``: the composition root of the webhook dispatcher process.

Wires Redis, the Kafka producer (dead letters), the Dispatcher and a small HTTP server with
``/metrics``, ``/healthz`` and ``/readyz`` on DISPATCH_METRICS_HOST:DISPATCH_METRICS_PORT.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import click
import redis.asyncio as aioredis
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from brink.logs import setup_logging
from brink.runtime.kafka import ensure_topics, make_producer
from brink.runtime.redis import make_redis
from brink.settings import Settings
from services.alert.dispatch.dispatcher import Dispatcher

log = logging.getLogger(__name__)


def health_app(dispatcher: Dispatcher) -> web.Application:
    async def metrics(_: web.Request) -> web.Response:
        body = generate_latest(dispatcher.metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_: web.Request) -> web.Response:
        problems = []
        try:
            await dispatcher.redis.ping()
        except aioredis.RedisError as exc:
            problems.append(f"redis: {exc}")
        if not dispatcher.consuming:
            problems.append("kafka: consumer not started")
        status = 503 if problems else 200
        return web.json_response(
            {"status": "ready" if not problems else "not ready", "problems": problems}, status=status
        )

    app = web.Application()
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    return app


async def serve(settings: Settings, stop: asyncio.Event) -> None:
    if settings.redis_url is None:
        raise click.ClickException("REDIS_URL is not set: point it at Redis (or use `brink run`)")
    await ensure_topics(settings)
    redis = make_redis(settings.redis_url)
    producer = make_producer(settings)
    await producer.start()
    dispatcher = Dispatcher(settings, redis, producer)
    runner = web.AppRunner(health_app(dispatcher), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.dispatch_metrics_host, settings.dispatch_metrics_port)
    await site.start()
    log.info(
        "dispatcher started",
        extra={
            "metrics": f"http://{settings.dispatch_metrics_host}:{settings.dispatch_metrics_port}/metrics"
        },
    )
    try:
        await dispatcher.run(stop)
    finally:
        await runner.cleanup()
        await producer.stop()
        await redis.aclose()
        log.info("dispatcher stopped")


async def _main(settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await serve(settings, stop)


@click.command()
def dispatch() -> None:
    """Deliver alert transitions from brink.alerts.v1 to webhook subscribers (Standard Webhooks)."""
    settings = Settings()
    setup_logging(settings.log_level, json_lines=settings.log_json, service="dispatch")
    try:
        settings.bootstrap  # noqa: B018 - fail early with the message saying what to set
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    asyncio.run(_main(settings))
