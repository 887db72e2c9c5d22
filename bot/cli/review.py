"""`party-coach review`: lint drafts like a prose linter."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import re
import shlex
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from bot.cli.common import fail, open_coach, read_input, use_memory_log
from bot.cli.review_output import renderer, review_as_json
from bot.coach import Coach, ReviewOutcome
from bot.drafts_file import JSONL_SUFFIXES, DraftLine, looks_like_jsonl, parse_jsonl
from bot.errors import DraftError, LogError
from bot.review.draft import check_draft_text, check_encodable, decode_text, make_draft
from bot.settings import CHAT_SETTINGS
from bot.store import BATCH_ROWS


def collect_drafts(
    draft: str, is_file: bool, input_kind: str, context: str | None, platform: str | None
) -> tuple[list[DraftLine], bool]:
    """The drafts to review, and whether they came as a batch (JSON lines)."""
    if not is_file:
        text = check_draft_text(draft)
        if looks_like_a_path(text):
            raise DraftError(
                f"no such file: {draft} (to review those words as a draft, pipe them in: "
                f"echo {shlex.quote(draft)} | party-coach review -)"
            )
        return [DraftLine(1, None, text, context, platform, {})], False
    source, raw = read_input(draft)
    if reads_as_jsonl(draft, raw, input_kind):
        return parse_jsonl(raw, source), True
    text = check_draft_text(decode_text(raw, source))
    return [DraftLine(1, None, text, context, platform, {})], False


def reads_as_jsonl(draft: str, raw: bytes, input_kind: str) -> bool:
    """JSON lines when asked for, or (auto) a .jsonl/.ndjson file, or stdin that starts like one."""
    if input_kind != "auto":
        return input_kind == "jsonl"
    if draft == "-":
        return looks_like_jsonl(raw)
    return Path(draft).suffix.lower() in JSONL_SUFFIXES


def names_a_file(draft: str) -> bool:
    """A lone path to an existing file, as a prose linter would be given: read it, don't review the name."""
    if len(draft) > 1024 or any(char.isspace() for char in draft):
        return False
    try:
        return Path(draft).is_file()
    except (OSError, ValueError):  # a name too long for the file system, or a NUL byte
        return False


# One word ending in a file extension (".txt", ".jsonl", ".MD"; not "v1.2" or "Thanks.Bye"), no spaces.
PATH_LIKE = re.compile(r"\S*[^\s.]\.(?:[a-z][a-z0-9]{0,9}|[A-Z][A-Z0-9]{0,9})")


def looks_like_a_path(draft: str) -> bool:
    """A mistyped file name: reviewing the name itself would only hide the typo."""
    return "://" not in draft and "@" not in draft and PATH_LIKE.fullmatch(draft) is not None


@dataclass
class BatchRun:
    """A run so far: reviews saved, any pushy, each chunk's output, and the signal that stopped it, if any."""

    drafts: int
    saving: bool
    saved: int = 0
    pushy: bool = False
    rendered: list[Any] = field(default_factory=list)
    stopped_by: int | None = None

    def saved_so_far(self) -> str:
        if not self.saving:
            return "nothing was saved (--no-log)"
        return f"{self.saved:,} of {self.drafts:,} reviews were saved in the log"


async def review_in_chunks(
    coach: Coach,
    items: list[DraftLine],
    default_platform: str | None,
    render: Callable[[list[DraftLine], list[ReviewOutcome]], Any],
    run: BatchRun,
) -> None:
    """Review, log and render a few hundred drafts at a time, so a stopped run keeps every chunk before.

    Ctrl-C or a kill (SIGTERM) cancels the run at its next wait, never between saving a chunk and counting it.
    """
    stop_on_signals(run)
    try:
        for first in range(0, len(items), BATCH_ROWS):
            chunk = items[first : first + BATCH_ROWS]
            drafts = [make_draft(i.text, i.context, i.platform or default_platform) for i in chunk]
            outcomes = await coach.review_unsaved(drafts)
            if run.saving:  # in this thread, with no wait between saving and counting
                outcomes = coach.save_reviews(outcomes)
                run.saved += len(outcomes)
            run.pushy = run.pushy or any(o.review.verdict == "pushy" for o in outcomes)
            run.rendered.append(render(chunk, outcomes))
            await asyncio.sleep(0)  # the offline reviewer never waits: let a stop signal in between chunks
    finally:
        await coach.reviewer.aclose()


