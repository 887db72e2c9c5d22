"""Revisions (edits and new drafts in a thread) and the "Use this rewrite" button, on simulated Discord."""

from __future__ import annotations

from typing import Any

from bot.coach import Coach
from bot.discord.client import build_bot
from bot.wording import REWRITE_NOT_KEPT, REWRITE_READY
from tests.discord.conftest import World, assert_deferred_privately_first
from tests.discord.test_review_commands import PUSHY
from tests.discord.test_threads import open_thread

FRIENDLY = "What's the one launch email you still remember?"


def oldest_first(coach: Coach) -> list[dict[str, Any]]:
    return list(reversed(coach.log.recent_reviews(platform="discord")))


def custom_ids(message: Any) -> list[str]:
    return [b["custom_id"] for row in message.components for b in row["components"]]


async def test_an_edited_draft_s_review_revises_the_first(world: World, coach: Coach) -> None:
    draft = await world.alice.send(world.drafts, PUSHY)
    await world.alice.edit(draft, FRIENDLY)

    first, second = oldest_first(coach)
    assert (first["trigger"], second["trigger"]) == ("drafts_channel", "edit")
    assert (first["revises"], second["revises"]) == (None, first["id"])


async def test_a_new_draft_in_a_thread_revises_the_author_s_earlier_one(world: World, coach: Coach) -> None:
    thread = open_thread(world, world.drafts, "launch post")
    bob = world.guild.add_member(world.env.create_user("bob"))
    await world.alice.send(thread, PUSHY)
    await bob.send(thread, PUSHY + " Today only.")
    await world.alice.send(thread, FRIENDLY)

    first, bobs, second = oldest_first(coach)
    assert second["thread"] == first["thread"] == str(thread.id)
    assert (bobs["revises"], second["revises"]) == (None, first["id"])


async def test_use_this_rewrite_gives_the_rewrite_privately_and_survives_a_restart(
    world: World, coach: Coach
) -> None:
    review = await world.alice.slash(world.general, "review", text=PUSHY)
    assert review.response is not None
    [row] = coach.log.recent_reviews(platform="discord")
    assert custom_ids(review.response)[0] == f"party-coach:rewrite:{row['id']}"

    await world.env.restart_bot(build_bot(coach))
    used = await world.alice.click(review.response, label="Use this rewrite")

    assert_deferred_privately_first(world.env)
    shown = [m for m in [used.response, *used.followups] if m is not None]
    assert all(m.ephemeral for m in shown)
    assert [m.content for m in shown] == [REWRITE_READY, row["rewrite"]]
    [use] = coach.log.rewrite_uses_for(row["id"])
    assert use["user"] == str(world.alice.id)


async def test_hash_only_mode_has_no_rewrite_button(world: World, coach: Coach) -> None:
    coach.log.hash_drafts = True
    review = await world.alice.slash(world.general, "review", text=PUSHY)
    assert review.response is not None and len(review.response.embeds) == 2  # the rewrite is shown once
    assert not any(i.startswith("party-coach:rewrite:") for i in custom_ids(review.response))
    assert coach.log.recent_reviews(platform="discord")[0]["rewrite"] is None


async def test_after_forget_me_the_button_says_kindly_that_the_rewrite_is_gone(
    world: World, coach: Coach
) -> None:
    review = await world.alice.slash(world.general, "review", text=PUSHY)
    assert review.response is not None
    await world.alice.click(review.response, label="Use this rewrite")
    removed = coach.log.forget_user(str(world.alice.id))
    assert (removed.reviews, removed.rewrite_uses) == (1, 1)

    used = await world.alice.click(review.response, label="Use this rewrite")

    assert used.response is not None and used.response.ephemeral
    assert used.response.content == REWRITE_NOT_KEPT
    assert coach.log.db.execute("select count(*) from rewrite_uses").fetchone()[0] == 0
