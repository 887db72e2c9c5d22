"""Slack under a burst: 100 reaction events at once, with an LLM that takes 2 s to answer.

Prints the ack latency (p50/p99/max; target p99 <= 100 ms) and the time from the first event until
all 100 reviews are posted (target <= 3 s). Everything runs on this machine: the real app in HTTP
mode in this process; "Slack" (the fake Web API plus the sender of the burst) and the fake OpenAI
server in slow mode in a child process, so their work doesn't compete with the app's for the GIL,
as it wouldn't in production.

    .venv/bin/python bench/bench_slack.py [--events 100] [--llm-delay 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.coach import build_coach
from bot.settings import load_settings
from bot.slack.runner import running_slack
from tests.fakes.openai_server import FAKE_API_KEY, FAKE_MODEL, FakeOpenAI
from tests.fakes.slack_server import BOT_TOKEN, TEAM_ID, FakeSlack

SECRET = "bench-signing-secret"
CHANNEL = "CBENCH001"


# The Slack side (child process) ----------------------------------------------------------


def slack_side(conn: Connection, events: int, llm_delay: float) -> None:
    """Run the fakes; on request, send the burst and report what the app did."""
    fake_slack = FakeSlack().start()
    fake_llm = FakeOpenAI(mode="slow", delay=llm_delay).start()
    posts = [
        fake_slack.add_message(
            CHANNEL, f"Post {n}: buy our course now, 20% off for the first {n + 10} people!"
        )
        for n in range(events)
    ]
    conn.send((fake_slack.base_url, fake_llm.base_url))
    url = conn.recv()
    requests = [signed_reaction(n, post["ts"]) for n, post in enumerate(posts)]
    conn.send(asyncio.run(send_burst(url, requests)))
    conn.recv()
    calls = [(c.method, c.at, c.status) for c in fake_slack.calls]
    conn.send((calls, list(fake_llm.timings)))
    fake_llm.stop()
    fake_slack.stop()


def signed_reaction(n: int, ts: str) -> tuple[bytes, dict[str, str]]:
    from slack_sdk.signature import SignatureVerifier

    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": TEAM_ID,
            "event_id": f"EvBENCH{n:05d}",
            "event": {
                "type": "reaction_added",
                "user": f"UREACT{n:04d}",
                "reaction": load_settings().review_emoji,
                "item": {"type": "message", "channel": CHANNEL, "ts": ts},
            },
        }
    )
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body) or ""
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }
    return body.encode(), headers


async def send_burst(
    url: str, requests: list[tuple[bytes, dict[str, str]]]
) -> tuple[float, list[float], list[int]]:
    """Send every request at once; return when the first went out and each one's ack latency and status."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

        async def one(body: bytes, headers: dict[str, str]) -> tuple[float, int]:
            started = time.monotonic()
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                return time.monotonic() - started, response.status

        start = time.monotonic()
        answers = await asyncio.gather(*(one(body, headers) for body, headers in requests))
    return start, [a[0] for a in answers], [a[1] for a in answers]


# The app side (this process) -------------------------------------------------------------


async def run_app(conn: Connection, events: int) -> float:
    """Serve the burst; return the monotonic time when every review had been posted."""
    slack_url, llm_url = conn.recv()
    settings = load_settings(
        db_path=Path(tempfile.mkdtemp(prefix="party-coach-bench-")) / "bench.db",
        reviewer="llm",
        openai_base_url=llm_url,
        openai_api_key=FAKE_API_KEY,
        openai_model=FAKE_MODEL,
        openai_timeout=30.0,
        llm_budget_seconds=30.0,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=slack_url,
    )
    coach = build_coach(settings)
    log = coach.log
    try:
        async with running_slack(coach, http=True, port=0, host="127.0.0.1", post_tips=False) as running:
            conn.send(f"http://127.0.0.1:{running.port}/slack/events")
            work = running.bot.services.work
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                await asyncio.sleep(0.005)
                if work.pending == 0 and len(log.recent_reviews(limit=events)) >= events:
                    return time.monotonic()  # every job ends after its chat.update was answered
            raise SystemExit(f"only {len(log.recent_reviews(limit=events))} of {events} reviews in 60 s")
    finally:
        await coach.aclose()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(events: int, llm_delay: float) -> None:
    here, there = multiprocessing.get_context("spawn").Pipe()
    child = multiprocessing.get_context("spawn").Process(target=slack_side, args=(there, events, llm_delay))
    child.start()
    finished = asyncio.run(run_app(here, events))
    start, latencies, statuses = here.recv()
    here.send("report")
    calls, llm_timings = here.recv()
    child.join(timeout=30)
    ms = [s * 1000 for s in latencies]
    print(
        f"events: {events} reaction_added at once over HTTP; LLM answers in {llm_delay:g} s (fake, slow mode)"
    )
    print(f"acks: {statuses.count(200)}/{events} HTTP 200; LLM requests: {len(llm_timings)}")
    print(f"ack latency ms: p50 {percentile(ms, 0.5):.1f}  p99 {percentile(ms, 0.99):.1f}  max {max(ms):.1f}")
    print("  (target p99 <= 100 ms)")
    print(f"first event -> all {events} reviews posted: {finished - start:.2f} s  (target <= 3 s)")
    if llm_timings:
        arrived, answered = zip(*llm_timings, strict=True)
        for label, moments in (("LLM requests arrived", arrived), ("LLM answers sent", answered)):
            print(f"  {label}: first +{min(moments) - start:.2f} s, last +{max(moments) - start:.2f} s")
    for method in ("conversations.history", "chat.postMessage", "chat.update"):
        times = [at - start for name, at, status in calls if name == method and status == 200]
        if times:
            print(f"  {method}: {len(times)} calls, first +{min(times):.2f} s, last +{max(times):.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--llm-delay", type=float, default=2.0)
    options = parser.parse_args()
    main(options.events, options.llm_delay)
