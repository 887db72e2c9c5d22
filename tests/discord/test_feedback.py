"""Feedback buttons: recorded in the log, acknowledged privately, and still working after a restart."""

from __future__ import annotations

from bot.coach import Coach
from bot.discord.client import build_bot
from bot.discord.feedback import THANKS
from tests.discord.conftest import World, assert_deferred_privately_first

PUSHY = "Big launch today! Buy now and DM me for the discount code."


def votes_on_the_only_review(coach: Coach) -> list[int]:
    [row] = coach.log.recent_reviews(platform="discord")
    return [f["helpful"] for f in coach.log.feedback_for(row["id"])]


async def test_a_vote_is_logged_and_acknowledged_privately(world: World, coach: Coach) -> None:
    review = await world.alice.slash(world.general, "review", text=PUSHY)
    assert review.response is not None
    [row] = coach.log.recent_reviews(platform="discord")

    vote = await world.alice.click(review.response, label="Helpful")

    assert_deferred_privately_first(world.env)
    assert vote.response is not None and vote.response.ephemeral
    assert vote.response.content == THANKS[True]
    [feedback] = coach.log.feedback_for(row["id"])
    assert (feedback["user"], feedback["helpful"]) == (str(world.alice.id), 1)


async def test_a_later_vote_replaces_the_earlier_one(world: World, coach: Coach) -> None:
    review = await world.alice.slash(world.general, "review", text=PUSHY)
    assert review.response is not None

    await world.alice.click(review.response, label="Helpful")
    changed = await world.alice.click(review.response, label="Not helpful")

    assert changed.response is not None and changed.response.content == THANKS[False]
    assert votes_on_the_only_review(coach) == [0]


async def test_buttons_still_work_after_a_restart(world: World, coach: Coach) -> None:
    review = await world.alice.slash(world.general, "review", text=PUSHY)
    assert review.response is not None

    await world.env.restart_bot(build_bot(coach))
    vote = await world.alice.click(review.response, label="Not helpful")

    assert vote.response is not None and vote.response.content == THANKS[False]
    assert votes_on_the_only_review(coach) == [0]


async def test_buttons_outlive_the_private_reply_s_15_minute_view_timeout(world: World, coach: Coach) -> None:
    first = await world.alice.slash(world.general, "review", text=PUSHY)
    second = await world.alice.slash(world.general, "review", text="What's your favourite launch checklist?")
    assert first.response is not None and second.response is not None

    await world.env.advance_time(20 * 60)
    await world.alice.click(first.response, label="Helpful")
    await world.alice.click(second.response, label="Not helpful")

    votes = {
        r["id"]: [f["helpful"] for f in coach.log.feedback_for(r["id"])] for r in coach.log.recent_reviews()
    }
    assert sorted(votes.values()) == [[0], [1]]
