"""`party-coach health` and the heartbeat behind it: what a container health check is told."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.heartbeat import BEAT_SECONDS, STALE_SECONDS, keep_beating, last_beat, write_beat


def health(heartbeat: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["health", "--heartbeat-file", str(heartbeat)])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("age", [0.0, BEAT_SECONDS + 10, STALE_SECONDS - 20], ids=["fresh", "late", "later"])
def test_a_recent_heartbeat_is_healthy(tmp_path: Path, age: float) -> None:
    heartbeat = tmp_path / "bot.heartbeat"
    write_beat(heartbeat, time.time() - age)
    exit_code, out, err = health(heartbeat)
    assert (exit_code, err) == (0, "")
    assert re.fullmatch(r"Party Coach is running \(last heartbeat \d+ s ago\)\.\n", out)


def test_a_stale_heartbeat_is_unhealthy(tmp_path: Path) -> None:
    heartbeat = tmp_path / "bot.heartbeat"
    write_beat(heartbeat, time.time() - STALE_SECONDS - 90)
    assert health(heartbeat) == (
        1,
        "",
        "Party Coach isn't responding: its last heartbeat was 3 min ago (it beats every 30 s). "
        "Restart it, and look at its log for the cause.\n",
    )


def test_no_heartbeat_means_not_running(tmp_path: Path) -> None:
    assert health(tmp_path / "none") == (
        1,
        "",
        f"Party Coach isn't running: there is no heartbeat at {tmp_path / 'none'}. "
        "Start it with `party-coach run`.\n",
    )


def test_the_heartbeat_file_can_be_set_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heartbeat = tmp_path / "from-env.heartbeat"
    write_beat(heartbeat, time.time())
    monkeypatch.setenv("PARTY_COACH_HEARTBEAT_FILE", str(heartbeat))
    assert CliRunner().invoke(cli, ["health"]).exit_code == 0


async def test_keep_beating_rewrites_the_file_and_removes_it_on_stop(tmp_path: Path) -> None:
    heartbeat = tmp_path / "bot.heartbeat"
    ticks = iter([100.0, 130.0, 160.0])
    stop = asyncio.Event()
    beating = asyncio.create_task(keep_beating(heartbeat, stop, every=0.01, clock=lambda: next(ticks)))
    async with asyncio.timeout(10):
        while last_beat(heartbeat) != 160.0:
            await asyncio.sleep(0.005)
    stop.set()
    await asyncio.wait_for(beating, 10)
    assert not heartbeat.exists()
