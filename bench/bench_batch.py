"""End-to-end speed of the batch linter: `party-coach review FILE.jsonl --reviewer offline --format jsonl`.

Run it with `.venv/bin/python bench/bench_batch.py [runs]` from the project root. It writes a JSONL file of
10,000 synthetic drafts (made up here from phrase lists, none taken from any labelled set), then runs the
installed `party-coach` command on it as a separate process pinned to one CPU core, with the log on and with
`--no-log`. Start-up (imports, settings, opening the log) is excluded by also timing the same command on a
one-draft file and subtracting: drafts/s = (10,000 - 1) / (time for 10,000 - time for 1), from the medians.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [str(Path(sys.executable).with_name("party-coach"))]
DRAFTS = 10_000

OPENERS = [
    "Quick question for the group:",
    "Three years into running a small bakery, here is what surprised me.",
    "Big news today!",
    "We shipped something we are proud of.",
    "Congrats on the launch, {name}!",
    "Loved your thread about {topic}.",
    "Honest take after a long week:",
    "Our new {product} is live!",
    "{name}, thanks for asking about {topic}.",
    "",
]
MIDDLES = [
    "We cut our {topic} time by about a third by writing the checklist before the kickoff call.",
    "The trick that worked for us was sending one plain-text email instead of a designed newsletter.",
    "Use code {code} for {pct}% off this week only.",
    "Book a demo today, link in bio.",
    "I keep a shared doc of every customer question, and it became our best onboarding guide.",
    "Our {product} handles {topic} for you, starting at ${price}/month.",
    "Nobody warned me how much {topic} depends on the first ten minutes.",
    "Sign up now and get early access to {product}.",
    "If you want the template, it is free, no email needed.",
    "",
]
CLOSERS = [
    "What has worked for you?",
    "How do you handle {topic} on your team?",
    "DM me for pricing.",
    "Check it out!",
    "Happy to share the spreadsheet if it helps.",
    "#growth #{tag} #startup",
    "Would love to hear other approaches.",
    "",
]
FILL = {
    "name": ["Priya", "Marco", "Lena", "Sam", "Ade", "Yuki"],
    "topic": ["onboarding", "invoicing", "hiring", "pricing pages", "churn", "support tickets"],
    "product": ["CRM", "scheduling app", "invoice tool", "analytics dashboard", "course"],
    "code": ["SPRING10", "HELLO25", "LAUNCH30"],
    "pct": ["10", "20", "25", "40"],
    "price": ["19", "49", "200"],
    "tag": ["sales", "marketing", "saas"],
}
CONTEXTS = [
    None,
    None,
    None,
    "Can anyone recommend a tool for {topic}? What does it cost?",
    "We launched our beta today!",
]
PLATFORMS = [None, "twitter", "linkedin", "reddit"]


def fill(template: str, pick: random.Random) -> str:
    return template.format(**{key: pick.choice(values) for key, values in FILL.items()})


def synthetic_drafts(count: int, seed: int = 11) -> list[dict[str, object]]:
    """`count` drafts stitched from the phrase lists above; the same seed gives the same file."""
    pick = random.Random(seed)
    rows: list[dict[str, object]] = []
    for n in range(count):
        parts = [fill(pick.choice(part), pick) for part in (OPENERS, MIDDLES, MIDDLES, CLOSERS)]
        text = " ".join(p for p in parts if p) or "Hello everyone, what are you working on this week?"
        row: dict[str, object] = {"id": f"d{n}", "text": text}
        context = pick.choice(CONTEXTS)
        if context:
            row["context"] = fill(context, pick)
        platform = pick.choice(PLATFORMS)
        if platform:
            row["platform"] = platform
        rows.append(row)
    return rows


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def one_core() -> None:
    """Pin the child to a single core, so the figure is what one core does."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def time_command(drafts: Path, workdir: Path, extra: list[str]) -> float:
    """Seconds for one run of the whole command, on a fresh log."""
    env = {**os.environ, "PARTY_COACH_DB": str(workdir / f"bench-{time.monotonic_ns()}.db")}
    args = [*COMMAND, "review", "--file", str(drafts), "--reviewer", "offline", "--format", "jsonl", *extra]
    started = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, preexec_fn=one_core, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"party-coach exited {done.returncode}")
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory(prefix="party-coach-bench-") as tmp:
        workdir = Path(tmp)
        rows = synthetic_drafts(DRAFTS)
        batch = write_jsonl(workdir / "drafts.jsonl", rows)
        single = write_jsonl(workdir / "one.jsonl", rows[:1])
        print(f"{DRAFTS:,} synthetic drafts, {runs} runs each, one core; start-up excluded")
        for label, extra in (("logging on", []), ("--no-log", ["--no-log"])):
            time_command(batch, workdir, extra)  # warm the file cache and any compiled bytecode
            start_up = statistics.median(time_command(single, workdir, extra) for _ in range(runs))
            totals = [time_command(batch, workdir, extra) for _ in range(runs)]
            rates = [(DRAFTS - 1) / max(total - start_up, 1e-9) for total in totals]
            print(
                f"{label:<11} median {statistics.median(rates):7,.0f} drafts/s "
                f"(min {min(rates):,.0f}, max {max(rates):,.0f}; start-up {start_up:.2f} s, "
                f"whole command median {statistics.median(totals):.2f} s)"
            )


if __name__ == "__main__":
    main()
