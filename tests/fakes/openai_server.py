"""A small OpenAI-compatible HTTP server on loopback, with a switch for every fault the LLM reviewer handles.

Use it from any test through the `fake_openai` fixture (register this module with
`pytest_plugins = ["tests.fakes.openai_server"]`):

    async def test_something(fake_openai: FakeOpenAI) -> None:
        fake_openai.mode = "slow"
        fake_openai.delay = 10.0
        settings = settings_for(fake_openai, llm_budget_seconds=0.5)
        ...
        assert fake_openai.requests == []  # parsed JSON bodies of POST /v1/chat/completions

Modes (`fake.mode`):
    ok              a plausible valid review (the offline reviewer's judgement of the delimited draft),
                    with one check per principle id the request's JSON schema enumerates
    slow            like ok, answered `fake.delay` seconds after the request arrived
    rate_limit      429 with `Retry-After: fake.retry_after` (alias "429")
    server_error    500 (alias "500")
    invalid_json    200 whose content is not JSON
    refusal         200 with `message.refusal` set and no content
    truncated       200 with half an answer and finish_reason "length"
    no_json_schema  400 for response_format json_schema (like vLLM or an old server); json_object works
    unauthorized    401 that echoes the API key it was sent, as some servers do (for secret-leak tests)

`fake.fail_times = n` applies the mode to the first n chat requests only, then answers "ok",
so "429 once, then fine" is `fake.mode = "rate_limit"; fake.fail_times = 1`.
`fake.answer` (a dict or a raw string) replaces the default answer content in ok-like modes.
`fake.headers` holds each request's headers (lower-case names); `fake.prompt_tokens` the usage it reported;
`fake.timings` (arrived, answered) monotonic times per chat request, for benchmarks.
`settings_for(fake, **overrides)` points Settings at the server: model "fake-gpt", key FAKE_API_KEY,
reviewer "llm", and a short budget (3 s, 2 s per request, 2 retries) so fault tests finish fast.
"""

from __future__ import annotations

import functools
import importlib
import json
import math
import re
import threading
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import pytest

from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.llm import LLMReviewer
from bot.review.model import CORE_PRINCIPLES, Review
from bot.settings import BUNDLED_DATA, Settings, load_settings

FAKE_API_KEY = "sk-fake-test-key-0123456789"
FAKE_MODEL = "fake-gpt"
MODE_ALIASES = {"429": "rate_limit", "500": "server_error"}
MODES = {
    "ok",
    "slow",
    "rate_limit",
    "server_error",
    "invalid_json",
    "refusal",
    "truncated",
    "no_json_schema",
    "unauthorized",
}

_DATA_RE = r"<{name}-(?P<tag>[0-9a-f]+)>\n?(?P<body>.*?)\n?</{name}-(?P=tag)>"
DRAFT_RE = re.compile(_DATA_RE.format(name="draft"), re.DOTALL)
CONTEXT_RE = re.compile(_DATA_RE.format(name="context"), re.DOTALL)


def estimate_tokens(text: str) -> int:
    """Roughly what a real tokenizer counts for English text: one token per four characters."""
    return math.ceil(len(text) / 4)


def extract_draft(body: dict[str, Any]) -> str | None:
    """The draft the reviewer wrapped in `<draft-TAG>` ... `</draft-TAG>`, from the last message with one."""
    for message in reversed(body.get("messages", [])):
        found = DRAFT_RE.search(str(message.get("content") or ""))
        if found:
            return found.group("body")
    return None


@functools.cache
def _offline_reviewer() -> Any:
    offline = importlib.import_module("bot.review.offline")
    return offline.OfflineReviewer(load_principles(BUNDLED_DATA / "principles.toml"))


def offline_review(draft: str) -> Review | None:
    """The offline reviewer's judgement of `draft`, or None if that reviewer can't give one."""
    try:
        review: Review = _offline_reviewer().review_sync(Draft(draft))
    except Exception:  # the fake must answer even while the offline reviewer is broken or half-written
        return None
    return review


