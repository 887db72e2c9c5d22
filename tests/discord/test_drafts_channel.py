"""Drafts channels: every person's post gets a review reply; needs (and degrades without) message content."""

from __future__ import annotations

import logging

import discord
import pytest
import simcord
from simcord.enums import MessageType

from bot.coach import Coach
from bot.discord.client import build_bot
from tests.discord.conftest import World

PUSHY = "Big launch today! Buy now and DM me for the discount code."


def bot_replies(env: simcord.Env, channel: simcord.ChannelHandle) -> list[discord.Message]:
    me = env.bot.user
    assert me is not None
    return [m for m in channel.history() if m.author.id == me.id]


async def test_a_post_in_a_drafts_channel_gets_a_review_reply(world: World, coach: Coach) -> None:
    draft = await world.alice.send(world.drafts, PUSHY)

    [reply] = bot_replies(world.env, world.drafts)
    assert reply.reference is not None and reply.reference.message_id == draft.id
    assert reply.embeds and reply.components
    [row] = coach.log.recent_reviews(platform="discord")
    assert (row["trigger"], row["channel"], row["message_id"]) == (
        "drafts_channel",
        str(world.drafts.id),
        str(draft.id),
    )


async def test_posts_elsewhere_and_posts_by_bots_are_left_alone(world: World, coach: Coach) -> None:
    await world.alice.send(world.general, PUSHY)
    robot = world.guild.add_member(world.env.create_user("robot", bot=True))
    await robot.send(world.drafts, PUSHY)
    hook = world.guild.create_webhook(world.drafts, "Zapier")
    await hook.send(PUSHY)
    draft = await world.alice.send(world.drafts, "What's your launch checklist?")
    world.guild.create_system_message(
        world.drafts, MessageType.PINS_ADD, author=world.alice, referenced_message=draft
    )
    [review] = bot_replies(world.env, world.drafts)
    await world.alice.send(world.drafts, "Thanks, that helps!", reply_to=review)
    await world.env.settle()

    assert [row["draft"] for row in coach.log.recent_reviews(platform="discord")] == [
        "What's your launch checklist?"
    ]
    assert len(bot_replies(world.env, world.drafts)) == 1


async def test_an_edited_draft_is_reviewed_again_once(world: World, coach: Coach) -> None:
    draft = await world.alice.send(world.drafts, PUSHY)

    await world.alice.edit(draft, "What's the one launch email you still remember?")

    assert len(bot_replies(world.env, world.drafts)) == 2
    triggers = [(row["trigger"], row["draft"]) for row in coach.log.recent_reviews(platform="discord")]
    assert triggers == [
        ("edit", "What's the one launch email you still remember?"),
        ("drafts_channel", PUSHY),
    ]


async def test_a_reaction_on_an_already_reviewed_draft_adds_nothing(world: World, coach: Coach) -> None:
    draft = await world.alice.send(world.drafts, PUSHY)

    await world.alice.react(draft, "🔍")

    assert len(bot_replies(world.env, world.drafts)) == 1


async def test_the_longest_post_discord_allows_gets_a_reply_that_fits(world: World, coach: Coach) -> None:
    words = "Our launch is live, buy now and DM me for a code. "
    text = (words * 50)[:2000]

    await world.alice.send(world.drafts, text)

    [reply] = bot_replies(world.env, world.drafts)
    assert reply.embeds and sum(len(e) for e in reply.embeds) <= 6000
    assert len(coach.log.recent_reviews(platform="discord")) == 1


async def test_without_the_intent_drafts_channels_are_off_and_one_line_says_why(
    coach: Coach, caplog: pytest.LogCaptureFixture
) -> None:
    coach.settings.discord_message_content = False
    coach.settings.discord_drafts_channels = [1]
    bot = build_bot(coach)
    with caplog.at_level(logging.INFO, logger="bot.discord"):
        async with simcord.run(bot, approved_intents=discord.Intents.default()) as env:
            guild = env.create_guild()
            drafts = guild.create_text_channel("drafts")
            coach.settings.discord_drafts_channels = [drafts.id]
            alice = guild.add_member(env.create_user("alice"))
            await alice.send(drafts, PUSHY)

            assert bot_replies(env, drafts) == []
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "running without the message-content intent (DISCORD_MESSAGE_CONTENT=false)" in warnings[0]
    assert "party-coach doctor" in warnings[0]


async def test_simcord_refuses_the_intent_the_portal_has_not_granted(coach: Coach) -> None:
    """What the runner's fallback is for: asking for an intent the portal hasn't granted fails to connect."""
    with pytest.raises(discord.PrivilegedIntentsRequired):
        async with simcord.run(
            build_bot(coach, message_content=True), approved_intents=discord.Intents.default()
        ):
            pass
