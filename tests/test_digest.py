"""The weekly digest's figures, wording and chart, on a real SQLite file with weeks of generated reviews."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.digest_demo_log import fill_log
from bot.insights.chart import ChartUnavailable, render_chart
from bot.insights.digest import build_digest, digest_queries, person_week
from bot.insights.weeks import LocalWeek
from bot.insights.wording import digest_lines
from bot.principles import PrincipleSet, load_principles
from bot.settings import BUNDLED_DATA
from bot.store import SuggestionLog

UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")
WEEK_OF_JAN_5 = LocalWeek(date(2026, 1, 5), UTC_ZONE)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def log(tmp_path: Path) -> Iterator[SuggestionLog]:
    opened = SuggestionLog(tmp_path / "log.db")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def principles() -> PrincipleSet:
    return load_principles(BUNDLED_DATA / "principles.toml")


def add_review(
    log: SuggestionLog,
    at: datetime,
    verdict: str = "ok",
    missed: tuple[str, ...] = (),
    *,
    channel: str = "C1",
    user: str = "U1",
    revises: int | None = None,
) -> int:
    row = {
        "created_at": at.astimezone(UTC).isoformat(timespec="milliseconds"),
        "platform": "slack",
        "channel": channel,
        "user": user,
        "verdict": verdict,
        "violations": json.dumps(list(missed)),
        "revises": revises,
    }
    with log.lock, log.db.conn:
        return int(log.table("reviews").insert(row).last_pk)


def at(day: int, hour: int = 12, month: int = 1, zone: ZoneInfo = UTC_ZONE) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=zone)


def test_an_empty_log_renders_a_digest_that_says_so(log: SuggestionLog, principles: PrincipleSet) -> None:
    digest = build_digest(log, "slack", "C1", WEEK_OF_JAN_5)
    assert digest.empty and digest.misses == {} and digest.previous is not None
    assert [rate.reviews for rate in digest.history] == [0] * 12
    assert digest_lines(digest, principles) == [
        "Weekly digest · Jan 5 – Jan 11, 2026",
        "No drafts reviewed this week.",
    ]
    assert render_chart(digest, principles).startswith(PNG_MAGIC)


def test_one_review(log: SuggestionLog, principles: PrincipleSet) -> None:
    add_review(log, at(6), "pushy", ("converse_first", "pitch_only_when_pulled"))
    digest = build_digest(log, "slack", "C1", WEEK_OF_JAN_5)
    assert (digest.week.reviews, digest.week.pushy) == (1, 1)
    assert digest_lines(digest, principles) == [
        "Weekly digest · Jan 5 – Jan 11, 2026",
        "Drafts reviewed: 1",
        "Pushy: 100% (1 of 1); no drafts the week before to compare with.",
        "Missed most: Converse first (1 draft)",
        "Pushy drafts revised until they passed: 0",
        "Suggested rewrites used: 0",
        "Next step: Start or join a real conversation before anything else.",
    ]
    assert render_chart(digest, principles).startswith(PNG_MAGIC)


def test_the_change_from_the_week_before(log: SuggestionLog, principles: PrincipleSet) -> None:
    for verdict in ("pushy", "pushy", "ok", "ok"):  # week of Dec 29: 50%
        add_review(log, at(1), verdict)
    for verdict in ("pushy", "ok", "ok", "ok"):  # week of Jan 5: 25%
        add_review(log, at(7), verdict)
    lines = digest_lines(build_digest(log, "slack", "C1", WEEK_OF_JAN_5), principles)
    assert "Pushy: 25% (1 of 4), down from 50% the week before. Nice work!" in lines
    assert "Missed most: nothing. Every draft met every principle." in lines
    later = digest_lines(build_digest(log, "slack", "C1", WEEK_OF_JAN_5.shifted(1)), principles)
    assert later[1] == "No drafts reviewed this week."


def test_revised_drafts_that_passed_and_rewrites_used(log: SuggestionLog) -> None:
    pushy_then_ok = add_review(log, at(5), "pushy")
    add_review(log, at(5, 13), "ok", revises=pushy_then_ok)
    pushy_then_pushy = add_review(log, at(6), "pushy")
    add_review(log, at(6, 13), "pushy", revises=pushy_then_pushy)
    ok_then_ok = add_review(log, at(6), "ok")
    add_review(log, at(6, 14), "ok", revises=ok_then_ok)  # it wasn't pushy, so not a save
    last_week = add_review(log, at(2), "pushy")
    add_review(log, at(5, 9), "ok", revises=last_week)  # counted in the week of the pushy draft
    with log.lock, log.db.conn:
        for review_id in (pushy_then_ok, pushy_then_ok, pushy_then_pushy, last_week):
            log.table("rewrite_uses").insert({"created_at": "x", "review_id": review_id, "user": "U1"})
    digest = build_digest(log, "slack", "C1", WEEK_OF_JAN_5)
    assert digest.revised_ok == 1
    assert digest.rewrites_used == 2  # two reviews' rewrites this week; a second click isn't a second use
    assert build_digest(log, "slack", "C1", WEEK_OF_JAN_5.shifted(-1)).revised_ok == 1


def test_a_week_across_a_daylight_saving_change_is_local_midnight_to_midnight(log: SuggestionLog) -> None:
    # Berlin moves its clocks from 02:00 to 03:00 on Sunday 2026-03-29: that week has 167 hours.
    week = LocalWeek(date(2026, 3, 23), BERLIN)
    start, end = (datetime.fromisoformat(bound) for bound in week.bounds())
    assert end - start == timedelta(hours=167)
    add_review(log, datetime(2026, 3, 23, 0, 30, tzinfo=BERLIN))  # Sunday 23:30 UTC: already this week
    add_review(log, datetime(2026, 3, 29, 23, 30, tzinfo=BERLIN))  # Sunday 21:30 UTC: still this week
    add_review(log, datetime(2026, 3, 30, 0, 30, tzinfo=BERLIN))  # Sunday 22:30 UTC: next week
    add_review(log, datetime(2026, 3, 22, 23, 30, tzinfo=BERLIN))  # the week before
    digest = build_digest(log, "slack", "C1", week)
    assert [r.reviews for r in digest.history[-3:]] == [0, 1, 2]
    assert build_digest(log, "slack", "C1", week.shifted(1)).week.reviews == 1
    autumn = LocalWeek(date(2026, 10, 19), BERLIN)  # clocks go back on Sunday 2026-10-25
    start, end = (datetime.fromisoformat(bound) for bound in autumn.bounds())
    assert end - start == timedelta(hours=169)


def test_thousands_of_reviews_in_one_channel_match_a_plain_count(
    log: SuggestionLog, principles: PrincipleSet
) -> None:
    end = datetime(2026, 1, 12, tzinfo=UTC)
    fill_log(log, reviews=6000, channels=("CBUSY",), weeks=12, end=end)
    fill_log(log, reviews=500, channels=("COTHER",), weeks=12, end=end, seed=3)
    digest = build_digest(log, "slack", "CBUSY", WEEK_OF_JAN_5)
    rows = log.db.execute(
        "select id, created_at, verdict, violations, revises from reviews where channel = 'CBUSY'"
    ).fetchall()
    start, finish = WEEK_OF_JAN_5.bounds()
    week = [r for r in rows if start <= r[1] < finish]
    assert digest.week.reviews == len(week) > 300
    assert digest.week.pushy == sum(r[2] == "pushy" for r in week)
    missed: dict[str, int] = {}
    for r in week:
        for principle in json.loads(r[3]):
            missed[principle] = missed.get(principle, 0) + 1
    assert digest.misses == missed
    assert list(digest.misses.values()) == sorted(digest.misses.values(), reverse=True)
    saved = {r[4] for r in rows if r[4] is not None and r[2] == "ok"}
    assert digest.revised_ok == sum(r[2] == "pushy" and r[0] in saved for r in week) > 0
    assert sum(rate.reviews for rate in digest.history) == len(rows)
    assert render_chart(digest, principles).startswith(PNG_MAGIC)


def test_a_deleted_users_reviews_leave_the_digest_and_it_still_renders(
    log: SuggestionLog, principles: PrincipleSet
) -> None:
    for user in ("UGONE", "USTAY"):
        add_review(log, at(6), "pushy", ("pitch_only_when_pulled",), user=user)
    gone = add_review(log, at(7), "pushy", user="UGONE")
    add_review(log, at(7, 13), "ok", user="UGONE", revises=gone)
    with log.lock, log.db.conn:
        log.table("rewrite_uses").insert({"created_at": "x", "review_id": gone, "user": "UGONE"})
    log.forget_user("UGONE")
    digest = build_digest(log, "slack", "C1", WEEK_OF_JAN_5)
    assert (digest.week.reviews, digest.revised_ok, digest.rewrites_used) == (1, 0, 0)
    text = "\n".join(digest_lines(digest, principles))
    assert "Drafts reviewed: 1" in text and "USTAY" not in text and "UGONE" not in text
    assert render_chart(digest, principles).startswith(PNG_MAGIC)


def test_a_persons_week_counts_only_their_own_reviews(log: SuggestionLog, principles: PrincipleSet) -> None:
    add_review(log, at(6), "pushy", user="UME", channel="C1")
    add_review(log, at(6), "ok", user="UME", channel="C2")
    add_review(log, at(6), "pushy", user="USOMEONE", channel="C1")
    mine = person_week(log, "slack", "UME", "UTC", at(8))
    assert (mine.week.reviews, mine.week.pushy) == (2, 1)
    assert digest_lines(mine, principles)[0] == "Your week · Jan 5 – Jan 11, 2026"
    nobody = person_week(log, "slack", "UNEW", "UTC", at(8))
    assert digest_lines(nobody, principles)[1] == "No drafts reviewed this week yet."


@pytest.mark.parametrize("scope", ["channel", "user"])
def test_every_digest_query_uses_an_index(log: SuggestionLog, scope: str) -> None:
    fill_log(log, reviews=300, weeks=3, end=datetime(2026, 1, 12, tzinfo=UTC))
    log.db.execute("analyze")
    for name, sql in digest_queries(scope, 12).items():  # type: ignore[arg-type]
        params = [0] * sql.count("?")
        plan = " | ".join(row[3] for row in log.db.execute(f"explain query plan {sql}", params).fetchall())
        full_scans = [step for step in plan.split(" | ") if step.startswith("SCAN") and "USING" not in step]
        assert [s for s in full_scans if s.split()[1] in ("r", "later", "u")] == [], (name, plan)
        assert "USING" in plan, (name, plan)


def test_without_matplotlib_the_chart_says_why(
    log: SuggestionLog, principles: PrincipleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # as if the charts extra weren't installed
    with pytest.raises(ChartUnavailable, match=r"pip install 'party-coach\[charts\]'"):
        render_chart(build_digest(log, "slack", "C1", WEEK_OF_JAN_5), principles)


def test_the_same_figures_draw_the_same_chart(log: SuggestionLog, principles: PrincipleSet) -> None:
    add_review(log, at(6), "pushy", ("offer_help",))
    digest = build_digest(log, "slack", "C1", WEEK_OF_JAN_5)
    assert render_chart(digest, principles) == render_chart(digest, principles)
