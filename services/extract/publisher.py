"""Producing through the Faust app's producer (acks=all) without waiting in line for each ack."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass

import faust

from services.extract.processor import OutboundRecord


async def _all_delivered(futures: Sequence[Awaitable[object]]) -> None:
    # Wait for every future (so none is left with an unretrieved error), then fail if any failed.
    results = await asyncio.gather(*futures, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


@dataclass
class FaustPublisher:
    """Hands records to Faust's producer; the returned awaitable resolves when all were acknowledged."""

    topics: Mapping[str, faust.TopicT]

    async def send(self, records: Sequence[OutboundRecord]) -> Awaitable[object]:
        futures = [await self.topics[r.topic].send(key=r.key, value=r.value) for r in records]
        return asyncio.ensure_future(_all_delivered(futures))
