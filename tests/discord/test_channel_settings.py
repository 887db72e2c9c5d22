"""/coach settings on simcord: a private panel for admins, its choices checked, and the bot following them."""

from __future__ import annotations

import discord
import simcord

from bot.coach import Coach
from bot.discord.settings_view import ADMINS_ONLY
from tests.discord.conftest import World
from tests.discord.test_daily_tip import HOUR, posted_tips

PUSHY = "Big launch today! Buy now and DM me for the discount code."
ROLE = "party-coach:settings:role"
FORM = "Tip time, zone and emoji…"


def manager(world: World) -> simcord.MemberActor:
    managers = world.guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))
    return world.guild.add_member(world.env.create_user("carol"), roles=[managers])


async def open_panel(world: World, who: simcord.MemberActor) -> simcord.InteractionResult:
    shown = await who.slash(world.general, "coach settings")
    assert shown.response is not None and shown.response.ephemeral
    return shown


def reviews_in(world: World, channel: simcord.ChannelHandle) -> list[discord.Message]:
    me = world.env.bot.user
    assert me is not None
    return [m for m in channel.history() if m.author.id == me.id and m.embeds]


async def test_a_member_without_manage_server_is_told_who_can(world: World, coach: Coach) -> None:
    shown = await world.alice.slash(world.general, "coach settings")

    assert shown.response is not None and shown.response.ephemeral
    assert shown.response.content == ADMINS_ONLY
    assert "Manage Server permission" in ADMINS_ONLY and "PARTY_COACH_ADMINS" in ADMINS_ONLY
    assert shown.response.components == []


async def test_an_admin_makes_a_channel_a_drafts_channel_and_posts_are_reviewed_at_once(
    world: World, coach: Coach
) -> None:
    await world.alice.send(world.general, PUSHY)
    assert reviews_in(world, world.general) == []
    carol = manager(world)
    shown = await open_panel(world, carol)
    assert shown.response is not None
    assert "new posts aren't reviewed, no daily tip" in shown.response.content

    await carol.select(shown.response, ["drafts"], custom_id=ROLE)

    assert shown.response is not None
    assert shown.response.content.startswith(
        "Saved, and in effect now. In this channel new posts are reviewed"
    )
    [row] = coach.log.channel_settings()
    assert (row["platform"], row["channel"], row["key"], row["value"]) == (
        "discord",
        str(world.general.id),
        "role",
        "drafts",
    )
    assert (row["workspace"], row["updated_by"]) == (str(world.guild.id), str(carol.id))
    await world.alice.send(world.general, PUSHY)
    assert len(reviews_in(world, world.general)) == 1


async def test_a_name_in_party_coach_admins_may_change_settings(world: World, coach: Coach) -> None:
    coach.settings.admins = [str(world.alice.id)]
    shown = await open_panel(world, world.alice)
    assert shown.response is not None and shown.response.components != []


async def test_a_bad_time_is_named_and_nothing_is_saved(world: World, coach: Coach) -> None:
    carol = manager(world)
    shown = await open_panel(world, carol)
    assert shown.response is not None
    form = await carol.click(shown.response, label=FORM)
    assert form.modal is not None

    answer = await carol.submit_modal(
        form,
        {
            "party-coach:settings:tip_time": "25:00",
            "party-coach:settings:tip_timezone": "Europe/Nowhere",
            "party-coach:settings:review_emoji": "👀",
        },
    )

    assert answer.response is not None and answer.response.ephemeral
    assert answer.response.content == (
        "Nothing saved. Daily tip time (24-hour): '25:00' is not a time of day; "
        "use a 24-hour time like 09:30. Time zone: 'Europe/Nowhere' is not a time zone; "
        "use a name like Europe/Berlin or America/New_York."
    )
    assert coach.log.channel_settings() == []


async def test_a_channel_made_a_tip_channel_gets_its_tip_at_its_own_time(world: World, coach: Coach) -> None:
    carol = manager(world)
    shown = await open_panel(world, carol)
    assert shown.response is not None
    await carol.select(shown.response, ["tips"], custom_id=ROLE)
    form = await carol.click(shown.response, label=FORM)
    await carol.submit_modal(
        form,
        {
            "party-coach:settings:tip_time": "10:00",
            "party-coach:settings:tip_timezone": "Asia/Tokyo",  # 01:00 UTC; it is 09:00 there now
            "party-coach:settings:review_emoji": "👀",
        },
    )
    assert shown.response is not None
    assert "daily tip at 10:00 Asia/Tokyo, weekdays only" in shown.response.content

    await world.env.advance_time(HOUR - 60)
    assert posted_tips(world.env, world.general) == []
    await world.env.advance_time(120)
    assert [day[-10:] for day in posted_tips(world.env, world.general)] == ["2026-01-01"]
    assert posted_tips(world.env, world.tips) == []  # the environment's channel keeps its own 09:30 UTC

    again = await open_panel(world, carol)  # the first panel stopped answering after 15 minutes
    assert again.response is not None
    await carol.click(again.response, label="Use the defaults")
    assert again.response is not None
    assert "new posts aren't reviewed, no daily tip; the review emoji is 🔍" in again.response.content
    assert coach.log.channel_settings() == []
    await world.env.advance_time(24 * HOUR)
    assert len(posted_tips(world.env, world.general)) == 1  # no longer a tip channel


async def test_the_review_emoji_is_the_channel_s_own(world: World, coach: Coach) -> None:
    await coach.change_channel_settings("discord", str(world.general.id), {"review_emoji": "👀"})
    message = await world.alice.send(world.general, PUSHY)

    await world.alice.react(message, "🔍")
    assert reviews_in(world, world.general) == []
    await world.alice.react(message, "👀")
    assert len(reviews_in(world, world.general)) == 1
