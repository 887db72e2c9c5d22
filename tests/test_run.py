"""`party-coach run`: one event loop, and a clean shutdown on SIGTERM that finishes reviews in flight."""

from __future__ import annotations

import asyncio
import os
import signal

from bot.cli.run import serve_until_stopped
from bot.coach import Coach, build_coach
from tests.fakes.openai_server import FakeOpenAI, settings_for


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
