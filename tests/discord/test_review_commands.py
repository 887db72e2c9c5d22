"""/review, the draft form, /tip and Apps → Review draft, driven through simcord's simulated Discord."""

from __future__ import annotations

import json

import discord
import pytest
import simcord

from bot.coach import Coach
from bot.discord.client import build_bot
from bot.discord.review_commands import OPTION_CHARS
from bot.wording import NO_TEXT, SOMETHING_WENT_WRONG
from tests.discord.conftest import World, assert_deferred_privately_first

# Something worth keeping besides the pitch, so the review comes with a rewrite to show.
PUSHY = (
    "Big launch today! We cut our setup from 14 steps to 5, and the change that mattered most was letting "
    "people skip the team invite until later. Buy now and DM me for the discount code."
)


def expected_fields(coach: Coach, row: dict[str, object]) -> set[str]:
    return {
        f"{'✅' if f['passed'] else '❌'} {coach.principles.title(f['principle'])}"
        for f in json.loads(str(row["findings"]))
    }


async def test_review_defers_privately_then_answers_with_the_review(world: World, coach: Coach) -> None:
    result = await world.alice.slash(world.general, "review", text=PUSHY)

    assert_deferred_privately_first(world.env)
    assert result.ephemeral and result.followups == []
    reply = result.response
    assert reply is not None and reply.ephemeral
    [row] = coach.log.recent_reviews(platform="discord")
    assert (row["trigger"], row["workspace"], row["channel"], row["user"], row["draft"]) == (
        "slash",
        str(world.guild.id),
        str(world.general.id),
        str(world.alice.id),
        PUSHY,
    )
    assert row["verdict"] == "pushy"
    review, rewrite = reply.embeds
    assert (review.title, review.colour) == ("⚠️ A bit pushy", discord.Colour.orange())
    assert (review.description or "").startswith(f"Score {row['score']}/100")
    assert {f.name for f in review.fields if f.name and f.name[0] in "✅❌"} == expected_fields(coach, row)
    pitch = next(f.value or "" for f in review.fields if f.name == "❌ Pitch only when pulled")
    assert "> “Buy now”" in pitch and "> “DM me”" in pitch
    assert [f.name for f in review.fields][-1] == "Try this"
    assert rewrite.title == "A friendlier version" and rewrite.description == row["rewrite"]
    assert review.footer.text is not None and review.footer.text.endswith(f"review #{row['id']}")
    buttons = reply.components[0]["components"]
    assert [b["custom_id"] for b in buttons] == [
        f"party-coach:rewrite:{row['id']}",
        f"party-coach:feedback:{row['id']}:up",
        f"party-coach:feedback:{row['id']}:down",
    ]


async def test_review_logs_the_context_it_replies_to(world: World, coach: Coach) -> None:
    await world.alice.slash(
        world.general, "review", text="Congrats on the launch!", context="We shipped v2 today."
    )

    [row] = coach.log.recent_reviews(platform="discord")
    assert row["context"] == "We shipped v2 today."


async def test_review_without_text_opens_a_form_then_reviews_what_was_typed(
    world: World, coach: Coach
) -> None:
    shown = await world.alice.slash(world.general, "review")

    assert shown.modal is not None and shown.modal["title"] == "Review a draft"
    result = await world.alice.submit_modal(
        shown,
        {"party-coach:draft-form:draft": PUSHY, "party-coach:draft-form:replying-to": "Any launch tips?"},
    )
    assert_deferred_privately_first(world.env)
    assert result.response is not None and result.response.ephemeral
    assert result.response.embeds[0].title is not None
    [row] = coach.log.recent_reviews(platform="discord")
    assert (row["trigger"], row["draft"], row["context"]) == ("modal", PUSHY, "Any launch tips?")


async def test_an_empty_draft_gets_one_friendly_line(world: World, coach: Coach) -> None:
    result = await world.alice.slash(world.general, "review", text="   ")

    assert result.response is not None and result.response.ephemeral
    assert (
        result.response.content == "I can't review that: the draft is empty: give the text you want reviewed."
    )
    assert result.response.embeds == []
    assert coach.log.recent_reviews(platform="discord") == []


async def test_discord_itself_refuses_a_slash_draft_over_its_6000_character_limit(world: World) -> None:
    with pytest.raises(simcord.OptionError, match="at most 6000 characters"):
        await world.alice.slash(world.general, "review", text="x" * 6001)


