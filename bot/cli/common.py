"""What every command shares: settings, the coach, and friendly failure."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from bot.coach import Coach, build_coach
from bot.errors import PartyCoachError
from bot.settings import ReviewerChoice, Settings, load_settings

USAGE_ERROR = 2


class FriendlyError(click.ClickException):
    """A one-line error, exit code 2, no traceback."""

    exit_code = USAGE_ERROR

    def format_message(self) -> str:
        return self.message


def fail(message: str) -> FriendlyError:
    return FriendlyError(message)


def get_settings(ctx: click.Context) -> Settings:
    obj = ctx.ensure_object(dict)
    if "settings" not in obj:
        try:
            obj["settings"] = load_settings()
        except PartyCoachError as exc:
            raise fail(str(exc)) from None
        logging.basicConfig(
            level=obj["settings"].log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    settings: Settings = obj["settings"]
    return settings


def open_coach(ctx: click.Context, reviewer: ReviewerChoice | None = None) -> Coach:
    """Build the coach once per command; a bad config or DB path becomes a one-line error."""
    obj = ctx.ensure_object(dict)
    if "coach" not in obj:
        settings = get_settings(ctx)
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
