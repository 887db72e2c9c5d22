"""`party-coach doctor`: what is configured, what is missing, and what each missing piece would enable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import click

from bot.cli.common import fail
from bot.errors import LogMissing, PartyCoachError
from bot.review.native_build import offline_build, stale_modules
from bot.settings import SettingProblem, Settings, read_settings, shape_problems

OK, MISSING, BROKEN = "ok", "missing", "broken"
MARKS = {OK: ("✓", "green"), MISSING: ("·", "yellow"), BROKEN: ("✗", "red")}


@dataclass(frozen=True)
class Check:
    section: str
    name: str
    status: str
    detail: str


def core_checks(settings: Settings) -> list[Check]:
    from bot.principles import load_principles
    from bot.store import SuggestionLog
    from bot.tips import load_tips

    checks = []
    try:
        log = SuggestionLog(settings.db_path, hash_drafts=settings.hash_drafts, create=False)
        count = log.table("reviews").count
        log.close()
        privacy = ", drafts stored as hashes only" if settings.hash_drafts else ""
        reviews = f"{count:,} review{'' if count == 1 else 's'}"
        checks.append(Check("Core", "suggestion log", OK, f"{settings.db_path} ({reviews}{privacy})"))
    except LogMissing:
        if can_make(settings.db_path):
            detail = f"{settings.db_path} (not made yet: the first review makes it)"
            checks.append(Check("Core", "suggestion log", OK, detail))
        else:
            detail = f"{settings.db_path} can't be made there. Set PARTY_COACH_DB to a writable path"
            checks.append(Check("Core", "suggestion log", BROKEN, detail))
    except PartyCoachError as exc:
        checks.append(
            Check("Core", "suggestion log", BROKEN, f"{exc}. Set PARTY_COACH_DB to a writable path")
        )
    try:
        principles = load_principles(settings.principles_path)
        names = ", ".join(p.id for p in principles.items)
        checks.append(
            Check(
                "Core", "principles", OK, f"{len(principles.items)} from {settings.principles_path}: {names}"
            )
        )
    except PartyCoachError as exc:
        checks.append(Check("Core", "principles", BROKEN, str(exc)))
    try:
        checks.append(
            Check("Core", "tips", OK, f"{len(load_tips(settings.tips_path))} from {settings.tips_path}")
        )
    except PartyCoachError as exc:
        checks.append(Check("Core", "tips", BROKEN, str(exc)))
    return checks


def can_make(path: Path) -> bool:
    """Whether the first review could create the log: its nearest existing folder is writable."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK)


def reviewer_checks(settings: Settings) -> list[Check]:
    checks = [
        Check("Reviewer", "offline reviewer", OK, "built in, always available, no network"),
        build_check(),
    ]
    if settings.llm_configured:
        where = settings.openai_base_url or "OpenAI"
        checks.append(Check("Reviewer", "LLM reviewer", OK, f"model {settings.openai_model} at {where}"))
    else:
        checks.append(
            Check(
                "Reviewer",
                "LLM reviewer",
                MISSING,
                "set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server) for AI reviews with rewrites",
            )
        )
    active = settings.chosen_reviewer()
    checks.append(Check("Reviewer", "in use", OK, f"{active} (PARTY_COACH_REVIEWER={settings.reviewer})"))
    return checks


def build_check() -> Check:
    """Whether the offline reviewer runs compiled (see setup.py), and whether that build is current."""
    stale = stale_modules()
    if stale:
        why = (
            f"compiled before its source last changed ({', '.join(stale)}): run `make` or `pip install -e .`"
        )
        return Check("Reviewer", "offline build", BROKEN, why)
    if offline_build() == "compiled":
        return Check("Reviewer", "offline build", OK, "compiled with mypyc")
    why = "pure Python: the same reviews, slower; reinstall on a machine with a C compiler to compile it"
    return Check("Reviewer", "offline build", MISSING, why)


def have(section: str, value: object, name: str, enables: str) -> Check:
    """A setting that is either set (its value is never shown) or missing, saying what it would enable."""
    return Check(section, name, OK, "set") if value else Check(section, name, MISSING, enables)


def slack_checks(settings: Settings) -> list[Check]:
    return [
        have("Slack", settings.slack_bot_token, "SLACK_BOT_TOKEN", "needed to run the Slack bot at all"),
        have(
            "Slack",
            settings.slack_app_token,
            "SLACK_APP_TOKEN",
            "enables Socket Mode (the default; no public URL needed)",
        ),
        have(
            "Slack",
            settings.slack_signing_secret,
            "SLACK_SIGNING_SECRET",
            "needed for HTTP mode (run slack --http)",
        ),
        have(
            "Slack",
            ", ".join(settings.slack_drafts_channels),
            "SLACK_DRAFTS_CHANNELS",
            "auto-review every new message in these channels",
        ),
        have(
            "Slack",
            ", ".join(settings.slack_tip_channels),
            "SLACK_TIP_CHANNELS",
            "post a daily tip in these channels",
        ),
    ]


