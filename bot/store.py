"""The suggestion log: every review, feedback on it, and tips posted, in one SQLite file."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import Table

from bot.errors import LogError
from bot.migrations import log_migrations
from bot.review.model import Finding, Review, Span
from bot.review.origin import Origin


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def text_hash(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else None


class SuggestionLog:
    """Thread-safe access to the log; one connection, one lock, WAL so readers never block."""

    def __init__(self, path: Path | str, *, hash_drafts: bool = False) -> None:
        self.path = Path(path)
        self.hash_drafts = hash_drafts
        self._lock: threading.RLock = threading.RLock()
        try:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=15, check_same_thread=False)
            self.db = Database(conn)
            if str(self.path) != ":memory:":
                self.db.enable_wal()
            self.db.execute("PRAGMA busy_timeout = 15000")
            self.db.execute("PRAGMA synchronous = NORMAL")  # durable enough with WAL, and far fewer fsyncs
            log_migrations.apply(self.db)
        except (OSError, sqlite3.Error) as exc:
            raise LogError(f"can't open the suggestion log at {self.path}: {_reason(exc)}") from None

    def close(self) -> None:
        with self._lock:
            self.db.conn.close()

    @property
    def lock(self) -> threading.RLock:
        """Hold this to make several log calls one step for other threads."""
        return self._lock

    def table(self, name: str) -> Table:
        return self.db.table(name)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        with self._lock:
            try:
                with self.db.conn:
                    yield
            except sqlite3.Error as exc:
                raise LogError(f"can't write to the suggestion log at {self.path}: {_reason(exc)}") from None

    # Reviews -----------------------------------------------------------------

    def record_review(
        self,
        review: Review,
        draft: str,
        context: str | None,
        origin: Origin,
        *,
        cache_key: str | None = None,
        error: str | None = None,
    ) -> int:
        """Store one review and return its id."""
        findings = [f.model_dump() for f in review.findings]
        if self.hash_drafts:
            for finding in findings:
                for span in finding["spans"]:
                    span["text"] = ""
        row: dict[str, Any] = {
            "created_at": now_utc(),
            "platform": origin.platform,
            "workspace": origin.workspace,
            "channel": origin.channel,
            "user": origin.user,
            "trigger": origin.trigger,
            "message_id": origin.message_id,
            "draft": None if self.hash_drafts else draft,
            "draft_hash": text_hash(draft),
            "context": None if self.hash_drafts else context,
            "verdict": review.verdict,
            "score": review.score,
            "violations": json.dumps(review.violations),
            "findings": json.dumps(findings, ensure_ascii=False),
            "suggestions": json.dumps(review.suggestions, ensure_ascii=False),
            "rewrite": None if self.hash_drafts else review.rewrite,
            "reviewer": review.reviewer,
            "model": review.model,
            "tokens_in": review.tokens_in,
            "tokens_out": review.tokens_out,
            "latency_ms": round(review.latency_ms, 3),
            "prompt_version": review.prompt_version,
            "error": error,
            "cache_key": cache_key,
            "notes": json.dumps(review.notes, ensure_ascii=False) if review.notes else None,
        }
        with self._writing():
            return _row_id(self.table("reviews").insert(row).last_pk)

    def cached_review(self, cache_key: str, draft: str) -> Review | None:
        """The latest clean review stored under `cache_key`, with quoted spans restored from the draft."""
        with self._lock:
            rows = list(
                self.table("reviews").rows_where(
                    "cache_key = ? and error is null", [cache_key], order_by="id desc", limit=1
                )
            )
        if not rows:
            return None
        row = rows[0]
        findings = []
        for raw in json.loads(row["findings"]):
            spans = [
                Span(start=s["start"], end=s["end"], text=draft[s["start"] : s["end"]]) for s in raw["spans"]
            ]
            findings.append(
                Finding(principle=raw["principle"], passed=raw["passed"], reason=raw["reason"], spans=spans)
            )
        return Review(
            verdict=row["verdict"],
            score=row["score"],
            findings=findings,
            suggestions=json.loads(row["suggestions"]),
            rewrite=row["rewrite"],
            reviewer=row["reviewer"],
            model=row["model"],
            prompt_version=row["prompt_version"],
            tokens_in=0,
            tokens_out=0,
            cached=True,
            notes=json.loads(row["notes"]) if row["notes"] else [],
        )

    def get_review(self, review_id: int) -> dict[str, Any] | None:
        with self._lock:
            rows = list(self.table("reviews").rows_where("id = ?", [review_id]))
        return rows[0] if rows else None

    def recent_reviews(
        self,
        *,
        user: str | None = None,
        channel: str | None = None,
        platform: str | None = None,
        verdict: str | None = None,
        since: datetime | None = None,
        limit: int = 20,
    ) -> list[dict[str, Any]]:
        """Newest first, filtered; every value is passed as a parameter, never spliced into SQL."""
        clauses, params = [], []
        for column, value in (
            ("user", user),
            ("channel", channel),
            ("platform", platform),
            ("verdict", verdict),
        ):
            if value is not None:
                clauses.append(f"[{column}] = ?")
                params.append(value)
        if since is not None:
            clauses.append("created_at >= ?")
            params.append(since.astimezone(UTC).isoformat(timespec="milliseconds"))
        where = " and ".join(clauses) or None
        with self._lock:
            return list(
                self.table("reviews").rows_where(where, params, order_by="id desc", limit=max(limit, 0))
            )

    def violation_counts(self, platform: str, channel: str, *, last: int = 50) -> Counter[str]:
        """How often each principle was missed in a channel's latest reviews."""
        counts: Counter[str] = Counter()
        for row in self.recent_reviews(platform=platform, channel=channel, limit=last):
            counts.update(json.loads(row["violations"] or "[]"))
        return counts

    def weekly_pushy_rate(self, platform: str, user: str, *, weeks: int = 8) -> list[tuple[str, int, int]]:
        """(week starting, pushy reviews, all reviews) for a user's last `weeks` weeks, oldest first."""
        since = datetime.now(UTC) - timedelta(weeks=weeks)
        with self._lock:
            rows = self.db.execute(
                "select date(created_at, 'weekday 1', '-7 days') as week, "
                "sum(verdict = 'pushy'), count(*) from reviews "
                "where platform = ? and user = ? and created_at >= ? and error is null "
                "group by week order by week",
                [platform, user, since.isoformat()],
            ).fetchall()
        return [(str(week), int(pushy), int(total)) for week, pushy, total in rows]

    def purge(self, older_than_days: int) -> int:
        """Delete reviews (and their feedback) and tip records past the cut-off; return reviews removed."""
        cutoff = (datetime.now(UTC) - timedelta(days=older_than_days)).isoformat(timespec="milliseconds")
        with self._writing():
            self.db.execute(
                "delete from feedback where review_id in (select id from reviews where created_at < ?)",
                [cutoff],
            )
            removed = self.db.execute("delete from reviews where created_at < ?", [cutoff]).rowcount
            self.db.execute("delete from tips_posted where created_at < ?", [cutoff])
            self.db.execute("delete from claims where created_at < ?", [cutoff])
        return int(removed)

    # Feedback ----------------------------------------------------------------

    def record_feedback(self, review_id: int, user: str | None, helpful: bool) -> int:
        """Store one vote; a person's later vote on the same review replaces the earlier one."""
        with self._writing():
            self.db.execute("delete from feedback where review_id = ? and [user] is ?", [review_id, user])
            row = {"created_at": now_utc(), "review_id": review_id, "user": user, "helpful": int(helpful)}
            return _row_id(self.table("feedback").insert(row).last_pk)

    def feedback_for(self, review_id: int) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.table("feedback").rows_where("review_id = ?", [review_id], order_by="id"))

    # One-time actions ----------------------------------------------------------

    def claim(self, key: str) -> bool:
        """True the first time `key` is claimed, False ever after: guards against double posting."""
        with self._writing():
            cursor = self.db.execute(
                "insert or ignore into claims (key, created_at) values (?, ?)", [key, now_utc()]
            )
            return cursor.rowcount == 1

    def claims_with_prefix(self, prefix: str) -> list[str]:
        """Claimed keys that start with `prefix`, oldest first (a prefix match, never a LIKE pattern)."""
        with self._lock:
            rows = self.db.execute(
                "select key from claims where substr(key, 1, ?) = ? order by created_at, rowid",
                [len(prefix), prefix],
            ).fetchall()
        return [str(row[0]) for row in rows]

    def release(self, key: str) -> None:
        """Forget a claim, so a failed action can be tried again."""
        with self._writing():
            self.db.execute("delete from claims where key = ?", [key])

    # Tips ----------------------------------------------------------------------

    def tips_history(self, platform: str, channel: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(
                self.table("tips_posted").rows_where(
                    "platform = ? and channel = ?", [platform, channel], order_by="id"
                )
            )

    def record_tip(self, platform: str, channel: str, tip_id: str, principle: str, day: str) -> None:
        row = {
            "created_at": now_utc(),
            "platform": platform,
            "channel": channel,
            "tip_id": tip_id,
            "principle": principle,
            "day": day,
        }
        with self._writing():
            self.table("tips_posted").insert(row)


def _row_id(pk: Any) -> int:
    if pk is None:
        raise LogError("the suggestion log did not return a row id")
    return int(pk)


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text.rstrip(".") or exc.__class__.__name__