def stop_on_signals(run: BatchRun) -> None:
    """Turn Ctrl-C and SIGTERM into cancelling this run, noting which signal it was."""
    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    if task is None:
        return

    def stop(signum: int) -> None:
        run.stopped_by = signum
        task.cancel()

    for signum in (signal.SIGINT, signal.SIGTERM):
        # Not on Windows' event loop, nor outside the main thread: there the default handling stays.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, stop, signum)


def _collector_back_on() -> None:
    """Collector back on, without a last pass over every review of the batch (they hold no cycles)."""
    gc.freeze()
    gc.enable()


@click.command()
@click.argument("draft")
@click.option(
    "-f", "--file", "is_file", is_flag=True, help="DRAFT is a file path ('-' for stdin), even with spaces."
)
@click.option(
    "--input",
    "input_kind",
    type=click.Choice(["auto", "text", "jsonl"]),
    default="auto",
    show_default=True,
    help="How to read DRAFT: one draft (text), one JSON draft per line (jsonl), or auto: JSON lines for "
    ".jsonl and .ndjson files, and for stdin that starts with a JSON object holding a 'text' field.",
)
@click.option("-c", "--context", help="The message this draft replies to.")
@click.option("-p", "--platform", help="Where the draft will be posted (twitter, linkedin, reddit…).")
@click.option(
    "-r",
    "--reviewer",
    type=click.Choice(["auto", "offline", "llm"]),
    default=None,
    help="auto: the LLM when one is configured, else offline.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True
)
@click.option("--no-log", is_flag=True, help="Don't save the reviews in the suggestion log (for CI).")
@click.pass_context
def review(
    ctx: click.Context,
    draft: str,
    is_file: bool,
    input_kind: str,
    context: str | None,
    platform: str | None,
    reviewer: str | None,
    fmt: str,
    no_log: bool,
) -> None:
    """Review a draft and exit 0 if it is ok, 1 if it is pushy, 2 on bad input.

    DRAFT is the text itself, or the path of a file ('.jsonl' for one draft per line), or '-' for stdin.
    """
    is_file = is_file or draft == "-" or input_kind == "jsonl" or names_a_file(draft)
    if is_file and gc.isenabled():
        # A batch makes a hundred or so objects per draft, and almost no cycles: the collector's passes over
        # the drafts read and the reviews made took a third of a 10,000-draft run and freed nothing.
        gc.disable()
        ctx.call_on_close(_collector_back_on)
    try:
        if platform is not None:
            check_encodable(platform, "platform")
        drafts, batch = collect_drafts(draft, is_file, input_kind, context, platform)
        if context is not None and context.strip():
            check_draft_text(context, what="context")
    except DraftError as exc:
        raise fail(str(exc)) from None
    if no_log:
        use_memory_log(ctx)
    coach = open_coach(ctx, reviewer, ignore=CHAT_SETTINGS)  # type: ignore[arg-type]
    render = renderer(fmt, batch, coach.principles)
    run = BatchRun(len(drafts), saving=not no_log)
    try:
        asyncio.run(review_in_chunks(coach, drafts, platform, render, run))
    except DraftError as exc:
        raise fail(str(exc)) from None
    except LogError as exc:
        saved = f" ({run.saved_so_far()})" if run.saved else ""
        raise fail(f"{exc}{saved}. Try again in a moment, or add --no-log to review without saving") from None
    except asyncio.CancelledError:
        if run.stopped_by is None:
            raise
        click.echo(f"Stopped: {run.saved_so_far()}.", err=True)
        ctx.exit(128 + run.stopped_by)  # what a shell reports for a command ended by that signal
    # One write for the whole batch, not one per line. JSON holds no colour codes (it escapes control
    # characters), so click need not search megabytes of it for them; JSON lines are written as the UTF-8
    # they were made in, never decoded and encoded again.
    if fmt == "json":
        reviews = [review for chunk in run.rendered for review in chunk]
        click.echo(review_as_json(reviews if batch else reviews[0], indent=2), color=True)
    elif fmt == "jsonl":
        click.echo(b"\n".join(run.rendered))
    else:
        click.echo("\n".join(run.rendered))
    ctx.exit(1 if run.pushy else 0)
