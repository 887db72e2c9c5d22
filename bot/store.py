"""The suggestion log: every review, feedback on it, and tips posted, in one SQLite file."""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import Table

from bot.errors import LogBusy, LogError, LogMissing
from bot.migrations import log_migrations
from bot.redaction import redact, restore
from bot.review.model import Finding, Review, Span
from bot.review.origin import Origin
from bot.review.review_json import ReviewJSON, review_json

# How long a write waits for another program's write lock before giving up with LogBusy.
BUSY_TIMEOUT_SECONDS = 15.0
# Reviews written per transaction by record_reviews: one commit per few hundred rows, not one per review.
BATCH_ROWS = 500
REVIEW_COLUMNS = (
    "created_at",
    "platform",
    "workspace",
    "channel",
    "user",
    "trigger",
    "message_id",
    "network",
    "draft",
    "draft_hash",
    "context",
    "verdict",
    "score",
    "violations",
    "findings",
    "suggestions",
    "rewrite",
    "reviewer",
    "model",
    "tokens_in",
    "tokens_out",
    "latency_ms",
    "prompt_version",
    "error",
    "cache_key",
    "notes",
    "thread",
    "revises",
)
# Tables whose rows belong to one review (and the person who made them), in Forgotten's field order.
REVIEW_CHILDREN = ("feedback", "rewrite_uses")
# Rows per INSERT statement: SQLite's and Python's work per statement is paid once per ten rows, not per row.
ROWS_PER_INSERT = 10


@functools.lru_cache(maxsize=64)
def insert_reviews(columns: tuple[str, ...], rows: int) -> str:
    """An INSERT of `rows` reviews rows with these columns, every value a parameter."""
    values = ", ".join([f"({', '.join('?' for _ in columns)})"] * rows)
    return f"insert into reviews ({', '.join(f'[{c}]' for c in columns)}) values {values}"


