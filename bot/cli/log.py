"""`party-coach log`: what the bot has suggested, and clearing out old rows."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import click
from tabulate import tabulate

from bot.cli.common import fail, get_settings
from bot.errors import LogError
from bot.redaction import hide
from bot.settings import CHAT_SETTINGS
from bot.store import ReviewFilter, SuggestionLog

TABLE_COLUMNS = (
    "id",
    "created_at",
    "platform",
    "network",
    "channel",
    "user",
    "trigger",
    "verdict",
    "score",
    "reviewer",
    "draft",
)
TABLE_ROWS = 20
TRY_REVIEW = 'Try: party-coach review "your draft"'
PLATFORMS = ("slack", "discord", "cli")
JSON_COLUMNS = ("violations", "findings", "suggestions", "notes")
REDACTED_COLUMNS = ("findings", "suggestions", "notes", "error")
RELATIVE_SINCE = re.compile(r"^(\d+)\s*([mhdw])$")
UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_since(value: str) -> datetime:
    """'7d', '12h', '30m', '2w', or an ISO date/time (UTC unless it says otherwise)."""
    found = RELATIVE_SINCE.match(value.strip().lower())
    if found:
        return datetime.now(UTC) - timedelta(seconds=int(found[1]) * UNIT_SECONDS[found[2]])
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"--since {value!r}: use a date like 2026-11-01 or a span like 7d, 12h") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def shorten(value: Any, width: int = 60) -> Any:
    if isinstance(value, str):
        flat = " ".join(value.split())
        return flat if len(flat) <= width else flat[: width - 1] + "…"
    return value


def render_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> str:
    """Rows as a table, or as CSV or JSON with every column, the same columns whether or not rows match."""
    for row in rows:
        for key in REDACTED_COLUMNS:
            if isinstance(row.get(key), str):
                row[key] = hide(row[key])  # hash-only mode: `…` where the draft's words were
    if fmt == "json":
        for row in rows:
            for key in JSON_COLUMNS:
                if isinstance(row.get(key), str):
                    row[key] = json.loads(row[key])
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    table = [
        [shorten(row.get(c) if c != "draft" else row.get("draft") or "(hashed)") for c in TABLE_COLUMNS]
        for row in rows
    ]
    return tabulate(table, headers=list(TABLE_COLUMNS))


def open_log(ctx: click.Context) -> SuggestionLog:
    """The existing log, for reading or purging; a missing one is an error, never made here."""
    settings = get_settings(ctx, CHAT_SETTINGS)  # a chat bot's setting never stops this
    try:
        log = SuggestionLog(settings.db_path, hash_drafts=settings.hash_drafts, create=False)
    except LogError as exc:
        raise fail(str(exc)) from None
    ctx.call_on_close(log.close)
    return log


def plural(count: int, word: str = "review") -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


@click.group(invoke_without_command=True)
@click.option("--user", help="Only this user's reviews.")
@click.option("--channel", help="Only this channel's reviews.")
@click.option(
    "--platform", type=click.Choice(PLATFORMS), help="Only reviews made in Slack, Discord or the CLI."
)
@click.option("--network", help="Only drafts written for this network (review --platform), e.g. linkedin.")
@click.option("--verdict", type=click.Choice(["ok", "pushy"]), help="Only ok or pushy reviews.")
@click.option("--since", help="Only since a date (2026-11-01) or a span (7d, 12h).")
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(1),
    help=f"Show at most this many. [default: {TABLE_ROWS} in a table, every matching review in csv and json]",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.pass_context
def log(
    ctx: click.Context,
    user: str | None,
    channel: str | None,
    platform: str | None,
    network: str | None,
    verdict: str | None,
    since: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Show recent reviews, newest first. The filters also choose what `log purge` deletes."""
    filters = ReviewFilter(
        user=user,
        channel=channel,
        platform=platform,
        network=network,
        verdict=verdict,
        since=parse_since(since) if since else None,
    )
    ctx.ensure_object(dict)["filters"] = filters
    if ctx.invoked_subcommand is not None:
        for option in ("limit", "fmt"):
            if ctx.get_parameter_source(option) == click.core.ParameterSource.COMMANDLINE:
                raise fail(f"--{option.replace('fmt', 'format')} doesn't apply to purge; only the filters do")
        return
    settings = get_settings(ctx, CHAT_SETTINGS)  # a chat bot's setting never stops this
    if not settings.db_path.is_file():  # reading never makes a log; a new user just hasn't reviewed yet
        click.echo(
            f"No reviews logged yet: there is no log at {settings.db_path}. {TRY_REVIEW}", err=fmt != "table"
        )
        return
    log = open_log(ctx)
    matching = log.count_reviews(filters)
    if limit is None and fmt == "table":
        limit = TABLE_ROWS
    rows = log.recent_reviews(filters, limit=limit)
    if not rows and fmt == "table":  # csv and json stay machine-readable: a header, or []
        held = log.count_reviews()
        if held == 0:
            click.echo(f"No reviews logged yet in {log.path}. {TRY_REVIEW}")
        else:
            held_text = f"the log holds {plural(held)}"
            click.echo(f"No reviews match these filters ({filters.describe()}); {held_text}.")
        return
    click.echo(render_rows(rows, fmt, log.review_columns()))
    if len(rows) < matching:
        click.echo(
            f"Showing the newest {len(rows):,} of {plural(matching, 'matching review')}; "
            f"add --limit {matching} to see them all.",
            err=True,
        )


@log.command()
@click.option("--older-than", "days", required=True, type=click.IntRange(min=0), help="Age in days.")
@click.option("--yes", is_flag=True, help="Don't ask for confirmation (it is only asked in a terminal).")
@click.pass_context
def purge(ctx: click.Context, days: int, yes: bool) -> None:
    """Delete reviews older than DAYS days (only those the log filters match), and their feedback.

    Without filters, tip records and other bookkeeping older than DAYS days go too.
    """
    filters: ReviewFilter = ctx.obj["filters"]
    scope = f" ({filters.describe()})" if filters.describe() else ""
    log = open_log(ctx)
    if not yes and sys.stdin.isatty():
        matching = log.count_reviews(filters, older_than_days=days)
        these = "it" if matching == 1 else "them"
        question = f"{plural(matching)} older than {days} days match{'es' if matching == 1 else ''}{scope}."
        if not click.confirm(f"{question} Delete {these}, with their feedback?", default=False):
            click.echo("Nothing deleted.")
            return
    try:
        removed = log.purge(days, filters)
    except LogError as exc:
        raise fail(str(exc)) from None
    click.echo(f"Deleted {plural(removed)} older than {days} days{scope}.")