def schema_principles(body: dict[str, Any]) -> list[str] | None:
    """The principle ids the request's JSON schema allows (its enum), or None without a schema."""
    schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema") or {}
    try:
        return list(schema["properties"]["checks"]["items"]["properties"]["principle"]["enum"])
    except (KeyError, TypeError):
        return None


def default_answer(draft: str | None, principle_ids: Sequence[str] = CORE_PRINCIPLES) -> dict[str, Any]:
    """A valid LLM-shaped answer with one check per id: the offline reviewer's judgement where it has one,
    else all clear."""
    review = offline_review(draft) if draft is not None else None
    findings = {f.principle: f for f in review.findings} if review is not None else {}
    checks = []
    for principle in principle_ids:
        found = findings.get(principle)
        checks.append(
            {
                "principle": principle,
                "passed": found.passed if found else True,
                "reason": found.reason if found else "Looks fine.",
                "quotes": [s.text for s in found.spans] if found else [],
            }
        )
    if review is None:
        return {"checks": checks, "suggestions": [], "rewrite": None, "score": 90}
    return {
        "checks": checks,
        "suggestions": review.suggestions,
        "rewrite": review.rewrite,
        "score": review.score,
    }


class FakeOpenAI:
    """The server's state and switches; safe to change between requests from the test thread."""

    def __init__(self, mode: str = "ok", delay: float = 5.0) -> None:
        self.mode = mode
        self.delay = delay
        self.retry_after = 1
        self.fail_times: int | None = None
        self.answer: dict[str, Any] | str | None = None
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []  # per request, names in lower case
        self.timings: list[tuple[float, float]] = []  # per chat request: (arrived, answered), monotonic
        self._faults_served = 0
        self._stopping = threading.Event()
        self._server: _QuietServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("start the fake OpenAI server first")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> FakeOpenAI:
        handler = type("BoundHandler", (_Handler,), {"fake": self})
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def reset(self) -> None:
        """Back to mode "ok" with nothing recorded."""
        self.mode, self.fail_times, self.answer = "ok", None, None
        self.requests.clear()
        self.headers.clear()
        self.timings.clear()
        self._faults_served = 0

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def prompt_tokens(self) -> list[int]:
        """The prompt_tokens figure the server reported for each request so far."""
        return [request_tokens(body) for body in self.requests]

    def _current_mode(self) -> str:
        mode = MODE_ALIASES.get(self.mode, self.mode)
        if mode not in MODES:
            raise ValueError(f"unknown fake OpenAI mode {self.mode!r}; pick one of {sorted(MODES)}")
        if mode != "ok" and self.fail_times is not None:
            if self._faults_served >= self.fail_times:
                return "ok"
            self._faults_served += 1
        return mode

    def respond(
        self, body: dict[str, Any], authorization: str = "", arrived: float | None = None
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        """Status, extra headers and JSON body for one chat completion request.

        In slow mode the answer is built first and held until `delay` seconds after `arrived`, so the
        fake's own work doesn't add to the delay, as a remote server's wouldn't.
        """
        arrived = time.monotonic() if arrived is None else arrived
        mode = self._current_mode()
        answer = self._answer(mode, body, authorization)
        if mode == "slow":
            self._stopping.wait(max(0.0, arrived + self.delay - time.monotonic()))
        return answer

    def _answer(
        self, mode: str, body: dict[str, Any], authorization: str
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        if mode == "unauthorized":
            key = authorization.removeprefix("Bearer ")
            return 401, {}, _error(f"Incorrect API key provided: {key}.", 401)
        if mode == "rate_limit":
            return 429, {"Retry-After": str(self.retry_after)}, _error("Rate limit reached, slow down.", 429)
        if mode == "server_error":
            return 500, {}, _error("The server had an error while processing your request.", 500)
        response_format = body.get("response_format") or {}
        if mode == "no_json_schema" and response_format.get("type") == "json_schema":
            return 400, {}, _error("response_format type 'json_schema' is not supported by this server.", 400)
        content: str | None
        refusal: str | None = None
        finish_reason = "stop"
        if mode == "refusal":
            content, refusal = None, "I'm sorry, but I can't help with that."
        else:
            ids = schema_principles(body) or CORE_PRINCIPLES
            answer = self.answer if self.answer is not None else default_answer(extract_draft(body), ids)
            content = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
            if mode == "invalid_json":
                content = "Sure! Here is my review: the post looks " + content[:40]
            elif mode == "truncated":
                content, finish_reason = content[: len(content) // 2], "length"
        completion_tokens = estimate_tokens(content or refusal or "")
        prompt_tokens = request_tokens(body)
        return (
            200,
            {},
            {
                "id": f"chatcmpl-fake{len(self.requests)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", FAKE_MODEL),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content, "refusal": refusal},
                        "finish_reason": finish_reason,
                        "logprobs": None,
                    }
                ],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens,
                },
            },
        )


