"""A tiny Discord on loopback for the real discord.py client: REST under /api/v10 and a JSON gateway.

Only what Party Coach touches: login, command sync, READY and GUILD_CREATE, message create/fetch,
interaction callbacks and follow-ups. Every REST call is recorded with the time it arrived.
discord.py 2.7's Client connects straight to `DiscordWebSocket.DEFAULT_GATEWAY` (it asks
`/gateway/bot` only when sharding automatically), so tests point that at `gateway_url`.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

APP_ID, GUILD_ID, DRAFTS_ID, GENERAL_ID = "1000", "2000", "3000", "3001"
BOT_USER = {"id": APP_ID, "username": "Party Coach", "discriminator": "0", "avatar": None, "bot": True}
MESSAGE_CONTENT_INTENT = 1 << 15
PRIVILEGED_INTENTS_REFUSED = 4014


@dataclass
class Request:
    method: str
    path: str
    json: Any
    at: float = field(default_factory=time.perf_counter)


def user(user_id: str, name: str) -> dict[str, Any]:
    return {"id": user_id, "username": name, "discriminator": "0", "avatar": None, "global_name": name}


def guild_create() -> dict[str, Any]:
    channels = [
        {"id": cid, "type": 0, "name": name, "position": n, "permission_overwrites": [], "guild_id": GUILD_ID}
        for n, (cid, name) in enumerate([(DRAFTS_ID, "drafts"), (GENERAL_ID, "general")])
    ]
    everyone = {"id": GUILD_ID, "name": "@everyone", "permissions": "2248473465835073", "position": 0}
    return {
        "id": GUILD_ID,
        "name": "Marketing",
        "owner_id": "1",
        "unavailable": False,
        "member_count": 2,
        "roles": [everyone],
        "channels": channels,
        "threads": [],
        "emojis": [],
        "stickers": [],
        "features": [],
        "members": [{"user": BOT_USER, "roles": [], "joined_at": "2026-01-01T00:00:00+00:00", "flags": 0}],
    }


def message(message_id: str, channel_id: str, author: dict[str, Any], content: str) -> dict[str, Any]:
    return {
        "id": message_id,
        "channel_id": channel_id,
        "guild_id": GUILD_ID,
        "author": author,
        "content": content,
        "member": {"roles": [], "joined_at": "2026-01-01T00:00:00+00:00", "flags": 0},
        "timestamp": "2026-01-01T00:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
    }


class FakeDiscord:
    def __init__(self) -> None:
        self.refuse_message_content = False
        self.token_is_valid = True
        # GET /channels/{id} answers these; hidden ones get 403 Missing Access, others 404 Unknown Channel
        self.channels: dict[str, str] = {DRAFTS_ID: "drafts", GENERAL_ID: "general"}
        self.hidden_channels: set[str] = set()
        self.requests: list[Request] = []
        self.identified: list[int] = []  # the intents of each IDENTIFY
        self.sessions = 0  # READY + GUILD_CREATE sent
        self.messages: dict[str, dict[str, Any]] = {}
        self.socket: web.WebSocketResponse | None = None
        self._seq = 0
        self._next_id = 9000
        self._arrived = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.base = ""

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base = f"http://127.0.0.1:{port}"
        return self

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def gateway_url(self) -> str:
        return self.base.replace("http://", "ws://") + "/gateway"

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self.socket is not None, "no client is connected"
        self._seq += 1
        await self.socket.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def wait_for(self, method: str, path: str, count: int = 1, timeout: float = 10.0) -> list[Request]:
        """The first `count` requests to `method path`, waiting for them to arrive."""

        def found() -> list[Request]:
            return [r for r in self.requests if r.method == method and r.path.startswith(path)]

        async with self._arrived:
            await asyncio.wait_for(self._arrived.wait_for(lambda: len(found()) >= count), timeout)
        return found()[:count]

    async def connected(self, sessions: int = 1, timeout: float = 10.0) -> None:
        """Wait until `sessions` clients have been sent READY and their guild."""
        async with self._arrived:
            await asyncio.wait_for(self._arrived.wait_for(lambda: self.sessions >= sessions), timeout)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.socket = socket
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for frame in socket:
            if frame.type is not WSMsgType.TEXT:
                break
            payload = json.loads(frame.data)
            if payload["op"] == 1:
                await socket.send_json({"op": 11})
            elif payload["op"] == 2:
                intents = int(payload["d"]["intents"])
                self.identified.append(intents)
                if self.refuse_message_content and intents & MESSAGE_CONTENT_INTENT:
                    await socket.close(code=PRIVILEGED_INTENTS_REFUSED, message=b"Disallowed intent(s).")
                    break
                ready = {
                    "v": 10,
                    "user": BOT_USER,
                    "guilds": [{"id": GUILD_ID, "unavailable": True}],
                    "session_id": "fake-session",
                    "resume_gateway_url": self.gateway_url,
                    "application": {"id": APP_ID, "flags": 0},
                    "private_channels": [],
                }
                await self.dispatch("READY", ready)
                await self.dispatch("GUILD_CREATE", guild_create())
                async with self._arrived:
                    self.sessions += 1
                    self._arrived.notify_all()
        return socket

    async def _rest(self, request: web.Request) -> web.Response:
        body = (
            await request.json()
            if request.can_read_body and request.content_type == "application/json"
            else None
        )
        path = "/" + request.match_info["path"]
        async with self._arrived:
            self.requests.append(Request(request.method, path, body))
            self._arrived.notify_all()
        if not self.token_is_valid:
            return web.Response(status=401, body=b'{"message": "401: Unauthorized", "code": 0}')
        status, answer = self._channel(path) if request.method == "GET" else (200, None)
        if answer is None:
            answer = self._answer(request.method, path, body or {})
        # discord.py only parses JSON when the content type is exactly this, without a charset.
        return web.Response(
            status=status, body=json.dumps(answer).encode(), headers={"Content-Type": "application/json"}
        )

    def _channel(self, path: str) -> tuple[int, Any]:
        """GET /channels/{id} as Discord answers it; (200, None) for any other path."""
        parts = path.strip("/").split("/")
        if len(parts) != 2 or parts[0] != "channels":
            return 200, None
        channel = parts[1]
        if channel in self.hidden_channels:
            return 403, {"message": "Missing Access", "code": 50001}
        if channel not in self.channels:
            return 404, {"message": "Unknown Channel", "code": 10003}
        name = self.channels[channel]
        return 200, {
            "id": channel,
            "type": 0,
            "name": name,
            "position": 0,
            "permission_overwrites": [],
            "guild_id": GUILD_ID,
        }

    def _answer(self, method: str, path: str, body: Any) -> Any:
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            return BOT_USER
        if path == "/oauth2/applications/@me":
            return {
                "id": APP_ID,
                "name": "Party Coach",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": BOT_USER,
                "verify_key": "0" * 64,
                "flags": 0,
                "team": None,
                "summary": "",
                "bot": BOT_USER,
            }
        if parts[0] == "applications" and method == "PUT":
            return [
                {"description": "", **c, "id": str(n + 1), "application_id": APP_ID, "version": "1"}
                for n, c in enumerate(body)
            ]
        if parts[0] == "channels" and parts[2:3] == ["messages"] and method == "GET":
            return self.messages[parts[3]]
        if parts[0] == "interactions":
            return {
                "interaction": {
                    "id": parts[1],
                    "type": 2,
                    "response_message_id": None,
                    "response_message_loading": True,
                    "response_message_ephemeral": True,
                }
            }
        self._next_id += 1
        channel = parts[1] if parts[0] == "channels" else DRAFTS_ID
        sent = message(str(self._next_id), channel, BOT_USER, body.get("content") or "")
        return {**sent, "embeds": body.get("embeds") or [], "components": body.get("components") or []}
