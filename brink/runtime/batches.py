"""Process-then-acknowledge in batches: what a stream worker bound by round trips per record needs.

A worker that must not advance its offset before a record's effects are durable can handle one
record at a time, paying every round trip (state read, produce, state write) per record. This
module hands it *batches* instead: everything read while the previous batch was being processed,
up to ``max_batch`` records, in the order read. Under low load a batch is one record (no added
latency: nothing waits for a batch to fill); under load batches grow and the round trips are paid
once per batch.

Acknowledgements follow the same rule as ``brink.runtime.delivery``: strictly in the order items
were read, each only after ``process`` returned for its batch, because Faust (0.15.3,
``Consumer._new_offset``) may commit past an unacknowledged offset when acknowledgements arrive
out of order. Batches are processed one after another, so a batch never overtakes an earlier one.
Leaving the ``async with`` block (also by cancellation: a stop, a crash) acknowledges nothing more:
what was read but not processed is read again from the committed offset.

No Kafka or Faust imports: the processing and the acknowledgement are passed in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from brink.runtime.queue_loop import QueueLoop

Item = TypeVar("Item")


class BatchingFailed(RuntimeError):
    """The batch loop stopped on an error; the worker must restart from its committed offsets."""


class InOrderBatches(QueueLoop[Item]):
    """Hand submitted items to ``process`` in batches, one batch at a time, then ``ack`` each item.

    ``submit`` blocks while ``max_pending`` items wait for a batch (back-pressure on the reader).
    ``process`` must deal with bad items itself (dead letters); if it raises, the loop stops, no
    item of that batch or later is acknowledged, ``on_failure(error)`` is awaited (a worker stops
    there, to restart from its committed offsets: carrying on past unacknowledged records would let
    Faust commit past them), and the next ``submit`` raises ``BatchingFailed``.
    """

    failure = BatchingFailed
    loop_name = "batch"

    def __init__(
        self,
        process: Callable[[Sequence[Item]], Awaitable[object]],
        ack: Callable[[Item], Awaitable[object]],
        *,
        max_batch: int,
        max_pending: int | None = None,
        on_batch: Callable[[int], None] | None = None,
        on_failure: Callable[[BaseException], Awaitable[object]] | None = None,
    ) -> None:
        if max_batch < 1:
            raise ValueError(f"max_batch must be >= 1, got {max_batch}")
        super().__init__(maxsize=max_pending or max_batch, on_failure=on_failure)
        self._process = process
        self._ack = ack
        self._max_batch = max_batch
        self._on_batch = on_batch
        self._in_batch = 0

    @property
    def pending(self) -> int:
        """Items submitted and not yet acknowledged (waiting, or in the batch being processed)."""
        return self._queue.qsize() + self._in_batch

    async def submit(self, item: Item) -> None:
        """Queue ``item`` for the next batch; waits while ``max_pending`` items are queued."""
        await self._enqueue(item)

    async def _loop(self) -> None:
        queue = self._queue
        while True:
            batch = [await queue.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(queue.get_nowait())
                except asyncio.QueueEmpty:
                    break
            self._in_batch = len(batch)
            if self._on_batch is not None:
                self._on_batch(len(batch))
            await self._process(batch)
            for item in batch:
                await self._ack(item)
                queue.task_done()
            self._in_batch = 0
