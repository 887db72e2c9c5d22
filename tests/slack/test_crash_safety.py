"""Crash safety: SIGKILL the running bot in the middle of 200 concurrent reviews, start it again, and check
that the log is intact, that every review a person was shown is in it, and that none is shown twice.

The bot is a real `party-coach run slack --http` process; Slack is the fake Web API (which also takes the
response_url posts), the AI is the fake OpenAI server, answering draft number n after about n × 20 ms so
that at the kill some reviews have been shown and the rest are still waiting for the AI.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.openai_server import FAKE_API_KEY, FakeOpenAI, extract_draft
from tests.fakes.slack_server import BOT_TOKEN, FakeSlack
from tests.slack.conftest import DRAFTS, GENERAL, SIGNING_SECRET, SlackSender
from tests.slack.test_runner import free_port, wait_until_healthy

REQUESTS = 200
STEP_SECONDS = 0.02  # draft n is answered n × STEP_SECONDS after it reaches the AI
KILL_AFTER_SHOWN = 60
NUMBER = re.compile(r"draft #(\d+)\b")


def draft_text(n: int) -> str:
    return f"Buy now! Huge discount on our course, sign up today. This is draft #{n} of the launch."


class StaggeredOpenAI(FakeOpenAI):
    """The fake AI, answering each draft after its own delay, so reviews finish one after another."""

    def respond(
        self, body: dict[str, Any], authorization: str = "", arrived: float | None = None
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        arrived = time.monotonic() if arrived is None else arrived
        answer = super().respond(body, authorization, arrived)
        found = NUMBER.search(extract_draft(body) or "")
        wait = STEP_SECONDS * int(found.group(1)) if found else 0.0
        time.sleep(max(0.0, arrived + wait - time.monotonic()))
        return answer


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def staggered_openai() -> Iterator[FakeOpenAI]:
    with StaggeredOpenAI() as fake:
        yield fake


class BotProcess:
    """`party-coach run slack --http` as a real process, with its log lines kept in a file."""

    def __init__(self, tmp_path: Path, fake: FakeSlack, ai: FakeOpenAI) -> None:
        self.port = free_port()
        self.tmp_path = tmp_path
        self.db = tmp_path / "log.db"
        self.env = {
            **os.environ,
            "PARTY_COACH_DB": str(self.db),
            "PARTY_COACH_HEARTBEAT_FILE": str(tmp_path / "heartbeat"),
            "PARTY_COACH_LOG_FORMAT": "json",
            "PARTY_COACH_REVIEWER": "llm",
            "PARTY_COACH_LLM_RETRIES": "0",
            "PARTY_COACH_LLM_BUDGET_SECONDS": "30",
            "OPENAI_BASE_URL": ai.base_url,
            "OPENAI_API_KEY": FAKE_API_KEY,
            "OPENAI_TIMEOUT": "30",
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.base_url,
            "SLACK_DRAFTS_CHANNELS": DRAFTS,
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    async def start(self) -> None:
        self.starts += 1
        stderr = (self.tmp_path / f"bot-{self.starts}.log").open("wb")
        command = [sys.executable, "-m", "bot", "run", "slack", "--http", "--port", str(self.port)]
        self.process = subprocess.Popen(command, env=self.env, stdout=stderr, stderr=stderr)
        try:
            await wait_until_healthy(self.port, timeout=30)
        except AssertionError:
            raise AssertionError(f"the bot never became healthy:\n{self.log_text()}") from None

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(45)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        return self.process.returncode

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.tmp_path.glob("bot-*.log")))


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def review_id_in(message: dict[str, Any]) -> int | None:
    """The review id behind the feedback buttons, which only a finished review carries."""
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == "feedback_helpful":
                return int(element["value"])
    return None


def shown_reviews(fake: FakeSlack) -> list[tuple[str, int]]:
    """(where it was shown, review id) for every review a person saw: thread replies and private ones."""
    shown = [(f"reply {c['channel']} {c['ts']}", review_id_in(c)) for c in fake.calls_to("chat.update")]
    shown += [(f"hook {p.hook}", review_id_in(p.body)) for p in list(fake.hook_posts)]
    return [(where, review_id) for where, review_id in shown if review_id is not None]


async def quiet(fake: FakeSlack, seconds: float = 3.0, timeout: float = 40.0) -> None:
    """Wait until the bot has sent Slack nothing new for `seconds`."""
    deadline = time.monotonic() + timeout
    seen, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = len(fake.calls) + len(fake.hook_posts)
        if now != seen:
            seen, since = now, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return
        await asyncio.sleep(0.1)


async def test_sigkill_mid_burst_loses_nothing_shown_and_shows_nothing_twice(
    fake_slack: FakeSlack, staggered_openai: FakeOpenAI, tmp_path: Path
) -> None:
    bot = BotProcess(tmp_path, fake_slack, staggered_openai)
    await bot.start()
    try:
        slack = SlackSender(bot.port, fake_slack)
        events: dict[int, dict[str, Any]] = {}
        sends = []
        for n in range(REQUESTS):
            if n % 2:
                post = fake_slack.add_message(DRAFTS, draft_text(n))
                events[n] = {"type": "message", "channel": DRAFTS, **post}
                sends.append(slack.event(events[n], event_id=f"EvCRASH{n:04d}"))
            else:
                sends.append(
                    slack.command(
                        draft_text(n), channel=GENERAL, response_url=fake_slack.response_url(f"c{n}")
                    )
                )
        acks = await asyncio.gather(*sends)
        assert all(a.status == 200 for a in acks)
        deadline = time.monotonic() + 30
        while len(shown_reviews(fake_slack)) < KILL_AFTER_SHOWN and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        bot.kill()
        shown_before = len(shown_reviews(fake_slack))
        assert KILL_AFTER_SHOWN <= shown_before < REQUESTS, "killed in the middle of the burst"
        assert integrity(bot.db) == "ok"

        await bot.start()
        # Slack retries the events it isn't sure were handled; here it redelivers every one of them.
        redelivered = await asyncio.gather(
            *(slack.event(event, event_id=f"EvCRASH{n:04d}", retry_num=1) for n, event in events.items())
        )
        assert all(r.status == 200 for r in redelivered)
        await quiet(fake_slack)
    finally:
        exit_code = bot.stop()
    assert exit_code == 0, bot.log_text()
    assert integrity(bot.db) == "ok"

    shown = shown_reviews(fake_slack)
    with sqlite3.connect(bot.db) as conn:
        rows = {row[0]: row[1:] for row in conn.execute("select id, draft, message_id from reviews")}
        claims = {str(row[0]) for row in conn.execute("select key from claims")}
    missing = [(where, review_id) for where, review_id in shown if review_id not in rows]
    assert missing == [], "every review a person was shown is in the log"
    twice = [where for where, count in Counter(where for where, _ in shown).items() if count > 1]
    assert twice == [], "no review is shown twice"
    placeholders = Counter(c["thread_ts"] for c in fake_slack.calls_to("chat.postMessage"))
    assert [ts for ts, count in placeholders.items() if count > 1] == [], "one reply per draft"
    assert len(shown) > shown_before, "the restarted bot went on reviewing"
    notes = {str(c.get("text")) for c in fake_slack.calls_to("chat.update") if review_id_in(c) is None}
    assert not any("your edit" in note for note in notes), "nobody edited anything"
    for n, event in events.items():
        [reply] = fake_slack.thread(DRAFTS, event["ts"])
        review_id = review_id_in(reply)
        if review_id is None:  # only a crash between "finished" and the post may leave a draft unreviewed
            assert any(
                k.startswith(f"slack:draft:{DRAFTS}:{event['ts']}:") and k.endswith(":finished")
                for k in claims
            ), n
        else:
            assert rows[review_id][1:] == (event["ts"],) and f"draft #{n} " in rows[review_id][0]
