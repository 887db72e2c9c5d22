"""Keep the garbage collector's full passes off a busy event loop."""

from __future__ import annotations

import functools
import gc


@functools.cache
def freeze_startup_objects() -> None:
    """Collect once, then exempt every object alive now from later collections (once per process).

    After imports and start-up a bot holds hundreds of thousands of long-lived objects (modules,
    library tables, caches). Each full collection would walk them all again, pausing the event loop
    for around 100 ms in the middle of a burst of reviews; frozen, they are skipped.
    """
    gc.collect()
    gc.freeze()
