"""OrderedDelivery: several messages in flight, acknowledgements in order and only after delivery."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field

import pytest

from brink.runtime.delivery import DeliveryFailed, OrderedDelivery


@dataclass
class ControlledSender:
    """Each send returns a future the test resolves (or fails) when it wants."""

    sent: list[list[str]] = field(default_factory=list)
    futures: list[asyncio.Future[object]] = field(default_factory=list)

    async def send(self, records: Sequence[str]) -> Awaitable[object]:
        self.sent.append(list(records))
        future: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self.futures.append(future)
        return future


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_items_are_acknowledged_in_submission_order_even_when_delivered_out_of_order() -> None:
    sender, acked = ControlledSender(), []

    async def ack(item: str) -> None:
        acked.append(item)

    async with OrderedDelivery(sender, ack, max_in_flight=8) as delivery:
        for item in ("a", "b", "c"):
            await delivery.submit(item, [f"{item}-event"])
        assert sender.sent == [["a-event"], ["b-event"], ["c-event"]]  # all in flight at once
        sender.futures[2].set_result(None)
        sender.futures[1].set_result(None)
        await settle()
        assert acked == []  # "a" is not delivered yet: nothing after it may be acknowledged
        sender.futures[0].set_result(None)
        await delivery.drain()
    assert acked == ["a", "b", "c"]


async def test_an_item_without_records_waits_for_the_items_before_it() -> None:
    sender, acked = ControlledSender(), []

    async def ack(item: str) -> None:
        acked.append(item)

    async with OrderedDelivery(sender, ack, max_in_flight=8) as delivery:
        await delivery.submit("coded", ["event"])
        await delivery.submit("skipped", [])
        await settle()
        assert acked == []
        sender.futures[0].set_result(None)
        await delivery.drain()
    assert acked == ["coded", "skipped"]


async def test_a_failed_delivery_is_sent_again_and_acknowledged_only_after_it_succeeds() -> None:
    sender, acked = ControlledSender(), []
    retries: list[BaseException] = []

    async def ack(item: str) -> None:
        acked.append(item)

    async with OrderedDelivery(sender, ack, max_in_flight=8, on_retry=retries.append) as delivery:
        await delivery.submit("a", ["a-event"])
        await delivery.submit("b", ["b-event"])
        sender.futures[1].set_result(None)
        sender.futures[0].set_exception(ConnectionError("broker away"))
        while len(sender.futures) < 3:  # the retry sends "a" again after a short backoff
            await asyncio.sleep(0.02)
        assert sender.sent[2] == ["a-event"]
        assert acked == []
        sender.futures[2].set_result(None)
        await delivery.drain()
    assert acked == ["a", "b"]
    assert [type(e) for e in retries] == [ConnectionError]


async def test_leaving_the_block_leaves_undelivered_items_unacknowledged() -> None:
    sender, acked = ControlledSender(), []

    async def ack(item: str) -> None:
        acked.append(item)

    async with OrderedDelivery(sender, ack, max_in_flight=8) as delivery:
        await delivery.submit("a", ["a-event"])
        await delivery.submit("b", ["b-event"])
        sender.futures[0].set_result(None)
        await settle()
    assert acked == ["a"]


async def test_submit_waits_when_max_in_flight_items_are_undelivered() -> None:
    sender = ControlledSender()

    async def ack(item: str) -> None:
        return None

    async with OrderedDelivery(sender, ack, max_in_flight=2) as delivery:
        await delivery.submit("a", ["a-event"])  # taken by the delivery loop, waiting on its future
        await settle()
        await delivery.submit("b", ["b-event"])
        await delivery.submit("c", ["c-event"])
        fourth = asyncio.create_task(delivery.submit("d", ["d-event"]))
        await settle()
        assert not fourth.done()
        sender.futures[0].set_result(None)
        await asyncio.wait_for(fourth, 5)
        for future in sender.futures[1:]:
            future.set_result(None)
        await delivery.drain()


async def test_a_failing_acknowledgement_stops_the_loop_and_is_reported_at_once() -> None:
    sender, acked = ControlledSender(), []
    failures: list[BaseException] = []

    async def ack(item: str) -> None:
        if item == "b":
            raise RuntimeError("commit refused for b")
        acked.append(item)

    async def on_failure(error: BaseException) -> None:
        failures.append(error)

    async with OrderedDelivery(sender, ack, max_in_flight=8, on_failure=on_failure) as delivery:
        for item in ("a", "b", "c"):
            await delivery.submit(item, [f"{item}-event"])
        for future in sender.futures:
            future.set_result(None)
        with pytest.raises(DeliveryFailed, match="commit refused for b"):
            await delivery.drain()
        with pytest.raises(DeliveryFailed):
            await delivery.submit("d", ["d-event"])
    assert acked == ["a"]  # nothing after the failed acknowledgement
    # The worker is told at once (it stops itself), not only when the next article arrives.
    assert [str(error) for error in failures] == ["commit refused for b"]
