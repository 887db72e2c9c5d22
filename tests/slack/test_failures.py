"""No stack trace ever reaches a person: unexpected errors become one friendly line, and are logged."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import pytest

from bot.wording import SOMETHING_WENT_WRONG
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import DRAFTS, GENERAL, REACTOR, SlackSender

PUSHY = "Buy now! Huge discount on our course, sign up today."
SECRET_DETAIL = "sqlite3.OperationalError: disk I/O error at /srv/secret/path"


async def explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError(SECRET_DETAIL)


def assert_nothing_technical_shown(fake: FakeSlack) -> None:
    shown = fake.everything_shown()
    for leak in ("Traceback", "RuntimeError", "sqlite3", "/srv/secret", 'File "'):
        assert leak not in shown


async def test_a_failing_reaction_review_leaves_a_friendly_line_in_the_thread(
    slack: SlackSender,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(slack.coach, "review", explode)
    post = fake_slack.add_message(GENERAL, PUSHY)
    with caplog.at_level(logging.ERROR):
        await slack.reaction(GENERAL, post["ts"])
        await slack.settle()
    [reply] = fake_slack.thread(GENERAL, post["ts"])
    assert reply["text"] == SOMETHING_WENT_WRONG
    assert_nothing_technical_shown(fake_slack)
    assert SECRET_DETAIL in caplog.text  # the detail goes to the log, with its traceback
    assert any(r.exc_info for r in caplog.records)


async def test_a_failing_drafts_channel_review_leaves_a_friendly_line(
    slack: SlackSender, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slack.coach, "review", explode)
    message = fake_slack.add_message(DRAFTS, PUSHY)
    await slack.event({**message, "channel": DRAFTS})
    await slack.settle()
    [reply] = fake_slack.thread(DRAFTS, message["ts"])
    assert "something went wrong" in reply["text"]
    assert_nothing_technical_shown(fake_slack)


async def test_a_failing_slash_review_answers_privately_with_a_friendly_line(
    slack: SlackSender,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(slack.coach, "review", explode)
    with caplog.at_level(logging.ERROR):
        await slack.command(PUSHY)
        [reply] = await fake_slack.wait_for_hooks(1)
    assert "something went wrong" in reply["text"]
    assert reply["replace_original"] is True  # in place of "Reviewing your draft…", not beside it
    assert_nothing_technical_shown(fake_slack)
    assert SECRET_DETAIL in caplog.text


async def test_an_error_before_the_placeholder_is_explained_to_the_reactor(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    fake_slack.fail_next("conversations.history", "internal_error")
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    [ephemeral] = fake_slack.calls_to("chat.postEphemeral")
    assert ephemeral["user"] == REACTOR
    assert "something went wrong" in ephemeral["text"]
    assert_nothing_technical_shown(fake_slack)
    # the claim isn't taken, so reacting again tries again
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    assert len(fake_slack.thread(GENERAL, post["ts"])) == 1


async def test_a_listener_that_crashes_before_acking_still_answers_kindly(
    slack: SlackSender, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    form = {
        "command": "/review",
        "text": PUSHY,
        "team_id": "T0FAKE",
        "response_url": fake_slack.response_url(),
    }
    with caplog.at_level(logging.ERROR):
        sent = await slack.post(urlencode(form), "application/x-www-form-urlencoded")  # no user_id
        [reply] = await fake_slack.wait_for_hooks(1)
    assert sent.status == 200
    assert "Traceback" not in sent.body and "KeyError" not in sent.body
    assert "something went wrong" in reply["text"]
    assert "user_id" in caplog.text
