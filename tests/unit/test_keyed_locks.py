"""KeyedLocks (brink/runtime/keyed_locks.py): per-key mutual exclusion that keeps no unused lock."""

from __future__ import annotations

import asyncio

import pytest

from brink.runtime.keyed_locks import KeyedLocks


async def _until_kept(locks: KeyedLocks, n: int) -> None:
    """Wait until ``n`` locks are kept: a caller registers its keys before it waits for them."""
    async with asyncio.timeout(5):
        while len(locks) < n:
            await asyncio.sleep(0)


async def test_a_lock_is_forgotten_once_nobody_holds_or_waits_for_it() -> None:
    locks = KeyedLocks()
    for n in range(100):
        async with locks.hold(f"D{n}"):
            assert len(locks) == 1
    async with locks.hold_all(["IRN-USA", "IRQ-USA"]):
        assert len(locks) == 2
    assert len(locks) == 0


async def test_a_second_holder_of_the_same_key_waits_for_the_first() -> None:
    locks = KeyedLocks()
    order: list[str] = []
    first_in = asyncio.Event()
    let_first_go = asyncio.Event()

    async def first() -> None:
        async with locks.hold("IRN-USA"):
            first_in.set()
            order.append("first in")
            await let_first_go.wait()
            order.append("first out")

    async def second() -> None:
        await first_in.wait()
        async with locks.hold_all(["IRN-USA", "IRQ-USA"]):
            order.append("second in")

    tasks = [asyncio.create_task(first()), asyncio.create_task(second())]
    await _until_kept(locks, 2)  # the second is waiting: the lock it waits for is kept
    assert order == ["first in"]
    let_first_go.set()
    await asyncio.gather(*tasks)
    assert order == ["first in", "first out", "second in"]
    assert len(locks) == 0


async def test_overlapping_keys_in_opposite_orders_do_not_deadlock() -> None:
    locks = KeyedLocks()
    done: list[int] = []

    async def worker(n: int, keys: list[str]) -> None:
        for _ in range(20):
            async with locks.hold_all(keys):
                await asyncio.sleep(0)
        done.append(n)

    await asyncio.wait_for(
        asyncio.gather(worker(1, ["A", "B", "C"]), worker(2, ["C", "B", "A"]), worker(3, ["B", "A"])),
        timeout=10,
    )
    assert sorted(done) == [1, 2, 3]
    assert len(locks) == 0


async def test_a_waiter_cancelled_while_waiting_leaves_no_lock_behind() -> None:
    locks = KeyedLocks()
    held = asyncio.Event()
    release = asyncio.Event()

    async def holder() -> None:
        async with locks.hold("IRN-USA"):
            held.set()
            await release.wait()

    async def waiter() -> None:
        async with locks.hold_all(["IRN-USA", "RUS-UKR"]):
            pytest.fail("the waiter must not get the lock while it is held")

    holding = asyncio.create_task(holder())
    await held.wait()
    waiting = asyncio.create_task(waiter())
    await _until_kept(locks, 2)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    release.set()
    await holding
    assert len(locks) == 0
