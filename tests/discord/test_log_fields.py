"""Log lines about Discord reviews carry platform, channel, review id, latency, reviewer and error."""

from __future__ import annotations

from bot.coach import Coach
from tests.conftest import CapturedLog
from tests.discord.conftest import World

PUSHY = "Big launch today! Buy now and DM me for the discount code."


async def test_every_review_shown_is_one_json_line_with_its_fields(
    world: World, coach: Coach, captured_log: CapturedLog
) -> None:
    await world.alice.send(world.drafts, PUSHY)
    await world.alice.slash(world.general, "review", text="What's on your launch checklist this year?")
    await world.env.settle()
    rows = {row["id"]: row for row in coach.log.recent_reviews(platform="discord")}
    posted = captured_log.about("posted")
    assert sorted(line["review_id"] for line in posted) == sorted(rows)  # type: ignore[type-var]
    for line in posted:
        row = rows[line["review_id"]]
        assert (line["platform"], line["channel"]) == ("discord", row["channel"])
        assert line["reviewer"] == "offline" and "error" not in line
        assert isinstance(line["latency_ms"], float) and line["level"] == "INFO"
    assert {line["channel"] for line in posted} == {str(world.drafts.id), str(world.general.id)}


async def test_a_draft_it_cant_take_is_logged_with_where_and_why(
    world: World, captured_log: CapturedLog
) -> None:
    await world.alice.slash(world.general, "review", text="   ")
    await world.env.settle()
    [line] = captured_log.about("not reviewed")
    assert (line["platform"], line["channel"]) == ("discord", str(world.general.id))
    assert line["error"] and "review_id" not in line
