"""The AI tip writer: one short tip about a principle, from the team's counted habits, within the budget."""

from __future__ import annotations

import asyncio
import logging

import openai
from openai.types.chat import ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatText

from bot.errors import ReviewerUnavailable
from bot.principles import Principle
from bot.review.llm import UNEXPECTED, LLMReviewer, check_reply, delimited, fresh_tag, instructions
from bot.review.llm_client import ask, explain

logger = logging.getLogger(__name__)

TEXT_REPLY: ResponseFormatText = {"type": "text"}


class LLMTipWriter:
    """Writes tips through the LLM reviewer's client and prompts folder (prompts/tip.md)."""

    def __init__(self, reviewer: LLMReviewer) -> None:
        self.reviewer = reviewer

    async def write(self, principle: Principle, patterns: list[str]) -> str:
        """The AI's tip, stripped; raises ReviewerUnavailable with a one-line reason when there is none."""
        try:
            return await self._write(principle, patterns)
        except ReviewerUnavailable:
            raise
        except Exception as exc:  # the curated tip goes out instead; never a traceback in a channel
            logger.warning("LLM tip writer failed unexpectedly (%s)", type(exc).__name__)
            raise ReviewerUnavailable(UNEXPECTED) from None

    async def _write(self, principle: Principle, patterns: list[str]) -> str:
        settings, prompts = self.reviewer.settings, self.reviewer.prompts
        tag = fresh_tag(*patterns)
        messages: list[ChatCompletionMessageParam] = [
            instructions(prompts.tip(f"{principle.title} ({principle.rule})", tag)),
            delimited(prompts.tip_patterns(tag, patterns)),
        ]
        budget = settings.llm_budget_seconds
        try:
            async with asyncio.timeout(budget):
                reply = await ask(self.reviewer.client_for_this_loop(), settings, messages, TEXT_REPLY)
        except TimeoutError:
            raise ReviewerUnavailable(f"The AI didn't answer within {budget:g} seconds.") from None
        except openai.OpenAIError as exc:
            raise ReviewerUnavailable(explain(exc)) from None
        check_reply(reply)
        return (reply.content or "").strip()
