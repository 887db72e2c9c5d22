"""Which build of the offline reviewer this process runs: compiled by mypyc (see setup.py) or pure Python."""

from __future__ import annotations

import importlib.machinery
import shutil
from pathlib import Path

REVIEW_DIR = Path(__file__).resolve().parent
_EXTENSION_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def compiled_modules(directory: Path = REVIEW_DIR) -> dict[Path, Path]:
    """Each offline module's compiled extension beside its source, keyed by the source."""
    found = {}
    for source in sorted(directory.glob("offline*.py")):
        for suffix in _EXTENSION_SUFFIXES:
            built = source.with_name(source.stem + suffix)
            if built.exists():
                found[source] = built
                break
    return found


def stale_modules(directory: Path = REVIEW_DIR) -> list[str]:
    """Offline modules whose source changed after they were compiled: Python would load the old code."""
    return [
        source.name
        for source, built in compiled_modules(directory).items()
        if source.stat().st_mtime > built.stat().st_mtime
    ]


def offline_build() -> str:
    """'compiled' when the offline reviewer in use is the mypyc build, else 'pure Python'."""
    from bot.review import offline

    return "compiled" if str(offline.__file__).endswith(_EXTENSION_SUFFIXES) else "pure Python"


def source_copy(into: Path) -> Path:
    """Copy the package into `into`, leaving out compiled modules (and any log DB), and return `into`.

    With `into` first on the path, Python runs the pure-Python source even where the compiled build is
    installed: the benchmark and the tests use it to compare the two builds.
    """
    skip = shutil.ignore_patterns("*.so", "__pycache__", "*.db*")
    shutil.copytree(REVIEW_DIR.parent, into / "bot", ignore=skip)
    return into
