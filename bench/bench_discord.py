"""Benchmark: 100 concurrent /review interactions against the real Discord bot; the AI answers in 2 s.

The bot (`serve_discord`, real discord.py over real HTTP and a real websocket) runs in this process;
the world runs in a second one: the loopback fake Discord from the tests, and the fake OpenAI server
in "slow" mode. Keeping the fakes out of the bot's process keeps their CPU off the bot's event loop,
as a real Discord and a real AI service would be. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_discord.py [--interactions 100] [--ai-seconds 2]

Targets: every defer (the "thinking…" acknowledgement) p99 <= 100 ms; all reviews delivered <= 3 s.
Defer latency runs from the gateway sending INTERACTION_CREATE to the fake REST server receiving the
callback. The coach's SQLite reads and writes run in worker threads (asyncio.to_thread).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import yarl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.coach import Coach
from bot.discord.runner import serve_discord
from bot.principles import load_principles
from bot.review.llm import LLMReviewer
from bot.settings import load_settings
from bot.store import SuggestionLog
from bot.tips import load_tips
from tests.discord.fake_discord import APP_ID, GENERAL_ID, GUILD_ID, FakeDiscord, user
from tests.fakes import openai_server

DRAFTS = [
    "Big launch today! Buy now and DM me for the discount code.",
    "What's the one onboarding email you still remember? Mine was a plain note from a founder.",
    "Great thread! We built a tool for exactly this, link in bio.",
    "Here's the checklist we use before every release, steal it: 1) freeze 2) smoke test 3) announce.",
]
PERMISSIONS = "2248473465835073"


def slash_review(n: int, draft: str) -> dict[str, Any]:
    """An INTERACTION_CREATE for `/review text:<draft>` from a different member each time."""
    member = {"user": user(str(500 + n), f"member{n}"), "roles": [], "joined_at": "2026-01-01T00:00:00+00:00"}
    return {
        "id": str(100_000 + n),
        "application_id": APP_ID,
        "type": 2,
        "token": f"token-{n}",
        "version": 1,
        "data": {
            "id": "1",
            "name": "review",
            "type": 1,
            "options": [{"name": "text", "type": 3, "value": draft}],
        },
        "guild_id": GUILD_ID,
        "channel_id": GENERAL_ID,
        "channel": {"id": GENERAL_ID, "type": 0, "name": "general", "guild_id": GUILD_ID},
        "member": {**member, "permissions": PERMISSIONS, "flags": 0},
        "app_permissions": PERMISSIONS,
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {},
        "context": 0,
        "attachment_size_limit": 26_214_400,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# The world: runs in its own process ------------------------------------------------------------


def run_world(conn: Connection, interactions: int, ai_seconds: float, rounds: int) -> None:
    asyncio.run(world(conn, interactions, ai_seconds, rounds))


async def burst(
    discord_fake: FakeDiscord, ai: openai_server.FakeOpenAI, interactions: int, first: int
) -> dict[str, Any]:
    """Send `interactions` /review commands at once; time each defer, the AI's requests and the last reply."""
    sent: dict[str, float] = {}
    ai_before = len(ai.timings)
    started_monotonic = time.monotonic()
    started = time.perf_counter()
    for n in range(first, first + interactions):
        payload = slash_review(n, f"{DRAFTS[n % len(DRAFTS)]} (#{n})")
        sent[payload["token"]] = time.perf_counter()
        await discord_fake.dispatch("INTERACTION_CREATE", payload)
    defers = await discord_fake.wait_for("POST", "/interactions/", first + interactions, timeout=60)
    replies = await discord_fake.wait_for("POST", f"/webhooks/{APP_ID}/", first + interactions, timeout=120)
    ai_timings = ai.timings[ai_before:]
    return {
        "defer_ms": [(r.at - sent[r.path.split("/")[3]]) * 1000 for r in defers[first:]],
        "ai_arrived_s": [arrived - started_monotonic for arrived, _ in ai_timings],
        "ai_answered_s": [answered - started_monotonic for _, answered in ai_timings],
        "delivered_s": max(r.at for r in replies[first:]) - started,
        "replies": len(replies) - first,
    }


