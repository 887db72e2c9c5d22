"""The Dockerfile passes hadolint and keeps the promises the README makes about the image."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.heartbeat import write_beat

DOCKERFILE = Path(__file__).resolve().parents[1] / "Dockerfile"


def hadolint() -> str:
    found = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    if not Path(found).exists():
        pytest.fail("hadolint is not installed: run `make install` (it comes with the dev extras)")
    return found


def test_hadolint_passes() -> None:
    result = subprocess.run([hadolint(), str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_shape() -> None:
    text = DOCKERFILE.read_text()
    assert "FROM python:3.12-slim" in text
    assert "ca-certificates" in text
    assert 'VOLUME ["/app/data"]' in text
    assert "USER 10001" in text
    assert 'CMD ["party-coach", "run", "all"]' in text


def instruction(name: str) -> str:
    [line] = [line for line in DOCKERFILE.read_text().splitlines() if line.startswith(f"{name} ")]
    return line.removeprefix(f"{name} ")


def test_the_http_mode_port_is_declared_and_the_readme_publishes_it() -> None:
    assert instruction("EXPOSE") == "3000"
    readme = (DOCKERFILE.parent / "README.md").read_text(encoding="utf-8")
    docker = readme[readme.index("## Docker\n") : readme.index("## Development\n")]
    assert "-p 3000:3000" in docker and "run slack --http --port 3000" in docker


def test_the_healthcheck_runs_a_real_command_that_reads_the_bots_heartbeat(tmp_path: Path) -> None:
    options, _, command = instruction("HEALTHCHECK").partition(" CMD ")
    assert "--interval=30s" in options
    argv = json.loads(command)
    assert argv[:1] == ["party-coach"]
    heartbeat = tmp_path / "bot.heartbeat"
    check = [*argv[1:], "--heartbeat-file", str(heartbeat)]

    assert CliRunner().invoke(cli, check).exit_code == 1, "no bot running: unhealthy"
    write_beat(heartbeat, time.time())
    assert CliRunner().invoke(cli, check).exit_code == 0, "a fresh heartbeat: healthy"
