"""/review forget me: a private Confirm / Cancel question, then the person's rows are deleted and counted."""

from __future__ import annotations

from typing import Any

from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import AUTHOR, REACTOR, SLACK_ACK_SECONDS, SlackSender, texts_of
from tests.slack.test_shortcut_feedback_home import button_click

PUSHY = "Buy now! Huge discount on our new course, sign up today."


def clicked(fake: FakeSlack, action_id: str) -> dict[str, Any]:
    return button_click(fake, action_id, "x")


async def logged_reviews(slack: SlackSender, fake: FakeSlack, *users: str) -> None:
    """One real /review per user, with a vote from the author on the first."""
    for n, user in enumerate(users, start=1):
        await slack.command(PUSHY, user=user)
        await fake.wait_for_hooks(n)
    first = slack.coach.log.recent_reviews()[-1]
    slack.coach.log.record_feedback(int(first["id"]), AUTHOR, True)
    fake.hook_posts.clear()


async def ask_to_forget(slack: SlackSender, fake: FakeSlack, text: str = "forget me") -> dict[str, Any]:
    sent = await slack.command(text)
    assert sent.status == 200 and sent.seconds < SLACK_ACK_SECONDS
    [question] = await fake.wait_for_hooks(1)
    return question


async def test_forget_me_asks_first_then_deletes_only_that_person_s_rows(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await logged_reviews(slack, fake_slack, AUTHOR, REACTOR)

    question = await ask_to_forget(slack, fake_slack)

    assert question["response_type"] == "ephemeral"
    assert "1 review of your drafts and 1 feedback vote" in texts_of(question)
    [actions] = [b for b in question["blocks"] if b["type"] == "actions"]
    assert [e["action_id"] for e in actions["elements"]] == ["forget_confirm", "forget_cancel"]
    assert slack.coach.log.user_rows(AUTHOR).rows == 2  # nothing goes before the click

    sent = await slack.interaction(clicked(fake_slack, "forget_confirm"))
    assert sent.status == 200
    _, done = await fake_slack.wait_for_hooks(2)
    assert done["replace_original"] is True
    assert texts_of(done) == (
        "Done: I deleted 2 rows, 1 review (with their drafts and saved answers) and 1 feedback vote."
    )
    assert slack.coach.log.user_rows(AUTHOR).rows == 0
    [left] = slack.coach.log.recent_reviews()
    assert left["user"] == REACTOR
    assert slack.coach.log.feedback_for(int(left["id"])) == []  # the author's vote on it went too


async def test_cancel_keeps_everything(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await logged_reviews(slack, fake_slack, AUTHOR)
    await ask_to_forget(slack, fake_slack, "Forget")

    await slack.interaction(clicked(fake_slack, "forget_cancel"))

    _, kept = await fake_slack.wait_for_hooks(2)
    assert texts_of(kept) == "Nothing deleted: your drafts and reviews stay in the log."
    assert slack.coach.log.user_rows(AUTHOR).rows == 2


async def test_someone_with_nothing_logged_is_told_so_without_buttons(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    question = await ask_to_forget(slack, fake_slack)

    assert texts_of(question) == (
        "There's nothing to delete: I haven't logged any drafts, reviews or feedback from you."
    )
    assert [b["type"] for b in question["blocks"]] == ["section"]
    assert slack.coach.log.recent_reviews() == []  # "forget me" was never reviewed as a draft


async def test_confirming_twice_deletes_once_and_then_says_there_is_nothing(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await logged_reviews(slack, fake_slack, AUTHOR)
    await ask_to_forget(slack, fake_slack)

    await slack.interaction(clicked(fake_slack, "forget_confirm"))
    await fake_slack.wait_for_hooks(2)
    await slack.interaction(clicked(fake_slack, "forget_confirm"))

    *_, again = await fake_slack.wait_for_hooks(3)
    assert texts_of(again).startswith("There's nothing to delete")


async def test_help_lists_forget_me(slack: SlackSender) -> None:
    sent = await slack.command("help")
    assert "/review forget me" in sent.body


async def test_forget_me_also_deletes_the_rewrites_the_person_used(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await logged_reviews(slack, fake_slack, REACTOR)
    [theirs] = slack.coach.log.recent_reviews()
    slack.coach.log.record_rewrite_use(int(theirs["id"]), AUTHOR)
    slack.coach.log.record_rewrite_use(int(theirs["id"]), REACTOR)

    await ask_to_forget(slack, fake_slack)
    await slack.interaction(clicked(fake_slack, "forget_confirm"))
    _, done = await fake_slack.wait_for_hooks(2)

    assert texts_of(done) == (
        "Done: I deleted 2 rows, 0 reviews (with their drafts and saved answers), 1 copied rewrite "
        "and 1 feedback vote."
    )
    assert [u["user"] for u in slack.coach.log.rewrite_uses_for(int(theirs["id"]))] == [REACTOR]
