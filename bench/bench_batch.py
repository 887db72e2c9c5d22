"""End-to-end speed of the batch linter: `party-coach review FILE.jsonl --reviewer offline --format jsonl`.

Run it with `.venv/bin/python bench/bench_batch.py [runs]` from the project root. It writes a JSONL file of
10,000 synthetic drafts (made up here from phrase lists, none taken from any labelled set), then runs the
installed `party-coach` command on it as a separate process pinned to one CPU core, with the log on and with
`--no-log`. Start-up (imports, settings, opening the log) is excluded by also timing the same command on a
one-draft file and subtracting: drafts/s = (10,000 - 1) / (time for 10,000 - median time for 1). It also times
the offline reviewer alone on the same drafts, the most the whole command could do, since figures on a shared
machine swing with its load while the share of that ceiling holds steadier. Beside each wall-clock figure it
prints the same rate from the command's own CPU time (user + system, every thread of it counted), which a
busy neighbour on a shared machine disturbs far less than the wall clock.
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
# A made-up story sentence from these parts: thousands of different sentences, as a real feed has.
STORY = "{who} {did} {what} {when}, and {result}."
STORY_PARTS = {
    "who": [
        "Our support team",
        "My co-founder",
        "A customer of ours",
        "The new intern",
        "Our designer",
        "We",
    ],
    "did": ["rewrote", "tested", "dropped", "doubled down on", "automated", "measured", "simplified"],
    "what": [
        "the welcome email",
        "our refund policy",
        "the pricing page",
        "weekly demos",
        "the FAQ",
        "the signup form",
    ],
    "when": ["last quarter", "in {n} days", "over the summer", "after {n} complaints", "before launch"],
    "result": [
        "replies went up {n}%",
        "churn fell by {n} accounts",
        "nobody noticed for {n} weeks",
        "we saved {n} hours a month",
        "half the tickets disappeared",
    ],
}
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


def story(pick: random.Random) -> str:
    parts = {key: pick.choice(values).format(n=pick.randint(2, 97)) for key, values in STORY_PARTS.items()}
    return STORY.format(**parts)


def synthetic_drafts(count: int, seed: int = 11) -> list[dict[str, object]]:
    """`count` drafts stitched from the phrases and stories above; the same seed gives the same file."""
    pick = random.Random(seed)
    rows: list[dict[str, object]] = []
    for n in range(count):
        parts = [fill(pick.choice(OPENERS), pick)]
        parts += [story(pick) for _ in range(pick.randint(0, 2))]
        parts += [fill(pick.choice(part), pick) for part in (MIDDLES, MIDDLES, CLOSERS)]
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


def time_command(drafts: Path, workdir: Path, extra: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds for one run of the whole command, on a fresh log."""
    env = {**os.environ, "PARTY_COACH_DB": str(workdir / f"bench-{time.monotonic_ns()}.db")}
    args = [*COMMAND, "review", "--file", str(drafts), "--reviewer", "offline", "--format", "jsonl", *extra]
    started = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, preexec_fn=one_core)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"party-coach exited {child.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime


REVIEWER_ALONE = """
import json, sys, time
from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.offline import OfflineReviewer
from bot.settings import load_settings

reviewer = OfflineReviewer(load_principles(load_settings().principles_path))
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
drafts = [Draft(row["text"], row.get("context"), row.get("platform")) for row in rows]
started, started_cpu = time.perf_counter(), time.process_time()
for draft in drafts:
    reviewer.review_sync(draft)
print(len(drafts) / (time.perf_counter() - started), len(drafts) / (time.process_time() - started_cpu))
"""


def reviewer_alone(drafts: Path) -> tuple[float, float]:
    """Drafts/s (wall clock, CPU time) of the offline reviewer alone, in a fresh process on one core."""
    done = subprocess.run(
        [sys.executable, "-c", REVIEWER_ALONE, str(drafts)],
        capture_output=True,
        text=True,
        preexec_fn=one_core,
        check=True,
    )
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory(prefix="party-coach-bench-") as tmp:
        workdir = Path(tmp)
        rows = synthetic_drafts(DRAFTS)
        batch = write_jsonl(workdir / "drafts.jsonl", rows)
        single = write_jsonl(workdir / "one.jsonl", rows[:1])
        modes = {"logging on": [], "--no-log": ["--no-log"]}
        for extra in modes.values():
            time_command(batch, workdir, extra)  # warm the file cache before timing anything
        totals: dict[str, list[tuple[float, float]]] = {label: [] for label in modes}
        start_ups: dict[str, list[tuple[float, float]]] = {label: [] for label in modes}
        alone: list[tuple[float, float]] = []
        for _ in range(runs):  # interleaved, so a busy minute on a shared machine hits every figure alike
            for label, extra in modes.items():
                start_ups[label].append(time_command(single, workdir, extra))
                totals[label].append(time_command(batch, workdir, extra))
            alone.append(reviewer_alone(batch))
        walls = [wall for wall, _ in alone]
        ceiling = statistics.median(walls)
        print(f"{DRAFTS:,} synthetic drafts, {runs} runs, one core, start-up excluded")
        spread = f"min {min(walls):,.0f}, max {max(walls):,.0f}"
        on_cpu = statistics.median(cpu for _, cpu in alone)
        alone_line = f"median {ceiling:7,.0f} drafts/s ({spread}); on CPU time {on_cpu:,.0f} drafts/s"
        print(f"{'reviewer alone':<15} {alone_line}")
        for label in modes:
            start_up = statistics.median(wall for wall, _ in start_ups[label])
            start_up_cpu = statistics.median(cpu for _, cpu in start_ups[label])
            rates = [(DRAFTS - 1) / max(wall - start_up, 1e-9) for wall, _ in totals[label]]
            cpu_rates = [(DRAFTS - 1) / max(cpu - start_up_cpu, 1e-9) for _, cpu in totals[label]]
            print(
                f"{label:<15} median {statistics.median(rates):7,.0f} drafts/s (min {min(rates):,.0f}, "
                f"max {max(rates):,.0f}; {statistics.median(rates) / ceiling:.0%} of the reviewer alone; "
                f"start-up {start_up:.2f} s); on CPU time {statistics.median(cpu_rates):,.0f} drafts/s"
            )


if __name__ == "__main__":
    main()
