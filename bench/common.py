"""Shared pieces of the benchmarks: payloads, paced load and latency statistics."""

from __future__ import annotations

import asyncio
import json
import platform
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED = REPO_ROOT.parent / "shared" / "seed" / "000_ef885de93d39967c.txt"


def machine() -> str:
    cores = len(__import__("os").sched_getaffinity(0))
    return f"{platform.node()} · {platform.machine()} · {cores} cores · Python {platform.python_version()}"


def seed_text() -> str:
    samples = REPO_ROOT / "samples" / "articles.jsonl"
    if samples.exists():
        return str(json.loads(samples.read_text().splitlines()[0])["text"])
    if SEED.exists():
        return SEED.read_text()
    raise SystemExit(f"no sample article: expected {samples} or {SEED}")


@dataclass
class LatencyStats:
    count: int
    p50_ms: float
    p99_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> LatencyStats:
        if not seconds:
            raise ValueError("no latencies measured")
        ordered = sorted(seconds)
        q = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else ordered * 99
        return cls(len(ordered), q[49] * 1000, q[98] * 1000, ordered[-1] * 1000)

    def __str__(self) -> str:
        return f"n={self.count} p50={self.p50_ms:.1f} ms p99={self.p99_ms:.1f} ms max={self.max_ms:.1f} ms"


async def paced(count: int, rate: float | None, send: Callable[[int], Awaitable[None]]) -> float:
    """Call ``send(i)`` ``count`` times at ``rate`` per second (None: as fast as possible).

    Returns the wall time spent offering the load. Sends are started on schedule without
    waiting for the previous one (an open-loop load, so a slow system cannot slow the offer).
    """
    start = time.perf_counter()
    tasks: list[asyncio.Task[None]] = []
    for i in range(count):
        if rate is not None:
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.ensure_future(send(i)))
        else:
            await send(i)
    if tasks:
        await asyncio.gather(*tasks)
    return time.perf_counter() - start


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
