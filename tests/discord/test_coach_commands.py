"""/coach forget and /coach stats, driven through simcord's simulated Discord."""

from __future__ import annotations

import discord
import pytest

from bot.coach import Coach
from bot.discord.coach_commands import ADMINS_ONLY
from bot.review.origin import Origin
from bot.settings import load_settings
from bot.wording import FORGET_CANCELLED, NOTHING_TO_FORGET
from tests.discord.conftest import World, assert_deferred_privately_first

PUSHY = "Big launch today! Buy now and DM me for the discount code."
FRIENDLY = "What's the one launch checklist item you never skip?"


async def review_and_vote(world: World, coach: Coach) -> None:
    """Alice's review, her vote on it, and a review by Bob that must survive her forget."""
    review = await world.alice.slash(world.general, "review", text=PUSHY)
    assert review.response is not None
    await world.alice.click(review.response, label="Helpful")
    bob = world.guild.add_member(world.env.create_user("bob"))
    await bob.slash(world.general, "review", text=FRIENDLY)


async def test_forget_asks_privately_then_deletes_only_that_person_s_rows(world: World, coach: Coach) -> None:
    await review_and_vote(world, coach)
    alice = str(world.alice.id)

    asked = await world.alice.slash(world.general, "coach forget")

    assert_deferred_privately_first(world.env)
    question = asked.response
    assert question is not None and question.ephemeral
    assert "1 review of your drafts and 1 feedback vote" in question.content
    assert coach.log.user_rows(alice).rows == 2  # nothing goes before the click

    await world.alice.click(question, label="Delete them")

    done = asked.response
    assert done is not None
    assert done.content == (
        "Done: I deleted 2 rows, 1 review (with their drafts and saved answers) and 1 feedback vote."
    )
    assert done.components == []  # the buttons are gone once answered
    assert coach.log.user_rows(alice).rows == 0
    [left] = coach.log.recent_reviews(platform="discord")
    assert left["draft"] == FRIENDLY


async def test_keep_them_deletes_nothing(world: World, coach: Coach) -> None:
    await review_and_vote(world, coach)
    asked = await world.alice.slash(world.general, "coach forget")
    assert asked.response is not None

    await world.alice.click(asked.response, label="Keep them")

    assert asked.response is not None and asked.response.content == FORGET_CANCELLED
    assert coach.log.user_rows(str(world.alice.id)).rows == 2


async def test_forget_with_nothing_logged_says_so(world: World, coach: Coach) -> None:
    asked = await world.alice.slash(world.general, "coach forget")

    assert asked.response is not None and asked.response.ephemeral
    assert asked.response.content == NOTHING_TO_FORGET
    assert asked.response.components == []


async def test_stats_for_a_member_with_manage_server(world: World, coach: Coach) -> None:
    await review_and_vote(world, coach)
    managers = world.guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))
    carol = world.guild.add_member(world.env.create_user("carol"), roles=[managers])

    shown = await carol.slash(world.general, "coach stats")

    assert_deferred_privately_first(world.env)
    assert shown.response is not None and shown.response.ephemeral
    lines = shown.response.content.splitlines()
    assert lines[0] == "Last 7 days: 2 reviews, 50% pushy."
    assert lines[1].startswith("AI tokens: 0 in, 0 out. Estimated cost: $0.00 (at $0.4 and $1.6 per million")
    [today] = lines[2:]
    assert today.endswith(": 2 reviews, 50% pushy, $0.00")


async def test_stats_for_an_id_in_party_coach_admins(world: World, coach: Coach) -> None:
    coach.settings.admins = [str(world.alice.id)]

    shown = await world.alice.slash(world.general, "coach stats")

    assert shown.response is not None and shown.response.content == "No reviews in the last 7 days."


@pytest.mark.parametrize("admins", [[], ["123456789012345678"]])
async def test_stats_for_anyone_else_is_one_polite_private_line(
    world: World, coach: Coach, admins: list[str]
) -> None:
    coach.settings.admins = admins
    await review_and_vote(world, coach)

    shown = await world.alice.slash(world.general, "coach stats")

    assert shown.response is not None and shown.response.ephemeral
    assert shown.response.content == ADMINS_ONLY


def test_party_coach_admins_is_a_comma_separated_list_of_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_ADMINS", " U0123ABCD, 123456789012345678 ,")
    assert load_settings().admins == ["U0123ABCD", "123456789012345678"]


async def test_stats_count_only_this_server_s_reviews(world: World, coach: Coach) -> None:
    await review_and_vote(world, coach)
    elsewhere = Origin(
        platform="discord", workspace="987654321098765432", channel="1", user="2", trigger="test"
    )
    await coach.review(PUSHY, origin=elsewhere)
    await coach.review(FRIENDLY)  # the command line
    coach.settings.admins = [str(world.alice.id)]

    shown = await world.alice.slash(world.general, "coach stats")

    assert shown.response is not None
    assert shown.response.content.splitlines()[0] == "Last 7 days: 2 reviews, 50% pushy."
