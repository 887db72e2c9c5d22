"""The Discord client: intents, the command tree, the cogs, and syncing slash commands on start."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands
from discord.voice_client import VoiceClient

from bot.coach import Coach
from bot.discord.coach_commands import CoachCommands
from bot.discord.daily_tip import DailyTip
from bot.discord.digest import WeeklyDigest
from bot.discord.drafts_channel import DraftsChannel
from bot.discord.feedback import FeedbackButton
from bot.discord.invite import invite_url
from bot.discord.reactions import ReactionReviews
from bot.discord.replies import send_friendly
from bot.discord.review_commands import ReviewCommands
from bot.discord.rewrite_button import RewriteButton
from bot.heap import freeze_startup_objects
from bot.wording import SOMETHING_WENT_WRONG

logger = logging.getLogger(__name__)

# Discord sends a message's text to the bot only if Message Content Intent is switched on for the app in
# the Developer Portal: the gateway needs it for drafts channels, and so does fetching the message a
# reaction is on. Interactions (/review, the form, Apps → Review draft) carry their text regardless.
NO_MESSAGE_CONTENT = (
    "Discord: running without the message-content intent ({why}), so drafts channels are not "
    "auto-reviewed; {still}. See 'The Message Content intent' in the README's Discord section, "
    "or run `party-coach doctor`."
)
NOT_ASKED = "DISCORD_MESSAGE_CONTENT=false"
STILL_WORKS_IF_ON_IN_PORTAL = (
    "/review and Apps → Review draft work, and the {emoji} reaction too while Message Content Intent "
    "stays switched on in the Developer Portal"
)
REFUSED = (
    "Discord refused it: enable Message Content Intent under Bot → Privileged Gateway Intents "
    "in the Developer Portal, or set DISCORD_MESSAGE_CONTENT=false to stop asking"
)
STILL_WORKS_WITHOUT_PORTAL = (
    "the {emoji} reaction can't read messages either; /review and Apps → Review draft still work"
)


def without_message_content(refused: bool, emoji: str) -> str:
    """The start-up line saying what works without message content, and why it is off."""
    why, still = (
        (REFUSED, STILL_WORKS_WITHOUT_PORTAL) if refused else (NOT_ASKED, STILL_WORKS_IF_ON_IN_PORTAL)
    )
    return NO_MESSAGE_CONTENT.format(why=why, still=still.format(emoji=emoji))


def bot_intents(message_content: bool) -> discord.Intents:
    """Only what the triggers need; message content is the one privileged intent, and optional."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_reactions = True
    # New messages matter only to drafts channels, which can't read them without message content.
    intents.guild_messages = message_content
    intents.message_content = message_content
    return intents


class CoachCommandTree(app_commands.CommandTree):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        where = str(interaction.channel_id) if interaction.channel_id else None
        fields = {"platform": "discord", "channel": where, "error": type(error).__name__}
        logger.error("discord: a command failed", exc_info=error, extra=fields)
        await send_friendly(interaction, SOMETHING_WENT_WRONG)


class PartyCoachBot(commands.Bot):
    """Party Coach on Discord; `coach` does the reviewing, this only wires triggers to it."""

    def __init__(self, coach: Coach, *, message_content: bool, refused: bool = False) -> None:
        # Party Coach never joins voice, so discord.py's warnings about missing voice libraries
        # (PyNaCl, davey) on every start would only worry whoever reads the log.
        VoiceClient.warn_nacl = VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=bot_intents(message_content),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=CoachCommandTree,
        )
        self.coach = coach
        self.refused = refused

    async def on_ready(self) -> None:
        logger.info("discord: ready as %s in %d server(s)", self.user, len(self.guilds))
        if not self.guilds and self.application_id is not None:
            logger.info("discord: not in any server yet; invite it with %s", invite_url(self.application_id))
        freeze_startup_objects()

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: drafts channels are handled by their own listener."""

    async def setup_hook(self) -> None:
        self.add_dynamic_items(FeedbackButton, RewriteButton)
        await self.add_cog(ReviewCommands(self))
        await self.add_cog(CoachCommands(self))
        await self.add_cog(ReactionReviews(self))
        if self.intents.message_content:
            await self.add_cog(DraftsChannel(self))
        else:
            settings = self.coach.settings
            log = logger.warning if settings.discord_drafts_channels else logger.info
            why, still = (
                (REFUSED, STILL_WORKS_WITHOUT_PORTAL)
                if self.refused
                else (NOT_ASKED, STILL_WORKS_IF_ON_IN_PORTAL)
            )
            log(NO_MESSAGE_CONTENT.format(why=why, still=still.format(emoji=settings.discord_review_emoji)))
        await self.add_cog(DailyTip(self))
        await self.add_cog(WeeklyDigest(self))
        await sync_commands(self)


async def sync_commands(bot: PartyCoachBot) -> None:
    """To the dev guild when one is set (instant), else globally (can take up to an hour to show)."""
    dev_guild = bot.coach.settings.discord_dev_guild
    try:
        if dev_guild is not None:
            guild = discord.Object(id=dev_guild)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
            logger.info("discord: synced %d commands to guild %s", len(synced), dev_guild)
        else:
            synced = await bot.tree.sync()
            logger.info("discord: synced %d commands globally", len(synced))
    except discord.HTTPException as exc:
        where = f"guild {dev_guild}" if dev_guild is not None else "Discord"
        logger.error(
            "discord: couldn't register the slash commands with %s (%s %s); the commands from the last "
            "successful start stay in place. Check DISCORD_DEV_GUILD and that the bot was invited with "
            "the applications.commands scope.",
            where,
            exc.status,
            exc.text,
        )


def build_bot(coach: Coach, *, message_content: bool | None = None, refused: bool = False) -> PartyCoachBot:
    """A bot for `coach`; message content follows the settings unless told otherwise or Discord refused it."""
    wanted = coach.settings.discord_message_content if message_content is None else message_content
    return PartyCoachBot(coach, message_content=wanted and not refused, refused=refused)
