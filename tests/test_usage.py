"""`party-coach log stats`: reviews, pushy rate, tokens and cost, from a real SQLite file."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.review.model import Finding, Review
from bot.review.origin import Origin
from bot.store import ReviewRecord, SuggestionLog

# (user, channel, platform, reviewer, verdict, tokens in, tokens out, days old)
SEEDS = [
    ("U1", "C1", "slack", "llm", "pushy", 1_000_000, 0, 1),
    ("U1", "C1", "slack", "llm", "ok", 0, 1_000_000, 1),
    ("U2", "C2", "slack", "offline", "pushy", 0, 0, 0),
    ("U3", "D1", "discord", "llm", "ok", 500_000, 500_000, 10),
]


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result


def seed() -> None:
    log = SuggestionLog(Path(os.environ["PARTY_COACH_DB"]))
    for user, channel, platform, reviewer, verdict, tokens_in, tokens_out, days in SEEDS:
        review = Review(
            verdict=verdict,  # type: ignore[arg-type]
            score=20 if verdict == "pushy" else 90,
            findings=[Finding(principle="offer_help", passed=verdict == "ok", reason="a reason")],
            reviewer=reviewer,  # type: ignore[arg-type]
            tokens_in=tokens_in,
            tokens_out=tokens_out,
        )
        origin = Origin(platform=platform, channel=channel, user=user, trigger="slash")
        row_id = log.record_reviews([ReviewRecord(review, "a draft", None, origin)])[0]
        created = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
        log.db.execute("update reviews set created_at = ? where id = ?", [created, row_id])
    log.db.conn.commit()
    log.close()


def groups(*args: str) -> list[dict[str, object]]:
    result = run("log", "stats", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    return [{**g, "cost_usd": round(float(g["cost_usd"]), 4)} for g in summary["groups"]]


def test_cost_comes_from_tokens_and_the_default_prices() -> None:
    seed()
    rows = groups("--by", "channel")
    assert rows[0] == {
        "platform": "slack",
        "channel": "C1",
        "reviews": 2,
        "pushy": 1,
        "pushy_rate": 0.5,
        "tokens_in": 1_000_000,
        "tokens_out": 1_000_000,
        "cost_usd": 2.0,  # $0.40 in + $1.60 out per million
    }
    assert [(r["channel"], r["cost_usd"]) for r in rows[1:]] == [
        ("D1", 1.0),
        ("C2", 0.0),
    ]  # busiest first, then by name


def test_prices_come_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    seed()
    monkeypatch.setenv("PARTY_COACH_PRICE_INPUT_PER_M", "2")
    monkeypatch.setenv("PARTY_COACH_PRICE_OUTPUT_PER_M", "10")
    summary = json.loads(run("log", "stats", "--format", "json").stdout)
    assert summary["prices_usd_per_million_tokens"] == {"input": 2.0, "output": 10.0}
    assert summary["total"]["cost_usd"] == pytest.approx(2 * 1.5 + 10 * 1.5)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--by", "user"], [("U1", 2), ("U3", 1), ("U2", 1)]),
        (["--by", "reviewer"], [("llm", 3), ("offline", 1)]),
        (["--by", "user", "--since", "3d"], [("U1", 2), ("U2", 1)]),
        (["--by", "user", "--platform", "discord"], [("U3", 1)]),
        (["--by", "user", "--verdict", "pushy"], [("U1", 1), ("U2", 1)]),
    ],
)
def test_groups_and_filters(args: list[str], expected: list[tuple[str, int]]) -> None:
    seed()
    key = args[1]
    assert [(r[key], r["reviews"]) for r in groups(*args)] == expected


def test_filters_given_to_log_itself_apply_too() -> None:
    seed()
    result = run("log", "--channel", "C1", "stats", "--by", "user", "--format", "csv")
    assert result.stdout.splitlines() == [
        "platform,user,reviews,pushy,pushy_rate,tokens_in,tokens_out,cost_usd",
        "slack,U1,2,1,0.5,1000000,1000000,2.0",
    ]


def test_by_day_is_in_time_order_with_a_total_line() -> None:
    seed()
    result = run("log", "stats")
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "day",
        "reviews",
        "pushy",
        "pushy",
        "rate",
        "tokens",
        "in",
        "tokens",
        "out",
        "est.",
        "cost",
    ]
    days = [line.split()[0] for line in lines[2:-1]]
    assert days == sorted(days) and len(days) == 3
    assert lines[-1].split() == ["Total", "4", "2", "50%", "1,500,000", "1,500,000", "$3.0000"]
    assert "PARTY_COACH_PRICE_INPUT_PER_M" in result.stderr


def test_stats_never_makes_a_log() -> None:
    result = run("log", "stats")
    assert result.exit_code == 0
    assert result.stdout.startswith("No reviews logged yet: there is no log at")
    assert not Path(os.environ["PARTY_COACH_DB"]).exists()


def test_nothing_matching_is_said_plainly() -> None:
    seed()
    result = run("log", "stats", "--user", "nobody")
    assert result.stdout.strip() == "No reviews match these filters (user nobody); the log holds 4 reviews."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "stats", "--since", "soon"], "--since 'soon': use a date like 2026-11-01"),
        (["log", "--format", "csv", "stats"], "--format goes after stats"),
        (["log", "stats", "--by", "week"], "'week' is not one of"),
    ],
)
def test_bad_input_is_one_friendly_line(args: list[str], message: str) -> None:
    seed()
    result = run(*args)
    assert result.exit_code == 2 and message in result.output


def test_a_bad_price_setting_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    seed()
    monkeypatch.setenv("PARTY_COACH_PRICE_OUTPUT_PER_M", "cheap")
    result = run("log", "stats")
    assert result.exit_code == 2 and "PARTY_COACH_PRICE_OUTPUT_PER_M" in result.output
