"""What every Slack listener needs, passed to each `register(app, services)`."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.coach import Coach
from bot.review.origin import Origin
from bot.settings import Settings
from bot.slack.admins import SlackAdmins
from bot.slack.background import BackgroundWork


@dataclass
class SlackServices:
    coach: Coach
    work: BackgroundWork = field(default_factory=BackgroundWork)
    admins: SlackAdmins = field(default_factory=SlackAdmins)

    @property
    def settings(self) -> Settings:
        return self.coach.settings

    @property
    def review_emoji(self) -> str:
        """The reaction name without colons, as Slack sends it in reaction_added."""
        return self.settings.review_emoji.strip().strip(":")


def slack_origin(
    trigger: str,
    *,
    team: str | None,
    channel: str | None,
    user: str | None,
    ts: str | None = None,
    thread: str | None = None,
) -> Origin:
    """Where a Slack draft came from; `thread` (a thread ts) links a new draft there as a revision."""
    return Origin(
        platform="slack",
        workspace=team,
        channel=channel,
        user=user,
        trigger=trigger,
        message_id=ts,
        thread=thread,
    )
