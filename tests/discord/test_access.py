"""Who may ask for reviews on Discord: someone outside the lists gets one private line, never a public one."""

from __future__ import annotations

import discord
import simcord

from bot.access import NOT_FOR_YOU, NOT_IN_THIS_CHANNEL
from bot.coach import Coach
from tests.discord.conftest import World
from tests.discord.test_drafts_channel import bot_replies
from tests.discord.test_threads import open_thread

PUSHY = "Big launch today! Buy now and DM me for the discount code."


def last_dm(member: simcord.MemberActor) -> str | None:
    dm = member.user.dm_channel
    message = dm.last_message if dm is not None else None
    return message.content if message is not None else None


def private_line(result: simcord.InteractionResult) -> str:
    assert result.response is not None and result.response.ephemeral
    assert result.response.embeds == [] and result.modal is None
    return result.response.content


async def test_review_outside_the_lists_gets_one_private_line(world: World, coach: Coach) -> None:
    coach.settings.deny_users = [str(world.alice.id)]

    with_text = await world.alice.slash(world.general, "review", text=PUSHY)
    form = await world.alice.slash(world.general, "review")  # no form opens either

    assert private_line(with_text) == NOT_FOR_YOU and private_line(form) == NOT_FOR_YOU
    assert coach.log.recent_reviews() == []


async def test_the_context_menu_outside_an_allowed_channel_gets_one_private_line(
    world: World, coach: Coach
) -> None:
    coach.settings.allow_channels = [str(world.drafts.id)]
    draft = await world.alice.send(world.general, PUSHY)

    result = await world.alice.context_menu(world.general, "Review draft", draft)

    assert private_line(result) == NOT_IN_THIS_CHANNEL
    assert coach.log.recent_reviews() == []


async def test_roles_decide_and_a_denied_role_wins(world: World, coach: Coach) -> None:
    writers = world.guild.create_role("Writers")
    interns = world.guild.create_role("Interns")
    coach.settings.discord_allow_roles = [writers.id]
    coach.settings.discord_deny_roles = [interns.id]
    bob = world.guild.add_member(world.env.create_user("bob"), roles=[writers])
    carol = world.guild.add_member(world.env.create_user("carol"), roles=[writers, interns])

    reviewed = await bob.slash(world.general, "review", text=PUSHY)
    refused = [await m.slash(world.general, "review", text=PUSHY) for m in (carol, world.alice)]

    assert reviewed.response is not None and reviewed.response.embeds
    assert [private_line(r) for r in refused] == [NOT_FOR_YOU, NOT_FOR_YOU]
    assert [r["user"] for r in coach.log.recent_reviews()] == [str(bob.id)]


async def test_admins_are_never_refused(world: World, coach: Coach) -> None:
    managers = world.guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))
    carol = world.guild.add_member(world.env.create_user("carol"), roles=[managers])
    coach.settings.deny_users = [str(world.alice.id), str(carol.id)]
    coach.settings.admins = [str(world.alice.id)]

    for member in (world.alice, carol):  # named in PARTY_COACH_ADMINS; Manage Server
        result = await member.slash(world.general, "review", text=PUSHY)
        assert result.response is not None and result.response.embeds
    await carol.send(world.drafts, PUSHY)

    assert len(coach.log.recent_reviews()) == 3
    assert len(bot_replies(world.env, world.drafts)) == 1


async def test_a_reaction_outside_the_lists_gets_a_direct_message(world: World, coach: Coach) -> None:
    bob = world.guild.add_member(world.env.create_user("bob"))
    coach.settings.deny_users = [str(bob.id)]
    draft = await world.alice.send(world.general, PUSHY)

    await bob.react(draft, "🔍")

    assert last_dm(bob) == NOT_FOR_YOU
    assert bot_replies(world.env, world.general) == []
    assert coach.log.recent_reviews() == []


async def test_a_drafts_channel_post_outside_the_lists_gets_one_direct_message(
    world: World, coach: Coach
) -> None:
    coach.settings.deny_channels = [str(world.drafts.id)]

    draft = await world.alice.send(world.drafts, PUSHY)
    told = last_dm(world.alice)
    await world.alice.edit(draft, PUSHY + " Today only!")

    assert told == NOT_IN_THIS_CHANNEL
    dm = world.alice.user.dm_channel
    assert dm is not None and [m.content for m in dm.history()] == [NOT_IN_THIS_CHANNEL]  # not again on edit
    assert bot_replies(world.env, world.drafts) == []
    assert coach.log.recent_reviews() == []


async def test_a_thread_under_an_allowed_channel_is_allowed(world: World, coach: Coach) -> None:
    coach.settings.allow_channels = [str(world.general.id)]
    thread = open_thread(world, world.general, "launch")

    result = await world.alice.slash(thread, "review", text=PUSHY)

    assert result.response is not None and result.response.embeds
    assert [r["channel"] for r in coach.log.recent_reviews()] == [str(thread.id)]


async def test_a_thread_under_a_denied_channel_is_denied(world: World, coach: Coach) -> None:
    coach.settings.deny_channels = [str(world.general.id)]
    thread = open_thread(world, world.general, "launch")
    bob = world.guild.add_member(world.env.create_user("bob"))
    draft = await world.alice.send(thread, PUSHY)

    await bob.react(draft, "🔍")

    assert last_dm(bob) == NOT_IN_THIS_CHANNEL
    assert coach.log.recent_reviews() == []
