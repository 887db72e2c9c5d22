"""Daily tips: loaded from a TOML file, picked so a channel sees every tip before any repeats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from bot.errors import ConfigError
from bot.store import SuggestionLog
from bot.toml_file import load_toml_model

CURATED = "curated"  # from the tips file
GENERATED = "generated"  # written by the AI from the team's drafts
GENERATED_TIP_ID = "generated"


class Tip(BaseModel):
    id: str = Field(min_length=1)
    principle: str
    text: str = Field(min_length=1, max_length=500)


class TipFile(BaseModel):
    tip: list[Tip] = Field(min_length=1)


def load_tips(path: Path) -> list[Tip]:
    tips = load_toml_model(path, TipFile, "tips").tip
    if len({t.id for t in tips}) != len(tips):
        raise ConfigError(f"tips file {path} repeats a tip id")
    return tips


def unused_in_cycle(tips: list[Tip], history: list[str]) -> list[Tip]:
    """Tips not yet shown in the current round; a round ends once every tip has been shown."""
    known = {t.id for t in tips}
    seen: set[str] = set()
    for tip_id in history:
        if tip_id in known:
            seen.add(tip_id)
            if seen == known:
                seen = set()
    return [t for t in tips if t.id not in seen]


def choose_tip(tips: list[Tip], history: list[str], misses: Counter[str]) -> Tip:
    """Prefer the principle the channel misses most; otherwise the one it has heard least about."""
    candidates = unused_in_cycle(tips, history)
    recent = set(history[-len(tips) :])
    heard = Counter(t.principle for t in tips if t.id in recent)
    order = {t.id: n for n, t in enumerate(tips)}

    def rank(tip: Tip) -> tuple[int, int, int]:
        return (-misses.get(tip.principle, 0), heard.get(tip.principle, 0), order[tip.id])

    return min(candidates, key=rank)


@dataclass(frozen=True)
class TipOfTheDay:
    tip: Tip
    day: str
    is_new: bool
    source: str = CURATED


def shown_today(
    log: SuggestionLog, tips: list[Tip], platform: str, channel: str, day: date
) -> TipOfTheDay | None:
    """The tip a channel already got on `day`, curated or written by the AI; None if it got none."""
    by_id = {t.id: t for t in tips}
    for row in reversed(log.tips_history(platform, channel)):
        if row["day"] != day.isoformat():
            continue
        if row["source"] == GENERATED and row["text"]:
            return TipOfTheDay(
                Tip(id=row["tip_id"], principle=row["principle"], text=row["text"]),
                row["day"],
                False,
                GENERATED,
            )
        if row["tip_id"] in by_id:
            return TipOfTheDay(by_id[row["tip_id"]], row["day"], is_new=False)
    return None


def next_tip(log: SuggestionLog, tips: list[Tip], platform: str, channel: str) -> Tip:
    """The curated tip a channel should hear next (see choose_tip)."""
    history = [row["tip_id"] for row in log.tips_history(platform, channel)]
    return choose_tip(tips, history, log.violation_counts(platform, channel))


def record_tip_of_the_day(
    log: SuggestionLog, platform: str, channel: str, day: date, tip: Tip, source: str = CURATED
) -> TipOfTheDay:
    """Log the tip shown in a channel today, with its words and where it came from."""
    log.record_tip(platform, channel, tip.id, tip.principle, day.isoformat(), source=source, text=tip.text)
    return TipOfTheDay(tip, day.isoformat(), is_new=True, source=source)


def pick_tip(log: SuggestionLog, tips: list[Tip], platform: str, channel: str, day: date) -> TipOfTheDay:
    """Today's curated tip for a channel: the same all day, and recorded so it counts as used."""
    with log.lock:
        shown = shown_today(log, tips, platform, channel, day)
        if shown is not None:
            return shown
        return record_tip_of_the_day(log, platform, channel, day, next_tip(log, tips, platform, channel))
