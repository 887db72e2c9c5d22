"""How fast the offline reviewer is: reviews the dev set repeatedly and prints drafts per second.

Run it with `.venv/bin/python bench/bench_offline.py [rounds]` from the project root. It measures the build
that is installed (compiled by mypyc, or pure Python; see setup.py). When that is the compiled build, it then
measures the pure-Python source too, in a second process, and prints how many times faster the compiled one
is. The figure to watch is the median; min and max show how noisy the machine is.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The parent run passes `--source DIR`: a copy of the package without its compiled modules, for the child
# process that measures the pure-Python build. It goes first on the path, ahead of the installed build.
SOURCE = sys.argv[sys.argv.index("--source") + 1] if "--source" in sys.argv else None
if SOURCE is not None:
    sys.path.insert(0, SOURCE)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a plain script, without installing the package

from bot.principles import load_principles  # noqa: E402
from bot.review.draft import Draft  # noqa: E402
from bot.review.native_build import offline_build, source_copy  # noqa: E402
from bot.review.offline import OfflineReviewer  # noqa: E402
from bot.settings import load_settings  # noqa: E402

DEV_SET = ROOT / "data" / "drafts-dev.jsonl"
WARM_UP_ROUNDS = 2


def load_drafts(path: Path) -> list[Draft]:
    drafts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            drafts.append(Draft(text=row["text"], context=row.get("context"), platform=row.get("platform")))
    return drafts


def time_round(reviewer: OfflineReviewer, drafts: list[Draft]) -> float:
    """Drafts per second for one pass over the set."""
    started = time.perf_counter()
    for draft in drafts:
        reviewer.review_sync(draft)
    return len(drafts) / (time.perf_counter() - started)


def reference_round(texts: list[str]) -> float:
    """A fixed pure-Python workload (split, lower, count words), in passes per second.

    Timed between reviewer rounds, it tracks how fast this (often shared) CPU is at that moment, so the
    ratio of the two rates stays steady while the raw drafts/s swings with the host's load.
    """
    started = time.perf_counter()
    for text in texts:
        counts: dict[str, int] = {}
        for word in text.lower().split():
            counts[word] = counts.get(word, 0) + 1
        sorted(counts.items())
    return len(texts) / (time.perf_counter() - started)


def measure(rounds: int) -> tuple[float, float]:
    """Print this process's figures; return the median drafts/s and the median ratio to the reference."""
    reviewer = OfflineReviewer(load_principles(load_settings().principles_path))
    drafts = load_drafts(DEV_SET)
    texts = [d.text for d in drafts] * 4
    for _ in range(WARM_UP_ROUNDS):
        time_round(reviewer, drafts)  # fill the per-character and stem caches first, as a running bot would
    rates, ratios = [], []
    for _ in range(rounds):
        rate = time_round(reviewer, drafts)
        reference = reference_round(texts)
        rates.append(rate)
        ratios.append(rate / reference)
    median, ratio = statistics.median(rates), statistics.median(ratios)
    print(f"offline reviewer, {offline_build()}: {len(drafts)} drafts x {rounds} rounds")
    print(f"  median {median:,.0f} drafts/s")
    print(f"  min    {min(rates):,.0f} drafts/s")
    print(f"  max    {max(rates):,.0f} drafts/s")
    print(f"  mean latency {1000 / median:.3f} ms/draft")
    print(f"  median ratio to a reference workload {ratio:.4f} (steadier under load)")
    return median, ratio


def figure(report: str, label: str) -> float:
    """The number after `label` in a report that `measure` printed."""
    line = next(line for line in report.splitlines() if line.strip().startswith(label))
    return float(line.strip().removeprefix(label).split()[0].replace(",", ""))


def main(rounds: int) -> None:
    compiled, compiled_ratio = measure(rounds)
    if SOURCE is not None or offline_build() != "compiled":
        return
    print()
    with tempfile.TemporaryDirectory(prefix="party-coach-pure-") as folder:
        command = [sys.executable, __file__, str(rounds), "--source", str(source_copy(Path(folder)))]
        pure = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    print(pure, end="")
    speed_up = compiled / figure(pure, "median")
    steady = compiled_ratio / figure(pure, "median ratio to a reference workload")
    print(
        f"\ncompiled / pure Python: {speed_up:.2f}x in drafts/s, {steady:.2f}x against the reference workload"
    )


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit() and arg != SOURCE]
    main(int(numbers[0]) if numbers else 20)
