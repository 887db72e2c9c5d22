"""How long the weekly digest takes to build from a log of 100,000 generated reviews.

    .venv/bin/python bench/bench_digest.py [--reviews 100000] [--channels 40] [--runs 5]

It makes a throwaway log (12 weeks, many channels, one of them much busier than the rest), then times,
as the median of several runs: the figures for the busiest channel, the same with the text and the
chart, and the figures for every channel as the weekly posting step builds them. The goal is under 2 s
for one channel's digest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.digest_demo_log import fill_log
from bot.insights.chart import render_chart
from bot.insights.digest import build_digest
from bot.insights.weeks import LocalWeek
from bot.insights.wording import digest_lines
from bot.principles import load_principles
from bot.settings import BUNDLED_DATA
from bot.store import SuggestionLog

GOAL_SECONDS = 2.0
BUSY = "CBUSY0001"
END = datetime(2026, 1, 12, tzinfo=UTC)  # a Monday: the 12 weeks before it are whole weeks


def median_seconds(step: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--channels", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    principles = load_principles(BUNDLED_DATA / "principles.toml")
    channels = tuple(f"C{n:08d}" for n in range(args.channels))
    with tempfile.TemporaryDirectory() as folder:
        log = SuggestionLog(Path(folder) / "bench.db")
        started = time.perf_counter()
        # A quarter of the reviews in one channel, the rest spread over the others.
        added = fill_log(log, reviews=args.reviews // 4, channels=(BUSY,), end=END, seed=1)
        added += fill_log(log, reviews=args.reviews - args.reviews // 4, channels=channels, end=END, seed=2)
        made = time.perf_counter() - started
        week = LocalWeek.containing(END, ZoneInfo("Europe/Berlin")).shifted(-1)
        busy = build_digest(log, "slack", BUSY, week)
        print(f"log: {added:,} reviews over 12 weeks in {args.channels + 1} channels (made in {made:.1f} s)")
        print(f"busiest channel: {busy.week.reviews:,} reviews in the week of {week.monday}")
        figures = median_seconds(lambda: build_digest(log, "slack", BUSY, week), args.runs)

        def whole_digest() -> None:
            built = build_digest(log, "slack", BUSY, week)
            digest_lines(built, principles)
            render_chart(built, principles)

        render_chart(busy, principles)  # matplotlib's first import and font cache are not the digest's cost
        whole = median_seconds(whole_digest, args.runs)
        every = median_seconds(
            lambda: [build_digest(log, "slack", c, week) for c in (BUSY, *channels)], max(1, args.runs // 2)
        )
        log.close()
    print(f"figures, busiest channel:          {figures * 1000:8.1f} ms (median of {args.runs})")
    print(f"figures + text + chart, busiest:   {whole * 1000:8.1f} ms")
    print(f"figures for all {args.channels + 1} channels:      {every * 1000:8.1f} ms")
    verdict = "within" if whole < GOAL_SECONDS else "OVER"
    print(f"goal: one channel's digest under {GOAL_SECONDS:g} s: {verdict}")


if __name__ == "__main__":
    main()
