"""The "Use this rewrite" button: the rewrite, privately, in a code block ready to copy; the use is logged."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.delivery import answer_clicker
from bot.slack.message import MAX_FALLBACK_CHARS, SlackMessage, notice, section
from bot.slack.mrkdwn import escape, fit
from bot.slack.review_blocks import REWRITE_PIECE_CHARS, USE_REWRITE_ACTION
from bot.slack.services import SlackServices
from bot.text_fit import split_text
from bot.wording import REWRITE_NOT_KEPT, REWRITE_READY, SOMETHING_WENT_WRONG

FENCE = "```"


def rewrite_message(rewrite: str) -> SlackMessage:
    """The rewrite as code blocks (split to fit a section each), so Slack keeps its words and line breaks."""
    # Three backticks inside would close the block early; a lookalike keeps the text readable.
    text = rewrite.replace(FENCE, "ˋˋˋ")
    blocks = [section(escape(REWRITE_READY))]
    blocks += [section(f"{FENCE}{escape(piece)}{FENCE}") for piece in split_text(text, REWRITE_PIECE_CHARS)]
    return SlackMessage(text=fit(escape(rewrite), MAX_FALLBACK_CHARS), blocks=blocks)


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.action(USE_REWRITE_ACTION)
    async def use_rewrite_clicked(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        user, tell = answer_clicker(client, body)

        async def give_rewrite() -> None:
            rewrite = await services.coach.take_rewrite(int(action["value"]), user)
            await tell(rewrite_message(rewrite) if rewrite else notice(REWRITE_NOT_KEPT))

        services.work.start(
            give_rewrite(), what="use rewrite", on_failure=lambda: tell(notice(SOMETHING_WENT_WRONG))
        )
