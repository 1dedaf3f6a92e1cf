"""InOrderBatches: what arrived during a batch becomes the next batch; acks in order, after processing."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from brink.runtime.batches import BatchingFailed, InOrderBatches


@dataclass
class GatedProcess:
    """Records each batch and holds it until the test opens the gate for it."""

    batches: list[list[int]] = field(default_factory=list)
    started: asyncio.Event = field(default_factory=asyncio.Event)
    gates: list[asyncio.Event] = field(default_factory=list)
    fail_on: int | None = None

    async def __call__(self, batch: Sequence[int]) -> None:
        self.batches.append(list(batch))
        gate = asyncio.Event()
        self.gates.append(gate)
        self.started.set()
        await gate.wait()
        if self.fail_on is not None and self.fail_on in batch:
            raise RuntimeError(f"cannot process {self.fail_on}")

    async def next_batch_started(self) -> list[int]:
        await asyncio.wait_for(self.started.wait(), 5)
        self.started.clear()
        return self.batches[-1]

    def release(self) -> None:
        self.gates[-1].set()


async def test_records_read_during_a_batch_form_the_next_batch_and_are_acknowledged_in_order_after_it() -> (
    None
):
    process, acked = GatedProcess(), []

    async def ack(item: int) -> None:
        acked.append(item)

    async with InOrderBatches(process, ack, max_batch=100, max_pending=100) as batches:
        await batches.submit(0)
        assert await process.next_batch_started() == [0]  # low load: a batch of one, no waiting
        for item in range(1, 6):
            await batches.submit(item)
        assert acked == []  # batch [0] is still being processed: nothing is acknowledged
        process.release()
        assert await process.next_batch_started() == [1, 2, 3, 4, 5]
        assert acked == [0]
        process.release()
        await batches.drain()
    assert acked == [0, 1, 2, 3, 4, 5]
    assert process.batches == [[0], [1, 2, 3, 4, 5]]


async def test_a_batch_holds_at_most_max_batch_records_and_the_rest_follow_in_order() -> None:
    process, acked = GatedProcess(), []

    async def ack(item: int) -> None:
        acked.append(item)

    sizes: list[int] = []
    async with InOrderBatches(process, ack, max_batch=3, max_pending=10, on_batch=sizes.append) as batches:
        await batches.submit(0)
        await process.next_batch_started()
        for item in range(1, 8):
            await batches.submit(item)
        process.release()
        for expected in ([1, 2, 3], [4, 5, 6], [7]):
            assert await process.next_batch_started() == expected
            process.release()
        await batches.drain()
    assert acked == list(range(8))
    assert sizes == [1, 3, 3, 1]


async def test_submit_waits_while_max_pending_records_are_queued() -> None:
    process = GatedProcess()

    async def ack(item: int) -> None:
        pass

    async with InOrderBatches(process, ack, max_batch=2, max_pending=2) as batches:
        await batches.submit(0)
        await process.next_batch_started()
        await batches.submit(1)
        await batches.submit(2)
        blocked = asyncio.create_task(batches.submit(3))
        await asyncio.sleep(0)  # let the task run up to its wait (a yield, not a timing assumption)
        assert not blocked.done() and batches.pending == 3  # two queued and one being processed
        process.release()
        await asyncio.wait_for(blocked, 5)  # [1, 2] left the queue for the next batch
        assert await process.next_batch_started() == [1, 2]
        process.release()
        assert await process.next_batch_started() == [3]
        process.release()
        await batches.drain()


async def test_leaving_the_block_during_a_batch_acknowledges_none_of_it() -> None:
    process, acked = GatedProcess(), []

    async def ack(item: int) -> None:
        acked.append(item)

    async with InOrderBatches(process, ack, max_batch=10) as batches:
        await batches.submit(0)
        await process.next_batch_started()
        process.release()
        await batches.drain()
        await batches.submit(1)
        await batches.submit(2)
        await process.next_batch_started()
        # a stop or a crash here: the batch [1, 2] is never released
    assert acked == [0]


async def test_a_failing_batch_is_not_acknowledged_stops_the_loop_and_is_reported() -> None:
    process, acked = GatedProcess(fail_on=2), []

    async def ack(item: int) -> None:
        acked.append(item)

    failures: list[BaseException] = []

    async def on_failure(error: BaseException) -> None:
        failures.append(error)

    async with InOrderBatches(process, ack, max_batch=10, on_failure=on_failure) as batches:
        await batches.submit(1)
        await process.next_batch_started()
        process.release()
        await batches.drain()
        await batches.submit(2)
        await batches.submit(3)
        await process.next_batch_started()
        process.release()
        with pytest.raises(BatchingFailed, match="cannot process 2"):
            await batches.drain()
        with pytest.raises(BatchingFailed):
            await batches.submit(4)
    assert acked == [1]
    # The worker is told at once (it stops), not only when the next record arrives.
    assert [str(error) for error in failures] == ["cannot process 2"]


def test_a_batch_size_below_one_is_refused() -> None:
    async def nothing(item: object) -> None:
        pass

    with pytest.raises(ValueError, match="max_batch"):
        InOrderBatches(nothing, nothing, max_batch=0)
