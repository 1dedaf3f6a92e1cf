"""Producing through the Faust app's producer, waiting for the broker's acknowledgements."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import faust

from services.extract.metrics import ExtractMetrics
from services.extract.processor import OutboundRecord

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 10.0


@dataclass
class FaustPublisher:
    """Sends every record, then awaits every delivery future (acks=all).

    A failed produce is retried with capped exponential backoff, indefinitely: the agent is blocked
    meanwhile, so the source offset does not advance and nothing is lost (the consumer lag metric
    and a warning per attempt show the stall). A retry may duplicate records that had already been
    written; consumers dedupe by event id.
    """

    topics: Mapping[str, faust.TopicT]
    metrics: ExtractMetrics

    async def publish(self, records: Sequence[OutboundRecord]) -> None:
        attempt = 0
        while True:
            try:
                pending = [
                    await self.topics[record.topic].send(key=record.key, value=record.value)
                    for record in records
                ]
                await asyncio.gather(*pending)
                if attempt:
                    log.info("produce succeeded after retries", extra={"attempts": attempt + 1})
                return
            except Exception as exc:  # any produce failure: retry, never drop or skip
                attempt += 1
                self.metrics.publish_retries.inc()
                delay = min(0.1 * 2**attempt, MAX_BACKOFF_SECONDS)
                log.warning(
                    "produce failed; retrying (the source offset stays put)",
                    extra={"attempt": attempt, "retry_in_seconds": delay, "error": repr(exc)},
                )
                await asyncio.sleep(delay)
