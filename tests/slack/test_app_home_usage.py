"""App Home for admins: the workspace's last 7 days of usage, worded as /coach stats words it on Discord."""

from __future__ import annotations

from typing import Any

from bot.coach import build_coach
from bot.slack.runner import running_slack
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import AUTHOR, SlackSender, slack_settings_for, texts_of

PUSHY = "Buy now! Huge discount on our course, sign up today."
FRIENDLY = "What's the one onboarding email you still remember? Mine was a plain note from a founder."
ADMIN = "UADMIN001"
USAGE_HEADING = "Usage in this workspace"


async def open_home(slack: SlackSender, fake: FakeSlack, user: str) -> str:
    before = len(fake.calls_to("views.publish"))
    await slack.event({"type": "app_home_opened", "user": user, "channel": "DHOME", "tab": "home"})
    published = (await fake.wait_for("views.publish", count=before + 1))[-1]
    assert published["user_id"] == user
    return texts_of(published["view"])


async def review_twice_here_and_once_elsewhere(slack: SlackSender, fake: FakeSlack) -> None:
    await slack.command(PUSHY)
    await slack.command(FRIENDLY)
    await slack.command(PUSHY + " Elsewhere.", team_id="TOTHERTEAM")  # another workspace's review
    await fake.wait_for_hooks(3)
    await slack.settle()


async def test_a_workspace_admin_sees_this_workspace_s_usage(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    await review_twice_here_and_once_elsewhere(slack, fake_slack)
    fake_slack.workspace_admins.add(ADMIN)
    shown = await open_home(slack, fake_slack, ADMIN)
    assert USAGE_HEADING in shown
    assert "Last 7 days: 2 reviews, 50% pushy." in shown  # the other workspace's review isn't counted
    assert "Estimated cost: $0.00" in shown
    assert [c["user"] for c in fake_slack.calls_to("users.info")] == [ADMIN]


async def test_someone_else_sees_only_their_own_reviews(slack: SlackSender, fake_slack: FakeSlack) -> None:
    await review_twice_here_and_once_elsewhere(slack, fake_slack)
    shown = await open_home(slack, fake_slack, AUTHOR)
    assert USAGE_HEADING not in shown and "Last 7 days" not in shown
    assert "Your recent reviews" in shown
    assert [c["user"] for c in fake_slack.calls_to("users.info")] == [AUTHOR]  # asked, and not an admin


async def test_an_admin_named_in_settings_needs_no_users_info(fake_slack: FakeSlack) -> None:
    coach = build_coach(slack_settings_for(fake_slack, admins=[ADMIN]))
    try:
        async with running_slack(coach, http=True, port=0, host="127.0.0.1", post_tips=False) as running:
            shown = await open_home(SlackSender(running, fake_slack), fake_slack, ADMIN)
    finally:
        coach.close()
    assert USAGE_HEADING in shown and "No reviews in the last 7 days." in shown
    assert fake_slack.calls_to("users.info") == []


def test_usage_words_are_escaped_for_slack() -> None:
    from bot.principles import load_principles
    from bot.settings import BUNDLED_DATA
    from bot.slack.home_view import home_view

    view: dict[str, Any] = home_view(
        [], [], load_principles(BUNDLED_DATA / "principles.toml"), "mag", ["<b> & co"]
    )
    assert "&lt;b&gt; &amp; co" in texts_of(view)
