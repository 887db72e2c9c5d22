"""`party-coach eval`: how well a reviewer agrees with a labelled set."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import click

from bot.cli.common import fail, get_settings, read_input
from bot.coach import make_reviewer
from bot.errors import DraftError, PartyCoachError, ReviewerUnavailable
from bot.evaluation import EvalReport, LabelledDraft, labelled_drafts, score_reviews
from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.model import CORE_PRINCIPLES, Review, Verdict
from bot.review.offline import OfflineReviewer
from bot.review.reviewer import Reviewer
from bot.settings import CHAT_SETTINGS

CONCURRENCY = 4


async def review_items(
    reviewer: Reviewer, fallback: OfflineReviewer, items: list[LabelledDraft]
) -> tuple[list[Review], int]:
    """Every item reviewed; an item the reviewer can't answer is judged offline and counted."""
    gate = asyncio.Semaphore(CONCURRENCY)
    failures = 0

    async def one(item: LabelledDraft) -> Review:
        nonlocal failures
        draft = Draft(item.text, item.context, item.platform)
        async with gate:
            try:
                return await reviewer.review(draft)
            except ReviewerUnavailable:
                failures += 1
                return fallback.review_sync(draft)

    try:
        return list(await asyncio.gather(*(one(i) for i in items))), failures
    finally:
        await reviewer.aclose()


VERDICTS: tuple[Verdict, Verdict] = ("ok", "pushy")
DEFAULT_FILE = "data/drafts-dev.jsonl"


def confusion_lines(report: EvalReport) -> list[str]:
    """The verdict confusion matrix: labelled verdicts down, reviewed verdicts across."""
    lines = [f"{'':<16}{'reviewed ok':>13}{'reviewed pushy':>16}"]
    for labelled in VERDICTS:
        ok, pushy = (report.confusion.count(labelled, reviewed) for reviewed in VERDICTS)
        lines.append(f"{'labelled ' + labelled:<16}{ok:>13}{pushy:>16}")
    return lines


def source_lines(report: EvalReport) -> list[str]:
    """One line per source: its verdict figures, what it missed and flagged wrongly, its F1s."""
    width = max(len("source"), *(len(name) for name in report.sources)) + 2
    lines = [
        f"{'source':<{width}}{'items':>6}{'accuracy':>10}{'MCC':>8}{'pushy missed':>14}{'ok flagged':>12}"
        "   F1 converse / help / pitch"
    ]
    for name, part in report.sources.items():
        c = part.confusion
        f1s = " / ".join(f"{part.f1(p):.3f}" for p in CORE_PRINCIPLES)
        lines.append(
            f"{name:<{width}}{part.total:>6}{part.accuracy:>10.3f}{part.mcc:>8.3f}"
            f"{f'{c.fn} of {c.fn + c.tp}':>14}{f'{c.fp} of {c.fp + c.tn}':>12}   {f1s}"
        )
    return lines


def report_text(report: EvalReport, reviewer: str, failures: int, show_misses: bool) -> str:
    lines = [
        f"reviewer: {reviewer}   items: {report.total}   sources: {len(report.sources)}",
        f"verdict accuracy: {report.accuracy:.3f}   MCC: {report.mcc:.3f}",
        "",
        *confusion_lines(report),
        "",
        f"{'principle':<24}{'precision':>10}{'recall':>10}{'F1':>8}{'support':>9}",
    ]
    for p in report.principles:
        lines.append(f"{p.principle:<24}{p.precision:>10.3f}{p.recall:>10.3f}{p.f1:>8.3f}{p.support:>9}")
    lines += ["", *source_lines(report)]
    if failures:
        lines.append(f"\n{failures} item(s) got no answer from the reviewer and were judged offline.")
    if show_misses and report.misses:
        several = len(report.sources) > 1
        lines.append(f"\nmisses ({len(report.misses)}):")
        for miss in report.misses:
            want = ",".join(sorted(miss.item.violations)) or "-"
            got = ",".join(sorted(miss.violations & set(CORE_PRINCIPLES))) or "-"
            where = f" ({miss.item.source})" if several else ""
            lines.append(
                f"  {miss.item.id}{where}: expected {miss.item.verdict} [{want}]  got {miss.verdict} [{got}]"
            )
    return "\n".join(lines)


def figures(report: EvalReport) -> dict[str, Any]:
    """The figures JSON output gives for the whole run and for each source."""
    return {
        "items": report.total,
        "accuracy": report.accuracy,
        "mcc": report.mcc,
        "confusion": {
            f"labelled {labelled}": {
                f"reviewed {reviewed}": report.confusion.count(labelled, reviewed) for reviewed in VERDICTS
            }
            for labelled in VERDICTS
        },
        "principles": {
            p.principle: {"precision": p.precision, "recall": p.recall, "f1": p.f1, "support": p.support}
            for p in report.principles
        },
    }


def report_json(report: EvalReport, reviewer: str, failures: int) -> str:
    data = {
        "reviewer": reviewer,
        **figures(report),
        "unanswered": failures,
        "sources": {name: figures(part) for name, part in report.sources.items()},
        "misses": [
            {
                "id": m.item.id,
                "source": m.item.source,
                "expected": {"verdict": m.item.verdict, "violations": sorted(m.item.violations)},
                "got": {"verdict": m.verdict, "violations": sorted(m.violations)},
            }
            for m in report.misses
        ],
    }
    return json.dumps(data, indent=2)


@click.command(name="eval")
@click.argument("labelled_files", nargs=-1, metavar="[LABELLED_FILE]...")
@click.option(
    "-r", "--reviewer", type=click.Choice(["auto", "offline", "llm"]), default="offline", show_default=True
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--misses/--no-misses", default=True, show_default=True, help="List the items it got wrong.")
@click.pass_context
def eval_command(
    ctx: click.Context, labelled_files: tuple[str, ...], reviewer: str, fmt: str, misses: bool
) -> None:
    """Score a reviewer on labelled .jsonl files (the dev set's format; default data/drafts-dev.jsonl):
    accuracy, MCC, confusion matrix, per-principle P/R/F1, and the same for each source."""
    items: list[LabelledDraft] = []
    for labelled_file in labelled_files or (DEFAULT_FILE,):
        source, raw = read_input(labelled_file)
        try:
            items += labelled_drafts(raw, source)
        except DraftError as exc:
            raise fail(str(exc)) from None
    settings = get_settings(ctx, CHAT_SETTINGS)  # a chat bot's setting never stops this
    try:
        principles = load_principles(settings.principles_path)
        chosen = make_reviewer(settings, principles, reviewer)  # type: ignore[arg-type]
    except PartyCoachError as exc:
        raise fail(str(exc)) from None
    reviews, failures = asyncio.run(review_items(chosen, OfflineReviewer(principles), items))
    report = score_reviews(items, reviews)
    name = chosen.name + (f" ({chosen.model})" if chosen.model else "")
    click.echo(
        report_text(report, name, failures, misses) if fmt == "text" else report_json(report, name, failures)
    )
