"""Slack admins: PARTY_COACH_ADMINS, or a workspace admin or owner by users.info on the fake Web API."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.admins import ADMIN_ANSWER_SECONDS, SlackAdmins
from tests.fakes.slack_server import BOT_TOKEN, FakeSlack


def client_for(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=BOT_TOKEN, base_url=fake.base_url)


async def test_workspace_admins_and_owners_are_admins_members_are_not() -> None:
    fake = FakeSlack().start()
    try:
        fake.workspace_admins.add("UADMIN")
        fake.workspace_owners.add("UOWNER")
        admins = SlackAdmins()
        client = client_for(fake)
        assert await admins.is_admin(client, "UADMIN", [])
        assert await admins.is_admin(client, "UOWNER", [])
        assert not await admins.is_admin(client, "UMEMBER", [])
        assert await admins.is_admin(client, "UMEMBER", ["UMEMBER"])
    finally:
        fake.stop()


async def test_answers_are_remembered_for_a_while_then_asked_again() -> None:
    fake = FakeSlack().start()
    try:
        now = [0.0]
        admins = SlackAdmins(clock=lambda: now[0])
        client = client_for(fake)
        assert not await admins.is_admin(client, "U1", [])
        fake.workspace_admins.add("U1")
        assert not await admins.is_admin(client, "U1", [])  # remembered
        assert len(fake.calls_to("users.info")) == 1
        now[0] = ADMIN_ANSWER_SECONDS + 1
        assert await admins.is_admin(client, "U1", [])
    finally:
        fake.stop()


async def test_a_failing_users_info_means_not_an_admin_without_an_error() -> None:
    fake = FakeSlack().start()
    try:
        fake.fail_next("users.info", "missing_scope")
        assert not await SlackAdmins().is_admin(client_for(fake), "U2", [])
    finally:
        fake.stop()
