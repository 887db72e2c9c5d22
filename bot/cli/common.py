"""What every command shares: settings, the coach, and friendly failure."""

from __future__ import annotations

import os
from pathlib import Path

import click

from bot.cli.logging_setup import configure_logging
from bot.coach import Coach, build_coach
from bot.errors import PartyCoachError
from bot.settings import ReviewerChoice, SettingProblem, Settings, describe_problems, read_settings

USAGE_ERROR = 2


class FriendlyError(click.ClickException):
    """A one-line error, exit code 2, no traceback."""

    exit_code = USAGE_ERROR

    def format_message(self) -> str:
        return self.message


def fail(message: str) -> FriendlyError:
    return FriendlyError(message)


def honour_no_color(ctx: click.Context) -> None:
    """No colour when NO_COLOR is set to anything (https://no-color.org), even on a terminal."""
    if os.environ.get("NO_COLOR"):
        ctx.color = False


def get_settings(ctx: click.Context, ignore: frozenset[str] = frozenset()) -> Settings:
    """The settings, or one line naming every bad one outside `ignore` (fields the command never reads)."""
    obj = ctx.ensure_object(dict)
    if "settings" not in obj:
        try:
            obj["settings"], obj["setting_problems"] = read_settings()
        except PartyCoachError as exc:
            raise fail(str(exc)) from None
        configure_logging(
            obj["settings"].log_level, obj["settings"].log_format
        )  # a bad PARTY_COACH_LOG_LEVEL is at its default by now
    problems: list[SettingProblem] = [p for p in obj["setting_problems"] if p.field not in ignore]
    if problems:
        raise fail(describe_problems(problems))
    settings: Settings = obj["settings"]
    return settings


def open_coach(
    ctx: click.Context, reviewer: ReviewerChoice | None = None, ignore: frozenset[str] = frozenset()
) -> Coach:
    """Build the coach once per command; a bad config or DB path becomes a one-line error."""
    obj = ctx.ensure_object(dict)
    if "coach" not in obj:
        settings = get_settings(ctx, ignore)
        try:
            coach = build_coach(settings, reviewer)
        except PartyCoachError as exc:
            raise fail(str(exc)) from None
        ctx.call_on_close(coach.close)
        obj["coach"] = coach
    coach_obj: Coach = obj["coach"]
    return coach_obj


def use_memory_log(ctx: click.Context) -> None:
    """Keep this command's log in memory: no log file is opened, made or written."""
    settings = get_settings(ctx)
    ctx.ensure_object(dict)["settings"] = settings.model_copy(update={"db_path": Path(":memory:")})


def read_input(source: str) -> tuple[str, bytes]:
    """Read a file path, or '-' for stdin, as raw bytes (decoded later, with a clear error)."""
    if source == "-":
        with click.open_file("-", "rb") as stdin:
            return "standard input", stdin.read()
    path = Path(source)
    try:
        return str(path), path.read_bytes()
    except FileNotFoundError:
        raise fail(f"no such file: {source}") from None
    except IsADirectoryError:
        raise fail(f"{source} is a folder, not a file") from None
    except OSError as exc:
        raise fail(f"can't read {source}: {exc.strerror or exc}") from None
