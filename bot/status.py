"""How the running bot is doing, for GET /health: can the log be written, and can the reviewer review?"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from bot.coach import Coach
from bot.store import SuggestionLog

# A health check must answer within the prober's timeout, however long another program holds the lock.
PROBE_BUSY_MS = 1000
PROBE_KEY = "health-probe"


def log_state(log: SuggestionLog) -> dict[str, Any]:
    """Reviews logged, the time of the latest, and whether a write goes through (tried, then undone)."""
    with log.lock:
        conn = log.db.conn
        try:
            (busy_ms,) = conn.execute("PRAGMA busy_timeout").fetchone()
            conn.execute(f"PRAGMA busy_timeout = {PROBE_BUSY_MS}")
            try:
                (reviews,) = conn.execute("select count(*) from reviews").fetchone()
                latest = conn.execute("select created_at from reviews order by id desc limit 1").fetchone()
                # A real write, rolled back: it finds a read-only file, a full disk or a held lock.
                conn.execute("begin immediate")
                try:
                    conn.execute(
                        "insert or replace into claims (key, created_at) values (?, ?)", [PROBE_KEY, ""]
                    )
                finally:
                    conn.rollback()
            finally:
                conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        except sqlite3.Error as exc:
            return {"writable": False, "problem": str(exc)}
    # No file path or setting in the report: in HTTP mode anyone who can reach Slack's endpoint can read it.
    return {
        "writable": True,
        "reviews": int(reviews),
        "last_review_at": latest[0] if latest else None,
    }


def reviewer_state(coach: Coach) -> dict[str, Any]:
    """Which reviewer answers, and the last time the AI couldn't (the offline review stood in)."""
    settings = coach.settings
    failure = coach.last_fallback
    return {
        "name": coach.reviewer.name,
        "model": coach.reviewer.model,
        "offline_ready": coach.offline is not None,
        "llm_configured": settings.llm_configured,
        "last_error": {"at": failure[0], "reason": failure[1]} if failure else None,
    }


def bot_status(coach: Coach) -> tuple[bool, dict[str, Any]]:
    """Healthy or not, and the report; blocking (it touches the log), so run it in the log's thread."""
    log = log_state(coach.log)
    report = {
        "ok": bool(log["writable"]),
        "checked_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "log": log,
        "reviewer": reviewer_state(coach),
    }
    return bool(log["writable"]), report
