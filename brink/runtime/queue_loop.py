"""A background loop fed through a bounded queue, for the in-order acknowledgement helpers
(``brink.runtime.delivery``, ``brink.runtime.batches``): start and stop with ``async with``, enqueue
with back-pressure, wait until everything enqueued was handled, and fail loudly once the loop died.

No Kafka or Faust imports.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Generic, Self, TypeVar

Queued = TypeVar("Queued")


class QueueLoop(Generic[Queued]):
    """Subclasses implement ``_loop`` (take from ``self._queue``, call ``task_done`` when handled)
    and name the exception raised once it has stopped (``failure``).

    When ``_loop`` raises, ``on_failure(error)`` is awaited before the loop ends: a Faust worker uses it to
    stop itself, because restarting only its agent would read on past the items that were never
    acknowledged, and Faust may then commit past them (docs/adr/0004-extract-acks-after-produce.md).
    Every later ``submit``/``drain`` raises ``failure``."""

    failure: type[RuntimeError] = RuntimeError
    loop_name = "queue-loop"

    def __init__(
        self, maxsize: int, on_failure: Callable[[BaseException], Awaitable[object]] | None = None
    ) -> None:
        self._queue: asyncio.Queue[Queued] = asyncio.Queue(maxsize=maxsize)
        self._task: asyncio.Task[None] | None = None
        self._on_failure = on_failure

    async def _loop(self) -> None:
        raise NotImplementedError

    async def _run(self) -> None:
        try:
            await self._loop()
        except Exception as exc:
            if self._on_failure is not None:
                await self._on_failure(exc)
            raise

    async def __aenter__(self) -> Self:
        self._task = asyncio.create_task(self._run(), name=self.loop_name)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Leaving (also by cancellation) stops the loop without handling what is still queued.
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _enqueue(self, queued: Queued) -> None:
        """Put ``queued`` on the queue, waiting while it is full, unless the loop stops meanwhile."""
        self._check_running()
        try:
            self._queue.put_nowait(queued)
            return
        except asyncio.QueueFull:
            pass
        put = asyncio.ensure_future(self._queue.put(queued))
        assert self._task is not None
        done, _ = await asyncio.wait({put, self._task}, return_when=asyncio.FIRST_COMPLETED)
        if put not in done:
            put.cancel()
            self._check_running()

    async def drain(self) -> None:
        """Wait until everything enqueued so far was handled."""
        self._check_running()
        join = asyncio.ensure_future(self._queue.join())
        assert self._task is not None
        await asyncio.wait({join, self._task}, return_when=asyncio.FIRST_COMPLETED)
        if not join.done():
            join.cancel()
            self._check_running()

    def _check_running(self) -> None:
        if self._task is None:
            raise RuntimeError(f"{type(self).__name__} used outside its `async with` block")
        if self._task.done():
            error = None if self._task.cancelled() else self._task.exception()
            raise self.failure(f"the {self.loop_name} loop stopped: {error!r}") from error
