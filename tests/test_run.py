"""`party-coach run`: one event loop, and a clean shutdown on SIGTERM that finishes reviews in flight."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bot.cli.run import serve_until_stopped
from bot.coach import Coach, build_coach
from tests.fakes.openai_server import FakeOpenAI, settings_for
from tests.fakes.slack_server import BOT_TOKEN, FakeSlack


async def test_sigterm_lets_in_flight_reviews_finish_and_be_logged(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode, fake_openai.delay = "slow", 0.5
    coach = build_coach(settings_for(fake_openai))
    started = asyncio.Event()
    stopped_cleanly: list[str] = []

    async def chat_server(served: Coach, stop: asyncio.Event) -> None:
        async def one_review() -> None:
            started.set()
            await served.review(
                "Anyone else find that shorter onboarding calls work better? Ours went 45 → 20 min."
            )

        review_task = asyncio.create_task(one_review())
        await stop.wait()
        stopped_cleanly.append("chat")
        await asyncio.sleep(0)
        assert not review_task.cancelled()

    async def terminate_soon() -> None:
        await started.wait()
        await asyncio.sleep(0.1)
        os.kill(os.getpid(), signal.SIGTERM)

    killer = asyncio.create_task(terminate_soon())
    try:
        await asyncio.wait_for(serve_until_stopped(coach, [chat_server]), timeout=10)
        rows = coach.log.recent_reviews()
        assert stopped_cleanly == ["chat"]
        assert len(rows) == 1 and rows[0]["reviewer"] == "llm" and rows[0]["error"] is None
    finally:
        killer.cancel()
        asyncio.get_running_loop().remove_signal_handler(signal.SIGTERM)
        asyncio.get_running_loop().remove_signal_handler(signal.SIGINT)
        await coach.aclose()


async def test_a_server_that_fails_stops_the_others(fake_openai: FakeOpenAI) -> None:
    coach = build_coach(settings_for(fake_openai))
    saw_stop: list[bool] = []

    async def broken(served: Coach, stop: asyncio.Event) -> None:
        raise RuntimeError("cannot connect")

    async def healthy(served: Coach, stop: asyncio.Event) -> None:
        await stop.wait()
        saw_stop.append(True)

    try:
        try:
            await asyncio.wait_for(serve_until_stopped(coach, [broken, healthy]), timeout=5)
        except RuntimeError as exc:
            assert str(exc) == "cannot connect"
        else:
            raise AssertionError("the failure was swallowed")
        assert saw_stop == [True]
    finally:
        loop = asyncio.get_running_loop()
        loop.remove_signal_handler(signal.SIGTERM)
        loop.remove_signal_handler(signal.SIGINT)
        await coach.aclose()


# Through the real `party-coach run` command, in its own process, with the log lines a person would see.
# discord.py's API address is a class attribute, so the child sets it before the command starts.
PARTY_COACH = (
    "import sys\n"
    "from discord.http import Route\n"
    "Route.BASE = sys.argv.pop(1)\n"
    "from bot.cli import cli\n"
    "cli(sys.argv[1:], prog_name='party-coach')\n"
)


def closed_port() -> int:
    """A loopback port nobody listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def party_coach_env(**values: str) -> dict[str, str]:
    return {**os.environ, "PARTY_COACH_REVIEWER": "offline", **values}


def party_coach(
    *args: str, env: dict[str, str], discord_api: str = "http://127.0.0.1:9/api/v10"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PARTY_COACH, discord_api, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_discord_without_a_network_says_so_in_one_line() -> None:
    api = f"http://127.0.0.1:{closed_port()}/api/v10"
    env = party_coach_env(DISCORD_TOKEN="fake.discord.token")
    result = party_coach("run", "discord", env=env, discord_api=api)
    assert result.stderr.splitlines() == [
        f"Error: can't reach Discord at {api} (ClientConnectorError); "
        "check this machine's internet connection, proxy and firewall"
    ]
    assert result.returncode == 2 and result.stdout == ""


def test_slack_without_a_network_says_so_in_one_line() -> None:
    api = f"http://127.0.0.1:{closed_port()}/api/"
    # The tokens come from the environment, as in production: that is what made Bolt warn on every start.
    env = party_coach_env(SLACK_BOT_TOKEN="xoxb-1-fake", SLACK_APP_TOKEN="xapp-1-fake", SLACK_API_URL=api)
    result = party_coach("run", "slack", env=env)
    assert result.stderr.splitlines() == [
        f"Error: can't reach the Slack API at {api} (ClientConnectorError); "
        "check this machine's internet connection, proxy and firewall"
    ]
    assert result.returncode == 2


def test_a_missing_setting_is_the_only_line_and_nothing_starts() -> None:
    env = party_coach_env(DISCORD_TOKEN="fake.discord.token", SLACK_BOT_TOKEN="xoxb-1-fake")
    result = party_coach("run", "all", env=env)
    assert result.stderr.splitlines() == [
        "Error: SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…) "
        "with connections:write, or run with --http"
    ]
    assert result.returncode == 2


def test_the_heartbeat_tells_health_checks_whether_the_bot_runs(tmp_path: Path) -> None:
    fake = FakeSlack().start()
    heartbeat = tmp_path / "bot.heartbeat"
    env = party_coach_env(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET="fake-signing-secret",
        SLACK_API_URL=fake.base_url,
        PARTY_COACH_HEARTBEAT_FILE=str(heartbeat),
    )
    command = [sys.executable, "-c", PARTY_COACH, "http://127.0.0.1:9/api/v10"]
    bot = subprocess.Popen(
        [*command, "run", "slack", "--http", "--port", str(closed_port())],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(600):
            if heartbeat.exists() or bot.poll() is not None:
                break
            time.sleep(0.1)
        assert heartbeat.exists(), "the bot started without writing its heartbeat"
        alive = party_coach("health", env=env)
        assert alive.returncode == 0
        assert re.fullmatch(r"Party Coach is running \(last heartbeat \d+ s ago\)\.\n", alive.stdout)

        bot.send_signal(signal.SIGTERM)
        _, stderr = bot.communicate(timeout=60)
        assert bot.returncode == 0
        assert "shutting down: waiting for reviews in progress" in stderr
        assert not heartbeat.exists(), "a stopped bot leaves no heartbeat behind"
        gone = party_coach("health", env=env)
        assert gone.returncode == 1
        assert gone.stderr == (
            f"Party Coach isn't running: there is no heartbeat at {heartbeat}. "
            "Start it with `party-coach run`.\n"
        )
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.communicate()
        fake.stop()
