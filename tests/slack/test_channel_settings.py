"""/review settings: the form for admins (views.open), checked on submit, and the bot following it at once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.slack.client import make_web_client
from bot.slack.daily_tip import DailyTipPoster
from bot.slack.listeners.channel_settings import ADMINS_ONLY
from tests.fakes.slack_server import TEAM_ID, FakeSlack
from tests.slack.conftest import AUTHOR, DRAFTS, GENERAL, SlackSender, texts_of
from tests.slack.test_drafts_channel import PUSHY, posted

ADMIN = "UADMIN01"


def submission(view: dict[str, Any], user: str = ADMIN, **changes: str) -> dict[str, Any]:
    """The form sent back as Slack sends it: every field as it was filled in, with `changes` typed over it."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        key, element = block["block_id"], block["element"]
        if element["type"] == "static_select":
            chosen = changes.get(key, element["initial_option"]["value"])
            values[key] = {"value": {"type": "static_select", "selected_option": {"value": chosen}}}
        else:
            values[key] = {
                "value": {"type": "plain_text_input", "value": changes.get(key, element["initial_value"])}
            }
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": user},
        "api_app_id": "AFAKEAPP",
        "view": {**view, "id": "VSETTINGS", "state": {"values": values}},
    }


async def open_settings(slack: SlackSender, fake: FakeSlack, channel: str = GENERAL) -> dict[str, Any]:
    fake.workspace_admins.add(ADMIN)
    sent = await slack.command("settings", user=ADMIN, channel=channel)
    assert sent.status == 200
    [opened] = await fake.wait_for("views.open")
    assert opened["trigger_id"] == "1337.42.abcdef"
    view: dict[str, Any] = opened["view"]
    return view


