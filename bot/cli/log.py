"""`party-coach log`: what the bot has suggested, and clearing out old rows."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import click
from tabulate import tabulate

from bot.cli.common import fail, get_settings
from bot.errors import LogError
from bot.redaction import hide
from bot.settings import CHAT_SETTINGS
from bot.store import ReviewFilter, SuggestionLog
from bot.usage import GROUP_COLUMNS, Grouping, Prices, UsageRow, total, usage_by
from bot.wording import plural

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
FILTER_OPTIONS = ("user", "channel", "platform", "network", "verdict", "since")
# Which of `log`'s own options each subcommand uses; any other given before it is refused, not ignored.
GROUP_OPTIONS_USED = {"purge": FILTER_OPTIONS, "stats": FILTER_OPTIONS, "forget": ()}


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


def log_exists(ctx: click.Context, fmt: str) -> bool:
    """Whether there is a log to read; if not, says so (on stderr for csv and json), never making one."""
    settings = get_settings(ctx, CHAT_SETTINGS)  # a chat bot's setting never stops this
    if settings.db_path.is_file():
        return True
    click.echo(
        f"No reviews logged yet: there is no log at {settings.db_path}. {TRY_REVIEW}", err=fmt != "table"
    )
    return False


def nothing_matches(log: SuggestionLog, filters: ReviewFilter) -> str:
    """Why a listing is empty: an empty log, or filters that match none of the reviews it holds."""
    held = log.count_reviews()
    if held == 0:
        return f"No reviews logged yet in {log.path}. {TRY_REVIEW}"
    return f"No reviews match these filters ({filters.describe()}); the log holds {plural(held)}."


def refuse_unused_options(ctx: click.Context, command: str) -> None:
    """`log --limit 5 purge`: an option the subcommand doesn't use is an error, never silently ignored."""
    used = GROUP_OPTIONS_USED.get(command, ())
    for option in (*FILTER_OPTIONS, "limit", "fmt"):
        if option not in used and ctx.get_parameter_source(option) == click.core.ParameterSource.COMMANDLINE:
            name = "--format" if option == "fmt" else f"--{option}"
            if command == "purge":
                raise fail(f"{name} doesn't apply to purge; only the filters do")
            raise fail(f"{name} goes after {command}: party-coach log {command} {name} …")


FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The review filters shared by `log` and `log stats`."""
    for option in reversed(
        [
            click.option("--user", help="Only this user's reviews."),
            click.option("--channel", help="Only this channel's reviews."),
            click.option(
                "--platform",
                type=click.Choice(PLATFORMS),
                help="Only reviews made in Slack, Discord or the CLI.",
            ),
            click.option(
                "--network", help="Only drafts written for this network (review --platform), e.g. linkedin."
            ),
            click.option("--verdict", type=click.Choice(["ok", "pushy"]), help="Only ok or pushy reviews."),
            click.option("--since", help="Only since a date (2026-11-01) or a span (7d, 12h)."),
        ]
    ):
        command = option(command)
    return command


def review_filter(given: dict[str, Any], base: ReviewFilter | None = None) -> ReviewFilter:
    """The filters given as options, on top of `base` (those given to `log` before a subcommand)."""
    chosen = {name: given[name] for name in FILTER_OPTIONS if given.get(name) is not None}
    if "since" in chosen:
        chosen["since"] = parse_since(chosen["since"])
    return replace(base or ReviewFilter(), **chosen)


@click.group(invoke_without_command=True)
@filter_options
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(1),
    help=f"Show at most this many. [default: {TABLE_ROWS} in a table, every matching review in csv and json]",
)
@FORMAT_OPTION
@click.pass_context
def log(ctx: click.Context, limit: int | None, fmt: str, **given: Any) -> None:
    """Show recent reviews, newest first. The filters also choose what `log purge` deletes."""
    filters = review_filter(given)
    ctx.ensure_object(dict)["filters"] = filters
    if ctx.invoked_subcommand is not None:
        refuse_unused_options(ctx, ctx.invoked_subcommand)
        return
    if not log_exists(ctx, fmt):
        return
    log = open_log(ctx)
    matching = log.count_reviews(filters)
    if limit is None and fmt == "table":
        limit = TABLE_ROWS
    rows = log.recent_reviews(filters, limit=limit)
    if not rows and fmt == "table":  # csv and json stay machine-readable: a header, or []
        click.echo(nothing_matches(log, filters))
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


USAGE_COLUMNS = ("reviews", "pushy", "pushy_rate", "tokens_in", "tokens_out", "cost_usd")


def usage_record(row: UsageRow) -> dict[str, Any]:
    """One group as plain values, for csv and json."""
    return {
        **row.group,
        "reviews": row.reviews,
        "pushy": row.pushy,
        "pushy_rate": round(row.pushy_rate, 4),
        "tokens_in": row.tokens_in,
        "tokens_out": row.tokens_out,
        "cost_usd": round(row.cost, 6),
    }


def render_usage(rows: list[UsageRow], by: Grouping, prices: Prices, fmt: str) -> str:
    """The usage table with a total line, or csv of the groups, or json with groups, total and prices."""
    keys = [name for name, _ in GROUP_COLUMNS[by]]
    if fmt == "json":
        summary = {
            "by": by,
            "prices_usd_per_million_tokens": {"input": prices.input_per_m, "output": prices.output_per_m},
            "groups": [usage_record(row) for row in rows],
            "total": usage_record(total(rows, prices)),
        }
        return json.dumps(summary, indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=[*keys, *USAGE_COLUMNS])
        writer.writeheader()
        writer.writerows(usage_record(row) for row in rows)
        return out.getvalue().rstrip("\n")
    lines = [[*(row.group[k] or "-" for k in keys), *usage_cells(row)] for row in rows]
    lines.append(["Total", *("" for _ in keys[1:]), *usage_cells(total(rows, prices))])
    headers = [*keys, "reviews", "pushy", "pushy rate", "tokens in", "tokens out", "est. cost"]
    return tabulate(lines, headers=headers, disable_numparse=True)


def usage_cells(row: UsageRow) -> list[str]:
    return [
        f"{row.reviews:,}",
        f"{row.pushy:,}",
        f"{row.pushy_rate:.0%}",
        f"{row.tokens_in:,}",
        f"{row.tokens_out:,}",
        f"${row.cost:,.4f}",
    ]


@log.command()
@filter_options
@click.option(
    "--by",
    type=click.Choice(["day", "channel", "user", "reviewer"]),
    default="day",
    show_default=True,
    help="One line per day, channel, user or reviewer.",
)
@FORMAT_OPTION
@click.pass_context
def stats(ctx: click.Context, by: Grouping, fmt: str, **given: Any) -> None:
    """Reviews, pushy rate, AI tokens and estimated cost, by day, channel, user or reviewer."""
    filters = review_filter(given, ctx.obj["filters"])
    if not log_exists(ctx, fmt):
        return
    settings = get_settings(ctx, CHAT_SETTINGS)
    prices = Prices(settings.price_input_per_m, settings.price_output_per_m)
    log = open_log(ctx)
    rows = usage_by(log, by, prices, filters)
    if not rows and fmt == "table":
        click.echo(nothing_matches(log, filters))
        return
    click.echo(render_usage(rows, by, prices, fmt))
    if fmt == "table":
        click.echo(
            f"Costs are estimates at ${prices.input_per_m:g} per million input tokens and "
            f"${prices.output_per_m:g} per million output tokens (PARTY_COACH_PRICE_INPUT_PER_M, "
            "PARTY_COACH_PRICE_OUTPUT_PER_M).",
            err=True,
        )


@log.command()
@click.option("--user", required=True, help="The person's user ID, as `party-coach log` shows it.")
@click.option("--yes", is_flag=True, help="Don't ask for confirmation.")
@click.pass_context
def forget(ctx: click.Context, user: str, yes: bool) -> None:
    """Delete everything logged about one person: drafts, reviews, cached answers and feedback."""
    settings = get_settings(ctx, CHAT_SETTINGS)
    if not settings.db_path.is_file():
        click.echo(f"Nothing to delete: there is no log at {settings.db_path} yet.")
        return
    log = open_log(ctx)
    found = log.user_rows(user)
    if found.rows == 0:
        click.echo(f"Nothing to delete: the log holds no reviews or feedback from user {user}.")
        return
    copies = f", {plural(found.rewrite_uses, 'copied rewrite')}" if found.rewrite_uses else ""
    what = f"{plural(found.reviews)}{copies} and {plural(found.feedback, 'feedback vote')}"
    if not yes:
        try:
            agreed = click.confirm(
                f"The log holds {what} from user {user}. Delete them for good?", default=False
            )
        except click.Abort:
            agreed = False
        if not agreed:
            click.echo("Nothing deleted.")
            return
    try:
        removed = log.forget_user(user)
    except LogError as exc:
        raise fail(str(exc)) from None
    click.echo(
        f"Deleted {plural(removed.rows, 'row')} for user {user}: {plural(removed.reviews)} "
        f"(with their drafts and cached answers){copies} and {plural(removed.feedback, 'feedback vote')}."
    )
