"""`party-coach log forget --user ID`: one person's rows go, everyone else's stay, with a real SQLite file."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner, Result

from bot.cli import cli
from bot.review.model import Finding, Review
from bot.review.origin import Origin
from bot.store import SuggestionLog


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert "Traceback" not in result.output
    return result


def open_log() -> SuggestionLog:
    return SuggestionLog(Path(os.environ["PARTY_COACH_DB"]))


def seed() -> None:
    """U1 wrote two drafts (one a cached answer), U2 one; U1 voted on U2's review and U2 on U1's."""
    log = open_log()
    review = Review(
        verdict="ok", score=90, findings=[Finding(principle="offer_help", passed=True, reason="r")]
    )
    mine = [
        log.record_review(
            review, f"U1 secret draft {n}", None, Origin("slack", channel="C1", user="U1"), cache_key=f"k{n}"
        )
        for n in range(2)
    ]
    theirs = log.record_review(review, "U2 draft", None, Origin("slack", channel="C1", user="U2"))
    log.record_feedback(theirs, "U1", helpful=True)
    log.record_feedback(mine[0], "U2", helpful=False)
    log.record_feedback(theirs, "U2", helpful=True)
    log.close()


def test_forget_deletes_a_persons_reviews_cache_and_feedback() -> None:
    seed()
    result = run("log", "forget", "--user", "U1", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "Deleted 4 rows for user U1: 2 reviews (with their drafts and cached answers) and 2 feedback votes."
    )
    log = open_log()
    assert [r["user"] for r in log.recent_reviews(limit=None)] == ["U2"]
    assert [(f["user"], f["review_id"]) for f in log.table("feedback").rows] == [("U2", 3)]
    assert log.cached_review("k0", "U1 secret draft 0") is None
    log.close()


def test_forget_asks_first_and_keeps_everything_on_no() -> None:
    seed()
    result = run("log", "forget", "--user", "U1", input="n\n")
    assert "The log holds 2 reviews and 2 feedback votes from user U1. Delete them for good?" in result.stdout
    assert result.stdout.strip().endswith("Nothing deleted.")
    log = open_log()
    assert log.count_reviews() == 3 and log.table("feedback").count == 3
    log.close()


def test_forget_with_no_answer_deletes_nothing() -> None:
    seed()
    result = run("log", "forget", "--user", "U1", input="")
    assert result.exit_code == 0 and result.stdout.strip().endswith("Nothing deleted.")
    assert open_log().count_reviews() == 3


def test_forget_says_so_when_the_person_has_no_rows() -> None:
    seed()
    result = run("log", "forget", "--user", "U9", "--yes")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Nothing to delete: the log holds no reviews or feedback from user U9."


def test_forget_never_makes_a_log() -> None:
    result = run("log", "forget", "--user", "U1", "--yes")
    assert result.exit_code == 0 and result.stdout.startswith("Nothing to delete: there is no log at")
    assert not Path(os.environ["PARTY_COACH_DB"]).exists()


def test_forget_refuses_log_filters_given_before_it() -> None:
    seed()
    result = run("log", "--user", "U1", "forget", "--yes")
    assert result.exit_code == 2 and "--user goes after forget" in result.output
    assert open_log().count_reviews() == 3


def test_forget_deletes_the_rewrites_a_person_used_and_the_uses_of_their_reviews() -> None:
    seed()
    log = open_log()
    mine, _, theirs = (r["id"] for r in reversed(log.recent_reviews(limit=None)))
    log.record_rewrite_use(theirs, "U1")  # U1 copied U2's rewrite
    log.record_rewrite_use(mine, "U2")  # U2 copied U1's
    log.record_rewrite_use(theirs, "U2")  # stays: U2's use of U2's review
    log.close()

    result = run("log", "forget", "--user", "U1", "--yes")

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "Deleted 6 rows for user U1: 2 reviews (with their drafts and cached answers), 2 copied rewrites "
        "and 2 feedback votes."
    )
    log = open_log()
    assert [(u["user"], u["review_id"]) for u in log.table("rewrite_uses").rows] == [("U2", theirs)]
    log.close()
