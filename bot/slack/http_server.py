"""HTTP mode: events, interactivity and commands on POST /slack/events (signed; Bolt checks), GET /health."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/health"
MAX_BODY_BYTES = 2 * 1024 * 1024
SERVICE = "party-coach-slack"

# Healthy or not, and a report to show (the log's and the reviewer's state).
StatusCheck = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]


def make_web_app(bolt_app: AsyncApp, status: StatusCheck | None = None) -> web.Application:
    """An aiohttp application serving the Slack endpoint and a health check (503 when unhealthy)."""

    async def slack_events(request: web.Request) -> web.Response:
        bolt_response = await bolt_app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    async def health(request: web.Request) -> web.Response:
        if status is None:
            return web.json_response({"ok": True, "service": SERVICE})
        healthy, report = await status()
        return web.json_response({**report, "service": SERVICE}, status=200 if healthy else 503)

    web_app = web.Application(client_max_size=MAX_BODY_BYTES)
    web_app.router.add_post(EVENTS_PATH, slack_events)
    web_app.router.add_get(HEALTH_PATH, health)
    return web_app


async def start_http_server(
    bolt_app: AsyncApp, host: str, port: int, status: StatusCheck | None = None
) -> tuple[web.AppRunner, int]:
    """Start serving on host:port (0 picks a free port); return the runner (for cleanup) and the port."""
    runner = web.AppRunner(make_web_app(bolt_app, status), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0][1] if runner.addresses else port
    return runner, int(bound)
