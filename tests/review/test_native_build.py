"""The compiled offline reviewer (setup.py) reviews exactly as its pure-Python source does."""

from __future__ import annotations

import importlib.machinery
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from bot.review.native_build import offline_build, source_copy, stale_modules

ROOT = Path(__file__).resolve().parents[2]
LABELLED_SETS = sorted(ROOT.glob("data/drafts-*.jsonl")) + sorted(ROOT.glob("bench/drafts-*.jsonl"))

# Reviews every labelled draft and prints them, latency left out, one JSON object per line, after the build.
REVIEW_ALL = """
import json, sys
from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.native_build import offline_build
from bot.review.offline import OfflineReviewer
from bot.settings import BUNDLED_DATA
print(offline_build())
reviewer = OfflineReviewer(load_principles(BUNDLED_DATA / "principles.toml"))
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        review = reviewer.review_sync(Draft(text=row["text"], context=row.get("context")))
        print(review.model_dump_json(exclude={"latency_ms"}))
"""


def review_all(cwd: Path, pythonpath: Path | None = None) -> tuple[str, list[str]]:
    """The build a fresh process runs, and its reviews of every labelled draft."""
    env = {**os.environ, **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})}
    command = [sys.executable, "-c", REVIEW_ALL, *map(str, LABELLED_SETS)]
    ran = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, check=True)
    build, *reviews = ran.stdout.splitlines()
    return build, reviews


def test_a_module_edited_after_it_was_compiled_is_reported_stale(tmp_path: Path) -> None:
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in ("offline_scan", "offline_judges"):
        (tmp_path / f"{name}.py").write_text("# source\n")
        (tmp_path / f"{name}{suffix}").write_bytes(b"compiled")
    (tmp_path / "offline_rewrite.py").write_text("# never compiled: pure Python, not stale\n")
    assert stale_modules(tmp_path) == []
    later = time.time() + 60
    os.utime(tmp_path / "offline_scan.py", (later, later))
    assert stale_modules(tmp_path) == ["offline_scan.py"]


@pytest.mark.skipif(offline_build() != "compiled", reason="this install runs the pure-Python reviewer")
def test_compiled_reviews_match_the_pure_python_source(tmp_path: Path) -> None:
    compiled_build, compiled = review_all(tmp_path)
    pure_build, pure = review_all(tmp_path, source_copy(tmp_path / "source"))
    assert (compiled_build, pure_build) == ("compiled", "pure Python")
    assert len(compiled) > 500
    mismatches = [(c, p) for c, p in zip(compiled, pure, strict=True) if c != p]
    assert mismatches == []


def test_without_a_c_compiler_the_package_builds_as_pure_python(tmp_path: Path) -> None:
    """No compiler (CC=false): the build ships the source modules instead of failing, and no log DB."""
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "build", "dist", "*.egg-info", "*.so", "__pycache__", "*cache*"
        ),
    )
    (source / "data" / "party-coach.db").write_bytes(b"a developer's own suggestion log")
    env = {**os.environ, "CC": "false", "PIP_NO_INDEX": "1", "PYTHONWARNINGS": "ignore"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            "dist",
            ".",
        ],
        cwd=source,
        env=env,
        capture_output=True,
        check=True,
    )
    (wheel,) = (source / "dist").glob("party_coach-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/review/offline_scan.py" in names
    assert not [name for name in names if name.endswith(".so")]
    assert "bot/data/principles.toml" in names and "bot/prompts/system.md" in names
    assert "bot/data/offline-model.json" in names  # the offline reviewer can't review without its weights
    assert not [name for name in names if ".db" in name]  # nobody's log ships in the package
