"""The README's dashboard picture, made by the project's own `party-coach dashboard` and headless Chromium.

Run it with `.venv/bin/python bench/dashboard_screenshot.py [OUT.png]` from the project root (default:
docs/dashboard.png). It makes a demo log with bench/demo_log.py in a temporary folder, starts
`party-coach dashboard --db THAT --port 0` as a separate process, and has Debian's `chromium` take a
screenshot of the charts page. The tests start the dashboard and take screenshots the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench.demo_log` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.demo_log import write_demo_log

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 60.0  # a slow, shared machine can take a while to import Datasette
SCREENSHOT_SECONDS = 120.0
CHART_WAIT_MS = 10_000  # virtual time for the page's scripts to fetch the data and draw the charts
ADDRESS = re.compile(r"^\s+(Charts|Saved queries):\s+(\S+)$")


@dataclass(frozen=True)
class RunningDashboard:
    process: subprocess.Popen[str]
    charts: str
    queries: str
    printed: list[str]  # what it printed once it listens: its addresses and how to stop it

    @property
    def base(self) -> str:
        return self.charts.split("/-/")[0]


@contextmanager
def running_dashboard(
    db: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Iterator[RunningDashboard]:
    """`party-coach dashboard --db DB --port 0` as a separate process, stopped on leaving."""
    command = [sys.executable, "-m", "bot", "dashboard", "--db", str(db), "--port", "0"]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(env or os.environ),
        cwd=cwd,
    )
    try:
        printed = _read_addresses(process)
        addresses = {m[1]: m[2] for m in map(ADDRESS.match, printed) if m}
        yield RunningDashboard(process, addresses["Charts"], addresses["Saved queries"], printed)
    finally:
        process.terminate()
        process.communicate(timeout=START_SECONDS)


def _read_addresses(process: subprocess.Popen[str]) -> list[str]:
    """The lines the command prints once it listens, up to "Press Ctrl+C"; its error if it stops first.

    Reading through the last of them matters: a pipe read ahead past what was asked for would hide the rest
    from a later `communicate`."""
    assert process.stdout is not None
    printed: list[str] = []
    found = 0
    timer = threading.Timer(START_SECONDS, process.kill)  # never wait forever on a hung start
    timer.start()
    try:
        for line in process.stdout:
            printed.append(line.rstrip("\n"))
            found += ADDRESS.match(printed[-1]) is not None
            if found == 2 and "Ctrl+C" in printed[-1]:
                return printed
    finally:
        timer.cancel()
    _, error = process.communicate(timeout=START_SECONDS)
    raise RuntimeError(f"party-coach dashboard stopped (exit {process.returncode}): {error.strip()}")


def chromium() -> str | None:
    return shutil.which("chromium")


def take_screenshot(url: str, out: Path, width: int = 1280, height: int = 900) -> None:
    """Headless Chromium's picture of `url`, once its charts have had time to draw."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("headless Chromium isn't installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--virtual-time-budget={CHART_WAIT_MS}",
                f"--screenshot={out}",
                f"--window-size={width},{height}",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=SCREENSHOT_SECONDS,
        )


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "dashboard.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "party-coach.db"
        made = write_demo_log(db)
        with running_dashboard(db) as dashboard:
            take_screenshot(dashboard.charts, out.resolve(), height=1250)
    print(f"{out}: the charts for {made.reviews} generated reviews")


if __name__ == "__main__":
    main()
