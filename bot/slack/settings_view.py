"""The /review settings form: one channel's role, reviewer, daily tip and review emoji."""

from __future__ import annotations

from typing import Any

from bot.channel_settings import ChannelConfig
from bot.slack.modal_view import modal, view_metadata
from bot.slack.mrkdwn import escape
from bot.wording import REVIEWER_LABELS, ROLE_LABELS, WEEKDAY_LABELS

SETTINGS_MODAL_ID = "channel_settings_modal"
INPUT = "value"
SELECTS = {"role": ROLE_LABELS, "reviewer": REVIEWER_LABELS, "tip_weekdays_only": WEEKDAY_LABELS}
LABELS = {
    "role": "What this channel is for",
    "reviewer": "Reviewer",
    "tip_time": "Daily tip time (24-hour)",
    "tip_timezone": "Time zone of the tip time",
    "tip_weekdays_only": "Tip days",
    "review_emoji": "Review emoji (its name, without colons)",
}
HINTS = {
    "tip_time": "Like 09:30 or 16:45.",
    "tip_timezone": "Like Europe/Berlin or America/New_York.",
    "review_emoji": "Reacting with this emoji to a message asks for a review. Like mag or eyes.",
}


def settings_modal(config: ChannelConfig, team: str | None) -> dict[str, Any]:
    """The form, filled in with what the channel uses now; where it is for travels in private_metadata."""
    intro = (
        f"Settings for <#{escape(config.channel)}>. They take effect as soon as you save, "
        "and they override the environment's settings for this channel only."
    )
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": intro}}]
    for key in LABELS:
        element = _select(key, config.value(key)) if key in SELECTS else _text(config.value(key))
        block: dict[str, Any] = {
            "type": "input",
            "block_id": key,
            "label": {"type": "plain_text", "text": LABELS[key]},
            "element": element,
        }
        if key in HINTS:
            block["hint"] = {"type": "plain_text", "text": HINTS[key]}
        blocks.append(block)
    metadata = {"channel": config.channel, "team": team}
    return modal(SETTINGS_MODAL_ID, "Channel settings", "Save", metadata, blocks)


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": label}, "value": value}


def _select(key: str, current: str) -> dict[str, Any]:
    options = [_option(value, label) for value, label in SELECTS[key].items()]
    chosen = next(o for o in options if o["value"] == current)
    return {"type": "static_select", "action_id": INPUT, "options": options, "initial_option": chosen}


def _text(current: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "action_id": INPUT, "initial_value": current, "max_length": 100}


def read_settings_submission(view: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """({key: value as typed or chosen}, metadata) from a submitted settings form."""
    values = view.get("state", {}).get("values", {})
    found: dict[str, str] = {}
    for key in LABELS:
        field = values.get(key, {}).get(INPUT, {})
        chosen = (field.get("selected_option") or {}).get("value") if "selected_option" in field else None
        value = chosen if chosen is not None else field.get("value")
        if value is not None:
            found[key] = str(value)
    return found, view_metadata(view)
