"""Ingest API throughput on this machine: embedded Tansu + Redis, the real API under uvicorn.

    .venv/bin/python -m bench.ingest_api [--articles 2000] [--batch 100]

Measures (1) one article per POST, sequential (latency-bound: each 202 waits for acks=all),
and (2) NDJSON batches. Articles are distinct ~5 KB texts (no duplicates), so every one is
normalised, looked up in Redis, published and committed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from brink.runtime.embedded import infrastructure
from brink.runtime.kafka import ensure_topics
from brink.settings import Settings
from services.ingest.app import create_app
from tests.fixtures.http import serve_asgi

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"
# The vocabulary of the sample articles: random 800-word texts over it share few word 3-grams,
# so none is a near-duplicate of another.
WORDS = sorted({w for line in SAMPLES.read_text().splitlines() for w in json.loads(line)["text"].split()})


def article(rng: random.Random, n: int) -> dict[str, str]:
    text = " ".join(rng.choice(WORDS) for _ in range(800))  # ~5 KB
    return {"title": f"Article {n}", "text": text, "url": f"https://bench.example.org/{n}"}


async def run(articles: int, batch: int) -> None:
    rng = random.Random(7)
    with infrastructure(None, None, Path(tempfile.mkdtemp(prefix="brink-bench-"))) as infra:
        settings = Settings().model_copy(update={**infra.settings_update(), "log_json": False})
        await ensure_topics(settings)
        async with (
            serve_asgi(create_app(settings)) as base,
            httpx.AsyncClient(base_url=base, timeout=60) as client,
        ):
            singles = [article(rng, n) for n in range(articles)]
            latencies = []
            started = time.perf_counter()
            for item in singles:
                t0 = time.perf_counter()
                response = await client.post("/v1/articles", json=item)
                latencies.append(time.perf_counter() - t0)
                assert response.status_code == 202, response.text
            single_rate = articles / (time.perf_counter() - started)
            latencies.sort()
            batched = [article(rng, n) for n in range(articles, 2 * articles)]
            started = time.perf_counter()
            for i in range(0, len(batched), batch):
                body = "\n".join(json.dumps(a) for a in batched[i : i + batch])
                response = await client.post(
                    "/v1/articles", content=body, headers={"Content-Type": "application/x-ndjson"}
                )
                assert response.status_code == 202 and response.json()["published"] == len(
                    batched[i : i + batch]
                )
            batch_rate = articles / (time.perf_counter() - started)
    p50, p99 = statistics.median(latencies) * 1000, latencies[int(0.99 * len(latencies))] * 1000
    print(f"single POSTs: {single_rate:.0f} articles/s, latency p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    print(f"NDJSON batches of {batch}: {batch_rate:.0f} articles/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(run(args.articles, args.batch))


if __name__ == "__main__":
    main()
