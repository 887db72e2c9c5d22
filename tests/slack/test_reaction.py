"""The review emoji: a review in the message's thread, once per version of the message."""

from __future__ import annotations

from tests.fakes.slack_server import BOT_USER_ID, FakeSlack
from tests.slack.conftest import AUTHOR, GENERAL, REACTOR, SLACK_ACK_SECONDS, SlackSender, texts_of

PUSHY = "Buy now! Huge discount on our course, sign up today."
FRIENDLY = "What's the one onboarding email you still remember? Mine was a plain note from a founder."


async def test_reaction_reviews_the_message_in_its_thread(slack: SlackSender, fake_slack: FakeSlack) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY, user=AUTHOR)
    sent = await slack.reaction(GENERAL, post["ts"])
    assert sent.status == 200
    assert sent.seconds < SLACK_ACK_SECONDS
    await slack.settle()
    [placeholder] = fake_slack.calls_to("chat.postMessage")
    assert placeholder["thread_ts"] == post["ts"]
    assert "Reviewing your draft" in placeholder["text"]
    [update] = fake_slack.calls_to("chat.update")
    [reply] = fake_slack.thread(GENERAL, post["ts"])
    assert update["ts"] == reply["ts"]
    assert "A bit pushy" in texts_of(reply)
    assert "Pitch only when pulled" in texts_of(reply)
    [row] = slack.coach.log.recent_reviews()
    assert (row["trigger"], row["user"], row["message_id"]) == ("reaction", AUTHOR, post["ts"])


async def test_reacting_again_does_not_post_a_second_review(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    await slack.reaction(GENERAL, post["ts"], user="USOMEONE2")
    await slack.settle()
    assert len(fake_slack.thread(GENERAL, post["ts"])) == 1
    assert len(slack.coach.log.recent_reviews()) == 1


async def test_editing_then_reacting_again_reviews_the_new_text(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    fake_slack.edit_message(GENERAL, post["ts"], FRIENDLY)
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    first, second = fake_slack.thread(GENERAL, post["ts"])
    assert "A bit pushy" in texts_of(first)
    assert "good party guest" in texts_of(second)
    assert [r["draft"] for r in slack.coach.log.recent_reviews()] == [FRIENDLY, PUSHY]


async def test_reaction_on_a_reply_in_a_thread_answers_in_that_thread(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    parent = fake_slack.add_message(
        GENERAL, "Anyone know a good course on onboarding emails?", user="UASKER1"
    )
    reply = fake_slack.add_message(GENERAL, PUSHY, thread_ts=parent["ts"])
    await slack.reaction(GENERAL, reply["ts"])
    await slack.settle()
    [placeholder] = fake_slack.calls_to("chat.postMessage")
    assert placeholder["thread_ts"] == parent["ts"]
    [row] = slack.coach.log.recent_reviews()
    assert row["draft"] == PUSHY
    assert row["context"] == "Anyone know a good course on onboarding emails?"


async def test_other_emoji_and_non_message_items_are_ignored(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    await slack.reaction(GENERAL, post["ts"], emoji="thumbsup")
    file_event = {
        "type": "reaction_added",
        "user": REACTOR,
        "reaction": "mag",
        "item": {"type": "file"},
    }
    await slack.event(file_event)
    await slack.settle()
    assert fake_slack.methods() == ["auth.test"]


async def test_a_message_the_bot_cannot_read_gets_a_clear_private_explanation(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    fake_slack.not_in_channel.add(GENERAL)
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    [ephemeral] = fake_slack.calls_to("chat.postEphemeral")
    assert (ephemeral["channel"], ephemeral["user"]) == (GENERAL, REACTOR)
    assert "can't read messages in that channel" in ephemeral["text"]
    assert "/invite" in ephemeral["text"]
    assert fake_slack.calls_to("chat.postMessage") == []
    assert slack.coach.log.recent_reviews() == []


async def test_explanation_falls_back_to_a_direct_message(slack: SlackSender, fake_slack: FakeSlack) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    fake_slack.not_in_channel.add(GENERAL)
    fake_slack.fail_next("chat.postEphemeral", "channel_not_found")
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    [direct] = fake_slack.calls_to("chat.postMessage")
    assert direct["channel"] == REACTOR
    assert "can't read messages" in direct["text"]


async def test_slack_retries_and_duplicate_deliveries_never_review_twice(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    first = await slack.reaction(GENERAL, post["ts"], event_id="EvRETRY1")
    retry = await slack.reaction(GENERAL, post["ts"], event_id="EvRETRY1", retry_num=1)
    duplicate = await slack.reaction(GENERAL, post["ts"], event_id="EvOTHER2")
    assert [first.status, retry.status, duplicate.status] == [200, 200, 200]
    await slack.settle()
    assert len(fake_slack.thread(GENERAL, post["ts"])) == 1
    assert len(slack.coach.log.recent_reviews()) == 1


async def test_retry_after_a_restart_is_still_not_reviewed_twice(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    await slack.reaction(GENERAL, post["ts"], event_id="EvRESTART")
    await slack.settle()
    from bot.slack.runner import running_slack

    async with running_slack(slack.coach, http=True, port=0, host="127.0.0.1", post_tips=False) as restarted:
        again = SlackSender(restarted, fake_slack)
        await again.reaction(GENERAL, post["ts"], event_id="EvRESTART", retry_num=2)
        await again.settle()
    assert len(fake_slack.thread(GENERAL, post["ts"])) == 1


async def test_a_rate_limited_web_api_call_is_retried(slack: SlackSender, fake_slack: FakeSlack) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    fake_slack.rate_limit_once("chat.postMessage", retry_after=0)
    fake_slack.rate_limit_once("chat.update", retry_after=0)
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    statuses = [
        (c.method, c.status) for c in fake_slack.calls if c.method in ("chat.postMessage", "chat.update")
    ]
    assert statuses == [
        ("chat.postMessage", 429),
        ("chat.postMessage", 200),
        ("chat.update", 429),
        ("chat.update", 200),
    ]
    [reply] = fake_slack.thread(GENERAL, post["ts"])
    assert "A bit pushy" in texts_of(reply)


async def test_reactions_to_the_bots_own_reviews_are_ignored(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    own = fake_slack.add_message(GENERAL, "A bit pushy · score 40/100", user=BOT_USER_ID, bot_id="BBOT0001")
    await slack.reaction(GENERAL, own["ts"])
    await slack.settle()
    assert fake_slack.calls_to("chat.postMessage") == []
