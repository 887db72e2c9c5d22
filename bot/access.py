"""Who may ask for reviews: allow and deny lists of channels, users and roles. Knows no chat platform."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bot.settings import Settings

Refusal = Literal["channel", "person"]

NOT_IN_THIS_CHANNEL = (
    "Party Coach isn't switched on for reviews in this channel. "
    "Try a channel where it is, or ask your Party Coach admin to add this one."
)
NOT_FOR_YOU = (
    "Party Coach reviews are limited to certain people here, and you're not on the list yet. "
    "Ask your Party Coach admin to add you."
)
REFUSAL_LINES: dict[Refusal, str] = {"channel": NOT_IN_THIS_CHANNEL, "person": NOT_FOR_YOU}


def refusal_line(refusal: Refusal) -> str:
    """The one polite line someone outside the lists gets."""
    return REFUSAL_LINES[refusal]


@dataclass(frozen=True)
class AccessLists:
    """The lists from settings; deny wins, and an empty allow list allows everyone."""

    allow_channels: frozenset[str] = frozenset()
    deny_channels: frozenset[str] = frozenset()
    allow_users: frozenset[str] = frozenset()
    deny_users: frozenset[str] = frozenset()
    allow_roles: frozenset[str] = frozenset()
    deny_roles: frozenset[str] = frozenset()
    admins: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessLists:
        return cls(
            allow_channels=frozenset(settings.allow_channels),
            deny_channels=frozenset(settings.deny_channels),
            allow_users=frozenset(settings.allow_users),
            deny_users=frozenset(settings.deny_users),
            allow_roles=frozenset(str(r) for r in settings.discord_allow_roles),
            deny_roles=frozenset(str(r) for r in settings.discord_deny_roles),
            admins=frozenset(settings.admins),
        )

    @property
    def open_to_all(self) -> bool:
        """No list is set: nobody is ever refused, and adapters can skip the check."""
        return not (
            self.allow_channels
            or self.deny_channels
            or self.allow_users
            or self.deny_users
            or self.allow_roles
            or self.deny_roles
        )

    def refusal(
        self, *, user: str, places: Iterable[str | None] = (), roles: Iterable[str] | None = None
    ) -> Refusal | None:
        """Why `user` may not ask here (None if they may).

        `places` are the channel and, for a thread, its parent: a thread is inside its channel's lists.
        `roles` is None where there are no roles (Slack): the role lists then don't apply, so a Discord
        allow list of roles never shuts out Slack. Configured admins are never refused.
        """
        if user in self.admins or self.open_to_all:
            return None
        where = {p for p in places if p}
        held = set(roles or ())
        allow_roles = self.allow_roles if roles is not None else frozenset()
        if not where.isdisjoint(self.deny_channels):
            return "channel"
        if user in self.deny_users or not held.isdisjoint(self.deny_roles):
            return "person"
        if self.allow_channels and where.isdisjoint(self.allow_channels):
            return "channel"
        if (self.allow_users or allow_roles) and not (
            user in self.allow_users or not held.isdisjoint(allow_roles)
        ):
            return "person"
        return None
