"""Spend limits on Slack, with the fake OpenAI server: past a cap the offline review comes, saying why."""

from __future__ import annotations

from bot.coach import FALLBACK_NOTE
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import AUTHOR, DRAFTS, texts_of
from tests.slack.test_drafts_channel import posted
from tests.slack.test_llm import llm_slack

DRAFTS_TEXT = [f"Big launch today! Buy our course now and save {n}% with my code." for n in (10, 20, 30)]


async def test_past_the_channel_cap_a_drafts_channel_post_gets_the_offline_review(
    fake_slack: FakeSlack, fake_openai: FakeOpenAI
) -> None:
    async for slack in llm_slack(fake_slack, fake_openai, llm_channel_hourly=2):
        events = [posted(fake_slack, text, user=AUTHOR) for text in DRAFTS_TEXT]
        for event in events:
            await slack.event(event)
            await slack.settle()
        replies = [texts_of(fake_slack.thread(DRAFTS, e["ts"])[0]) for e in events]
        rows = slack.coach.log.recent_reviews(limit=None)
    assert [r["reviewer"] for r in reversed(rows)] == ["llm", "llm", "offline"]
    assert len(fake_openai.requests) == 2
    assert "This channel's limit of 2 AI reviews an hour is reached" not in replies[1]
    assert "This channel's limit of 2 AI reviews an hour is reached; AI reviews are back at " in replies[2]
    assert (
        FALLBACK_NOTE in replies[2] and "A bit pushy" in replies[2]
    )  # nothing dropped: a review all the same


async def test_past_the_personal_cap_review_command_says_so_privately(
    fake_slack: FakeSlack, fake_openai: FakeOpenAI
) -> None:
    async for slack in llm_slack(fake_slack, fake_openai, llm_user_daily=1):
        await slack.command(DRAFTS_TEXT[0], user=AUTHOR)
        await slack.command(DRAFTS_TEXT[1], user=AUTHOR)
        hooks = await fake_slack.wait_for_hooks(2)
        await slack.settle()
    # The capped review is offline and so quick: it may well be answered before the AI's.
    [ai] = [hook for hook in hooks if "reviewed by llm" in texts_of(hook)]
    [capped] = [hook for hook in hooks if hook is not ai]
    assert "The limit of 1 AI review a day per person is reached" in texts_of(capped)
    assert "reviewed by the offline reviewer" in texts_of(capped)
    assert capped["response_type"] == "ephemeral"
