"""Drafts channels: new top-level posts from people are reviewed in their thread; edits update that review."""

from __future__ import annotations

from typing import Any

import pytest

from bot.slack.runner import running_slack
from tests.fakes.slack_server import BOT_ID, BOT_USER_ID, FakeSlack
from tests.slack.conftest import AUTHOR, DRAFTS, GENERAL, SlackSender, texts_of

PUSHY = "Buy now! Huge discount on our course, sign up today."
FRIENDLY = "What's the one onboarding email you still remember? Mine was a plain note from a founder."


def posted(fake: FakeSlack, text: str, channel: str = DRAFTS, **extra: Any) -> dict[str, Any]:
    """A message as Slack stores it, and the `message` event Slack sends for it."""
    message = fake.add_message(channel, text, **extra)
    return {**message, "channel": channel, "channel_type": "channel", "event_ts": message["ts"]}


def edited(fake: FakeSlack, original: dict[str, Any], text: str) -> dict[str, Any]:
    channel = original["channel"]
    previous = {k: v for k, v in original.items() if k not in ("channel", "channel_type", "event_ts")}
    new = fake.edit_message(channel, original["ts"], text)
    return {
        "type": "message",
        "subtype": "message_changed",
        "channel": channel,
        "hidden": True,
        "ts": new["edited"]["ts"],
        "event_ts": new["edited"]["ts"],
        "message": new,
        "previous_message": previous,
    }


async def test_a_new_post_is_reviewed_in_its_thread(slack: SlackSender, fake_slack: FakeSlack) -> None:
    event = posted(fake_slack, PUSHY)
    sent = await slack.event(event)
    assert sent.status == 200
    await slack.settle()
    [reply] = fake_slack.thread(DRAFTS, event["ts"])
    assert "A bit pushy" in texts_of(reply)
    [row] = slack.coach.log.recent_reviews()
    assert (row["trigger"], row["user"], row["channel"]) == ("drafts_channel", AUTHOR, DRAFTS)


@pytest.mark.parametrize(
    "extra",
    [
        {"bot_id": "BOTHER01", "subtype": "bot_message"},
        {"user": BOT_USER_ID, "bot_id": BOT_ID},
        {"subtype": "channel_join"},
        {"subtype": "channel_leave"},
        {"subtype": "channel_topic"},
        {"subtype": "message_deleted"},
        {"subtype": "thread_broadcast", "thread_ts": "1600000000.000001"},
        {"thread_ts": "1600000000.000001"},
    ],
    ids=["other bot", "itself", "join", "leave", "topic", "deleted", "broadcast", "thread reply"],
)
async def test_things_that_are_not_new_drafts_are_ignored(
    slack: SlackSender, fake_slack: FakeSlack, extra: dict[str, Any]
) -> None:
    await slack.event(posted(fake_slack, PUSHY, **extra))
    await slack.settle()
    assert fake_slack.calls_to("chat.postMessage") == []
    assert slack.coach.log.recent_reviews() == []


async def test_posts_outside_drafts_channels_are_ignored(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.event(posted(fake_slack, PUSHY, channel=GENERAL))
    await slack.settle()
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_an_edit_updates_the_review_in_the_thread(slack: SlackSender, fake_slack: FakeSlack) -> None:
    event = posted(fake_slack, PUSHY)
    await slack.event(event)
    await slack.settle()
    [reply] = fake_slack.thread(DRAFTS, event["ts"])
    await slack.event(edited(fake_slack, event, FRIENDLY))
    await slack.settle()
    assert fake_slack.thread(DRAFTS, event["ts"]) == [reply]  # no second reply
    updates = fake_slack.calls_to("chat.update")
    assert [u["ts"] for u in updates] == [reply["ts"]] * 3  # review, "reviewing your edit", new review
    assert "Reviewing your edit" in updates[1]["text"]
    assert "good party guest" in texts_of(reply)
    assert [r["trigger"] for r in slack.coach.log.recent_reviews()] == ["edit", "drafts_channel"]


async def test_an_edit_that_keeps_the_words_changes_nothing(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    event = posted(fake_slack, PUSHY)
    await slack.event(event)
    await slack.settle()
    await slack.event(edited(fake_slack, event, PUSHY))  # e.g. a link preview was added
    await slack.settle()
    assert len(fake_slack.calls_to("chat.update")) == 1
    assert len(slack.coach.log.recent_reviews()) == 1


async def test_the_reply_mapping_survives_a_restart(slack: SlackSender, fake_slack: FakeSlack) -> None:
    event = posted(fake_slack, PUSHY)
    await slack.event(event)
    await slack.settle()
    [reply] = fake_slack.thread(DRAFTS, event["ts"])
    async with running_slack(slack.coach, http=True, port=0, host="127.0.0.1", post_tips=False) as restarted:
        again = SlackSender(restarted, fake_slack)
        await again.event(edited(fake_slack, event, FRIENDLY))
        await again.settle()
    assert fake_slack.thread(DRAFTS, event["ts"]) == [reply]
    assert "good party guest" in texts_of(reply)


async def test_an_edit_of_a_post_never_reviewed_gets_a_review(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    event = posted(fake_slack, PUSHY)  # posted before the bot was running
    await slack.event(edited(fake_slack, event, FRIENDLY))
    await slack.settle()
    [reply] = fake_slack.thread(DRAFTS, event["ts"])
    assert "good party guest" in texts_of(reply)


async def test_an_edit_whose_review_reply_was_deleted_gets_a_new_reply(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    event = posted(fake_slack, PUSHY)
    await slack.event(event)
    await slack.settle()
    fake_slack.messages[DRAFTS] = [
        m for m in fake_slack.messages[DRAFTS] if m.get("thread_ts") != event["ts"]
    ]
    await slack.event(edited(fake_slack, event, FRIENDLY))
    await slack.settle()
    [reply] = fake_slack.thread(DRAFTS, event["ts"])
    assert "good party guest" in texts_of(reply)


async def test_an_image_without_words_is_not_reviewed(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.event(posted(fake_slack, "", subtype="file_share", files=[{"id": "F1"}]))
    await slack.settle()
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_a_duplicate_delivery_is_reviewed_once(slack: SlackSender, fake_slack: FakeSlack) -> None:
    event = posted(fake_slack, PUSHY)
    await slack.event(event, event_id="EvDRAFT1")
    await slack.event(event, event_id="EvDRAFT1", retry_num=1)
    await slack.event(event, event_id="EvDRAFT2")
    await slack.settle()
    assert len(fake_slack.thread(DRAFTS, event["ts"])) == 1
    assert len(slack.coach.log.recent_reviews()) == 1
