"""Make a suggestion log holding several weeks of generated reviews, for the dashboard's tests and screenshot.

Run it with `.venv/bin/python bench/demo_log.py OUT.db [--weeks 10] [--per-week 60] [--hash-drafts]`.
The drafts are the project's own labelled drafts (data/drafts-*.jsonl), each reviewed for real by the offline
reviewer and saved through the suggestion log. Where and when each was reviewed is made up: Slack and Discord
channels, people, a moment in one of the whole weeks before this one, now and then an AI review with tokens,
and rewrites taken with "Use this rewrite". The share of pushy drafts falls week by week, as a coached team's
would.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.model import Review
from bot.review.offline import OfflineReviewer
from bot.review.origin import Origin
from bot.settings import BUNDLED_DATA
from bot.store import ReviewRecord, SuggestionLog

DRAFT_FILES = ("drafts-dev.jsonl", "drafts-posts.jsonl", "drafts-replies.jsonl")
# (platform, workspace or server, channel) as the bots log them: IDs, not names.
PLACES = (
    ("slack", "T05ACME01", "C05MARKETING"),
    ("slack", "T05ACME01", "C05SOCIAL"),
    ("slack", "T05ACME01", "C05COMMUNITY"),
    ("discord", "1150000000000000001", "1150000000000000101"),
    ("discord", "1150000000000000001", "1150000000000000102"),
)
PEOPLE = {
    "slack": ("U05ANA", "U05BEN", "U05CHLOE", "U05DEV"),
    "discord": ("1160000000000000011", "1160000000000000012", "1160000000000000013"),
}
TRIGGERS = {
    "slack": ("slash", "reaction", "drafts_channel"),
    "discord": ("slash", "context_menu", "reaction"),
}
AI_SHARE = 0.3  # of reviews made by the AI reviewer, with tokens to cost
FIRST_PUSHY_SHARE, LAST_PUSHY_SHARE = 0.6, 0.2


@dataclass(frozen=True)
class LabelledDraft:
    draft: Draft
    pushy: bool


@dataclass(frozen=True)
class DemoLog:
    reviews: int
    rewrite_uses: int


def labelled_drafts() -> list[LabelledDraft]:
    found = []
    for name in DRAFT_FILES:
        for line in (BUNDLED_DATA / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            draft = Draft(row["text"], row.get("context"), row.get("platform"))
            found.append(LabelledDraft(draft, row["verdict"] == "pushy"))
    return found


def write_demo_log(
    path: Path,
    *,
    weeks: int = 10,
    per_week: int = 60,
    hash_drafts: bool = False,
    seed: int = 7,
    now: datetime | None = None,
) -> DemoLog:
    """Review drafts into a new log at `path`, over the `weeks` whole weeks before the week of `now`."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    drafts = labelled_drafts()
    pools = {True: [d for d in drafts if d.pushy], False: [d for d in drafts if not d.pushy]}
    reviewer = OfflineReviewer(load_principles(BUNDLED_DATA / "principles.toml"))
    reviewed: dict[Draft, Review] = {}
    first_monday = (now - timedelta(weeks=weeks, days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    records: list[ReviewRecord] = []
    moments: list[datetime] = []
    uptake: list[float] = []  # how likely each review's rewrite is taken: more so as the weeks go by
    for week in range(weeks):
        pushy_share = FIRST_PUSHY_SHARE - (FIRST_PUSHY_SHARE - LAST_PUSHY_SHARE) * week / max(weeks - 1, 1)
        for _ in range(rng.randint(per_week * 3 // 4, per_week * 5 // 4)):
            chosen = rng.choice(pools[rng.random() < pushy_share])
            if chosen.draft not in reviewed:
                reviewed[chosen.draft] = reviewer.review_sync(chosen.draft)
            review = reviewed[chosen.draft]
            if rng.random() < AI_SHARE:
                review = review.model_copy(
                    update={
                        "reviewer": "llm",
                        "model": "gpt-4.1-mini",
                        "tokens_in": rng.randint(450, 900),
                        "tokens_out": rng.randint(120, 320),
                    }
                )
            platform, workspace, channel = rng.choice(PLACES)
            origin = Origin(
                platform, workspace, channel, rng.choice(PEOPLE[platform]), rng.choice(TRIGGERS[platform])
            )
            records.append(
                ReviewRecord(review, chosen.draft.text, chosen.draft.context, origin, chosen.draft.platform)
            )
            moment = first_monday + timedelta(weeks=week, seconds=rng.randrange(7 * 86400))
            moments.append(moment)
            uptake.append(0.25 + 0.3 * week / max(weeks - 1, 1))
    log = SuggestionLog(path, hash_drafts=hash_drafts)
    try:
        ids = log.record_reviews(records)
        uses = [
            (stamp(moment + timedelta(minutes=rng.randint(1, 30))), review_id, record.origin.user)
            for review_id, record, moment, chance in zip(ids, records, moments, uptake, strict=True)
            if record.review.rewrite and rng.random() < chance
        ]
        with log.lock, log.db.conn:
            log.db.conn.executemany(
                "update reviews set created_at = ? where id = ?",
                [(stamp(moment), review_id) for review_id, moment in zip(ids, moments, strict=True)],
            )
            log.db.conn.executemany(
                "insert into rewrite_uses (created_at, review_id, user) values (?, ?, ?)", uses
            )
    finally:
        log.close()
    return DemoLog(len(ids), len(uses))


def stamp(moment: datetime) -> str:
    """A moment as the log writes it."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the log file to make (it must not exist yet)")
    parser.add_argument("--weeks", type=int, default=10)
    parser.add_argument("--per-week", type=int, default=60)
    parser.add_argument(
        "--hash-drafts", action="store_true", help="store no draft text, as in hash-only mode"
    )
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} already exists")
    made = write_demo_log(args.out, weeks=args.weeks, per_week=args.per_week, hash_drafts=args.hash_drafts)
    print(f"{args.out}: {made.reviews} reviews over {args.weeks} weeks, {made.rewrite_uses} rewrites used")


if __name__ == "__main__":
    main()