def request_tokens(body: dict[str, Any]) -> int:
    """Estimated input tokens: every message, plus the JSON schema (real servers count it too)."""
    text = "".join(str(m.get("content") or "") for m in body.get("messages", []))
    schema = (body.get("response_format") or {}).get("json_schema")
    if schema:
        text += json.dumps(schema, separators=(",", ":"))
    return estimate_tokens(text) + 4 * len(body.get("messages", []))


def _error(message: str, code: int) -> dict[str, Any]:
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256  # bursts of 100 concurrent reviews must not be refused at connect

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up mid-reply is expected in timeout tests; don't print a traceback."""


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the test output is not the place for access logs."""

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting (a timeout test): nothing to tell it

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            models = [{"id": FAKE_MODEL, "object": "model", "owned_by": "fake"}]
            self._send(200, {"object": "list", "data": models})
        else:
            self._send(404, _error(f"no route for GET {self.path}", 404))

    def do_POST(self) -> None:
        arrived = time.monotonic()
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, _error(f"no route for POST {self.path}", 404))
            return
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            self._send(400, _error("request body is not JSON", 400))
            return
        self.fake.requests.append(body)
        self.fake.headers.append({name.lower(): value for name, value in self.headers.items()})
        try:
            status, headers, payload = self.fake.respond(body, self.headers.get("Authorization", ""), arrived)
        except Exception as exc:  # a broken switch should show up in the test, not hang the client
            status, headers, payload = 500, {}, _error(f"fake server error: {exc}", 500)
        self._send(status, payload, headers)
        self.fake.timings.append((arrived, time.monotonic()))


def settings_for(fake: FakeOpenAI, **overrides: Any) -> Settings:
    """Settings that point the LLM reviewer at `fake`, with a short budget so fault tests finish fast."""
    values: dict[str, Any] = {
        "openai_base_url": fake.base_url,
        "openai_api_key": FAKE_API_KEY,
        "openai_model": FAKE_MODEL,
        "openai_timeout": 2.0,
        "openai_max_retries": 2,
        "llm_budget_seconds": 3.0,
        "reviewer": "llm",
    }
    values.update(overrides)
    return load_settings(**values)


_open_reviewers: list[LLMReviewer] = []


def reviewer_for(fake: FakeOpenAI, **overrides: Any) -> LLMReviewer:
    """An LLM reviewer pointed at `fake`; its HTTP client is closed when the test ends."""
    settings = settings_for(fake, **overrides)
    reviewer = LLMReviewer(settings, load_principles(settings.principles_path))
    _open_reviewers.append(reviewer)
    return reviewer


@pytest.fixture(autouse=True)
async def close_llm_clients() -> AsyncIterator[None]:
    """Close clients on the loop that opened them; left to the GC they would close on a later test's loop."""
    yield
    while _open_reviewers:
        await _open_reviewers.pop().aclose()


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A running fake OpenAI server, stopped after the test."""
    with FakeOpenAI() as fake:
        yield fake
