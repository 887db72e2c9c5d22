"""`party-coach review`: lint drafts like a prose linter."""

from __future__ import annotations

import asyncio
import gc
import json
from pathlib import Path

import click

from bot.cli.common import fail, open_coach, read_input, use_memory_log
from bot.cli.review_output import review_as_dict, review_as_text
from bot.coach import Coach, ReviewOutcome
from bot.drafts_file import DraftLine, parse_jsonl
from bot.errors import DraftError, LogError
from bot.review.draft import check_draft_text, decode_text
from bot.review.offline import OfflineReviewer

CONCURRENCY = 4


def collect_drafts(
    draft: str, is_file: bool, context: str | None, platform: str | None
) -> tuple[list[DraftLine], bool]:
    """The drafts to review, and whether they came as a batch (a .jsonl file)."""
    if not is_file:
        return [DraftLine(1, None, check_draft_text(draft), context, platform, {})], False
    source, raw = read_input(draft)
    if draft != "-" and Path(draft).suffix.lower() == ".jsonl":
        return parse_jsonl(raw, source), True
    text = check_draft_text(decode_text(raw, source))
    return [DraftLine(1, None, text, context, platform, {})], False


def names_a_file(draft: str) -> bool:
    """A lone path to an existing file, as a prose linter would be given: read it, don't review the name."""
    if len(draft) > 1024 or any(char.isspace() for char in draft):
        return False
    try:
        return Path(draft).is_file()
    except (OSError, ValueError):  # a name too long for the file system, or a NUL byte
        return False


async def review_all(
    coach: Coach, drafts: list[DraftLine], default_platform: str | None
) -> list[ReviewOutcome]:
    """Review in input order, a few at a time (the LLM reviewer waits on the network); logged later."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(item: DraftLine) -> ReviewOutcome:
        async with gate:
            network = item.platform or default_platform
            return await coach.review(item.text, item.context, network=network, record=False)

    try:
        if isinstance(coach.reviewer, OfflineReviewer):  # nothing to wait on: a task per draft only costs
            return [await one(d) for d in drafts]
        return list(await asyncio.gather(*(one(d) for d in drafts)))
    finally:
        await coach.reviewer.aclose()


@click.command()
@click.argument("draft")
@click.option(
    "-f", "--file", "is_file", is_flag=True, help="DRAFT is a file path ('-' for stdin), even with spaces."
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
    context: str | None,
    platform: str | None,
    reviewer: str | None,
    fmt: str,
    no_log: bool,
) -> None:
    """Review a draft and exit 0 if it is ok, 1 if it is pushy, 2 on bad input.

    DRAFT is the text itself, or the path of a file ('.jsonl' for one draft per line), or '-' for stdin.
    """
    is_file = is_file or draft == "-" or names_a_file(draft)
    try:
        drafts, batch = collect_drafts(draft, is_file, context, platform)
        if context is not None and context.strip():
            check_draft_text(context, what="context")
    except DraftError as exc:
        raise fail(str(exc)) from None
    if no_log:
        use_memory_log(ctx)
    if batch and gc.isenabled():
        # Each draft leaves a hundred or so objects alive until the output is written, and almost no
        # cycles: the collector's passes over them took a third of a 10,000-draft run and freed nothing.
        gc.disable()
        ctx.call_on_close(gc.enable)
    coach = open_coach(ctx, reviewer)  # type: ignore[arg-type]
    try:
        outcomes = asyncio.run(review_all(coach, drafts, platform))
    except DraftError as exc:
        raise fail(str(exc)) from None
    try:
        outcomes = outcomes if no_log else coach.save_reviews(outcomes)
    except LogError as exc:
        raise fail(f"{exc}. Try again in a moment, or add --no-log to review without saving") from None
    if fmt == "text":
        for item, outcome in zip(drafts, outcomes, strict=True):
            label = (item.id or f"line {item.line}") if batch else None
            click.echo(review_as_text(outcome, coach.principles, label=label))
    else:
        data = [review_as_dict(o, d.id) for d, o in zip(drafts, outcomes, strict=True)]
        if fmt == "jsonl":  # one write for the whole batch, not one per line
            click.echo("\n".join(json.dumps(item, ensure_ascii=False) for item in data))
        else:
            click.echo(json.dumps(data if batch else data[0], indent=2, ensure_ascii=False))
    ctx.exit(1 if any(o.review.verdict == "pushy" for o in outcomes) else 0)
