"""Builds the offline reviewer as a compiled extension with mypyc, when this machine can.

Everything else about the package lives in pyproject.toml. The offline modules are plain, type-checked
Python; mypyc turns them into C extensions that run the same code about half again as fast. A machine with
no C compiler, or `PARTY_COACH_NATIVE=0` in the environment, gets the pure-Python modules instead: same
reviews, only slower. `party-coach doctor` says which one is installed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup

OFFLINE_MODULES = sorted(str(path) for path in Path("bot/review").glob("offline*.py"))


def offline_extensions() -> list[Extension]:
    if os.environ.get("PARTY_COACH_NATIVE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    try:
        extensions = mypycify(
            # The build runs without the runtime dependencies, so some type: ignore comments look unused.
            ["--no-warn-unused-ignores", *OFFLINE_MODULES],
            opt_level="3",
            group_name="party_coach_offline",
        )
    except (Exception, SystemExit) as error:  # mypyc reports a failed type check by exiting
        print(f"warning: not compiling the offline reviewer ({error}); using pure Python", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: install the pure-Python modules rather than fail
    return extensions


setup(ext_modules=offline_extensions())
