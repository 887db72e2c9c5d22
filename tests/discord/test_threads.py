"""Threads: a draft posted in a thread is reviewed in that thread, never in the channel above it."""

from __future__ import annotations

import discord
import simcord
from simcord.builders import ChannelHandle

from bot.coach import Coach
from tests.discord.conftest import World

PUSHY = "Big launch today! Buy now and DM me for the discount code."


def open_thread(world: World, parent: simcord.ChannelHandle, name: str) -> ChannelHandle:
    """A public thread under `parent`, started by Alice, as the Discord client would create it."""
    thread = world.env.backend.create_thread(parent.id, name, world.alice.id)
    return ChannelHandle(world.env, world.guild, thread)


def bot_messages(world: World, channel: simcord.ChannelHandle) -> list[discord.Message]:
    me = world.env.bot.user
    assert me is not None
    return [m for m in channel.history() if m.author.id == me.id]


async def test_a_post_in_a_thread_under_a_drafts_channel_is_reviewed_in_the_thread(
    world: World, coach: Coach
) -> None:
    thread = open_thread(world, world.drafts, "launch post v2")
    draft = await world.alice.send(thread, PUSHY)

    [reply] = bot_messages(world, thread)
    assert reply.reference is not None and reply.reference.message_id == draft.id
    assert reply.embeds and reply.embeds[0].title is not None
    assert bot_messages(world, world.drafts) == []
    [row] = coach.log.recent_reviews(platform="discord")
    assert (row["trigger"], row["channel"], row["message_id"]) == (
        "drafts_channel",
        str(thread.id),
        str(draft.id),
    )


async def test_a_thread_under_any_other_channel_is_left_alone(world: World, coach: Coach) -> None:
    thread = open_thread(world, world.general, "chit-chat")
    await world.alice.send(thread, PUSHY)

    assert bot_messages(world, thread) == []
    assert coach.log.recent_reviews(platform="discord") == []


async def test_the_review_emoji_in_a_thread_replies_in_that_thread(world: World, coach: Coach) -> None:
    thread = open_thread(world, world.general, "feedback wanted")
    bob = world.guild.add_member(world.env.create_user("bob"))
    draft = await world.alice.send(thread, PUSHY)

    await bob.react(draft, "🔍")

    [reply] = bot_messages(world, thread)
    assert reply.reference is not None and reply.reference.message_id == draft.id
    assert bot_messages(world, world.general) == []
    [row] = coach.log.recent_reviews(platform="discord")
    assert (row["trigger"], row["channel"]) == ("reaction", str(thread.id))
