"""The bots' path to the log: a review is kept even while another program holds the log's write lock."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest

import bot.coach
import bot.store
from bot.coach import Coach
from bot.review.origin import Origin

DRAFT = "🚀 Our new CRM is live! Use code SAVE20 for 20% off. Link in bio!"
SLACK = Origin(platform="slack", workspace="T1", channel="C1", user="U1", trigger="reaction")


async def test_a_locked_log_is_retried_not_dropped(
    coach: Coach, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(bot.store, "BUSY_TIMEOUT_SECONDS", 0.1)
    coach.log.close()
    coach.log = bot.store.SuggestionLog(coach.settings.db_path)  # opened with the short busy timeout
    holder = sqlite3.connect(coach.settings.db_path)
    holder.execute("begin immediate")  # another program holding the write lock
    caplog.set_level(logging.WARNING, logger="bot.coach")
    reviewing = asyncio.create_task(coach.review(DRAFT, None, SLACK, network="twitter"))
    for _ in range(600):  # generous: a slow machine only takes longer to get here
        if "trying again" in caplog.text or reviewing.done():
            break
        await asyncio.sleep(0.05)
    holder.rollback()
    holder.close()
    outcome = await reviewing
    assert "another program kept it locked" in caplog.text and "trying again in 1 s" in caplog.text
    assert outcome.review_id is not None
    row = coach.log.get_review(outcome.review_id)
    assert row is not None and row["draft"] == DRAFT and row["user"] == "U1" and row["network"] == "twitter"


async def test_a_log_locked_for_good_still_shows_the_review(
    coach: Coach, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(bot.store, "BUSY_TIMEOUT_SECONDS", 0.05)
    monkeypatch.setattr(bot.coach, "LOG_RETRY_DELAYS", (0.01, 0.01))
    coach.log.close()
    coach.log = bot.store.SuggestionLog(coach.settings.db_path)
    holder = sqlite3.connect(coach.settings.db_path)
    holder.execute("begin immediate")
    try:
        outcome = await coach.review(DRAFT, None, SLACK)
    finally:
        holder.rollback()
        holder.close()
    assert outcome.review.verdict == "pushy" and outcome.review_id is None
    assert caplog.text.count("trying again") == 2 and "this review was not saved" in caplog.text
