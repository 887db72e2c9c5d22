"""How fast the offline reviewer is: reviews the dev set repeatedly and prints drafts per second.

Run it with `.venv/bin/python bench/bench_offline.py [rounds]` from the project root.
The figure to watch is the median; min and max show how noisy the machine is.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a plain script, without installing the package

from bot.principles import load_principles  # noqa: E402
from bot.review.draft import Draft  # noqa: E402
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


def main(rounds: int = 20) -> None:
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
    print(f"offline reviewer: {len(drafts)} drafts x {rounds} rounds")
    print(f"  median {statistics.median(rates):,.0f} drafts/s")
    print(f"  min    {min(rates):,.0f} drafts/s")
    print(f"  max    {max(rates):,.0f} drafts/s")
    print(f"  mean latency {1000 / statistics.median(rates):.3f} ms/draft")
    print(f"  median ratio to a reference workload {statistics.median(ratios):.4f} (steadier under load)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
