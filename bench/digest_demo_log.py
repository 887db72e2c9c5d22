"""Make a suggestion log with weeks of generated reviews, for the digest's demo, benchmark and tests.

    .venv/bin/python bench/digest_demo_log.py demo.db --end 2026-11-30   # 12 weeks, 3 Slack channels
    PARTY_COACH_DB=demo.db party-coach digest --platform slack --channel C0DEMO001 --out digest.png

The reviews are made up: counts, verdicts and misses only, with a short stock draft. A team's pushy
rate falls over the weeks, as coaching should make it; some pushy drafts are revised until they pass,
and some suggested rewrites are used.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bot.store import SuggestionLog, insert_reviews

PRINCIPLES = ("converse_first", "offer_help", "pitch_only_when_pulled")
DEMO_CHANNELS = ("C0DEMO001", "C0DEMO002", "C0DEMO003")
DRAFTS = {
    "ok": "What was the hardest part of your first launch? Ours was the pricing page.",
    "pushy": "Our app is live! Use code SAVE20 for 20% off.",
}
COLUMNS = (
    "created_at",
    "platform",
    "workspace",
    "channel",
    "user",
    "trigger",
    "draft",
    "verdict",
    "score",
    "violations",
    "findings",
    "suggestions",
    "rewrite",
    "reviewer",
    "revises",
)
INSERT = insert_reviews(COLUMNS, 1)  # the log's own statement builder, for these columns and one row


def _misses(verdict: str, rng: random.Random) -> list[str]:
    """Misses that fit the verdict rule: pushy is an unasked pitch or two misses; ok misses one at most."""
    if verdict == "pushy":
        if rng.random() < 0.6:
            return sorted({"pitch_only_when_pulled", *rng.sample(PRINCIPLES, rng.randint(0, 2))})
        return sorted(rng.sample(("converse_first", "offer_help"), 2))
    return rng.sample(("converse_first", "offer_help"), 1) if rng.random() < 0.3 else []


def _row(
    at: datetime,
    platform: str,
    channel: str,
    user: str,
    verdict: str,
    rng: random.Random,
    revises: int | None,
) -> tuple[object, ...]:
    missed = _misses(verdict, rng)
    return (
        at.isoformat(timespec="milliseconds"),
        platform,
        "T0DEMO",
        channel,
        user,
        "slash",
        DRAFTS[verdict],
        verdict,
        100 - 30 * len(missed),
        json.dumps(missed),
        "[]",
        "[]",
        DRAFTS["ok"] if verdict == "pushy" else None,
        "offline",
        revises,
    )


def fill_log(
    log: SuggestionLog,
    *,
    reviews: int,
    channels: tuple[str, ...] = DEMO_CHANNELS,
    platform: str = "slack",
    weeks: int = 12,
    end: datetime | None = None,
    users: int = 8,
    seed: int = 7,
) -> int:
    """Add `reviews` reviews spread over the `weeks` before `end`; return how many were added."""
    rng = random.Random(seed)
    end = end or datetime.now(UTC)
    start = end - timedelta(weeks=weeks)
    span = (end - start).total_seconds()
    moments = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(reviews))
    added = 0
    revised = False
    with log.lock, log.db.conn:
        for n, at in enumerate(moments):
            if revised:  # the revision took this moment's place, so the total stays `reviews`
                revised = False
                continue
            channel = rng.choice(channels)
            user = f"U0DEMO{rng.randrange(users):03d}"
            progress = (at - start).total_seconds() / span  # 0 at the start, 1 at the end
            verdict = "pushy" if rng.random() < 0.55 - 0.3 * progress else "ok"
            cursor = log.db.conn.execute(INSERT, _row(at, platform, channel, user, verdict, rng, None))
            added += 1
            review_id = cursor.lastrowid
            revised = verdict == "pushy" and n + 1 < len(moments) and rng.random() < 0.25
            if revised:  # asked again with a revised draft
                again = "ok" if rng.random() < 0.7 else "pushy"
                later = at + timedelta(minutes=rng.randint(2, 90))
                log.db.conn.execute(INSERT, _row(later, platform, channel, user, again, rng, review_id))
                added += 1
            elif verdict == "pushy" and rng.random() < 0.2:  # took the suggested rewrite
                log.db.conn.execute(
                    "insert into rewrite_uses (created_at, review_id, user) values (?, ?, ?)",
                    [(at + timedelta(minutes=1)).isoformat(timespec="milliseconds"), review_id, user],
                )
    return added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="the log file to make (it must not exist yet)")
    parser.add_argument("--reviews", type=int, default=1500)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument(
        "--end", type=date.fromisoformat, help="the day after the last review (YYYY-MM-DD); default: now"
    )
    args = parser.parse_args()
    if args.db.exists():
        sys.exit(f"{args.db} already exists; give a new file name")
    log = SuggestionLog(args.db)
    try:
        end = datetime.combine(args.end, time(0), tzinfo=UTC) if args.end else None
        added = fill_log(log, reviews=args.reviews, weeks=args.weeks, end=end)
    finally:
        log.close()
    print(f"{args.db}: {added:,} reviews over {args.weeks} weeks in channels {', '.join(DEMO_CHANNELS)}")


if __name__ == "__main__":
    main()
