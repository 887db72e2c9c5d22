"""PARTY_COACH_RETENTION_DAYS: `party-coach run` deletes old reviews by itself, with a real SQLite file."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.cli.run import serve_until_stopped
from bot.coach import Coach, build_coach
from bot.settings import load_settings

DRAFT = "Anyone else find that shorter onboarding calls work better?"


async def run_until_quiet(coach: Coach, tries: int = 500) -> None:
    """Serve until the log holds one review (or `tries` short waits pass), then stop."""

    async def waiting_server(served: Coach, stop: asyncio.Event) -> None:
        for _ in range(tries):
            if served.log.count_reviews() == 1:
                break
            await asyncio.sleep(0.02)
        stop.set()

    await asyncio.wait_for(serve_until_stopped(coach, [waiting_server]), timeout=30)


async def seed_old_and_new(coach: Coach) -> None:
    old = (await coach.review(DRAFT)).review_id
    await coach.review(DRAFT + " Ours went from 45 to 20 minutes.")
    created = (datetime.now(UTC) - timedelta(days=40)).isoformat(timespec="milliseconds")
    coach.log.db.execute("update reviews set created_at = ? where id = ?", [created, old])
    coach.log.db.conn.commit()


async def test_the_running_bot_deletes_reviews_past_the_retention_age() -> None:
    coach = build_coach(load_settings(retention_days=30))
    try:
        await seed_old_and_new(coach)
        await run_until_quiet(coach)
        rows = coach.log.recent_reviews(limit=None)
        assert len(rows) == 1 and "45 to 20" in rows[0]["draft"]
    finally:
        coach.close()


async def test_without_the_setting_nothing_is_deleted() -> None:
    coach = build_coach(load_settings())
    try:
        await seed_old_and_new(coach)
        await run_until_quiet(coach, tries=50)
        assert coach.log.count_reviews() == 2
    finally:
        coach.close()
