"""The one OpenAI client factory, one chat call, and friendly reasons for every way a call can fail."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp
import openai
from openai import AsyncOpenAI, DefaultAioHttpClient, omit
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from openai.types.chat.completion_create_params import ResponseFormat

from bot.errors import ConfigError
from bot.settings import Settings

logger = logging.getLogger(__name__)

# A local server (Ollama, vLLM, LM Studio) often needs no key, but the SDK insists on one.
PLACEHOLDER_API_KEY = "not-needed"


@dataclass(frozen=True)
class Reply:
    """What one chat completion came back with."""

    content: str | None
    refusal: str | None
    finish_reason: str | None
    tokens_in: int | None
    tokens_out: int | None


def make_client(settings: Settings) -> AsyncOpenAI:
    """An AsyncOpenAI client for OpenAI, or for any OpenAI-compatible server at OPENAI_BASE_URL."""
    if not settings.llm_configured:
        raise ConfigError(
            "the LLM reviewer needs OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL "
            "(for Azure OpenAI, Ollama, vLLM or another OpenAI-compatible server)"
        )
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else PLACEHOLDER_API_KEY
    client = AsyncOpenAI(
        api_key=key,
        base_url=settings.openai_base_url,
        timeout=min(settings.openai_timeout, settings.llm_budget_seconds),
        max_retries=settings.openai_max_retries,
        # The SDK's aiohttp transport: its connection pool stays cheap with a hundred reviews in
        # flight, where the default pool's bookkeeping grows with connections × requests.
        http_client=DefaultAioHttpClient(),
    )
    _ = client.chat.completions  # the SDK imports this lazily; do it now, not in the first burst of reviews
    return client


async def ask(
    client: AsyncOpenAI,
    settings: Settings,
    messages: list[ChatCompletionMessageParam],
    response_format: ResponseFormat,
) -> Reply:
    """One chat completion. The SDK retries 429 (honouring Retry-After), 5xx, timeouts, lost connections."""
    official = speaks_max_completion_tokens(settings.openai_base_url)
    completion = await client.chat.completions.create(
        model=settings.openai_model,
        messages=messages,
        # Sent as it is: the SDK would otherwise walk the whole JSON schema on every request to
        # rename keys it doesn't have (about 1 ms of the event loop's time per review).
        extra_body={"response_format": response_format},
        max_completion_tokens=settings.llm_max_output_tokens if official else omit,
        max_tokens=omit if official else settings.llm_max_output_tokens,
    )
    tokens_in, tokens_out = _usage(completion)
    if not completion.choices:
        return Reply(None, None, None, tokens_in, tokens_out)
    choice = completion.choices[0]
    return Reply(
        content=choice.message.content,
        refusal=choice.message.refusal,
        finish_reason=choice.finish_reason,
        tokens_in=tokens_in,
        tokens_out=tokens_out,
    )


def speaks_max_completion_tokens(base_url: str | None) -> bool:
    """OpenAI and Azure OpenAI want max_completion_tokens (their reasoning models reject max_tokens);
    other OpenAI-compatible servers all know max_tokens, and not all know the newer name."""
    if base_url is None:
        return True
    host = urlsplit(base_url).hostname or ""
    return host == "api.openai.com" or host.endswith(".openai.azure.com")


def _usage(completion: ChatCompletion) -> tuple[int | None, int | None]:
    if completion.usage is None:
        return None, None
    return completion.usage.prompt_tokens, completion.usage.completion_tokens


def rejects_json_schema(exc: Exception) -> bool:
    """Did the server turn down the request itself (as servers without JSON-schema mode do)?"""
    return isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError)


def refused(exc: BaseException) -> bool:
    """Was the connection turned away? The SDK's aiohttp transport reports that as a connect timeout."""
    seen: set[int] = set()
    cause = exc.__cause__ or exc.__context__
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, ConnectionRefusedError | aiohttp.ClientConnectorError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def explain(exc: openai.OpenAIError) -> str:
    """A one-line reason for a marketer. Never the SDK's text: a server may echo part of the key in it."""
    if isinstance(exc, openai.APITimeoutError) and not refused(exc):
        return "The AI service took too long to answer."
    if isinstance(exc, openai.APIConnectionError):
        return "Couldn't reach the AI service."
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return "The AI service turned down our API key; ask an admin to check OPENAI_API_KEY."
    if isinstance(exc, openai.RateLimitError):
        return "The AI service is busy (rate limited) right now."
    if isinstance(exc, openai.NotFoundError):
        return "The AI service doesn't know the configured model; ask an admin to check PARTY_COACH_MODEL."
    if isinstance(exc, openai.InternalServerError):
        return "The AI service had a problem on its side."
    if isinstance(exc, openai.APIStatusError):
        return f"The AI service turned down the request (HTTP {exc.status_code})."
    return "The AI service gave an answer we couldn't read."