async def world(conn: Connection, interactions: int, ai_seconds: float, rounds: int) -> None:
    with openai_server.FakeOpenAI(mode="slow", delay=ai_seconds) as ai:
        discord_fake = await FakeDiscord().start()
        conn.send((ai.base_url, discord_fake.base, discord_fake.gateway_url))
        await discord_fake.connected(timeout=60)
        results = []
        for round_number in range(rounds):
            results.append(await burst(discord_fake, ai, interactions, round_number * interactions))
            await asyncio.sleep(0.5)
        conn.send({"rounds": results, "ai_requests": len(ai.requests)})
        await asyncio.to_thread(conn.recv)  # the bot has shut down
        await discord_fake.close()


# The bot: runs here ----------------------------------------------------------------------------


async def run_bot(conn: Connection, workdir: Path) -> dict[str, Any]:
    ai_url, api_base, gateway_url = await asyncio.to_thread(conn.recv)
    settings = load_settings(
        db_path=workdir / "bench.db",
        reviewer="llm",
        openai_base_url=ai_url,
        openai_api_key=openai_server.FAKE_API_KEY,
        openai_model=openai_server.FAKE_MODEL,
        openai_timeout=20.0,
        llm_budget_seconds=30.0,
        openai_max_retries=0,
        discord_token="bench-token",
    )
    principles = load_principles(settings.principles_path)
    reviewer = LLMReviewer(settings, principles)
    coach = Coach(
        settings, SuggestionLog(settings.db_path), principles, reviewer, load_tips(settings.tips_path)
    )
    Route.BASE = api_base + "/api/v10"
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    stop = asyncio.Event()
    serving = asyncio.create_task(serve_discord(coach, stop))
    figures = asyncio.ensure_future(asyncio.to_thread(conn.recv))
    await asyncio.wait({serving, figures}, return_when=asyncio.FIRST_COMPLETED)
    if serving.done():
        serving.result()
        raise RuntimeError("the bot stopped before the benchmark finished")
    stop.set()
    await serving
    await reviewer.aclose()
    result: dict[str, Any] = figures.result()
    result["logged"] = len(coach.log.recent_reviews(limit=1_000_000))
    coach.log.close()
    conn.send("done")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description="100 concurrent /review interactions against the Discord bot."
    )
    parser.add_argument("--interactions", type=int, default=100)
    parser.add_argument("--ai-seconds", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=3, help="bursts in a row; the first meets a cold bot")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    world_process = context.Process(
        target=run_world, args=(theirs, args.interactions, args.ai_seconds, args.rounds)
    )
    world_process.start()
    try:
        with tempfile.TemporaryDirectory() as workdir:
            figures = asyncio.run(run_bot(ours, Path(workdir)))
    finally:
        world_process.join(timeout=30)
        if world_process.is_alive():
            world_process.terminate()
    print(
        f"{args.rounds} bursts of {args.interactions} concurrent /review interactions; "
        f"the fake AI answers each in {args.ai_seconds:g} s"
    )
    print("targets: defer p99 <= 100 ms; all reviews delivered <= 3 s after the burst starts")
    for number, burst_figures in enumerate(figures["rounds"], start=1):
        defer_ms = burst_figures["defer_ms"]
        label = f"burst {number}{' (cold start)' if number == 1 else ''}"
        print(
            f"{label}: defer p50 {percentile(defer_ms, 0.5):.1f} ms, "
            f"p99 {percentile(defer_ms, 0.99):.1f} ms, max {max(defer_ms):.1f} ms; "
            f"all {burst_figures['replies']} reviews delivered in {burst_figures['delivered_s']:.2f} s"
        )
        arrived, answered = burst_figures["ai_arrived_s"], burst_figures["ai_answered_s"]
        if arrived:
            print(
                f"  AI requests arrived +{min(arrived):.2f}..+{max(arrived):.2f} s; "
                f"answers sent +{min(answered):.2f}..+{max(answered):.2f} s"
            )
    print(f"AI requests: {figures['ai_requests']}; reviews logged: {figures['logged']}")


if __name__ == "__main__":
    main()
