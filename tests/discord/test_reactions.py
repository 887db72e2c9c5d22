"""The review emoji: react to a message and the coach replies to it, once per version of the message."""

from __future__ import annotations

import logging

import discord
import pytest
import simcord

from bot.coach import Coach
from bot.discord.client import build_bot
from bot.discord.replies import CANT_FETCH, CANT_READ, CANT_REPLY, review_claim_key
from tests.discord.conftest import World

PUSHY = "Big launch today! Buy now and DM me for the discount code."


def replies_to(channel: simcord.ChannelHandle, message: discord.Message) -> list[discord.Message]:
    return [
        m
        for m in channel.history()
        if m.reference is not None and m.reference.message_id == message.id and m.author.bot
    ]


async def test_the_review_emoji_gets_a_review_reply(world: World, coach: Coach) -> None:
    bob = world.guild.add_member(world.env.create_user("bob"))
    draft = await world.alice.send(world.general, PUSHY)

    await bob.react(draft, "🔍")

    [reply] = replies_to(world.general, draft)
    assert reply.embeds and reply.embeds[0].title is not None
    assert [c.custom_id for c in reply.components[0].children] == [  # type: ignore[union-attr]
        f"party-coach:feedback:{row['id']}:{vote}"
        for row in coach.log.recent_reviews(platform="discord")
        for vote in ("up", "down")
    ]
    [row] = coach.log.recent_reviews(platform="discord")
    assert (row["trigger"], row["user"], row["message_id"], row["draft"]) == (
        "reaction",
        str(world.alice.id),
        str(draft.id),
        PUSHY,
    )
    await bob.click(reply, label="Helpful")
    assert [f["user"] for f in coach.log.feedback_for(row["id"])] == [str(bob.id)]


async def test_one_review_per_version_of_a_message(world: World, coach: Coach) -> None:
    bob = world.guild.add_member(world.env.create_user("bob"))
    draft = await world.alice.send(world.general, PUSHY)

    await bob.react(draft, "🔍")
    await world.alice.react(draft, "🔍")
    assert len(replies_to(world.general, draft)) == 1

    await world.alice.edit(draft, "What's the one launch email you still remember?")
    await bob.unreact(draft, "🔍")
    await bob.react(draft, "🔍")

    assert len(replies_to(world.general, draft)) == 2
    drafts = [row["draft"] for row in coach.log.recent_reviews(platform="discord")]
    assert drafts == ["What's the one launch email you still remember?", PUSHY]


async def test_other_emoji_and_bot_messages_are_ignored(world: World, coach: Coach) -> None:
    bob = world.guild.add_member(world.env.create_user("bob"))
    draft = await world.alice.send(world.general, PUSHY)
    await bob.react(draft, "👍")
    robot = world.guild.add_member(world.env.create_user("robot", bot=True))
    announcement = await robot.send(world.general, PUSHY)
    await bob.react(announcement, "🔍")

    assert coach.log.recent_reviews(platform="discord") == []
    me = world.env.bot.user
    assert me is not None and all(m.author.id != me.id for m in world.general.history())


async def test_the_emoji_is_configurable(world: World, coach: Coach) -> None:
    coach.settings.discord_review_emoji = "👀"
    draft = await world.alice.send(world.general, PUSHY)

    await world.alice.react(draft, "🔍")
    assert replies_to(world.general, draft) == []
    await world.alice.react(draft, "👀")
    assert len(replies_to(world.general, draft)) == 1


async def test_a_message_the_bot_cant_read_gets_a_private_friendly_line(
    world: World, coach: Coach, caplog: pytest.LogCaptureFixture
) -> None:
    me = world.guild.me
    assert me is not None
    secret = world.guild.create_text_channel(
        "secret", overwrites={me: discord.PermissionOverwrite(read_message_history=False)}
    )
    draft = await world.alice.send(secret, PUSHY)

    with caplog.at_level(logging.WARNING, logger="bot.discord"):
        await world.alice.react(draft, "🔍")

    dm = world.alice.user.dm_channel.last_message
    assert dm is not None and dm.content == CANT_FETCH.format(channel=f"<#{secret.id}>")
    assert "can't read message" in caplog.text and "403" in caplog.text
    assert coach.log.recent_reviews(platform="discord") == []


async def test_a_channel_the_bot_cant_post_in_is_explained_privately(world: World, coach: Coach) -> None:
    me = world.guild.me
    assert me is not None
    quiet = world.guild.create_text_channel(
        "quiet", overwrites={me: discord.PermissionOverwrite(send_messages=False)}
    )
    draft = await world.alice.send(quiet, PUSHY)

    await world.alice.react(draft, "🔍")

    dm = world.alice.user.dm_channel.last_message
    assert dm is not None and dm.content == CANT_REPLY.format(channel=f"<#{quiet.id}>")
    assert await coach.claim(review_claim_key(draft)), "the claim is released so a later try can post"
    assert len(coach.log.recent_reviews(platform="discord")) == 1


async def test_without_message_content_access_the_reactor_is_told_privately(
    coach: Coach, caplog: pytest.LogCaptureFixture
) -> None:
    async with simcord.run(
        build_bot(coach, message_content=False), approved_intents=discord.Intents.default()
    ) as env:
        guild = env.create_guild()
        channel = guild.create_text_channel("general")
        alice = guild.add_member(env.create_user("alice"))
        draft = await alice.send(channel, PUSHY)

        with caplog.at_level(logging.WARNING, logger="bot.discord"):
            await alice.react(draft, "🔍")

        dm = alice.user.dm_channel.last_message
        assert dm is not None and dm.content == CANT_READ
        assert "without its text" in caplog.text
        assert coach.log.recent_reviews(platform="discord") == []


async def test_the_reaction_works_without_asking_for_the_intent_while_the_portal_grants_it(
    coach: Coach, caplog: pytest.LogCaptureFixture
) -> None:
    """DISCORD_MESSAGE_CONTENT=false turns off the gateway side only; a fetched message still has its text."""
    coach.settings.discord_message_content = False
    granted = discord.Intents.default()
    granted.message_content = True
    with caplog.at_level(logging.INFO, logger="bot.discord"):
        async with simcord.run(build_bot(coach), approved_intents=granted) as env:
            guild = env.create_guild()
            channel = guild.create_text_channel("general")
            alice = guild.add_member(env.create_user("alice"))
            draft = await alice.send(channel, PUSHY)

            await alice.react(draft, "🔍")

            [reply] = replies_to(channel, draft)
            assert reply.embeds
    [started] = [r.getMessage() for r in caplog.records if "message-content intent" in r.getMessage()]
    assert "the 🔍 reaction too while Message Content Intent stays switched on in the Developer Portal" in (
        started
    )
