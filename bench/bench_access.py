"""Per-review cost of the access and spend-cap checks, 100 reviews at once, against a real SQLite log.

Run it with `.venv/bin/python bench/bench_access.py [bursts]` from the project root. It writes a temporary log
with a month of realistic rows (50,000 reviews from 60 people in 12 Slack and Discord channels, most of them
AI reviews with their tokens, some answered from the cache), sets allow and deny lists and every spend cap,
and builds the coach as the bots do, which loads the counts from that log. Then it runs bursts of 100
concurrent reviews: each does exactly what the adapters and the coach do before asking the AI (the access
check, then reserving against the caps), waits as if the AI answered, and adds its tokens to the month. It
prints how long loading took and p50/p99 of the per-review check cost (the two checks and the token count).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script from the root

from bot.access import AccessLists
from bot.coach import build_coach
from bot.heap import freeze_startup_objects
from bot.review.model import Review
from bot.review.origin import Origin
from bot.settings import load_settings
from bot.spend_limits import CapReached, SpendLimits
from bot.store import REVIEW_COLUMNS, SuggestionLog

ROWS = 50_000
CONCURRENT = 100
SLACK_CHANNELS = [f"C0BENCH{n:02d}" for n in range(6)]
DISCORD_CHANNELS = [str(123456789012345600 + n) for n in range(6)]
SLACK_USERS = [f"U0BENCH{n:02d}" for n in range(30)]
DISCORD_USERS = [str(223456789012345600 + n) for n in range(30)]
ROLES = [323456789012345600 + n for n in range(4)]


def origin_for(rng: random.Random) -> Origin:
    if rng.random() < 0.5:
        return Origin("slack", "T0BENCH", rng.choice(SLACK_CHANNELS), rng.choice(SLACK_USERS), "reaction")
    return Origin("discord", "1", rng.choice(DISCORD_CHANNELS), rng.choice(DISCORD_USERS), "slash")


def fill_log(path: Path, rng: random.Random) -> None:
    """A month of reviews, oldest first: 70% AI (5% of those from the cache), the rest offline."""
    log = SuggestionLog(path)
    now = datetime.now(UTC)
    rows = []
    for n in range(ROWS):
        at = now - timedelta(days=30) * (1 - n / ROWS)
        where = origin_for(rng)
        ai = rng.random() < 0.7
        cached = ai and rng.random() < 0.05
        tokens = (0, 0) if cached else (rng.randint(700, 1100), rng.randint(150, 400)) if ai else (None, None)
        row = dict.fromkeys(REVIEW_COLUMNS)
        row.update(
            created_at=at.isoformat(timespec="milliseconds"),
            platform=where.platform,
            workspace=where.workspace,
            channel=where.channel,
            user=where.user,
            trigger=where.trigger,
            draft="Big launch today! Tell me what you think of the new onboarding flow.",
            verdict=rng.choice(["ok", "pushy"]),
            score=rng.randint(0, 100),
            violations="[]",
            findings="[]",
            suggestions="[]",
            reviewer="llm" if ai else "offline",
            model="gpt-4.1-mini" if ai else None,
            tokens_in=tokens[0],
            tokens_out=tokens[1],
            latency_ms=rng.uniform(5, 2500),
        )
        rows.append(row)
    log.table("reviews").insert_all(rows, batch_size=1000)
    log.close()


ANSWER = Review(verdict="ok", score=90, findings=[], reviewer="llm", tokens_in=900, tokens_out=250)


async def one_review(
    access: AccessLists, spend: SpendLimits, origin: Origin, roles: list[str] | None, outcomes: Counter[str]
) -> float:
    """The checks one review makes, in ms; the AI's answer is a short wait between them."""
    started = time.perf_counter_ns()
    refused = access.refusal(user=origin.user or "", places=(origin.channel,), roles=roles)
    reserved = spend.reserve(origin) if refused is None else None
    checked = time.perf_counter_ns() - started
    if refused is not None or isinstance(reserved, CapReached):
        outcomes["refused" if refused else "capped"] += 1
        return checked / 1e6
    outcomes["reviewed by the AI"] += 1
    await asyncio.sleep(0.01)  # the AI answering
    started = time.perf_counter_ns()
    spend.spent(ANSWER)
    return (checked + time.perf_counter_ns() - started) / 1e6


def percentile(values: list[float], share: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * share))]


async def bursts(count: int, path: Path, rng: random.Random) -> None:
    settings = load_settings(
        db_path=path,
        reviewer="offline",
        allow_channels=",".join(SLACK_CHANNELS + DISCORD_CHANNELS),
        deny_channels=DISCORD_CHANNELS[5],
        deny_users=",".join(SLACK_USERS[:2] + DISCORD_USERS[:2]),
        discord_allow_roles=",".join(str(r) for r in ROLES),
        discord_deny_roles=str(ROLES[3]),
        llm_user_hourly=20,
        llm_user_daily=30,
        llm_channel_hourly=300,
        llm_channel_daily=2000,
        monthly_tokens=500_000_000,
    )
    started = time.perf_counter()
    coach = build_coach(settings)  # loads the counts from the log, as `party-coach run` does
    loaded_ms = (time.perf_counter() - started) * 1000
    print(f"log: {ROWS:,} reviews over 30 days; coach built and counts loaded in {loaded_ms:.0f} ms")
    print(f"month so far: {coach.spend.tokens:,} AI tokens")
    freeze_startup_objects()  # as the bots do once they are up
    per_review: list[float] = []
    outcomes: Counter[str] = Counter()
    worst_p99 = 0.0
    for burst in range(count):
        jobs = []
        for _ in range(CONCURRENT):
            where = origin_for(rng)
            # Most members hold an allowed role; one in ten holds the denied one too.
            roles = None  # Slack has no roles
            if where.platform == "discord":
                roles = [str(r) for r in ROLES[:3] if rng.random() < 0.5] or [str(ROLES[0])]
                roles += [str(ROLES[3])] if rng.random() < 0.1 else []
            jobs.append(one_review(coach.access, coach.spend, where, roles, outcomes))
        times = await asyncio.gather(*jobs)
        per_review += times
        p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
        worst_p99 = max(worst_p99, p99)
        print(f"burst {burst + 1}: {CONCURRENT} at once, p50 {p50 * 1000:.1f} µs, p99 {p99 * 1000:.1f} µs")
    coach.close()
    p50, p99 = statistics.median(per_review), percentile(per_review, 0.99)
    print(
        f"all {len(per_review)} reviews: per-review check p50 {p50 * 1000:.1f} µs, p99 {p99 * 1000:.1f} µs "
        f"(target p99 < 1 ms); worst burst p99 {worst_p99 * 1000:.1f} µs"
    )
    print("outcomes: " + ", ".join(f"{n} {what}" for what, n in outcomes.most_common()))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        fill_log(path, rng)
        asyncio.run(bursts(count, path, rng))


if __name__ == "__main__":
    main()
