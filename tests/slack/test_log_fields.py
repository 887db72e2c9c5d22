"""Log lines about Slack reviews carry platform, channel, review id, latency, reviewer and error."""

from __future__ import annotations

from tests.conftest import CapturedLog
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import GENERAL, SlackSender
from tests.slack.test_llm import llm_slack

PUSHY = "Buy now! Huge discount on our course, sign up today."


async def test_every_review_shown_is_one_json_line_with_its_fields(
    slack: SlackSender, fake_slack: FakeSlack, captured_log: CapturedLog
) -> None:
    post = fake_slack.add_message(GENERAL, PUSHY)
    await slack.reaction(GENERAL, post["ts"])
    await slack.command("Anyone else tried shorter onboarding calls? What worked for you?")
    await slack.settle()
    posted = captured_log.about("posted")
    rows = {row["id"]: row for row in slack.coach.log.recent_reviews()}
    assert sorted(line["review_id"] for line in posted) == sorted(rows)  # type: ignore[type-var]
    for line in posted:
        row = rows[line["review_id"]]
        assert line["platform"] == "slack" and line["channel"] == GENERAL == row["channel"]
        assert line["reviewer"] == "offline" and "error" not in line
        assert isinstance(line["latency_ms"], float) and line["latency_ms"] >= 0
        assert line["level"] == "INFO" and line["logger"] == "bot.slack.delivery"
    saved = captured_log.about("saved")
    assert {line["review_id"] for line in saved} == set(rows)
    assert f"[platform=slack channel={GENERAL} review_id=" in captured_log.text  # the text shape too


async def test_a_fallback_names_the_reviewer_and_the_error(
    fake_slack: FakeSlack, fake_openai: FakeOpenAI, captured_log: CapturedLog
) -> None:
    fake_openai.mode = "server_error"
    async for slack in llm_slack(fake_slack, fake_openai, openai_max_retries=0):
        await slack.command(PUSHY)
        await slack.settle()
    [fallback] = captured_log.about("unavailable")
    assert fallback["level"] == "WARNING"
    assert (fallback["platform"], fallback["channel"], fallback["reviewer"]) == ("slack", GENERAL, "llm")
    assert fallback["error"] == "The AI service had a problem on its side."
    [posted] = captured_log.about("posted")
    assert posted["reviewer"] == "offline" and posted["error"] == fallback["error"]
    assert isinstance(posted["review_id"], int)


async def test_a_failed_review_says_where_and_why(
    slack: SlackSender, fake_slack: FakeSlack, captured_log: CapturedLog
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the reviewer broke")

    slack.coach.review = broken  # type: ignore[method-assign]
    post = fake_slack.add_message(GENERAL, PUSHY)
    await slack.reaction(GENERAL, post["ts"])
    await slack.settle()
    [failed] = captured_log.about("slack review failed")
    assert (failed["level"], failed["platform"], failed["channel"]) == ("ERROR", "slack", GENERAL)
    assert failed["error"] == "RuntimeError" and "the reviewer broke" in str(failed["exception"])
    assert captured_log.about("posted") == []
