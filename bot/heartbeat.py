"""The running bot's heartbeat file: `party-coach run` rewrites it, `party-coach health` reads its age.

A file works the same in every mode (Socket Mode, HTTP mode, Discord), needs no open port, and goes
stale by itself when the process hangs or dies, which is what a container health check wants to know.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BEAT_SECONDS = 30.0
STALE_SECONDS = 3 * BEAT_SECONDS  # two missed beats in a row: the loop is stuck, or the bot is gone


def default_heartbeat_file() -> Path:
    """One per user on this machine, so two people's bots don't share it."""
    return Path(tempfile.gettempdir()) / f"party-coach-{os.getuid()}.heartbeat"


def write_beat(path: Path, now: float) -> None:
    """Replace the file in one step, so a reader never sees half a timestamp."""
    part = path.with_name(path.name + ".part")
    part.write_text(f"{now:.3f}\n", encoding="ascii")
    part.replace(path)


async def keep_beating(
    path: Path, stop: asyncio.Event, every: float = BEAT_SECONDS, clock: Callable[[], float] = time.time
) -> None:
    """Rewrite `path` every `every` seconds until `stop`, then remove it: a stopped bot isn't healthy."""
    try:
        while not stop.is_set():
            write_beat(path, clock())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)
    finally:
        path.unlink(missing_ok=True)


def last_beat(path: Path) -> float | None:
    """When the bot last wrote its heartbeat (seconds since the epoch), or None if there is none."""
    try:
        return float(path.read_text(encoding="ascii"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return None
