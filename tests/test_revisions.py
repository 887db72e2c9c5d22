"""Revisions: a new review links to the same person's earlier review of the message, or in the thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.coach import Coach
from bot.review.origin import Origin
from bot.store import ReviewFilter

PUSHY = "Big launch today! Buy now and DM me for the discount code."
BETTER = "We launched today. What's the one thing you'd want to know before trying a new tool?"


def where(
    *, user: str = "U1", message: str | None = None, thread: str | None = None, channel: str = "C1"
) -> Origin:
    return Origin(
        platform="slack", channel=channel, user=user, trigger="reaction", message_id=message, thread=thread
    )


async def review_id(coach: Coach, text: str, origin: Origin) -> int:
    outcome = await coach.review(text, origin=origin)
    assert outcome.review_id is not None
    return outcome.review_id


def revises(coach: Coach, review: int) -> int | None:
    row = coach.log.get_review(review)
    assert row is not None
    return row["revises"]


@pytest.mark.parametrize(
    ("later", "linked"),
    [
        (where(message="m1"), True),  # the message, edited
        (where(message="m2", thread="t1"), True),  # a new draft in the same thread
        (where(message="m2", thread="t2"), False),  # another thread
        (where(user="U2", message="m1", thread="t1"), False),  # someone else
        (where(message="m1", channel="C2"), False),  # another channel
        (where(), False),  # no message or thread to go by (/review in a channel)
    ],
    ids=["edit", "same-thread", "other-thread", "other-person", "other-channel", "no-key"],
)
async def test_which_reviews_link(coach: Coach, later: Origin, linked: bool) -> None:
    first = await review_id(coach, PUSHY, where(message="m1", thread="t1"))
    second = await review_id(coach, BETTER, later)
    assert revises(coach, second) == (first if linked else None)
    assert revises(coach, first) is None


async def test_the_latest_review_is_the_one_revised_and_the_same_words_are_no_revision(coach: Coach) -> None:
    first = await review_id(coach, PUSHY, where(message="m1", thread="t1"))
    second = await review_id(coach, BETTER, where(message="m2", thread="t1"))
    again = await review_id(coach, BETTER, where(message="m3", thread="t1"))
    third = await review_id(coach, PUSHY + " Thoughts?", where(message="m4", thread="t1"))
    assert [revises(coach, r) for r in (first, second, again, third)] == [None, first, first, again]


async def test_purging_a_revised_review_unlinks_the_revision(coach: Coach) -> None:
    first = await review_id(coach, PUSHY, where(message="m1"))
    second = await review_id(coach, BETTER, where(message="m1"))
    coach.log.db.execute(
        "update reviews set created_at = ? where id = ?",
        [(datetime.now(UTC) - timedelta(days=40)).isoformat(), first],
    )
    coach.log.db.conn.commit()
    coach.log.record_rewrite_use(first, "U9")
    assert coach.log.purge(30, ReviewFilter()) == 1
    assert revises(coach, second) is None
    assert coach.log.rewrite_uses_for(first) == []
