"""Discord fixtures: the real bot on simcord's simulated Discord, with one guild laid out for Party Coach."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import simcord

from bot.coach import Coach
from bot.discord.client import PartyCoachBot, build_bot
from tests.fakes.openai_server import fake_openai  # noqa: F401  (fixture)


@dataclass
class World:
    """One guild: a general channel, a drafts channel, a tips channel, and Alice who posts drafts."""

    env: simcord.Env
    guild: simcord.GuildHandle
    general: simcord.ChannelHandle
    drafts: simcord.ChannelHandle
    tips: simcord.ChannelHandle
    alice: simcord.MemberActor


@pytest.fixture
def simcord_bot(coach: Coach) -> PartyCoachBot:
    return build_bot(coach)


@pytest.fixture
def world(simcord_env: simcord.Env, coach: Coach) -> World:
    guild = simcord_env.create_guild("Marketing")
    general = guild.create_text_channel("general")
    drafts = guild.create_text_channel("drafts")
    tips = guild.create_text_channel("tips")
    alice = guild.add_member(simcord_env.create_user("alice"))
    coach.settings.discord_drafts_channels = [drafts.id]
    coach.settings.discord_tip_channels = [tips.id]
    return World(simcord_env, guild, general, drafts, tips, alice)


def assert_deferred_privately_first(env: simcord.Env) -> None:
    """The latest interaction was first answered with a private 'thinking…' (type 5, ephemeral)."""
    requests = env.http_requests
    at = max(n for n, e in enumerate(requests) if e.method == "POST" and e.path.endswith("/callback"))
    assert requests[at].json == {"type": 5, "data": {"flags": 64}}
    token = requests[at].path.split("/")[3]
    assert all(n > at for n, e in enumerate(requests) if e.path.startswith("/webhooks/") and token in e.path)