def _insert_rows(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert REVIEW_COLUMNS rows in order (so their ids run in order), ROWS_PER_INSERT to a statement.

    A column empty in every row is left out, to be NULL: the sqlite3 module binds a None several times slower
    than a value, and a batch's rows share many empty columns (no channel, no tokens, no error).
    """
    if not rows:
        return
    filled = [i for i, column in enumerate(zip(*rows, strict=True)) if column.count(None) < len(column)]
    if len(filled) < len(REVIEW_COLUMNS):
        pick = itemgetter(*filled)  # one index gives the value itself, more give a tuple
        rows = [pick(row) for row in rows] if len(filled) > 1 else [(pick(row),) for row in rows]
    statement = functools.partial(insert_reviews, tuple(REVIEW_COLUMNS[i] for i in filled))
    whole = len(rows) - len(rows) % ROWS_PER_INSERT
    groups = (rows[first : first + ROWS_PER_INSERT] for first in range(0, whole, ROWS_PER_INSERT))
    conn.executemany(statement(ROWS_PER_INSERT), (tuple(chain.from_iterable(g)) for g in groups))
    if whole < len(rows):
        conn.execute(statement(len(rows) - whole), tuple(chain.from_iterable(rows[whole:])))


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def text_hash(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else None


def missing_log(path: Path) -> LogMissing:
    """The error for a command that only reads the log, pointed at one that doesn't exist yet."""
    return LogMissing(
        f"there is no suggestion log at {path} yet. "
        'It is made by the first review: party-coach review "your draft"'
    )


@dataclass(frozen=True)
class ReviewRecord:
    """One review to log, with the draft it was about and where that draft came from."""

    review: Review
    draft: str
    context: str | None
    origin: Origin
    network: str | None = None
    cache_key: str | None = None
    error: str | None = None
    revises: int | None = None  # the id of the same person's earlier review of this draft or thread

    @functools.cached_property
    def json(self) -> ReviewJSON:
        """The review's list fields as JSON, for the log row and the JSON output alike."""
        return review_json(self.review)


@dataclass(frozen=True)
class Forgotten:
    """Rows deleted (or that would be) for one person."""

    reviews: int
    feedback: int
    rewrite_uses: int = 0

    @property
    def rows(self) -> int:
        return self.reviews + self.feedback + self.rewrite_uses


@dataclass(frozen=True)
class ReviewFilter:
    """Which reviews a listing, a count or a purge is about; unset fields match everything."""

    user: str | None = None
    channel: str | None = None
    platform: str | None = None
    workspace: str | None = None  # a Slack workspace or a Discord server
    network: str | None = None
    verdict: str | None = None
    since: datetime | None = None

    def where(self) -> tuple[str | None, list[Any]]:
        """A WHERE clause and its parameters; every value is a parameter, never spliced into SQL."""
        clauses, params = [], []
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None:
                continue
            if field.name == "since":
                clauses.append("created_at >= ?")
                params.append(value.astimezone(UTC).isoformat(timespec="milliseconds"))
            else:
                clauses.append(f"[{field.name}] = ?")
                params.append(_network(value) if field.name == "network" else value)
        return " and ".join(clauses) or None, params

    def describe(self) -> str:
        """The filters in plain words, e.g. 'user U1, platform slack'; empty when there are none."""
        parts = []
        for field in fields(self):
            value = getattr(self, field.name)
            if value is not None:
                shown = value.strftime("%Y-%m-%d %H:%M UTC") if isinstance(value, datetime) else value
                parts.append(f"{field.name} {shown}")
        return ", ".join(parts)


class SuggestionLog:
    """Thread-safe access to the log; one connection, one lock, WAL so readers never block."""

    def __init__(self, path: Path | str, *, hash_drafts: bool = False, create: bool = True) -> None:
        """Open the log at `path`; with create=False a missing file raises LogMissing, never made."""
        self.path = Path(path)
        self.hash_drafts = hash_drafts
        self._lock: threading.RLock = threading.RLock()
        in_memory = str(self.path) == ":memory:"
        if not create and not in_memory and not self.path.is_file():
            raise missing_log(self.path)
        try:
            if not in_memory:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
            self.db = Database(conn)
            if not in_memory:
                self.db.enable_wal()
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
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
                raise self._write_error(exc) from None

    def _write_error(self, exc: sqlite3.Error) -> LogError:
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
            waited = f"{BUSY_TIMEOUT_SECONDS:g}"
            return LogBusy(
                f"can't write to the suggestion log at {self.path}: another program kept it locked "
                f"for {waited} s"
            )
        return LogError(f"can't write to the suggestion log at {self.path}: {_reason(exc)}")

    # Reviews -----------------------------------------------------------------

    def record_review(
        self,
        review: Review,
        draft: str,
        context: str | None,
        origin: Origin,
        *,
        network: str | None = None,
        cache_key: str | None = None,
        error: str | None = None,
    ) -> int:
        """Store one review and return its id."""
        record = ReviewRecord(review, draft, context, origin, network, cache_key, error)
        return self.record_reviews([record])[0]

    def record_reviews(self, records: Sequence[ReviewRecord], *, batch_rows: int = BATCH_ROWS) -> list[int]:
        """Store reviews a few hundred per transaction and return their ids, in order.

        If a batch fails, the batches before it stay saved and the LogError says how many.
        """
        ids: list[int] = []
        for first in range(0, len(records), batch_rows):
            created = now_utc()  # one moment for the rows saved together
            rows = [self._review_row(record, created) for record in records[first : first + batch_rows]]
            try:
                with self._writing():
                    _insert_rows(self.db.conn, rows)
                    last = _row_id(self.db.execute("select last_insert_rowid()").fetchone()[0])
                # Holding the write lock, SQLite numbers new rows one past the largest id, so a batch's ids
                # run on without gaps up to the last one.
                ids.extend(range(last - len(rows) + 1, last + 1))
            except LogError as exc:
                if ids:
                    exc.args = (f"{exc} ({len(ids):,} of {len(records):,} reviews were saved)",)
                raise
        return ids

    def _review_row(self, record: ReviewRecord, created: str) -> tuple[Any, ...]:
        """One reviews row in REVIEW_COLUMNS order; in hash-only mode, none of the draft's words."""
        review, origin, error = record.review, record.origin, record.error
        if not self.hash_drafts:
            parts = record.json
        else:
            hidden = functools.partial(redact, draft=record.draft, context=record.context)
            findings = [
                f.model_copy(
                    update={
                        "reason": hidden(f.reason),
                        "spans": [s.model_copy(update={"text": ""}) for s in f.spans],
                    }
                )
                for f in review.findings
            ]
            suggestions = [hidden(s) for s in review.suggestions]
            notes = [hidden(n) for n in review.notes]
            parts = review_json(
                review.model_copy(update={"findings": findings, "suggestions": suggestions, "notes": notes})
            )
            error = hidden(error) if error is not None else None
        return (
            created,
            origin.platform,
            origin.workspace,
            origin.channel,
            origin.user,
            origin.trigger,
            origin.message_id,
            _network(record.network),
            None if self.hash_drafts else record.draft,
            text_hash(record.draft),
            None if self.hash_drafts else record.context,
            review.verdict,
            review.score,
            parts.violations.decode(),
            parts.findings.decode(),
            parts.suggestions.decode(),
            None if self.hash_drafts else review.rewrite,
            review.reviewer,
            review.model,
            review.tokens_in,
            review.tokens_out,
            round(review.latency_ms, 3),
            review.prompt_version,
            error,
            record.cache_key,
            parts.notes.decode() if review.notes else None,
            origin.thread,
            record.revises,
        )

    def cached_review(self, cache_key: str, draft: str, context: str | None = None) -> Review | None:
        """The latest clean review stored under `cache_key`, with quoted words restored from the draft."""
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
            reason = restore(raw["reason"], draft, context)
            findings.append(
                Finding(principle=raw["principle"], passed=raw["passed"], reason=reason, spans=spans)
            )
        notes = [restore(note, draft, context) for note in json.loads(row["notes"] or "[]")]
        return Review(
            verdict=row["verdict"],
            score=row["score"],
            findings=findings,
            suggestions=[restore(s, draft, context) for s in json.loads(row["suggestions"])],
            rewrite=row["rewrite"],
            reviewer=row["reviewer"],
            model=row["model"],
            prompt_version=row["prompt_version"],
            tokens_in=0,
            tokens_out=0,
            cached=True,
            notes=notes,
        )

    def review_to_revise(self, origin: Origin, draft: str) -> int | None:
        """The same person's latest review of this message or in this thread, of other words than `draft`.

        A new review there is a revision of that one; None when there is nothing to link to.
        """
        places = {"message_id": origin.message_id, "thread": origin.thread}
        keys = {column: value for column, value in places.items() if value is not None}
        if origin.user is None or not keys:
            return None
        same_place = " or ".join(f"[{column}] = ?" for column in keys)
        with self._lock:
            row = self.db.execute(
                "select id from reviews where platform = ? and channel is ? and [user] = ? "
                f"and ({same_place}) and draft_hash is not ? order by id desc limit 1",
                [origin.platform, origin.channel, origin.user, *keys.values(), text_hash(draft)],
            ).fetchone()
        return int(row[0]) if row else None

    def get_review(self, review_id: int) -> dict[str, Any] | None:
        with self._lock:
            rows = list(self.table("reviews").rows_where("id = ?", [review_id]))
        return rows[0] if rows else None

    def recent_reviews(
        self, filters: ReviewFilter | None = None, *, limit: int | None = 20, **match: Any
    ) -> list[dict[str, Any]]:
        """Newest first; `filters`, or the same fields as keywords (user=…, verdict=…); limit None for all."""
        where, params = (filters or ReviewFilter(**match)).where()
        with self._lock:
            return list(
                self.table("reviews").rows_where(
                    where, params, order_by="id desc", limit=None if limit is None else max(limit, 0)
                )
            )

    def count_reviews(
        self, filters: ReviewFilter | None = None, *, older_than_days: int | None = None
    ) -> int:
        """How many reviews match `filters` (and are older than the cut-off, if one is given)."""
        where, params = self._matching(filters or ReviewFilter(), older_than_days)
        with self._lock:
            return int(self.db.execute(f"select count(*) from reviews where {where}", params).fetchone()[0])

    def review_columns(self) -> list[str]:
        """Every column of the reviews table, in order: the same header whether or not rows match."""
        return [column.name for column in self.table("reviews").columns]

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

    def purge(self, older_than_days: int, filters: ReviewFilter | None = None) -> int:
        """Delete matching reviews (with feedback and rewrite uses) past the cut-off; return reviews removed.

        Tip records and one-time claims belong to no one review, so they are deleted by age only when no
        filter narrows the purge.
        """
        filters = filters or ReviewFilter()
        where, params = self._matching(filters, older_than_days)
        with self._writing():
            deleted = f"select id from reviews where {where}"
            for table in REVIEW_CHILDREN:
                self.db.execute(f"delete from {table} where review_id in ({deleted})", params)
            self.db.execute(f"update reviews set revises = null where revises in ({deleted})", params)
            removed = self.db.execute(f"delete from reviews where {where}", params).rowcount
            if filters == ReviewFilter():
                cutoff = params[-1]
                self.db.execute("delete from tips_posted where created_at < ?", [cutoff])
                self.db.execute("delete from claims where created_at < ?", [cutoff])
        return int(removed)

    def user_rows(self, user: str) -> Forgotten:
        """How many reviews (cached answers among them), feedback votes and rewrite uses concern `user`."""
        where, params = "[user] = ?", [user]
        with self._lock:
            return Forgotten(
                int(self.db.execute(f"select count(*) from reviews where {where}", params).fetchone()[0]),
                *(
                    int(self.db.execute(*_children_of(table, where, params, user, "count(*)")).fetchone()[0])
                    for table in REVIEW_CHILDREN
                ),
            )

    def forget_user(self, user: str) -> Forgotten:
        """Delete `user`'s drafts and reviews (cached answers too), the votes and rewrite uses on them, and
        those they gave."""
        where, params = "[user] = ?", [user]
        with self._writing():
            children = [
                int(self.db.execute(*_children_of(table, where, params, user, None)).rowcount)
                for table in REVIEW_CHILDREN
            ]
            self.db.execute(
                f"update reviews set revises = null where revises in (select id from reviews where {where})",
                params,
            )
            reviews = self.db.execute(f"delete from reviews where {where}", params).rowcount
        return Forgotten(int(reviews), *children)

    @staticmethod
    def _matching(filters: ReviewFilter, older_than_days: int | None) -> tuple[str, list[Any]]:
        """WHERE for the filtered reviews older than the cut-off; the cut-off is the last parameter."""
        where, params = filters.where()
        clauses = [where] if where else []
        if older_than_days is not None:
            cutoff = datetime.now(UTC) - timedelta(days=older_than_days)
            clauses.append("created_at < ?")
            params.append(cutoff.isoformat(timespec="milliseconds"))
        return " and ".join(clauses) or "1", params

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

    def retake(self, key: str, claimed_before: str) -> bool:
        """Take over `key` if it was claimed before `claimed_before` (a UTC ISO time) and never marked
        finished (see `finished_key`): whoever claimed it stopped mid-way. True if this call took it."""
        with self._writing():
            cursor = self.db.execute(
                "update claims set created_at = ? where key = ? and created_at < ? "
                "and not exists (select 1 from claims where key = ?)",
                [now_utc(), key, claimed_before, finished_key(key)],
            )
            return cursor.rowcount == 1

    # Channel settings ------------------------------------------------------------

    def channel_settings(
        self, platform: str | None = None, channel: str | None = None
    ) -> list[dict[str, Any]]:
        """Stored per-channel settings, optionally for one platform or channel, in a stable order."""
        clauses, params = [], []
        for column, value in (("platform", platform), ("channel", channel)):
            if value is not None:
                clauses.append(f"[{column}] = ?")
                params.append(value)
        with self._lock:
            return list(
                self.table("channel_settings").rows_where(
                    " and ".join(clauses) or None, params, order_by="platform, channel, key"
                )
            )

    def change_channel_settings(
        self,
        platform: str,
        channel: str,
        values: dict[str, str],
        unset: Sequence[str] = (),
        *,
        workspace: str | None = None,
        by: str | None = None,
    ) -> int:
        """Store `values` and delete the `unset` keys in one transaction; return rows deleted."""
        at = now_utc()
        removed = 0
        with self._writing():
            for key in unset:
                removed += self.db.execute(
                    "delete from channel_settings where platform = ? and channel = ? and key = ?",
                    [platform, channel, key],
                ).rowcount
            for key, value in values.items():
                self.db.execute(
                    "insert or replace into channel_settings "
                    "(platform, workspace, channel, key, value, updated_at, updated_by) "
                    "values (?, ?, ?, ?, ?, ?, ?)",
                    [platform, workspace, channel, key, value, at, by],
                )
        return int(removed)

    # Tips ----------------------------------------------------------------------

    def tips_history(self, platform: str, channel: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(
                self.table("tips_posted").rows_where(
                    "platform = ? and channel = ?", [platform, channel], order_by="id"
                )
            )

    def record_tip(
        self,
        platform: str,
        channel: str,
        tip_id: str,
        principle: str,
        day: str,
        *,
        source: str = "curated",
        text: str | None = None,
    ) -> None:
        """Log a tip as shown, with where it came from: 'curated' (the tips file) or 'generated' (the AI)."""
        row = {
            "created_at": now_utc(),
            "platform": platform,
            "channel": channel,
            "tip_id": tip_id,
            "principle": principle,
            "day": day,
            "source": source,
            "text": text,
        }
        with self._writing():
            self.table("tips_posted").insert(row)

    # Rewrites ------------------------------------------------------------------

    def record_rewrite_use(self, review_id: int, user: str | None) -> int:
        """Log that `user` took a review's rewrite to use it."""
        row = {"created_at": now_utc(), "review_id": review_id, "user": user}
        with self._writing():
            return _row_id(self.table("rewrite_uses").insert(row).last_pk)

    def take_rewrite(self, review_id: int, user: str | None) -> str | None:
        """The review's stored rewrite, logging the use; None (and nothing logged) when none is stored."""
        with self._lock:
            review = self.get_review(review_id)
            rewrite = review["rewrite"] if review else None
            if not rewrite:
                return None
            self.record_rewrite_use(review_id, user)
        return str(rewrite)

    def rewrite_uses_for(self, review_id: int) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.table("rewrite_uses").rows_where("review_id = ?", [review_id], order_by="id"))


def finished_key(key: str) -> str:
    """The claim that marks the action claimed as `key` as done (claimed just before it is shown)."""
    return f"{key}:finished"


def _children_of(
    table: str, where: str, params: list[Any], user: str, counted: str | None
) -> tuple[str, list[Any]]:
    """SQL for the `table` rows on the matching reviews or made by `user`: counted, or deleted when None."""
    rows = f"review_id in (select id from reviews where {where}) or [user] = ?"
    action = f"select {counted} from {table}" if counted else f"delete from {table}"
    return f"{action} where {rows}", [*params, user]


def _network(name: str | None) -> str | None:
    """Networks are stored in lower case, so `log --network LinkedIn` finds `linkedin`."""
    return (name or "").strip().lower() or None


def _row_id(pk: Any) -> int:
    if pk is None:
        raise LogError("the suggestion log did not return a row id")
    return int(pk)


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text.rstrip(".") or exc.__class__.__name__
