"""/review: a private review by response_url, the form, the tip and the help."""

from __future__ import annotations

from typing import Any

from tests.fakes.slack_server import EXPIRED_HOOK, FakeSlack
from tests.slack.conftest import AUTHOR, GENERAL, SLACK_ACK_SECONDS, SlackSender, texts_of

PUSHY = "Buy now! Huge discount on our new course, sign up today."


async def test_review_text_is_acknowledged_at_once_then_answered_privately(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    sent = await slack.command(PUSHY)
    assert sent.status == 200
    assert sent.seconds < SLACK_ACK_SECONDS
    assert "Reviewing your draft" in sent.body
    [reply] = await fake_slack.wait_for_hooks(1)
    assert reply["response_type"] == "ephemeral"
    assert reply["replace_original"] is True  # the review takes the place of "Reviewing your draft…"
    shown = texts_of(reply)
    assert "A bit pushy" in shown
    assert "score" in shown
    assert "Pitch only when pulled" in shown
    [row] = slack.coach.log.recent_reviews()
    assert (row["platform"], row["trigger"], row["user"], row["channel"]) == (
        "slack",
        "slash",
        AUTHOR,
        GENERAL,
    )
    actions = [b for b in reply["blocks"] if b["type"] == "actions"]
    assert [e["value"] for e in actions[0]["elements"]] == [str(row["id"])] * 2


async def test_an_expired_response_url_still_gets_the_review_to_the_person(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await slack.command(PUSHY, response_url=fake_slack.response_url(EXPIRED_HOOK))
    [ephemeral] = await fake_slack.wait_for("chat.postEphemeral")
    assert (ephemeral["user"], ephemeral["channel"]) == (AUTHOR, GENERAL)
    assert "A bit pushy" in texts_of(ephemeral)
    assert len(fake_slack.hook_posts) == 1
    assert fake_slack.calls_to("chat.postMessage") == []  # nothing in the channel, no DM either


async def test_review_without_text_opens_the_form(slack: SlackSender, fake_slack: FakeSlack) -> None:
    sent = await slack.command("")
    assert sent.status == 200
    [opened] = await fake_slack.wait_for("views.open")
    assert opened["trigger_id"] == "1337.42.abcdef"
    view = opened["view"]
    assert view["callback_id"] == "review_modal"
    assert [b["block_id"] for b in view["blocks"]] == ["draft", "context"]
    assert fake_slack.response_url("command") in view["private_metadata"]


def form_submission(view: dict[str, Any], draft: str, context: str | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {"draft": {"value": {"type": "plain_text_input", "value": draft}}}
    values["context"] = {"value": {"type": "plain_text_input", "value": context}}
    return {
        "type": "view_submission",
        "team": {"id": "T0FAKE"},
        "user": {"id": AUTHOR},
        "api_app_id": "AFAKEAPP",
        "view": {**view, "id": "VFORM1", "state": {"values": values}},
    }


async def test_form_submission_reviews_draft_and_context_privately(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await slack.command("")
    [opened] = await fake_slack.wait_for("views.open")
    sent = await slack.interaction(form_submission(opened["view"], PUSHY, "Anyone know a good course?"))
    assert sent.status == 200
    assert sent.body == ""  # the form closes
    [reply] = await fake_slack.wait_for_hooks(1)
    assert "A bit pushy" in texts_of(reply)
    [row] = slack.coach.log.recent_reviews()
    assert (row["trigger"], row["context"], row["channel"]) == (
        "modal",
        "Anyone know a good course?",
        GENERAL,
    )


async def test_form_with_a_blank_draft_shows_the_problem_in_the_form(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await slack.command("")
    [opened] = await fake_slack.wait_for("views.open")
    sent = await slack.interaction(form_submission(opened["view"], "   "))
    assert sent.status == 200
    answer = sent.json()
    assert answer["response_action"] == "errors"
    assert "empty" in answer["errors"]["draft"]
    await slack.settle()
    assert fake_slack.hook_posts == []
    assert slack.coach.log.recent_reviews() == []


async def test_review_tip_shows_todays_tip_privately(slack: SlackSender, fake_slack: FakeSlack) -> None:
    sent = await slack.command("tip")
    assert sent.status == 200
    [reply] = await fake_slack.wait_for_hooks(1)
    assert reply["response_type"] == "ephemeral"
    assert "Tip of the day" in texts_of(reply)
    again = await slack.command("TIP")
    assert again.status == 200
    replies = await fake_slack.wait_for_hooks(2)
    assert texts_of(replies[1]) == texts_of(replies[0])  # the same tip all day


async def test_review_help_explains_every_trigger(slack: SlackSender, fake_slack: FakeSlack) -> None:
    sent = await slack.command("help")
    assert sent.status == 200
    shown = texts_of(sent.json())
    for words in ("/review", ":mag:", "Review with Party Coach", "tip", "Home"):
        assert words in shown
    await slack.settle()
    assert slack.coach.log.recent_reviews() == []


async def test_a_40000_character_draft_is_reviewed_within_block_kit_limits(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    draft = ("Buy now! Our course is the best deal this year, sign up today. " * 700)[:40_000]
    assert len(draft) == 40_000
    sent = await slack.command(draft)
    assert sent.status == 200
    [reply] = await fake_slack.wait_for_hooks(1, timeout=30)
    assert "A bit pushy" in texts_of(reply)
    assert_within_block_kit_limits(reply)


async def test_a_40001_character_draft_gets_a_friendly_no(slack: SlackSender, fake_slack: FakeSlack) -> None:
    sent = await slack.command("x" * 40_001)
    assert sent.status == 200
    [reply] = await fake_slack.wait_for_hooks(1)
    shown = texts_of(reply)
    assert "I can't review that" in shown
    assert "40,001" in shown and "40,000" in shown
    assert slack.coach.log.recent_reviews() == []


def assert_within_block_kit_limits(message: dict[str, Any]) -> None:
    blocks = message["blocks"]
    assert 0 < len(blocks) <= 50
    assert 0 < len(message["text"]) <= 3000
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "context":
            assert all(len(e["text"]) <= 3000 for e in block["elements"])
