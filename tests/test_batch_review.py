"""The batch linter's chunks: what a stopped or failing run keeps and says; JSON lines from the log's JSON."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.cli.review_output import review_as_dict, review_as_json, review_as_json_line
from bot.coach import ReviewOutcome, build_coach
from bot.drafts_file import parse_jsonl
from bot.review.draft import make_draft
from bot.review.model import Finding, Review, Span
from bot.review.origin import CLI_ORIGIN
from bot.settings import load_settings
from bot.store import BATCH_ROWS, ReviewRecord, SuggestionLog
from tests.fakes.openai_server import FAKE_API_KEY, FAKE_MODEL, FakeOpenAI

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
TOPICS = ["onboarding", "invoicing", "hiring", "pricing pages", "churn", "support tickets"]


def drafts_file(path: Path, count: int) -> Path:
    """`count` different short drafts, a few of them pitches, as JSON lines."""
    lines = []
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        text = f"We cut our {topic} time by a third with a checklist (week {n}). What has worked for you?"
        if n % 7 == 0:
            text = f"Our {topic} tool is live! Use code SAVE{n % 90 + 10} for 20% off. Link in bio."
        lines.append(json.dumps({"id": n, "text": text}) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def reviews_logged(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("select count(*) from reviews").fetchone()[0])
    except sqlite3.Error:  # not made yet, or its tables not yet created
        return 0


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_a_stopped_batch_keeps_every_saved_chunk_and_says_how_many(
    tmp_path: Path, stop: signal.Signals
) -> None:
    drafts = drafts_file(tmp_path / "drafts.jsonl", 40_000)
    db = tmp_path / "log.db"
    env = {**os.environ, "PARTY_COACH_DB": str(db)}
    command = [
        sys.executable,
        "-m",
        "bot",
        "review",
        str(drafts),
        "--reviewer",
        "offline",
        "--format",
        "jsonl",
    ]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        deadline = time.monotonic() + 120
        while reviews_logged(db) < BATCH_ROWS and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(stop)
        out, err = proc.communicate(timeout=120)
    saved = reviews_logged(db)
    assert 0 < saved < 40_000 and saved % BATCH_ROWS == 0  # whole chunks, the one in hand dropped
    assert err == f"Stopped: {saved:,} of 40,000 reviews were saved in the log.\n"
    assert proc.returncode == 128 + stop and out == ""


def test_a_log_that_fails_mid_batch_says_how_many_reviews_were_saved(tmp_path: Path) -> None:
    drafts = drafts_file(tmp_path / "drafts.jsonl", 1_200)
    db = tmp_path / "log.db"
    SuggestionLog(db).close()
    with sqlite3.connect(db) as conn:  # a real SQLite failure on the second chunk, as a full disk would give
        conn.execute(
            "create trigger full before insert on reviews when (select count(*) from reviews) >= 500 "
            "begin select raise(abort, 'database or disk is full'); end"
        )
    result = CliRunner().invoke(cli, ["review", str(drafts), "--format", "jsonl"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: can't write to the suggestion log at {db}: database or disk is full "
        "(500 of 1,200 reviews were saved in the log). Try again in a moment, or add --no-log to review "
        "without saving\n"
    )
    assert reviews_logged(db) == 500


def odd_review() -> Review:
    """A review whose text fields need escaping, with notes, a rewrite and a tiny latency."""
    draft = 'Say "hi"\\ to\tLena — 🚀\n'
    return Review(
        verdict="pushy",
        score=33,
        findings=[
            Finding(principle="converse_first", passed=False, reason='No “question” or "ask"', spans=[]),
            Finding(
                principle="pitch_only_when_pulled",
                passed=False,
                reason="Pitches: “🚀”\u2028",
                spans=[Span(start=draft.index("🚀"), end=draft.index("🚀") + 1, text="🚀")],
            ),
        ],
        suggestions=['Cut "🚀"', "Ask\nthem"],
        rewrite='What do you say, "Lena"?\r\n\x07',
        reviewer="llm",
        model="fake-gpt",
        latency_ms=0.00001,
        notes=["The AI service is busy. This is the built-in offline review instead."],
    )


def test_json_lines_are_the_same_bytes_as_the_plain_serialisation(tmp_path: Path) -> None:
    raw = b"".join(
        (BUNDLED_DATA / name).read_bytes()
        for name in ("samples.jsonl", "drafts-dev.jsonl", "drafts-hard.jsonl")
    )
    items = parse_jsonl(raw, "drafts")
    coach = build_coach(load_settings(db_path=tmp_path / "log.db"), "offline")
    try:
        drafts = [make_draft(i.text, i.context, i.platform) for i in items]
        unsaved = asyncio.run(coach.review_unsaved(drafts))
        saved = coach.save_reviews(unsaved)
    finally:
        coach.close()
    odd, record = odd_review(), ReviewRecord(odd_review(), "x", None, CLI_ORIGIN)
    with_odd = [ReviewOutcome(make_draft("x"), odd, 12, record), ReviewOutcome(make_draft("x"), odd, None)]
    ids: list[object] = ['say "hi" \\ 🚀', 7, None]
    for n, outcome in enumerate([*unsaved, *saved, *with_odd]):
        given = {"id": ids[n % 3]} if ids[n % 3] is not None else {}
        item = items[n % len(items)]
        item = type(item)(item.line, None, item.text, None, None, given)
        for batch in (True, False):
            plain = review_as_json(review_as_dict(outcome, item, batch)).encode()
            assert review_as_json_line(outcome, item, batch) == plain


def test_an_llm_batch_logs_each_review_once_with_its_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_openai: FakeOpenAI
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_API_KEY)
    monkeypatch.setenv("OPENAI_MODEL", FAKE_MODEL)
    monkeypatch.setenv("PARTY_COACH_LLM_RETRIES", "0")
    drafts = drafts_file(tmp_path / "drafts.jsonl", 6)
    fake_openai.mode, fake_openai.fail_times = (
        "server_error",
        1,
    )  # the first request fails: an offline fallback
    result = CliRunner().invoke(cli, ["review", str(drafts), "--reviewer", "llm", "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == list(range(6))
    rows = {row["id"]: row for row in SuggestionLog(tmp_path / "log.db").recent_reviews(limit=None)}
    assert sorted(rows) == [line["review_id"] for line in lines] == list(range(1, 7))
    for line in lines:
        row = rows[line["review_id"]]
        assert json.loads(row["findings"]) == line["findings"]
        assert json.loads(row["notes"] or "[]") == line["notes"]
        assert (row["reviewer"], row["cache_key"] is None) == (line["reviewer"], bool(row["error"]))
    assert sorted(line["reviewer"] for line in lines) == ["llm"] * 5 + ["offline"]
    assert sum(bool(line["notes"]) for line in lines) == 1


def test_a_hash_only_batch_prints_the_quotes_and_logs_none_of_the_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTY_COACH_HASH_DRAFTS", "true")
    drafts = drafts_file(tmp_path / "drafts.jsonl", 12)
    result = CliRunner().invoke(cli, ["review", str(drafts), "--reviewer", "offline", "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert "“Use code SAVE10”" in json.dumps(lines[0], ensure_ascii=False)  # the person sees the quotes
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("log.db*"))
    assert raw.count(b"pitch_only_when_pulled") >= 12  # every review is in the file...
    for word in ("SAVE10", "SAVE17", "Link in bio", "checklist", "week 11", "onboarding tool"):
        assert word.encode() not in raw, word  # ...and none of the drafts' words
