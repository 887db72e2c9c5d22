"""The suggestion log on a real SQLite file: schema, migrations, privacy, concurrency, purge."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

import bot.store
from bot.errors import LogBusy, LogError, LogMissing
from bot.migrations import log_migrations
from bot.review.model import Finding, Review, Span
from bot.review.origin import Origin
from bot.store import ReviewFilter, ReviewRecord, SuggestionLog, finished_key, now_utc, text_hash

DRAFT = "Use code SAVE20 today!"
ORIGIN = Origin(platform="slack", workspace="T1", channel="C1", user="U1", trigger="slash", message_id="1.2")


def make_review(verdict: str = "pushy") -> Review:
    return Review(
        verdict=verdict,  # type: ignore[arg-type]
        score=40,
        findings=[
            Finding(
                principle="pitch_only_when_pulled",
                passed=False,
                reason="promo code",
                spans=[Span(start=9, end=15, text="SAVE20")],
            ),
        ],
        suggestions=["Drop the code."],
        rewrite="What would make today easier?",
        reviewer="llm",
        model="m",
        prompt_version="p1",
        tokens_in=120,
        tokens_out=80,
    )


def test_records_every_field(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    review_id = log.record_review(make_review(), DRAFT, "ctx", ORIGIN, cache_key="k", error=None)
    row = log.get_review(review_id)
    assert row is not None
    assert row["platform"] == "slack" and row["workspace"] == "T1" and row["channel"] == "C1"
    assert row["user"] == "U1" and row["trigger"] == "slash" and row["message_id"] == "1.2"
    assert row["draft"] == DRAFT and row["context"] == "ctx" and row["draft_hash"] == text_hash(DRAFT)
    assert row["verdict"] == "pushy" and row["score"] == 40
    assert json.loads(row["violations"]) == ["pitch_only_when_pulled"]
    assert json.loads(row["findings"])[0]["spans"][0]["text"] == "SAVE20"
    assert row["tokens_in"] == 120 and row["tokens_out"] == 80 and row["prompt_version"] == "p1"


def test_wal_mode_and_datasette_friendly_schema(tmp_path: Path) -> None:
    SuggestionLog(tmp_path / "log.db").close()
    conn = sqlite3.connect(tmp_path / "log.db")
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert {"reviews", "feedback", "tips_posted", "claims", "_sqlite_migrations"} <= tables


def test_hash_only_mode_keeps_no_draft_text(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db", hash_drafts=True)
    review_id = log.record_review(make_review(), DRAFT, "ctx", ORIGIN, cache_key="k")
    raw = (tmp_path / "log.db").read_bytes() + (tmp_path / "log.db-wal").read_bytes()
    assert b"SAVE20" not in raw and b"Use code" not in raw
    row = log.get_review(review_id)
    assert row is not None and row["draft"] is None and row["draft_hash"] == text_hash(DRAFT)
    cached = log.cached_review("k", DRAFT)
    assert cached is not None and cached.findings[0].spans[0].text == "SAVE20"


def test_cache_skips_failed_reviews(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    log.record_review(make_review(), DRAFT, None, ORIGIN, cache_key="k", error="down")
    assert log.cached_review("k", DRAFT) is None
    log.record_review(make_review(), DRAFT, None, ORIGIN, cache_key="k")
    cached = log.cached_review("k", DRAFT)
    assert cached is not None and cached.cached and cached.tokens_in == 0


def test_migrates_an_older_schema_without_losing_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    log_migrations.apply(db, stop_before="m002_cache_and_claims")
    db["reviews"].insert(
        {
            "created_at": "2026-01-01T00:00:00+00:00",
            "draft": "old draft",
            "verdict": "ok",
            "score": 100,
            "violations": "[]",
            "findings": "[]",
            "suggestions": "[]",
        }
    )
    assert "cache_key" not in db["reviews"].columns_dict
    db.close()
    log = SuggestionLog(path)
    assert "cache_key" in log.table("reviews").columns_dict
    assert [r["draft"] for r in log.recent_reviews()] == ["old draft"]
    assert {m.name for m in log_migrations.applied(log.db)} == {
        "m001_initial",
        "m002_cache_and_claims",
        "m003_network",
        "m004_channel_settings",
        "m005_insights",
        "m006_revisions",
    }
    assert "network" in log.table("reviews").columns_dict
    assert "thread" in log.table("reviews").columns_dict
    assert "revises" in log.table("reviews").columns_dict
    assert {"channel_settings", "rewrite_uses", "digests_posted"} <= set(log.db.table_names())


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(25):
                log.record_review(make_review(), f"draft {n}-{i}", None, ORIGIN)
                log.claim(f"key-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert log.table("reviews").count == 200
    assert log.table("claims").count == 25


def test_second_process_sees_writes(tmp_path: Path) -> None:
    first, second = SuggestionLog(tmp_path / "log.db"), SuggestionLog(tmp_path / "log.db")
    first.record_review(make_review(), DRAFT, None, ORIGIN)
    assert len(second.recent_reviews()) == 1


def test_claim_is_once_and_release_allows_again(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    assert log.claim("slack:event:Ev1") is True
    assert log.claim("slack:event:Ev1") is False
    log.release("slack:event:Ev1")
    assert log.claim("slack:event:Ev1") is True


def test_a_claim_an_earlier_run_left_unfinished_is_taken_over_once(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    log.claim("slack:draft:C1:1.0:v1")  # the earlier run was killed mid-review
    log.claim("slack:draft:C1:2.0:v1")
    log.claim(finished_key("slack:draft:C1:2.0:v1"))  # this one it finished
    time.sleep(0.01)  # claims and start times are kept to the millisecond
    restarted = now_utc()
    time.sleep(0.01)
    assert log.retake("slack:draft:C1:2.0:v1", restarted) is False
    assert log.retake("slack:draft:C1:1.0:v1", restarted) is True
    assert log.retake("slack:draft:C1:1.0:v1", restarted) is False  # now claimed by this run
    log.claim("slack:draft:C1:3.0:v1")  # claimed by this run: never taken over
    assert log.retake("slack:draft:C1:3.0:v1", restarted) is False


def test_feedback_is_one_vote_per_person(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    review_id = log.record_review(make_review(), DRAFT, None, ORIGIN)
    log.record_feedback(review_id, "U1", helpful=True)
    log.record_feedback(review_id, "U1", helpful=False)
    log.record_feedback(review_id, "U2", helpful=True)
    votes = {(f["user"], f["helpful"]) for f in log.feedback_for(review_id)}
    assert votes == {("U1", 0), ("U2", 1)}


def test_filters_are_parameters_not_sql(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    log.record_review(make_review(), DRAFT, None, ORIGIN)
    assert log.recent_reviews(user="x' or '1'='1") == []
    assert len(log.recent_reviews(user="U1", verdict="pushy", channel="C1")) == 1
    assert log.recent_reviews(verdict="ok") == []
    assert log.recent_reviews(since=datetime.now(UTC) + timedelta(minutes=1)) == []


def test_purge_removes_only_old_rows(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    old_id = log.record_review(make_review(), "old", None, ORIGIN)
    log.record_feedback(old_id, "U1", True)
    new_id = log.record_review(make_review(), "new", None, ORIGIN)
    long_ago = (datetime.now(UTC) - timedelta(days=40)).isoformat()
    log.db.execute("update reviews set created_at = ? where id = ?", [long_ago, old_id])
    log.db.conn.commit()
    assert log.purge(30) == 1
    assert [r["id"] for r in log.recent_reviews()] == [new_id]
    assert log.feedback_for(old_id) == []


def test_weekly_pushy_rate(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    log.record_review(make_review("pushy"), "a", None, ORIGIN)
    log.record_review(make_review("ok"), "b", None, ORIGIN)
    weeks = log.weekly_pushy_rate("slack", "U1")
    assert len(weeks) == 1 and weeks[0][1:] == (1, 2)


@pytest.mark.parametrize("bad_path", ["/proc/no-such-dir/log.db", "/dev/null/log.db"])
def test_unopenable_path_is_a_friendly_error(bad_path: str) -> None:
    with pytest.raises(LogError, match="can't open the suggestion log"):
        SuggestionLog(bad_path)


def test_reviews_are_written_a_few_hundred_per_transaction(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    statements: list[str] = []
    log.db.conn.set_trace_callback(statements.append)
    records = [ReviewRecord(make_review(), f"draft {n}", None, ORIGIN) for n in range(1_200)]
    ids = log.record_reviews(records, batch_rows=500)
    commits = [s for s in statements if s.strip().upper() == "COMMIT"]
    assert len(commits) == 3  # 500 + 500 + 200, not one commit per review
    assert ids == list(range(1, 1_201))
    assert [r["draft"] for r in log.recent_reviews(limit=2)] == ["draft 1199", "draft 1198"]


@pytest.mark.parametrize("count", [1, 10, 23])
def test_rows_saved_together_keep_their_order_and_ids(tmp_path: Path, count: int) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    log.record_review(make_review(), "already there", None, ORIGIN)
    ids = log.record_reviews([ReviewRecord(make_review(), f"draft {n}", None, ORIGIN) for n in range(count)])
    assert ids == list(range(2, count + 2))
    assert [(log.get_review(i) or {}).get("draft") for i in ids] == [f"draft {n}" for n in range(count)]


def test_rows_saved_together_keep_each_value_where_others_are_empty(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    bare = Origin(platform="cli", trigger="cli")
    records = [
        ReviewRecord(make_review(), "a", None, bare),
        ReviewRecord(
            make_review("ok"), "b", "the post", ORIGIN, network="LinkedIn", cache_key="k", error="down"
        ),
        *(ReviewRecord(make_review(), f"c{n}", None, bare) for n in range(11)),
    ]
    rows = [log.get_review(i) for i in log.record_reviews(records)]
    assert [r["draft"] for r in rows if r] == ["a", "b", *(f"c{n}" for n in range(11))]
    assert rows[0] is not None
    empty = {k for k, v in rows[0].items() if v is None}
    assert set(empty) >= {"workspace", "channel", "user", "message_id", "network", "context", "error"}
    assert rows[2] is not None and {k for k, v in rows[2].items() if v is None} == empty
    assert rows[1] is not None and (rows[1]["workspace"], rows[1]["user"], rows[1]["message_id"]) == (
        "T1",
        "U1",
        "1.2",
    )
    assert (rows[1]["context"], rows[1]["network"], rows[1]["cache_key"], rows[1]["error"]) == (
        "the post",
        "linkedin",
        "k",
        "down",
    )


def test_hash_only_mode_restores_quoted_words_for_a_cached_review(tmp_path: Path) -> None:
    draft = "🚀 Our new CRM is live! Use code SAVE20 for 20% off."
    review = make_review()
    review.findings[0].reason = "Pitches when nobody asked: “Use code SAVE20”, answering “spreadsheets”."
    review.suggestions = ["Cut “Use code SAVE20”: nobody asked for it.", "Drop the 🚀."]
    review.notes = ["Context said “spreadsheets”."]
    log = SuggestionLog(tmp_path / "log.db", hash_drafts=True)
    log.record_review(review, draft, "We live in spreadsheets", ORIGIN, cache_key="k", error="CRM down")
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("log.db*"))
    for word in ("SAVE20", "CRM", "🚀", "spreadsheets", "Our new", "is live"):
        assert word.encode() not in raw, word
    cached = log.cached_review("k", draft, "We live in spreadsheets")
    assert cached is None  # a failed review is never served from the cache
    log.record_review(review, draft, "We live in spreadsheets", ORIGIN, cache_key="k")
    cached = log.cached_review("k", draft, "We live in spreadsheets")
    assert cached is not None
    assert cached.findings[0].reason == review.findings[0].reason
    assert cached.suggestions == review.suggestions and cached.notes == review.notes


def test_purge_honours_every_filter(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    slack = log.record_review(make_review(), "a", None, ORIGIN, network="LinkedIn")
    discord = log.record_review(
        make_review("ok"), "b", None, Origin(platform="discord", channel="9", user="7"), network="twitter"
    )
    log.db.execute("update reviews set created_at = '2020-01-01T00:00:00+00:00'")
    log.db.conn.commit()
    for filters in (
        ReviewFilter(user="7"),
        ReviewFilter(channel="9"),
        ReviewFilter(platform="discord"),
        ReviewFilter(network="TWITTER"),
        ReviewFilter(verdict="ok"),
    ):
        assert log.count_reviews(filters, older_than_days=30) == 1
    assert log.count_reviews(ReviewFilter(since=datetime.now(UTC) - timedelta(days=1))) == 0
    assert log.purge(30, ReviewFilter(network="twitter", user="7")) == 1
    assert [r["id"] for r in log.recent_reviews()] == [slack]
    assert log.get_review(discord) is None


def test_a_write_lock_held_elsewhere_is_log_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.store, "BUSY_TIMEOUT_SECONDS", 0.1)
    log = SuggestionLog(tmp_path / "log.db")
    holder = sqlite3.connect(tmp_path / "log.db")
    holder.execute("begin immediate")
    with pytest.raises(LogBusy, match=r"another program kept it locked for 0\.1 s"):
        log.record_review(make_review(), DRAFT, None, ORIGIN)
    holder.rollback()
    assert log.record_review(make_review(), DRAFT, None, ORIGIN) == 1


def test_opening_without_create_never_makes_a_file(tmp_path: Path) -> None:
    with pytest.raises(LogMissing, match="there is no suggestion log at"):
        SuggestionLog(tmp_path / "new" / "log.db", create=False)
    assert not (tmp_path / "new").exists()
