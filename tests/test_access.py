"""Who may ask for reviews: the allow and deny lists, decided in the core, and read from settings."""

from __future__ import annotations

from typing import Any

import pytest

from bot.access import NOT_FOR_YOU, NOT_IN_THIS_CHANNEL, AccessLists, refusal_line
from bot.settings import load_settings, read_settings

ADMIN = "UADMIN01"


def lists(**values: list[str]) -> AccessLists:
    return AccessLists(**{k: frozenset(v) for k, v in values.items()}, admins=frozenset({ADMIN}))


@pytest.mark.parametrize(
    ("configured", "user", "places", "roles", "expected"),
    [
        ({}, "U1", ["C1"], [], None),  # no lists: everyone
        ({"allow_channels": ["C1"]}, "U1", ["C1"], [], None),
        ({"allow_channels": ["C1"]}, "U1", ["C2"], [], "channel"),
        ({"allow_channels": ["C1"]}, "U1", [], [], "channel"),  # nowhere known is not an allowed place
        ({"allow_channels": ["C1"]}, "U1", ["T9", "C1"], [], None),  # a thread under an allowed channel
        ({"deny_channels": ["C1"]}, "U1", ["C1"], [], "channel"),
        ({"deny_channels": ["C1"]}, "U1", ["T9", "C1"], [], "channel"),  # a thread under a denied channel
        ({"deny_channels": ["C1"]}, "U1", ["C2"], [], None),
        ({"allow_users": ["U1"]}, "U1", ["C1"], [], None),
        ({"allow_users": ["U1"]}, "U2", ["C1"], [], "person"),
        ({"deny_users": ["U1"]}, "U1", ["C1"], [], "person"),
        ({"deny_users": ["U1"]}, "U2", ["C1"], [], None),
        ({"allow_roles": ["R1"]}, "U1", ["C1"], ["R1"], None),
        ({"allow_roles": ["R1"]}, "U1", ["C1"], ["R2"], "person"),
        ({"allow_roles": ["R1"], "allow_users": ["U1"]}, "U1", ["C1"], [], None),  # either list lets in
        ({"deny_roles": ["R1"]}, "U1", ["C1"], ["R2", "R1"], "person"),
        # deny wins over allow, for each kind of list
        ({"allow_users": ["U1"], "deny_users": ["U1"]}, "U1", ["C1"], [], "person"),
        ({"allow_channels": ["C1"], "deny_channels": ["C1"]}, "U1", ["C1"], [], "channel"),
        ({"allow_roles": ["R1"], "deny_roles": ["R2"]}, "U1", ["C1"], ["R1", "R2"], "person"),
        ({"allow_users": ["U1"], "deny_roles": ["R2"]}, "U1", ["C1"], ["R2"], "person"),
        # a channel refusal is named first: moving channel is the one step that would help
        ({"deny_channels": ["C1"], "deny_users": ["U1"]}, "U1", ["C1"], [], "channel"),
        # admins are never refused
        ({"deny_users": [ADMIN], "deny_channels": ["C1"]}, ADMIN, ["C1"], [], None),
        ({"allow_users": ["U1"], "allow_channels": ["C2"]}, ADMIN, ["C1"], [], None),
    ],
)
def test_who_may_ask(
    configured: dict[str, list[str]], user: str, places: list[str], roles: list[str], expected: str | None
) -> None:
    assert lists(**configured).refusal(user=user, places=places, roles=roles) == expected


@pytest.mark.parametrize(
    ("configured", "user", "expected"),
    [
        ({"allow_roles": ["R1"]}, "U1", None),  # a Discord role list never shuts out Slack
        ({"allow_roles": ["R1"], "allow_users": ["U2"]}, "U1", "person"),
        ({"allow_roles": ["R1"], "allow_users": ["U1"]}, "U1", None),
        ({"deny_roles": ["R1"]}, "U1", None),
    ],
)
def test_where_there_are_no_roles_the_role_lists_do_not_apply(
    configured: dict[str, list[str]], user: str, expected: str | None
) -> None:
    assert lists(**configured).refusal(user=user, places=["C1"]) == expected


def test_a_discord_member_with_no_roles_is_outside_an_allow_list_of_roles() -> None:
    assert lists(allow_roles=["R1"]).refusal(user="U1", places=["C1"], roles=[]) == "person"


def test_each_refusal_is_one_polite_line_with_a_next_step() -> None:
    assert refusal_line("channel") == NOT_IN_THIS_CHANNEL
    assert refusal_line("person") == NOT_FOR_YOU
    for line in (NOT_IN_THIS_CHANNEL, NOT_FOR_YOU):
        assert "\n" not in line and "admin" in line


def test_lists_come_from_comma_separated_settings() -> None:
    settings = load_settings(
        allow_channels="C1, C2",
        deny_channels="C3",
        allow_users="U1",
        deny_users=" U2 ,U3",
        discord_allow_roles="123456789012345678",
        discord_deny_roles="223456789012345678",
        admins="UADMIN01",
    )
    access = AccessLists.from_settings(settings)
    assert access == AccessLists(
        allow_channels=frozenset({"C1", "C2"}),
        deny_channels=frozenset({"C3"}),
        allow_users=frozenset({"U1"}),
        deny_users=frozenset({"U2", "U3"}),
        allow_roles=frozenset({"123456789012345678"}),
        deny_roles=frozenset({"223456789012345678"}),
        admins=frozenset({"UADMIN01"}),
    )
    assert not access.open_to_all
    assert AccessLists.from_settings(load_settings()).open_to_all


@pytest.mark.parametrize(
    ("values", "name", "words"),
    [
        ({"discord_allow_roles": "admins"}, "DISCORD_ALLOW_ROLES", "is not a Discord ID"),
        ({"discord_deny_roles": "12"}, "DISCORD_DENY_ROLES", "is not a Discord ID"),
        ({"allow_channels": "#general"}, "PARTY_COACH_ALLOW_CHANNELS", "is not a channel ID"),
        ({"deny_users": "@alice"}, "PARTY_COACH_DENY_USERS", "is not a user ID"),
    ],
)
def test_a_list_entry_that_is_not_an_id_is_named(values: dict[str, Any], name: str, words: str) -> None:
    from bot.settings import shape_problems

    settings, problems = read_settings(**values)
    found = problems + shape_problems(settings)
    assert [p.name for p in found] == [name]
    assert words in found[0].message