async def test_a_draft_at_discords_limit_is_reviewed_and_the_reply_fits_discord(
    world: World, coach: Coach
) -> None:
    words = "Buy now and DM me, we have the best deal you will ever see on earth. "
    draft = (words * (OPTION_CHARS // len(words) + 1))[:OPTION_CHARS]

    result = await world.alice.slash(world.general, "review", text=draft)

    assert result.response is not None
    embeds = result.response.embeds
    assert embeds and sum(len(e) for e in embeds) <= 6000
    assert all(len(f.value or "") <= 1024 for e in embeds for f in e.fields)
    assert all(len(e.description or "") <= 4096 and len(e.fields) <= 25 for e in embeds)
    [row] = coach.log.recent_reviews(platform="discord")
    assert len(row["draft"]) == OPTION_CHARS == 6000


async def test_tip_shows_the_same_tip_all_day(world: World, coach: Coach) -> None:
    first = await world.alice.slash(world.general, "tip")
    again = await world.alice.slash(world.general, "tip")

    assert_deferred_privately_first(world.env)
    assert first.response is not None and again.response is not None and first.response.ephemeral
    tip = first.response.embeds[0]
    [shown] = [t for t in coach.tips if t.text == tip.description]
    assert tip.title == f"💡 Tip of the day · {coach.principles.title(shown.principle)}"
    assert again.response.embeds[0].description == tip.description
    assert tip.footer.text == "Party Coach · 2026-01-01"


async def test_review_draft_menu_reviews_the_message_privately(world: World, coach: Coach) -> None:
    question = await world.alice.send(world.general, "Which onboarding email do you still remember?")
    draft = await world.alice.send(world.general, PUSHY, reply_to=question)

    result = await world.alice.context_menu(world.general, "Review draft", draft)

    assert_deferred_privately_first(world.env)
    assert result.response is not None and result.response.ephemeral
    assert result.response.embeds[0].title is not None
    [row] = coach.log.recent_reviews(platform="discord")
    assert (row["trigger"], row["message_id"], row["draft"]) == ("context_menu", str(draft.id), PUSHY)
    assert row["context"] == "Which onboarding email do you still remember?"
    assert world.general.last_message is not None and world.general.last_message.id == draft.id


async def test_review_draft_menu_on_a_message_without_text(world: World, coach: Coach) -> None:
    picture = await world.alice.send(world.general, "", attachments=[("launch.png", b"\x89PNG fake")])

    result = await world.alice.context_menu(world.general, "Review draft", picture)

    assert result.response is not None and result.response.content == NO_TEXT
    assert coach.log.recent_reviews(platform="discord") == []


async def test_review_draft_menu_works_without_the_message_content_intent(coach: Coach) -> None:
    bot = build_bot(coach, message_content=False)
    async with simcord.run(bot, approved_intents=discord.Intents.default()) as env:
        guild = env.create_guild()
        channel = guild.create_text_channel("general")
        alice = guild.add_member(env.create_user("alice"))
        draft = await alice.send(channel, PUSHY)
        assert "DROPPED  MESSAGE_CREATE" in env.transcript()

        result = await alice.context_menu(channel, "Review draft", draft)

        assert result.response is not None and result.response.embeds
        [row] = coach.log.recent_reviews(platform="discord")
        assert row["draft"] == PUSHY


def registered(env: simcord.Env, scope: int | None) -> set[str]:
    return {name for name, _type in env.backend.commands.get(scope, {})}


async def test_commands_are_synced_globally_without_a_dev_guild(world: World) -> None:
    assert registered(world.env, None) == {"review", "tip", "coach", "Review draft"}
    assert set(world.alice.available_commands(world.general)) == {
        "review",
        "tip",
        "coach forget",
        "coach stats",
        "coach me",
        "coach settings",
    }


async def test_commands_are_synced_to_the_dev_guild_when_set(coach: Coach) -> None:
    coach.settings.discord_dev_guild = 424242424242424242
    env = simcord.Env(build_bot(coach))
    guild = env.create_guild("Dev", id=424242424242424242)
    await env.start()
    try:
        assert registered(env, guild.id) == {"review", "tip", "coach", "Review draft"}
        assert registered(env, None) == set()
    finally:
        await env.shutdown()


async def test_an_unexpected_failure_still_gets_a_friendly_line(
    world: World, coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(coach, "review", broken)

    result = await world.alice.slash(world.general, "review", text=PUSHY)

    assert result.response is not None and result.response.ephemeral
    assert result.response.content == SOMETHING_WENT_WRONG
    assert [type(e.__cause__ or e) for e in world.env.errors] == [RuntimeError]
