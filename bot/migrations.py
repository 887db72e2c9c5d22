"""Schema of the suggestion log, as small numbered migrations."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

log_migrations = Migrations("party_coach")


@log_migrations()
def m001_initial(db: Database) -> None:
    db.table("reviews").create(
        {
            "id": int,
            "created_at": str,
            "platform": str,
            "workspace": str,
            "channel": str,
            "user": str,
            "trigger": str,
            "message_id": str,
            "draft": str,
            "draft_hash": str,
            "context": str,
            "verdict": str,
            "score": int,
            "violations": str,
            "findings": str,
            "suggestions": str,
            "rewrite": str,
            "reviewer": str,
            "model": str,
            "tokens_in": int,
            "tokens_out": int,
            "latency_ms": float,
            "prompt_version": str,
            "error": str,
        },
        pk="id",
    )
    db.table("feedback").create(
        {"id": int, "created_at": str, "review_id": int, "user": str, "helpful": int},
        pk="id",
        foreign_keys=[("review_id", "reviews", "id")],
    )
    db.table("tips_posted").create(
        {
            "id": int,
            "created_at": str,
            "platform": str,
            "channel": str,
            "tip_id": str,
            "principle": str,
            "day": str,
        },
        pk="id",
    )
    db.table("reviews").create_index(["created_at"])
    db.table("tips_posted").create_index(["platform", "channel", "day"])


@log_migrations()
def m002_cache_and_claims(db: Database) -> None:
    """Answer repeated drafts from the log, and remember one-time actions across restarts."""
    db.table("reviews").add_column("cache_key", str)
    db.table("reviews").add_column("notes", str)
    db.table("reviews").create_index(["cache_key"])
    db.table("reviews").create_index(["platform", "channel", "created_at"])
    db.table("reviews").create_index(["platform", "user", "created_at"])
    db.table("claims").create({"key": str, "created_at": str}, pk="key")


@log_migrations()
def m003_network(db: Database) -> None:
    """The network a draft was written for (twitter, linkedin…), so the log can be filtered by it."""
    db.table("reviews").add_column("network", str)
    db.table("reviews").create_index(["network", "created_at"])


@log_migrations()
def m004_channel_settings(db: Database) -> None:
    """Per-channel settings changed from chat or the command line; environment values stay the defaults."""
    db.table("channel_settings").create(
        {
            "platform": str,
            "workspace": str,
            "channel": str,
            "key": str,
            "value": str,
            "updated_at": str,
            "updated_by": str,
        },
        pk=("platform", "channel", "key"),
    )


@log_migrations()
def m005_insights(db: Database) -> None:
    """Revisions, accepted rewrites, where each tip came from, and which weekly digests went out."""
    db.table("reviews").add_column("revises", int)
    db.table("reviews").create_index(["revises"])
    db.table("rewrite_uses").create(
        {"id": int, "created_at": str, "review_id": int, "user": str},
        pk="id",
        foreign_keys=[("review_id", "reviews", "id")],
    )
    db.table("rewrite_uses").create_index(["review_id"])
    db.table("tips_posted").add_column("source", str)
    db.table("tips_posted").add_column("text", str)
    db.table("digests_posted").create(
        {"id": int, "created_at": str, "platform": str, "channel": str, "week": str},
        pk="id",
    )
    db.table("digests_posted").create_index(["platform", "channel", "week"], unique=True)


@log_migrations()
def m006_revisions(db: Database) -> None:
    """The thread a draft was reviewed in, so a new draft there can be linked to the review it revises."""
    db.table("reviews").add_column("thread", str)
    db.table("reviews").create_index(["platform", "channel", "thread"])
