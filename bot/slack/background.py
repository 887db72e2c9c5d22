"""Work that runs after Slack has been acknowledged: tracked so it isn't lost, drained on shutdown."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

logger = logging.getLogger(__name__)

OnFailure = Callable[[], Awaitable[Any]]


class BackgroundWork:
    """Starts jobs as tasks, keeps a reference to each (so none is garbage-collected mid-flight),
    logs any exception with its traceback and tells the person with a friendly line instead."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._locks: dict[str, asyncio.Lock] = {}
        self._lock_users: dict[str, int] = {}

    def start(
        self, job: Coroutine[Any, Any, Any], *, what: str, on_failure: OnFailure | None = None
    ) -> asyncio.Task[None]:
        task = asyncio.create_task(self._run(job, what, on_failure), name=f"slack:{what}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self, timeout: float = 30.0) -> None:
        """Wait for jobs in progress; cancel whatever is still running after `timeout`."""
        pending = [t for t in self._tasks if t is not asyncio.current_task()]
        if not pending:
            return
        _, late = await asyncio.wait(pending, timeout=timeout)
        for task in late:
            logger.warning("slack job %s still running at shutdown; cancelling it", task.get_name())
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=5)

    @asynccontextmanager
    async def one_at_a_time(self, key: str) -> AsyncIterator[None]:
        """Serialise jobs on the same thing (say, one message and its edits), in this process."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._lock_users[key] = self._lock_users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._lock_users[key] -= 1
            if not self._lock_users[key]:
                del self._lock_users[key]
                del self._locks[key]

    async def _run(self, job: Coroutine[Any, Any, Any], what: str, on_failure: OnFailure | None) -> None:
        try:
            await job
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            logger.exception(
                "slack %s failed", what, extra={"platform": "slack", "error": type(exc).__name__}
            )
            if on_failure is not None:
                try:
                    await on_failure()
                except Exception:
                    logger.exception("slack %s: couldn't tell the person it failed", what)
