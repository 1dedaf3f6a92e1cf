"""Produce-then-acknowledge, pipelined: in-order acknowledgements with several messages in flight.

A stream worker that must not advance its offset before its outputs are on the broker can await
every produce before reading the next message, paying one broker round trip per message. This
module lets it hand message *n+1*'s outputs to the producer while message *n*'s are still in
flight, and still acknowledges messages strictly in the order they were read, each only once the
broker acknowledged all of its outputs.

In-order matters with Faust: its consumer commits the highest acknowledged offset when the
acknowledged offsets are contiguous *from the committed one plus one*, so acknowledging offset 11
while 10 is still in flight lets it commit 12 (faust-streaming 0.15.3, ``Consumer._new_offset``).
That is why agents here run with ``concurrency=1`` and pipeline with this class instead.

No Kafka or Faust imports: the producer and the acknowledgement are passed in.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from brink.runtime.queue_loop import QueueLoop

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Record = TypeVar("Record")
Record_contra = TypeVar("Record_contra", contravariant=True)

MAX_BACKOFF_SECONDS = 10.0


class Sender(Protocol[Record_contra]):
    async def send(self, records: Sequence[Record_contra]) -> Awaitable[object]:
        """Hand ``records`` to the producer; the awaitable resolves once the broker acknowledged all."""


@dataclass
class _InFlight(Generic[Item, Record]):
    item: Item
    records: Sequence[Record]
    delivered: Awaitable[object] | None


class DeliveryFailed(RuntimeError):
    """The delivery loop stopped on an unexpected error; the worker must restart from its offsets."""


class OrderedDelivery(QueueLoop[_InFlight[Item, Record]], Generic[Item, Record]):
    """Send each item's records at once; acknowledge items in submission order after delivery.

    ``ack(item)`` is called once every record of that item and of all earlier items was
    acknowledged by the broker; ``on_delivered(item)`` just before it (metrics). A failed produce is
    retried with capped backoff, indefinitely: acknowledgements stop meanwhile, so nothing is lost
    (a retry may duplicate records that had been written; consumers dedupe by id). At most
    ``max_in_flight`` items wait for delivery; ``submit`` blocks beyond that. If acknowledging (or
    ``on_delivered``) raises, the loop stops: ``on_failure(error)`` is awaited, nothing later is
    acknowledged, and the next ``submit`` raises ``DeliveryFailed``.

    Use as an async context manager around the consuming loop: leaving it (also by cancellation)
    stops the delivery loop *without* acknowledging what is still in flight.
    """

    failure = DeliveryFailed
    loop_name = "delivery"

    def __init__(
        self,
        sender: Sender[Record],
        ack: Callable[[Item], Awaitable[object]],
        *,
        max_in_flight: int,
        on_delivered: Callable[[Item], None] | None = None,
        on_retry: Callable[[BaseException], None] | None = None,
        on_failure: Callable[[BaseException], Awaitable[object]] | None = None,
    ) -> None:
        super().__init__(maxsize=max_in_flight, on_failure=on_failure)
        self._sender = sender
        self._ack = ack
        self._on_delivered = on_delivered
        self._on_retry = on_retry

    @property
    def in_flight(self) -> int:
        return self._queue.qsize()

    async def submit(self, item: Item, records: Sequence[Record]) -> None:
        """Start producing ``records``; ``item`` is acked once they and all earlier ones are delivered."""
        self._check_running()
        delivered: Awaitable[object] | None = None
        if records:
            try:
                delivered = await self._sender.send(records)
            except Exception as exc:  # e.g. the producer is not connected: the loop retries
                delivered = _failed(exc)
        await self._enqueue(_InFlight(item, records, delivered))

    async def _loop(self) -> None:
        while True:
            flight = await self._queue.get()
            if flight.delivered is not None:
                await self._until_delivered(flight)
            if self._on_delivered is not None:
                self._on_delivered(flight.item)
            await self._ack(flight.item)
            self._queue.task_done()

    async def _until_delivered(self, flight: _InFlight[Item, Record]) -> None:
        delivered = flight.delivered
        attempt = 0
        while True:
            try:
                assert delivered is not None
                await delivered
                if attempt:
                    log.info("produce succeeded after retries", extra={"attempts": attempt + 1})
                return
            except Exception as exc:  # any produce failure: retry, never drop or skip
                attempt += 1
                if self._on_retry is not None:
                    self._on_retry(exc)
                delay = min(0.1 * 2**attempt, MAX_BACKOFF_SECONDS)
                log.warning(
                    "produce failed; retrying (the source offset stays put)",
                    extra={"attempt": attempt, "retry_in_seconds": delay, "error": repr(exc)},
                )
                await asyncio.sleep(delay)
                try:
                    delivered = await self._sender.send(flight.records)
                except Exception as send_exc:
                    delivered = _failed(send_exc)


def _failed(exc: BaseException) -> asyncio.Future[object]:
    future: asyncio.Future[object] = asyncio.get_running_loop().create_future()
    future.set_exception(exc)
    return future
