"""A local fake of the Slack Web API, response_url hooks and Socket Mode, recording every call.

It runs an aiohttp server on 127.0.0.1 in its own thread, so the app under test talks to it over
real HTTP (and a real WebSocket) exactly as it would talk to Slack. Tests seed messages with
`add_message`, read what the app did with `calls_to(method)` / `wait_for(method)`, and flip switches:

    fake.rate_limit_once("chat.postMessage", retry_after=0)   # 429 + Retry-After, then normal
    fake.not_in_channel.add("C123")                           # reading that channel fails
    fake.fail_next("chat.update", "message_not_found")        # one {"ok": false} answer
    fake.fail_uploads = True                                  # the upload URL answers 500

Files go up the way `files_upload_v2` sends them: files.getUploadURLExternal hands out a loopback
upload URL, the bytes are POSTed there (kept in `uploads`, by file id), and files.completeUploadExternal
shares them in the channel, with the initial comment as the message.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import WSMsgType, web

from tests.fakes.slack_workspace import BOT_ID, BOT_USER_ID, TEAM_ID, SlackWorkspace

__all__ = ["APP_TOKEN", "BOT_ID", "BOT_TOKEN", "BOT_USER_ID", "TEAM_ID", "FakeSlack", "SlackCall"]

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-fake-app-token"
T = TypeVar("T")


@dataclass
class SlackCall:
    """One Web API request as the fake received it."""

    method: str
    args: dict[str, Any]
    token: str | None
    status: int = 200
    at: float = field(default_factory=time.monotonic)


EXPIRED_HOOK = "expired"


@dataclass
class HookPost:
    """One POST to a response_url."""

    hook: str
    body: dict[str, Any]


async def until(found: Callable[[], T | None], timeout: float, failure: Callable[[], str]) -> T:
    """Poll `found` until it returns something, or fail the test with `failure()`."""
    deadline = time.monotonic() + timeout
    while (result := found()) is None:
        if time.monotonic() > deadline:
            raise AssertionError(failure())
        await asyncio.sleep(0.02)
    return result


class FakeSlack(SlackWorkspace):
    def __init__(self, token: str = BOT_TOKEN) -> None:
        super().__init__()
        self.token = token
        self.port = 0
        self.calls: list[SlackCall] = []
        self.hook_posts: list[HookPost] = []
        self.socket_acks: list[dict[str, Any]] = []
        self._sockets: list[web.WebSocketResponse] = []
        self._rate_limits: dict[str, int] = {}
        self._failures: dict[str, str] = {}
        self.uploads: dict[str, bytes] = {}
        self.fail_uploads = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    # Lifecycle ---------------------------------------------------------------

    def start(self) -> FakeSlack:
        ready = threading.Event()
        loop = self._loop = asyncio.new_event_loop()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(self._start_site())
            ready.set()
            loop.run_forever()

        self._thread = threading.Thread(target=serve, name="fake-slack", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fake Slack server did not start")
        return self

    def stop(self) -> None:
        if (loop := self._loop) is None:
            return
        for socket in list(self._sockets):
            asyncio.run_coroutine_threadsafe(socket.close(), loop).result(10)
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        loop.close()
        self._loop = None

    async def _start_site(self) -> None:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/hooks/{hook}", self._hook)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, hook: str = "command") -> str:
        return f"http://127.0.0.1:{self.port}/hooks/{hook}"

    # Switches ----------------------------------------------------------------

    def rate_limit_once(self, method: str, retry_after: int = 0) -> None:
        self._rate_limits[method] = retry_after

    def fail_next(self, method: str, error: str) -> None:
        self._failures[method] = error

    # Reading what happened ---------------------------------------------------

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """Arguments of every successful call to `method`, in order."""
        return [c.args for c in list(self.calls) if c.method == method and c.status == 200]

    def methods(self) -> list[str]:
        return [c.method for c in list(self.calls)]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        return await until(
            lambda: found if len(found := self.calls_to(method)) >= count else None,
            timeout,
            lambda: f"expected {count} x {method}, got {len(self.calls_to(method))}: {self.methods()}",
        )

    async def wait_for_hooks(self, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        return await until(
            lambda: [p.body for p in self.hook_posts] if len(self.hook_posts) >= count else None,
            timeout,
            lambda: f"expected {count} response_url posts, got {len(self.hook_posts)}",
        )

    def everything_shown(self) -> str:
        """Every text and block the app sent anywhere, as one string (for 'no traceback' checks)."""
        shown = [json.dumps(c.args, ensure_ascii=False) for c in self.calls]
        shown += [json.dumps(p.body, ensure_ascii=False) for p in self.hook_posts]
        return "\n".join(shown)

    # Socket Mode -------------------------------------------------------------

    async def wait_for_socket(self, timeout: float = 10.0) -> None:
        await until(lambda: True if self._sockets else None, timeout, lambda: "no Socket Mode connection")

    def send_over_socket(self, kind: str, payload: dict[str, Any], *, accepts_response: bool = False) -> str:
        """Deliver one envelope to the connected app, as Slack does in Socket Mode; return its id."""
        assert self._loop is not None and self._sockets, "no Socket Mode connection"
        envelope_id = f"env-{self.new_ts()}"
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response,
            "retry_attempt": 0,
            "retry_reason": "",
        }
        asyncio.run_coroutine_threadsafe(self._sockets[-1].send_json(envelope), self._loop).result(10)
        return envelope_id

    async def wait_for_socket_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        return await until(
            lambda: next((a for a in list(self.socket_acks) if a.get("envelope_id") == envelope_id), None),
            timeout,
            lambda: f"no Socket Mode ack for {envelope_id}",
        )

    # The server --------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "AFAKE"}}
        )
        async for frame in socket:
            if frame.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(frame.data))
        self._sockets.remove(socket)
        return socket

    async def _hook(self, request: web.Request) -> web.Response:
        hook = request.match_info["hook"]
        self.hook_posts.append(HookPost(hook, await request.json()))
        if hook == EXPIRED_HOOK:  # response_urls stop working after 30 minutes or five uses
            return web.Response(status=404, text="expired_url")
        return web.json_response({"ok": True})

    async def _upload(self, request: web.Request) -> web.Response:
        if self.fail_uploads:
            return web.Response(status=500, text="upload failed")
        file_id = request.match_info["file_id"]
        if file_id not in self.uploads:
            return web.Response(status=404, text="unknown upload")
        self.uploads[file_id] = await request.read()
        return web.Response(text=f"OK - {len(self.uploads[file_id])}")

    def _file_answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        """files.getUploadURLExternal and files.completeUploadExternal, as Slack answers them."""
        if method == "files.getUploadURLExternal":
            if not args.get("filename") or not str(args.get("length", "")).isdigit():
                return {"ok": False, "error": "invalid_arguments"}
            file_id = f"F{self.new_ts().replace('.', '')[-10:]}"
            self.uploads[file_id] = b""
            return {
                "ok": True,
                "file_id": file_id,
                "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}",
            }
        files = json.loads(str(args.get("files") or "[]"))
        if not files or any(not self.uploads.get(str(f.get("id"))) for f in files):
            return {"ok": False, "error": "file_not_found"}
        shared = [{"id": f["id"], "title": f.get("title", ""), "name": f.get("title", "")} for f in files]
        channel = str(args.get("channel_id") or "")
        if channel:
            self.add_message(
                channel, str(args.get("initial_comment") or ""), user=BOT_USER_ID, bot_id=BOT_ID, files=shared
            )
        return {"ok": True, "files": shared}

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.method == "POST":
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(await request.post())
        for key in ("blocks", "view"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth else args.get("token")
        call = SlackCall(method, args, token)
        self.calls.append(call)
        if method in self._rate_limits:
            call.status = 429
            headers = {"Retry-After": str(self._rate_limits.pop(method))}
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers=headers)
        if token != (APP_TOKEN if method == "apps.connections.open" else self.token):
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if method in self._failures:
            return web.json_response({"ok": False, "error": self._failures.pop(method)})
        if method == "apps.connections.open":
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"})
        if method in ("files.getUploadURLExternal", "files.completeUploadExternal"):
            return web.json_response(self._file_answer(method, args))
        return web.json_response(self.answer(method, args))
