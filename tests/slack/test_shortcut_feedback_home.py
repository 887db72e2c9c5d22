"""Message shortcut, feedback buttons and App Home."""

from __future__ import annotations

from typing import Any

from tests.fakes.slack_server import TEAM_ID, FakeSlack
from tests.slack.conftest import AUTHOR, GENERAL, REACTOR, SLACK_ACK_SECONDS, SlackSender, texts_of

PUSHY = "Buy now! Huge discount on our course, sign up today."
FRIENDLY = "What's the one onboarding email you still remember? Mine was a plain note from a founder."


def shortcut_payload(fake: FakeSlack, message: dict[str, Any], user: str = REACTOR) -> dict[str, Any]:
    return {
        "type": "message_action",
        "callback_id": "review_message",
        "trigger_id": "1337.42.abcdef",
        "team": {"id": TEAM_ID, "domain": "fake"},
        "user": {"id": user, "name": "someone"},
        "channel": {"id": GENERAL, "name": "general"},
        "message": message,
        "message_ts": message["ts"],
        "response_url": fake.response_url("shortcut"),
    }


def button_click(fake: FakeSlack, action_id: str, value: str, user: str = AUTHOR) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": user},
        "channel": {"id": GENERAL},
        "container": {"type": "message", "is_ephemeral": True},
        "trigger_id": "1337.43.abcdef",
        "response_url": fake.response_url("button"),
        "actions": [{"type": "button", "action_id": action_id, "block_id": "feedback", "value": value}],
    }


async def test_shortcut_gives_a_private_review_of_the_message(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    message = fake_slack.add_message(GENERAL, PUSHY, user=AUTHOR)
    sent = await slack.interaction(shortcut_payload(fake_slack, message))
    assert sent.status == 200
    assert sent.seconds < SLACK_ACK_SECONDS
    placeholder, review = await fake_slack.wait_for_hooks(2)
    assert "Reviewing this message" in placeholder["text"]
    assert review["response_type"] == "ephemeral"
    assert "A bit pushy" in texts_of(review)
    assert fake_slack.calls_to("chat.postMessage") == []  # nothing public
    [row] = slack.coach.log.recent_reviews()
    assert (row["trigger"], row["user"], row["message_id"]) == ("shortcut", AUTHOR, message["ts"])


async def test_shortcut_on_a_message_without_words_says_so(slack: SlackSender, fake_slack: FakeSlack) -> None:
    message = fake_slack.add_message(GENERAL, "", files=[{"id": "F1"}])
    await slack.interaction(shortcut_payload(fake_slack, message))
    [reply] = await fake_slack.wait_for_hooks(1)
    assert "no text for me to review" in reply["text"]


async def test_feedback_buttons_record_the_vote_against_the_review(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await slack.command(PUSHY)
    [review] = await fake_slack.wait_for_hooks(1)
    actions = next(b for b in review["blocks"] if b["type"] == "actions")
    helpful, not_helpful = actions["elements"]
    sent = await slack.interaction(button_click(fake_slack, helpful["action_id"], helpful["value"]))
    assert sent.status == 200
    thanks = (await fake_slack.wait_for_hooks(2))[1]
    assert "helpful" in thanks["text"]
    assert thanks["response_type"] == "ephemeral"
    review_id = int(helpful["value"])
    [vote] = slack.coach.log.feedback_for(review_id)
    assert (vote["user"], vote["helpful"]) == (AUTHOR, 1)
    await slack.interaction(button_click(fake_slack, not_helpful["action_id"], not_helpful["value"]))
    await fake_slack.wait_for_hooks(3)
    [vote] = slack.coach.log.feedback_for(review_id)
    assert vote["helpful"] == 0


async def test_feedback_on_a_thread_review_is_recorded_too(slack: SlackSender, fake_slack: FakeSlack) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    [reply] = fake_slack.thread(GENERAL, post["ts"])
    actions = next(b for b in reply["blocks"] if b["type"] == "actions")
    await slack.interaction(
        button_click(fake_slack, "feedback_not_helpful", actions["elements"][1]["value"], REACTOR)
    )
    [thanks] = await fake_slack.wait_for_hooks(1)
    assert "wasn't helpful" in thanks["text"]
    [row] = slack.coach.log.recent_reviews()
    assert slack.coach.log.feedback_for(row["id"])[0]["user"] == REACTOR


async def test_app_home_shows_recent_reviews_and_pushy_rate(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await slack.command(PUSHY)
    await slack.command(FRIENDLY)
    await fake_slack.wait_for_hooks(2)
    sent = await slack.event({"type": "app_home_opened", "user": AUTHOR, "channel": "DHOME", "tab": "home"})
    assert sent.status == 200
    [published] = await fake_slack.wait_for("views.publish")
    assert published["user_id"] == AUTHOR
    view = published["view"]
    assert view["type"] == "home"
    shown = texts_of(view)
    assert "Your recent reviews" in shown
    assert "50% pushy (1 of 2)" in shown
    assert "A bit pushy" in shown and "good party guest" in shown
    assert "Buy now!" in shown


async def test_app_home_for_someone_new_is_friendly(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.event({"type": "app_home_opened", "user": "UNEW0001", "channel": "DHOME", "tab": "home"})
    [published] = await fake_slack.wait_for("views.publish")
    assert "No reviews yet" in texts_of(published["view"])


async def test_the_messages_tab_does_not_publish_home(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.event({"type": "app_home_opened", "user": AUTHOR, "channel": "DHOME", "tab": "messages"})
    await slack.settle()
    assert fake_slack.calls_to("views.publish") == []


async def test_app_home_shows_the_persons_own_week(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.command(PUSHY)
    await slack.command(FRIENDLY)
    await fake_slack.wait_for_hooks(2)
    await slack.event({"type": "app_home_opened", "user": AUTHOR, "channel": "DHOME", "tab": "home"})
    [published] = await fake_slack.wait_for("views.publish")
    shown = texts_of(published["view"])
    assert "*Your week · " in shown
    assert "Drafts reviewed: 2" in shown and "Pushy: 50% (1 of 2)" in shown
    assert "Weekly digest" not in shown  # the channel's digest is never on a person's Home


async def test_app_home_own_week_for_someone_new(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.event({"type": "app_home_opened", "user": "UNEW0001", "channel": "DHOME", "tab": "home"})
    [published] = await fake_slack.wait_for("views.publish")
    assert "No drafts reviewed this week yet." in texts_of(published["view"])
