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


def pick_tip(log: SuggestionLog, tips: list[Tip], platform: str, channel: str, day: date) -> TipOfTheDay:
    """Today's tip for a channel: the same all day, and recorded so it counts as used."""
    by_id = {t.id: t for t in tips}
    with log.lock:
        history = log.tips_history(platform, channel)
        for row in reversed(history):
            if row["day"] == day.isoformat() and row["tip_id"] in by_id:
                return TipOfTheDay(by_id[row["tip_id"]], row["day"], is_new=False)
        tip = choose_tip(tips, [row["tip_id"] for row in history], log.violation_counts(platform, channel))
        log.record_tip(platform, channel, tip.id, tip.principle, day.isoformat())
    return TipOfTheDay(tip, day.isoformat(), is_new=True)
