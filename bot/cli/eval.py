"""`party-coach eval`: how well a reviewer agrees with a labelled set."""

from __future__ import annotations

import asyncio
import json

import click

from bot.cli.common import fail, get_settings, read_input
from bot.coach import make_reviewer
from bot.drafts_file import parse_jsonl
from bot.errors import DraftError, PartyCoachError, ReviewerUnavailable
from bot.evaluation import EvalReport, LabelledDraft, score_reviews
from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.model import CORE_PRINCIPLES, Review
from bot.review.offline import OfflineReviewer
from bot.review.reviewer import Reviewer

CONCURRENCY = 4


def labelled_drafts(raw: bytes, source: str) -> list[LabelledDraft]:
    items = []
    for line in parse_jsonl(raw, source):
        verdict, violations = line.raw.get("verdict"), line.raw.get("violations", [])
        if verdict not in ("ok", "pushy"):
            raise DraftError(f'{source}, line {line.line}: \'verdict\' must be "ok" or "pushy"')
        if not isinstance(violations, list) or not all(isinstance(v, str) for v in violations):
            raise DraftError(f"{source}, line {line.line}: 'violations' must be a list of principle ids")
        items.append(
            LabelledDraft(
                id=line.id or f"line {line.line}",
                text=line.text,
                context=line.context,
                platform=line.platform,
                verdict=verdict,
                violations=frozenset(violations) & set(CORE_PRINCIPLES),
                note=str(line.raw.get("note", "")),
            )
        )
    return items


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


def report_text(report: EvalReport, reviewer: str, failures: int, show_misses: bool) -> str:
    lines = [
        f"reviewer: {reviewer}   items: {report.total}",
        f"verdict accuracy: {report.accuracy:.3f}   MCC: {report.mcc:.3f}",
        "",
        f"{'principle':<24}{'precision':>10}{'recall':>10}{'F1':>8}{'support':>9}",
    ]
    for p in report.principles:
        lines.append(f"{p.principle:<24}{p.precision:>10.3f}{p.recall:>10.3f}{p.f1:>8.3f}{p.support:>9}")
    if failures:
        lines.append(f"\n{failures} item(s) got no answer from the reviewer and were judged offline.")
    if show_misses and report.misses:
        lines.append(f"\nmisses ({len(report.misses)}):")
        for miss in report.misses:
            want = ",".join(sorted(miss.item.violations)) or "-"
            got = ",".join(sorted(miss.violations & set(CORE_PRINCIPLES))) or "-"
            lines.append(
                f"  {miss.item.id}: expected {miss.item.verdict} [{want}]  got {miss.verdict} [{got}]"
            )
    return "\n".join(lines)


def report_json(report: EvalReport, reviewer: str, failures: int) -> str:
    data = {
        "reviewer": reviewer,
        "items": report.total,
        "accuracy": report.accuracy,
        "mcc": report.mcc,
        "unanswered": failures,
        "principles": {
            p.principle: {"precision": p.precision, "recall": p.recall, "f1": p.f1, "support": p.support}
            for p in report.principles
        },
        "misses": [
            {
                "id": m.item.id,
                "expected": {"verdict": m.item.verdict, "violations": sorted(m.item.violations)},
                "got": {"verdict": m.verdict, "violations": sorted(m.violations)},
            }
            for m in report.misses
        ],
    }
    return json.dumps(data, indent=2)


@click.command(name="eval")
@click.argument("labelled_file", default="data/drafts-dev.jsonl")
@click.option(
    "-r", "--reviewer", type=click.Choice(["auto", "offline", "llm"]), default="offline", show_default=True
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--misses/--no-misses", default=True, show_default=True, help="List the items it got wrong.")
@click.pass_context
def eval_command(ctx: click.Context, labelled_file: str, reviewer: str, fmt: str, misses: bool) -> None:
    """Score a reviewer on a labelled .jsonl (the dev set's format): accuracy, MCC, per-principle P/R/F1."""
    source, raw = read_input(labelled_file)
    try:
        items = labelled_drafts(raw, source)
    except DraftError as exc:
        raise fail(str(exc)) from None
    settings = get_settings(ctx)
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
