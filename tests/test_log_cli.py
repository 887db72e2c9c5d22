"""`party-coach log`, `log purge` and where the log lives, through the real command and a real SQLite file."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import pty
import select
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import bot.store
from bot.cli import cli
from bot.review.model import Finding, Review
from bot.review.origin import Origin
from bot.store import ReviewRecord, SuggestionLog

PUSHY_DRAFT = "🚀 Our new CRM is live! Use code SAVE20 for 20% off. Link in bio!"
OK_DRAFT = (
    "What's the one onboarding email you still remember, and why? Mine was a plain note from a founder."
)


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert "Traceback" not in result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def db_path() -> Path:
    return Path(os.environ["PARTY_COACH_DB"])


def review_row(verdict: str = "pushy") -> Review:
    passed = verdict == "ok"
    return Review(
        verdict=verdict,  # type: ignore[arg-type]
        score=90 if passed else 20,
        findings=[Finding(principle="pitch_only_when_pulled", passed=passed, reason="a reason")],
    )


# (user, channel, platform, network, verdict, days old) for each seeded review
SEEDS = [
    ("U1", "C1", "slack", "linkedin", "pushy", 40),
    ("U1", "C2", "slack", "twitter", "ok", 40),
    ("U2", "C1", "discord", "linkedin", "ok", 40),
    ("U2", "C2", "cli", None, "pushy", 3),
    ("U3", "C1", "slack", "reddit", "pushy", 3),
]


def seed() -> list[int]:
    log = SuggestionLog(db_path())
    records = [
        ReviewRecord(
            review_row(verdict),
            f"draft {n}",
            None,
            Origin(platform=platform, channel=channel, user=user, trigger="slash"),
            network=network,
        )
        for n, (user, channel, platform, network, verdict, _) in enumerate(SEEDS)
    ]
    ids = log.record_reviews(records)
    for row_id, (*_, days) in zip(ids, SEEDS, strict=True):
        created = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
        log.db.execute("update reviews set created_at = ? where id = ?", [created, row_id])
        log.record_feedback(row_id, "U9", helpful=True)
    log.db.conn.commit()
    log.close()
    return ids


def remaining() -> set[int]:
    log = SuggestionLog(db_path())
    try:
        return {row["id"] for row in log.recent_reviews(limit=None)}
    finally:
        log.close()


@pytest.mark.parametrize(
    ("filters", "older_than", "deleted"),
    [
        (["--user", "U1"], "0", {1, 2}),
        (["--user", "nobody", "--platform", "slack"], "0", set()),
        (["--channel", "C2"], "0", {2, 4}),
        (["--platform", "discord"], "0", {3}),
        (["--network", "LinkedIn"], "0", {1, 3}),
        (["--verdict", "ok"], "0", {2, 3}),
        (["--since", "7d"], "1", {4, 5}),
        (["--user", "U1", "--verdict", "pushy"], "30", {1}),
        ([], "30", {1, 2, 3}),
    ],
)
def test_purge_deletes_only_what_the_filters_match(
    filters: list[str], older_than: str, deleted: set[int]
) -> None:
    ids = seed()
    assert ids == [1, 2, 3, 4, 5]
    result = run("log", *filters, "purge", "--older-than", older_than, "--yes")
    assert result.exit_code == 0, result.output
    count = len(deleted)
    assert result.stdout.startswith(f"Deleted {count} review{'' if count == 1 else 's'} older than")
    assert remaining() == set(ids) - deleted
    log = SuggestionLog(db_path())
    assert all(log.feedback_for(row_id) == [] for row_id in deleted)  # their feedback went with them
    assert all(log.feedback_for(row_id) for row_id in set(ids) - deleted)


def test_purge_names_its_filters_and_keeps_tips_when_filtered() -> None:
    seed()
    log = SuggestionLog(db_path())
    log.record_tip("slack", "C1", "t1", "offer_help", "2020-01-01")
    log.db.execute("update tips_posted set created_at = '2020-01-01T00:00:00+00:00'")
    log.db.conn.commit()
    result = run("log", "--user", "U1", "purge", "--older-than", "30", "--yes")
    assert result.stdout.strip() == "Deleted 2 reviews older than 30 days (user U1)."
    assert (
        log.table("tips_posted").count == 1
    )  # a tip belongs to no user: only an unfiltered purge removes it
    run("log", "purge", "--older-than", "30", "--yes")
    assert log.table("tips_posted").count == 0


def test_purge_refuses_options_that_only_apply_to_listing() -> None:
    seed()
    result = run("log", "--limit", "1", "purge", "--older-than", "0", "--yes")
    assert result.exit_code == 2 and "--limit doesn't apply to purge" in result.output
    assert remaining() == {1, 2, 3, 4, 5}


def test_purge_in_a_terminal_says_how_many_match_before_asking(tmp_path: Path) -> None:
    seed()
    command = [sys.executable, "-m", "bot", "log", "--user", "U1", "purge", "--older-than", "30"]
    leader, follower = pty.openpty()
    child = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, cwd=tmp_path)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60  # generous: only a hung prompt gets near it
    while b"[y/N]" not in seen and time.monotonic() < deadline:
        if select.select([leader], [], [], 1)[0]:
            seen += os.read(leader, 4096)
    os.write(leader, b"n\n")
    while child.poll() is None and time.monotonic() < deadline:
        if select.select([leader], [], [], 1)[0]:
            try:
                seen += os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
    child.wait(timeout=60)
    os.close(leader)
    text = seen.decode()
    assert "2 reviews older than 30 days match (user U1). Delete them, with their feedback? [y/N]" in text
    assert "Nothing deleted." in text
    assert remaining() == {1, 2, 3, 4, 5}


def test_filters_that_match_nothing_say_so() -> None:
    seed()
    result = run("log", "--user", "nobody")
    assert result.exit_code == 0
    assert result.stdout.strip() == "No reviews match these filters (user nobody); the log holds 5 reviews."


def test_an_empty_log_says_nothing_is_logged_yet() -> None:
    SuggestionLog(db_path()).close()
    result = run("log")
    assert result.exit_code == 0 and result.stdout.startswith("No reviews logged yet in ")


@pytest.mark.parametrize(
    "args", [["log", "--platform", "teams"], ["tip", "--platform", "teams"], ["log", "--verdict", "meh"]]
)
def test_choice_options_refuse_unknown_values(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and "Invalid value for" in result.output


def test_the_target_network_is_stored_and_filterable(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts.jsonl"
    drafts.write_text(json.dumps({"id": "a", "text": OK_DRAFT, "platform": "Reddit"}) + "\n")
    assert run("review", PUSHY_DRAFT, "--platform", "LinkedIn").exit_code == 1
    assert run("review", OK_DRAFT).exit_code == 0
    assert run("review", str(drafts)).exit_code == 0
    rows = json.loads(run("log", "--network", "linkedin", "--format", "json").stdout)
    assert [(r["draft"], r["network"]) for r in rows] == [(PUSHY_DRAFT, "linkedin")]
    rows = json.loads(run("log", "--network", "reddit", "--format", "json").stdout)
    assert [r["network"] for r in rows] == ["reddit"]
    assert len(json.loads(run("log", "--format", "json").stdout)) == 3


def test_exports_hold_every_matching_row_with_one_set_of_columns() -> None:
    log = SuggestionLog(db_path())
    origin = Origin(platform="slack", user="U1")
    log.record_reviews([ReviewRecord(review_row(), f"draft {n}", None, origin) for n in range(45)])
    log.close()
    everything = run("log", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(everything.stdout)))
    assert len(rows) == 45 and everything.stderr == ""
    none_match = run("log", "--user", "nobody", "--format", "csv").stdout
    assert none_match.splitlines() == [everything.stdout.splitlines()[0]]
    assert "network" in rows[0] and "draft" in rows[0]
    assert len(json.loads(run("log", "--format", "json").stdout)) == 45
    limited = run("log", "--format", "json", "--limit", "5")
    assert len(json.loads(limited.stdout)) == 5
    assert (
        limited.stderr.strip()
        == "Showing the newest 5 of 45 matching reviews; add --limit 45 to see them all."
    )
    table = run("log")
    assert len(table.stdout.splitlines()) == 22  # header, rule and the newest 20
    assert "Showing the newest 20 of 45 matching reviews" in table.stderr


def test_hash_only_mode_keeps_none_of_the_drafts_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_HASH_DRAFTS", "true")
    shown = run(
        "review", PUSHY_DRAFT, "--context", "Happy Friday, everyone! Weekend plans?", "--platform", "x"
    )
    assert shown.exit_code == 1
    # The review a person sees quotes the draft, in reasons and suggestions alike...
    assert "“Use code SAVE20”" in shown.stdout and "Cut “Use code SAVE20”" in shown.stdout
    raw = b"".join(p.read_bytes() for p in (db_path(), Path(f"{db_path()}-wal")) if p.exists())
    assert b"pushy" in raw and b"pitch_only_when_pulled" in raw  # the file holds the review...
    # ...but not one distinctive word of the draft or its context is anywhere in the file.
    for word in (
        "🚀",
        "CRM",
        "Our new",
        "is live",
        "Use code",
        "SAVE20",
        "20%",
        "Link in bio",
        "Friday",
        "Weekend",
    ):
        assert word.encode() not in raw, word
    exported = run("log", "--format", "json").stdout
    row = json.loads(exported)[0]
    assert row["draft"] is None and row["context"] is None and row["rewrite"] is None
    assert "SAVE20" not in exported and "Pitches when nobody asked: “… … …”" in exported


def test_a_locked_log_is_exit_2_and_prints_no_review(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("review", OK_DRAFT).exit_code == 0
    monkeypatch.setattr(bot.store, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(db_path())
    holder.execute("begin immediate")  # another program holding the write lock
    try:
        result = run("review", PUSHY_DRAFT)
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"Error: can't write to the suggestion log at {db_path()}: another program kept it locked for 0.2 s. "
        "Try again in a moment, or add --no-log to review without saving"
    )
    assert [r["verdict"] for r in SuggestionLog(db_path()).recent_reviews()] == ["ok"]  # nothing lost


def test_no_log_reviews_without_touching_the_log(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts.jsonl"
    drafts.write_text("".join(json.dumps({"id": n, "text": OK_DRAFT}) + "\n" for n in range(3)))
    result = run("review", str(drafts), "--format", "jsonl", "--no-log")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3
    assert not db_path().exists()


def test_batch_reviews_are_all_logged_with_their_ids(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts.jsonl"
    texts = [PUSHY_DRAFT, OK_DRAFT] * 350
    drafts.write_text("".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(texts)))
    result = run("review", str(drafts), "--format", "jsonl")
    ids = [json.loads(line)["review_id"] for line in result.stdout.splitlines()]
    assert ids == list(range(1, 701))
    rows = SuggestionLog(db_path()).recent_reviews(limit=None)
    assert len(rows) == 700 and rows[-1]["draft"] == PUSHY_DRAFT and rows[0]["draft"] == OK_DRAFT
    assert gc.isenabled()  # paused for the batch only, not for whatever runs next in this process


def test_read_only_commands_never_make_a_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "log.db"
    monkeypatch.setenv("PARTY_COACH_DB", str(missing))
    result = run("log")
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        f'No reviews logged yet: there is no log at {missing}. Try: party-coach review "your draft"'
    )
    assert run("log", "--format", "csv").stdout == ""
    assert run("tip", "--channel", "marketing").stdout.startswith("Tip of the day")
    doctor = run("doctor")
    assert f"{missing} (not made yet: the first review makes it)" in doctor.stdout
    purge = run("log", "purge", "--older-than", "30", "--yes")
    assert purge.exit_code == 2 and f"there is no suggestion log at {missing} yet" in purge.output
    assert not missing.parent.exists()


def test_the_default_log_is_per_user_and_the_same_from_any_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PARTY_COACH_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    assert run("review", OK_DRAFT).exit_code == 0
    monkeypatch.chdir(tmp_path)  # as cron does, from another folder
    expected = tmp_path / "data-home" / "party-coach" / "party-coach.db"
    assert f"{expected} (1 review)" in run("doctor").stdout
    assert "ok" in run("log").stdout
    assert run("log", "purge", "--older-than", "0", "--yes").stdout.startswith("Deleted 1 review ")
    assert not (tmp_path / "project" / "data").exists()


def test_a_relative_db_path_is_fixed_to_the_folder_it_was_set_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PARTY_COACH_DB", "logs/team.db")
    assert run("review", OK_DRAFT).exit_code == 0
    shown = run("doctor").stdout
    assert f"{tmp_path / 'logs' / 'team.db'} (1 review)" in shown