def discord_checks(settings: Settings) -> list[Check]:
    checks = [have("Discord", settings.discord_token, "DISCORD_TOKEN", "needed to run the Discord bot")]
    if settings.discord_drafts_channels and not settings.discord_message_content:
        checks.append(
            Check(
                "Discord",
                "message content intent",
                BROKEN,
                "drafts channels are set but DISCORD_MESSAGE_CONTENT=false: enable the Message Content "
                "intent in the Developer Portal (Bot → Privileged Gateway Intents) and set it to true",
            )
        )
    elif settings.discord_drafts_channels:
        checks.append(
            Check(
                "Discord",
                "message content intent",
                OK,
                f"requested; drafts channels and the {settings.discord_review_emoji} reaction also need it "
                "switched on in the Developer Portal (Bot → Privileged Gateway Intents)",
            )
        )
    checks.append(
        have(
            "Discord",
            settings.discord_drafts_channels,
            "DISCORD_DRAFTS_CHANNELS",
            "auto-review new messages (needs Message Content Intent switched on in the Developer "
            f"Portal, as the {settings.discord_review_emoji} reaction does)",
        )
    )
    checks.append(
        have(
            "Discord",
            settings.discord_tip_channels,
            "DISCORD_TIP_CHANNELS",
            "post a daily tip in these channels",
        )
    )
    return checks


def tip_checks(settings: Settings) -> list[Check]:
    when = settings.tip_time.strftime("%H:%M")
    days = "weekdays" if settings.tip_weekdays_only else "every day"
    return [Check("Daily tip", "schedule", OK, f"{when} {settings.tip_timezone}, {days}")]


SECTIONS = ("Core", "Reviewer", "Slack", "Discord", "Daily tip")
SECTION_OF_FIELD = {
    "slack_": "Slack",
    "discord_": "Discord",
    "tip_": "Daily tip",
    "review_emoji": "Slack",
    "openai_": "Reviewer",
    "llm_": "Reviewer",
    "reviewer": "Reviewer",
}
# Lines that sum up settings; built on a bad value (left at its default) they would mislead.
SUMMARY_FIELDS = {"schedule": "tip_", "in use": "reviewer"}


def with_problems(checks: list[Check], problems: list[SettingProblem]) -> list[Check]:
    """Every bad setting marked ✗ in its section: on its own line when there is one, else added to it."""
    messages: dict[str, list[str]] = {}
    fields: dict[str, str] = {}
    for problem in problems:
        messages.setdefault(problem.name, []).append(problem.message)
        fields[problem.name] = problem.field
    marked = [
        Check(c.section, c.name, BROKEN, "; ".join(messages.pop(c.name))) if c.name in messages else c
        for c in checks
    ]
    for name, said in messages.items():
        section = next((s for p, s in SECTION_OF_FIELD.items() if fields[name].startswith(p)), "Core")
        marked.append(Check(section, name, BROKEN, "; ".join(said)))
    misleading = {
        n for n, prefix in SUMMARY_FIELDS.items() if any(f.startswith(prefix) for f in fields.values())
    }
    return sorted((c for c in marked if c.name not in misleading), key=lambda c: SECTIONS.index(c.section))


@click.command()
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Quiet, for health checks: print only what is broken, and exit 1 if anything is.",
)
@click.pass_context
def doctor(ctx: click.Context, check_only: bool) -> None:
    """Check the setup: what works, what is missing, and what each missing piece would enable."""
    try:
        settings, problems = read_settings()
    except PartyCoachError as exc:
        raise fail(str(exc)) from None
    checks = with_problems(
        core_checks(settings)
        + reviewer_checks(settings)
        + slack_checks(settings)
        + discord_checks(settings)
        + tip_checks(settings),
        problems + shape_problems(settings),
    )
    if check_only:
        broken = [c for c in checks if c.status == BROKEN]
        for item in broken:
            click.echo(f"{item.name}: {item.detail}", err=True)
        ctx.exit(1 if broken else 0)
    section = ""
    for check in checks:
        if check.section != section:
            section = check.section
            click.echo(click.style(f"\n{section}", bold=True))
        mark, colour = MARKS[check.status]
        click.echo(f"  {click.style(mark, fg=colour)} {check.name:<24} {check.detail}")
    if any(c.status == BROKEN for c in checks):
        ctx.exit(1)
