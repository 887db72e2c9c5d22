"""The LLM reviewer: OpenAI or any OpenAI-compatible server, within one time budget, never a broken reply."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from dataclasses import dataclass

import openai
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionSystemMessageParam, ChatCompletionUserMessageParam
from openai.types.chat.completion_create_params import ResponseFormat
from openai.types.shared_params import ResponseFormatJSONObject

from bot.errors import ReviewerUnavailable
from bot.principles import PrincipleSet
from bot.review.draft import Draft
from bot.review.llm_client import Reply, ask, explain, make_client, rejects_json_schema
from bot.review.llm_schema import AnswerError, LLMAnswer, parse_answer, response_format_schema, to_review
from bot.review.model import Review
from bot.review.prompts import load_prompts
from bot.settings import Settings

logger = logging.getLogger(__name__)

JSON_MODE: ResponseFormatJSONObject = {"type": "json_object"}
REFUSED = "The AI reviewer declined to review this draft."
CUT_OFF = "The AI reviewer's answer was cut off before it finished."
FILTERED = "The AI service's content filter stopped this review."
NONSENSE = "The AI reviewer's answer didn't make sense, even on a second try."
UNEXPECTED = "The AI reviewer ran into an unexpected problem."


def fresh_tag(*texts: str | None) -> str:
    """A random delimiter name for one request, guaranteed not to occur in the data it wraps."""
    while True:
        tag = secrets.token_hex(8)
        if not any(tag in text for text in texts if text):
            return tag


def fit(text: str, limit: int) -> tuple[str, bool]:
    """The text cut to at most `limit` characters (at a word break if one is near), and whether it was cut."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return (cut[:space] if space >= limit * 0.9 else cut), True


def reviewed_only(sent: str) -> str:
    return f"the AI read only the first {len(sent):,} characters"


def instructions(text: str) -> ChatCompletionSystemMessageParam:
    return {"role": "system", "content": text}


def delimited(text: str) -> ChatCompletionUserMessageParam:
    """The user message: the draft and context inside their delimiters, and nothing else."""
    return {"role": "user", "content": text}


def check_reply(reply: Reply) -> None:
    """Refusals and cut-off answers never reach a person as a review."""
    if reply.refusal:
        raise ReviewerUnavailable(REFUSED)
    if reply.finish_reason == "length":
        raise ReviewerUnavailable(CUT_OFF)
    if reply.finish_reason == "content_filter":
        raise ReviewerUnavailable(FILTERED)


@dataclass
class Usage:
    """Tokens summed over every call one review took (a repair costs a second call)."""

    tokens_in: int | None = None
    tokens_out: int | None = None

    def add(self, reply: Reply) -> None:
        if reply.tokens_in is not None:
            self.tokens_in = (self.tokens_in or 0) + reply.tokens_in
        if reply.tokens_out is not None:
            self.tokens_out = (self.tokens_out or 0) + reply.tokens_out


class LLMReviewer:
    """Reviews drafts with an LLM. Raises ReviewerUnavailable, with a one-line reason, whenever it can't."""

    name = "llm"

    def __init__(self, settings: Settings, principles: PrincipleSet) -> None:
        self.settings = settings
        self.principles = principles
        self.model: str | None = settings.openai_model
        self.prompts = load_prompts(settings.prompts_dir, principles)
        self.prompt_version: str | None = self.prompts.version
        self._client: AsyncOpenAI | None = make_client(settings)  # made now so a bad config fails early
        self._client_loop: asyncio.AbstractEventLoop | None = None
        self._schema_supported = True

    def client_for_this_loop(self) -> AsyncOpenAI:
        # Pooled connections belong to one event loop; a CLI may run several loops one after another.
        loop = asyncio.get_running_loop()
        if self._client is None or (self._client_loop is not None and self._client_loop is not loop):
            self._client = make_client(self.settings)
        self._client_loop = loop
        return self._client

    async def aclose(self) -> None:
        """Close the HTTP client on the loop that used it; a later review opens a new one."""
        client, self._client = self._client, None
        if client is not None:
            await client.close()

    async def review(self, draft: Draft) -> Review:
        started = time.perf_counter()
        try:
            review = await self._review(draft)
        except ReviewerUnavailable:
            raise
        except Exception as exc:  # whatever happens, a person gets the offline review, not a traceback
            logger.warning("LLM reviewer failed unexpectedly (%s)", type(exc).__name__)
            raise ReviewerUnavailable(UNEXPECTED) from None
        review.latency_ms = (time.perf_counter() - started) * 1000
        return review

    async def _review(self, draft: Draft) -> Review:
        limit = self.settings.llm_max_draft_chars
        text, text_cut = fit(draft.text, limit)
        context, context_cut = fit(draft.context, limit) if draft.context else (None, False)
        usage = Usage()
        budget = self.settings.llm_budget_seconds
        try:
            async with asyncio.timeout(budget):
                answer = await self._answer(text, context, usage)
        except TimeoutError:
            logger.warning("LLM reviewer ran out of its %gs budget", budget)
            raise ReviewerUnavailable(f"The AI reviewer didn't answer within {budget:g} seconds.") from None
        except openai.OpenAIError as exc:
            logger.warning("LLM call failed (%s)", type(exc).__name__)
            raise ReviewerUnavailable(explain(exc)) from None
        review = to_review(answer, text, self.principles)
        notes = []
        if text_cut:
            notes.append(f"Your draft is {len(draft.text):,} characters, so {reviewed_only(text)}.")
        if context_cut:
            notes.append(f"The message you replied to is long, so {reviewed_only(context or '')}.")
        review.notes = notes + review.notes
        review.reviewer = self.name
        review.model = self.model
        review.prompt_version = self.prompt_version
        review.tokens_in, review.tokens_out = usage.tokens_in, usage.tokens_out
        return review

    async def _answer(self, text: str, context: str | None, usage: Usage) -> LLMAnswer:
        """Ask in JSON-schema mode (or JSON mode on servers without it), then repair a bad answer once."""
        client = self.client_for_this_loop()
        tag = fresh_tag(text, context)
        data: ChatCompletionUserMessageParam = {
            "role": "user",
            "content": self.prompts.review(tag, text, context),
        }
        ids = tuple(p.id for p in self.principles.items)
        response_format: ResponseFormat = response_format_schema(ids) if self._schema_supported else JSON_MODE
        system = self.prompts.system(tag, spell_out_json=not self._schema_supported)
        try:
            reply = await ask(client, self.settings, [instructions(system), data], response_format)
        except openai.APIStatusError as exc:
            if not (self._schema_supported and rejects_json_schema(exc)):
                raise
            logger.info("the AI server has no JSON-schema mode (HTTP %s); using JSON mode", exc.status_code)
            response_format = JSON_MODE
            system = self.prompts.system(tag, spell_out_json=True)
            reply = await ask(client, self.settings, [instructions(system), data], response_format)
            self._schema_supported = False
        for is_repair in (False, True):
            usage.add(reply)
            check_reply(reply)
            try:
                return parse_answer(reply.content, ids)
            except AnswerError as err:
                if is_repair:
                    logger.warning("LLM answer unusable after one repair (%s)", err)
                    raise ReviewerUnavailable(NONSENSE) from None
                logger.info("LLM answer unusable (%s); asking once more", err)
                system = self.prompts.system(tag, repair_reason=str(err))
                reply = await ask(client, self.settings, [instructions(system), data], response_format)
        raise AssertionError("the loop above returns or raises")
