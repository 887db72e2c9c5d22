"""Who may ask for reviews on Slack: someone outside the lists gets one private line at every trigger."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bot.access import NOT_FOR_YOU, NOT_IN_THIS_CHANNEL
from bot.coach import build_coach
from bot.slack.modal_view import review_modal
from bot.slack.runner import running_slack
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import (
    AUTHOR,
    DRAFTS,
    GENERAL,
    REACTOR,
    SLACK_ACK_SECONDS,
    SlackSender,
    slack_settings_for,
    texts_of,
)
from tests.slack.test_drafts_channel import edited, posted
from tests.slack.test_review_command import form_submission
from tests.slack.test_shortcut_feedback_home import shortcut_payload

PUSHY = "Buy now! Huge discount on our course, sign up today."


@asynccontextmanager
async def gated(fake: FakeSlack, **lists: Any) -> AsyncIterator[SlackSender]:
    """The real app in HTTP mode, with these access lists set."""
    coach = build_coach(slack_settings_for(fake, **lists))
    try:
        async with running_slack(coach, http=True, port=0, host="127.0.0.1", post_tips=False) as running:
            yield SlackSender(running, fake)
    finally:
        coach.close()


def ephemeral_lines(fake: FakeSlack) -> list[tuple[str, str, str]]:
    return [(c["channel"], c["user"], c["text"]) for c in fake.calls_to("chat.postEphemeral")]


@pytest.mark.parametrize(
    ("lists", "line"),
    [
        ({"deny_users": [AUTHOR]}, NOT_FOR_YOU),
        ({"allow_users": [REACTOR]}, NOT_FOR_YOU),
        ({"allow_users": [AUTHOR], "deny_users": [AUTHOR]}, NOT_FOR_YOU),  # deny wins
        ({"deny_channels": [GENERAL]}, NOT_IN_THIS_CHANNEL),
        ({"allow_channels": [DRAFTS]}, NOT_IN_THIS_CHANNEL),
    ],
)
async def test_review_command_outside_the_lists_gets_one_private_line(
    fake_slack: FakeSlack, lists: dict[str, Any], line: str
) -> None:
    async with gated(fake_slack, **lists) as slack:
        sent = await slack.command(PUSHY, user=AUTHOR, channel=GENERAL)
        opened = await slack.command("", user=AUTHOR, channel=GENERAL)  # the form isn't opened either
        await slack.settle()
        assert sent.status == 200 and opened.status == 200
        assert sent.json()["text"] == line and opened.json()["text"] == line
        assert slack.coach.log.recent_reviews() == []
    assert fake_slack.hook_posts == [] and fake_slack.calls_to("views.open") == []
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_help_and_the_tip_stay_open_to_everyone(fake_slack: FakeSlack) -> None:
    async with gated(fake_slack, deny_users=[AUTHOR]) as slack:
        helped = await slack.command("help", user=AUTHOR)
        await slack.command("tip", user=AUTHOR)
        [tip] = await fake_slack.wait_for_hooks(1)
    assert "/review" in helped.body and NOT_FOR_YOU not in helped.body
    assert "Tip of the day" in texts_of(tip)


async def test_someone_inside_the_lists_is_reviewed_as_before(fake_slack: FakeSlack) -> None:
    lists = {"allow_users": [AUTHOR], "allow_channels": [GENERAL], "deny_users": [REACTOR]}
    # A Discord allow list of roles doesn't apply on Slack, where there are no roles.
    async with gated(fake_slack, **lists, discord_allow_roles=[123456789012345678]) as slack:
        await slack.command(PUSHY, user=AUTHOR, channel=GENERAL)
        [review] = await fake_slack.wait_for_hooks(1)
        assert "A bit pushy" in texts_of(review)
        assert len(slack.coach.log.recent_reviews()) == 1


async def test_admins_are_never_refused(fake_slack: FakeSlack) -> None:
    fake_slack.workspace_admins.add(REACTOR)
    async with gated(fake_slack, deny_users=[AUTHOR, REACTOR], admins=[AUTHOR]) as slack:
        await slack.command(PUSHY, user=AUTHOR)  # named in PARTY_COACH_ADMINS
        await slack.command(PUSHY + " Really.", user=REACTOR)  # a workspace admin, from users.info
        replies = await fake_slack.wait_for_hooks(2)
        assert all("A bit pushy" in texts_of(r) for r in replies)
        assert {r["user"] for r in slack.coach.log.recent_reviews()} == {AUTHOR, REACTOR}
    assert [c["user"] for c in fake_slack.calls_to("users.info")] == [
        REACTOR
    ]  # the configured one costs none


async def test_a_slow_admin_check_never_makes_the_command_miss_slacks_deadline(fake_slack: FakeSlack) -> None:
    fake_slack.rate_limit_once("users.info", retry_after=5)  # the client would wait 5 s, then ask again
    async with gated(fake_slack, deny_users=[AUTHOR]) as slack:
        sent = await slack.command(PUSHY, user=AUTHOR)
        await slack.settle()
    assert sent.seconds < SLACK_ACK_SECONDS
    assert sent.json()["text"] == NOT_FOR_YOU


async def test_a_reaction_outside_the_lists_gets_an_ephemeral_line(fake_slack: FakeSlack) -> None:
    async with gated(fake_slack, deny_users=[REACTOR]) as slack:
        message = fake_slack.add_message(GENERAL, PUSHY, user=AUTHOR)
        sent = await slack.reaction(GENERAL, message["ts"], user=REACTOR)
        await slack.settle()
        assert sent.status == 200
        assert slack.coach.log.recent_reviews() == []
    assert ephemeral_lines(fake_slack) == [(GENERAL, REACTOR, NOT_FOR_YOU)]
    assert fake_slack.thread(GENERAL, message["ts"]) == []  # no reply: nothing public
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_a_drafts_channel_post_outside_the_lists_gets_one_ephemeral_line(fake_slack: FakeSlack) -> None:
    async with gated(fake_slack, allow_channels=[GENERAL]) as slack:
        event = posted(fake_slack, PUSHY, user=AUTHOR)
        await slack.event(event)
        await slack.settle()
        await slack.event(edited(fake_slack, event, PUSHY + " Today only!"))
        await slack.settle()
        assert slack.coach.log.recent_reviews() == []
    # Told once, when they posted; the edit passes quietly.
    assert ephemeral_lines(fake_slack) == [(DRAFTS, AUTHOR, NOT_IN_THIS_CHANNEL)]
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_the_shortcut_outside_the_lists_gets_a_private_line(fake_slack: FakeSlack) -> None:
    async with gated(fake_slack, deny_channels=[GENERAL]) as slack:
        message = fake_slack.add_message(GENERAL, PUSHY, user=AUTHOR)
        await slack.interaction(shortcut_payload(fake_slack, message, user=REACTOR))
        [reply] = await fake_slack.wait_for_hooks(1)
        await slack.settle()
        assert slack.coach.log.recent_reviews() == []
    assert (reply["text"], reply["response_type"]) == (NOT_IN_THIS_CHANNEL, "ephemeral")
    assert len(fake_slack.hook_posts) == 1


async def test_a_form_sent_from_outside_the_lists_gets_a_private_line(fake_slack: FakeSlack) -> None:
    # A form opened before the lists changed (a restart in between) is still checked when it is sent.
    view = review_modal(GENERAL, fake_slack.response_url("command"))
    async with gated(fake_slack, deny_users=[AUTHOR]) as slack:
        sent = await slack.interaction(form_submission(json.loads(json.dumps(view)), PUSHY))
        [reply] = await fake_slack.wait_for_hooks(1)
        await slack.settle()
        assert sent.status == 200 and sent.body == ""  # the form closes
        assert slack.coach.log.recent_reviews() == []
    assert (reply["text"], reply["response_type"]) == (NOT_FOR_YOU, "ephemeral")
