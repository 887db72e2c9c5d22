"""Revisions (edits and new drafts in a thread) and the "Use this rewrite" button, through the Slack app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.coach import Coach, build_coach
from bot.slack.runner import running_slack
from bot.wording import REWRITE_NOT_KEPT
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import AUTHOR, DRAFTS, REACTOR, SlackSender, slack_settings_for, texts_of
from tests.slack.test_drafts_channel import edited, posted
from tests.slack.test_shortcut_feedback_home import button_click

PUSHY = "Buy now! Huge discount on our course, sign up today."
# Something worth keeping besides the pitch, so the review comes with a rewrite.
WITH_REWRITE = (
    "Big launch today! We cut our setup from 14 steps to 5, and the change that mattered most was letting "
    "people skip the team invite until later. Buy now and DM me for the discount code."
)
FRIENDLY = "What's the one onboarding email you still remember? Mine was a plain note from a founder."


def rows_oldest_first(coach: Coach) -> list[dict[str, Any]]:
    return list(reversed(coach.log.recent_reviews()))


async def test_an_edited_draft_s_review_revises_the_first(slack: SlackSender, fake_slack: FakeSlack) -> None:
    event = posted(fake_slack, PUSHY)
    await slack.event(event)
    await slack.settle()
    await slack.event(edited(fake_slack, event, FRIENDLY))
    await slack.settle()

    first, second = rows_oldest_first(slack.coach)
    assert (first["trigger"], second["trigger"]) == ("drafts_channel", "edit")
    assert (first["revises"], second["revises"]) == (None, first["id"])
    assert (first["verdict"], second["verdict"]) == ("pushy", "ok")


async def test_a_new_draft_in_the_thread_revises_the_author_s_earlier_one(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    event = posted(fake_slack, PUSHY)
    await slack.event(event)
    await slack.settle()
    retry = fake_slack.add_message(DRAFTS, FRIENDLY, user=AUTHOR, thread_ts=event["ts"])
    someone_else = fake_slack.add_message(DRAFTS, PUSHY + " Today only.", user=REACTOR, thread_ts=event["ts"])

    await slack.reaction(DRAFTS, retry["ts"])
    await slack.reaction(DRAFTS, someone_else["ts"])
    await slack.settle()

    first, second, third = rows_oldest_first(slack.coach)
    assert (second["message_id"], second["thread"], second["revises"]) == (
        retry["ts"],
        event["ts"],
        first["id"],
    )
    assert (third["user"], third["revises"]) == (REACTOR, None)  # another person's draft revises nothing


async def test_use_this_rewrite_gives_the_rewrite_privately_in_a_code_block(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await slack.command(WITH_REWRITE)
    [review] = await fake_slack.wait_for_hooks(1)
    actions = next(b for b in review["blocks"] if b["type"] == "actions")
    use = actions["elements"][0]
    assert (use["action_id"], use["text"]["text"]) == ("use_rewrite", ":clipboard: Use this rewrite")

    sent = await slack.interaction(button_click(fake_slack, use["action_id"], use["value"], user=REACTOR))
    assert sent.status == 200
    given = (await fake_slack.wait_for_hooks(2))[1]

    [row] = slack.coach.log.recent_reviews()
    assert given["response_type"] == "ephemeral"
    assert f"```{row['rewrite']}```" in texts_of(given)
    [use_row] = slack.coach.log.rewrite_uses_for(row["id"])
    assert use_row["user"] == REACTOR


async def test_a_review_without_a_rewrite_has_no_button(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.command(FRIENDLY)
    [review] = await fake_slack.wait_for_hooks(1)
    actions = next(b for b in review["blocks"] if b["type"] == "actions")
    assert "use_rewrite" not in [e["action_id"] for e in actions["elements"]]


@pytest.fixture
async def hashed_slack(fake_slack: FakeSlack) -> AsyncIterator[SlackSender]:
    coach = build_coach(slack_settings_for(fake_slack, hash_drafts=True))
    async with running_slack(coach, http=True, port=0, host="127.0.0.1", post_tips=False) as running:
        yield SlackSender(running, fake_slack)
    coach.log.close()


async def test_hash_only_mode_shows_no_button_and_an_old_one_says_why_kindly(
    hashed_slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await hashed_slack.command(WITH_REWRITE)
    [review] = await fake_slack.wait_for_hooks(1)
    assert "A friendlier version" in texts_of(review)  # shown once, but never stored
    actions = next(b for b in review["blocks"] if b["type"] == "actions")
    assert "use_rewrite" not in [e["action_id"] for e in actions["elements"]]
    [row] = hashed_slack.coach.log.recent_reviews()

    await hashed_slack.interaction(button_click(fake_slack, "use_rewrite", str(row["id"])))
    answer = (await fake_slack.wait_for_hooks(2))[1]

    assert answer["text"] == REWRITE_NOT_KEPT
    assert hashed_slack.coach.log.rewrite_uses_for(row["id"]) == []