async def test_a_workspace_admin_gets_the_form_filled_in_with_the_channel_s_settings(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = await open_settings(slack, fake_slack, DRAFTS)

    assert view["callback_id"] == "channel_settings_modal"
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert list(inputs) == [
        "role",
        "reviewer",
        "tip_time",
        "tip_timezone",
        "tip_weekdays_only",
        "review_emoji",
    ]
    assert inputs["role"]["initial_option"]["value"] == "drafts"  # from SLACK_DRAFTS_CHANNELS
    assert inputs["tip_time"]["initial_value"] == "09:30"
    assert inputs["review_emoji"]["initial_value"] == "mag"


async def test_someone_who_isn_t_an_admin_is_told_who_can(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.command("settings", user=AUTHOR)
    [answer] = await fake_slack.wait_for_hooks(1)
    assert texts_of(answer) == ADMINS_ONLY
    assert "workspace admins and owners" in ADMINS_ONLY and "PARTY_COACH_ADMINS" in ADMINS_ONLY
    assert answer["response_type"] == "ephemeral"
    assert fake_slack.calls_to("views.open") == []


async def test_a_name_in_party_coach_admins_is_enough(fake_slack: FakeSlack, slack: SlackSender) -> None:
    slack.coach.settings.admins = [AUTHOR]
    await slack.command("settings", user=AUTHOR)
    await fake_slack.wait_for("views.open")


async def test_bad_values_are_named_in_the_form_and_nothing_is_saved(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = await open_settings(slack, fake_slack)

    sent = await slack.interaction(
        submission(
            view, role="drafts", tip_time="25:00", tip_timezone="Atlantis/Capital", review_emoji="not one"
        )
    )

    answer = sent.json()
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {
        "tip_time": "'25:00' is not a time of day; use a 24-hour time like 09:30",
        "tip_timezone": (
            "'Atlantis/Capital' is not a time zone; use a name like Europe/Berlin or America/New_York"
        ),
        "review_emoji": "'not one' is not an emoji; use an emoji's name without colons, like mag or eyes",
    }
    await slack.settle()
    assert slack.coach.log.channel_settings() == []


async def test_a_non_admin_s_submission_is_refused(slack: SlackSender, fake_slack: FakeSlack) -> None:
    view = await open_settings(slack, fake_slack)
    sent = await slack.interaction(submission(view, user=AUTHOR, role="drafts"))
    assert sent.json()["errors"]["role"].startswith("Only Party Coach's admins can change channel settings")
    assert slack.coach.log.channel_settings() == []


async def test_a_channel_made_a_drafts_channel_reviews_posts_at_once(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    before = posted(fake_slack, PUSHY, channel=GENERAL)
    await slack.event(before)
    await slack.settle()
    assert fake_slack.thread(GENERAL, before["ts"]) == []

    view = await open_settings(slack, fake_slack)
    sent = await slack.interaction(submission(view, role="drafts", review_emoji="eyes"))
    assert sent.status == 200 and sent.body == ""
    [saved] = await fake_slack.wait_for("chat.postEphemeral")
    assert saved["user"] == ADMIN
    assert texts_of(saved) == (
        "Saved, and in effect now. In this channel new posts are reviewed, no daily tip; "
        "the review emoji is :eyes: and the reviewer is offline."
    )
    rows = slack.coach.log.channel_settings()
    assert {(r["key"], r["value"], r["updated_by"], r["workspace"]) for r in rows} == {
        ("role", "drafts", ADMIN, TEAM_ID),
        ("review_emoji", "eyes", ADMIN, TEAM_ID),
    }  # only what changed is stored: the rest still follows the environment

    after = posted(fake_slack, PUSHY, channel=GENERAL)
    await slack.event(after)
    await slack.settle()
    [reply] = fake_slack.thread(GENERAL, after["ts"])
    assert "A bit pushy" in texts_of(reply)


async def test_a_drafts_channel_from_the_environment_can_be_turned_off(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = await open_settings(slack, fake_slack, DRAFTS)
    await slack.interaction(submission(view, role="none"))
    await fake_slack.wait_for("chat.postEphemeral")

    event = posted(fake_slack, PUSHY)
    await slack.event(event)
    await slack.settle()
    assert fake_slack.thread(DRAFTS, event["ts"]) == []
    assert slack.coach.log.recent_reviews() == []


async def test_the_review_emoji_is_the_channel_s_own(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await slack.coach.change_channel_settings("slack", GENERAL, {"review_emoji": "eyes"})
    message = fake_slack.add_message(GENERAL, PUSHY)

    await slack.reaction(GENERAL, message["ts"], emoji="mag")  # the default no longer asks, here
    await slack.settle()
    assert fake_slack.thread(GENERAL, message["ts"]) == []

    await slack.reaction(GENERAL, message["ts"], emoji="eyes")
    await slack.settle()
    [reply] = fake_slack.thread(GENERAL, message["ts"])
    assert "A bit pushy" in texts_of(reply)


async def test_a_channel_made_a_tip_channel_gets_tips_at_its_own_time_without_a_restart(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    tips = DailyTipPoster(slack.coach, make_web_client(slack.coach.settings))
    thursday_9_am_utc = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
    assert GENERAL not in await tips.run_due_tips(thursday_9_am_utc)

    view = await open_settings(slack, fake_slack)
    await slack.interaction(submission(view, role="tips", tip_time="07:15", tip_timezone="America/New_York"))
    await fake_slack.wait_for("chat.postEphemeral")

    assert GENERAL not in await tips.run_due_tips(datetime(2024, 5, 2, 11, 14, tzinfo=UTC))  # 07:14 there
    assert await tips.run_due_tips(datetime(2024, 5, 2, 11, 15, tzinfo=UTC)) == [GENERAL]
    [tip] = [p for p in fake_slack.calls_to("chat.postMessage") if p["channel"] == GENERAL]
    assert "Tip of the day" in texts_of(tip)

    await slack.coach.change_channel_settings("slack", GENERAL, {"role": "none"})
    assert GENERAL not in await tips.run_due_tips(datetime(2024, 5, 3, 11, 15, tzinfo=UTC))  # turned off


async def test_settings_in_a_direct_message_point_to_a_channel(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.workspace_admins.add(ADMIN)
    await slack.command("settings", user=ADMIN, channel="D0DIRECT1")
    [answer] = await fake_slack.wait_for_hooks(1)
    assert "type `/review settings` in the channel you want to change" in texts_of(answer)
    assert fake_slack.calls_to("views.open") == []
