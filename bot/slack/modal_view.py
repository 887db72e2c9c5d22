"""The /review form: a draft, and optionally the post it replies to."""

from __future__ import annotations

import json
from typing import Any

MODAL_ID = "review_modal"
DRAFT_BLOCK = "draft"
CONTEXT_BLOCK = "context"
INPUT = "value"
MAX_INPUT_CHARS = 3000  # Slack's own limit for a plain-text input


def review_modal(channel: str | None, response_url: str | None) -> dict[str, Any]:
    """The modal view; where to answer travels in private_metadata."""
    blocks = [
        _input(DRAFT_BLOCK, "Your draft", "Paste the post you're about to publish", optional=False),
        _input(
            CONTEXT_BLOCK,
            "Replying to (optional)",
            "If your draft is a reply, paste the post you're replying to",
            optional=True,
        ),
    ]
    return modal(
        MODAL_ID, "Party Coach", "Review", {"channel": channel, "response_url": response_url}, blocks
    )


def modal(
    callback_id: str, title: str, submit: str, metadata: dict[str, Any], blocks: list[dict[str, Any]]
) -> dict[str, Any]:
    """A modal view with a Cancel button; `metadata` travels with it and comes back on submit."""
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": submit},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps(metadata),
        "blocks": blocks,
    }


def _input(block_id: str, label: str, placeholder: str, *, optional: bool) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": {"type": "plain_text", "text": label},
        "element": {
            "type": "plain_text_input",
            "action_id": INPUT,
            "multiline": True,
            "max_length": MAX_INPUT_CHARS,
            "placeholder": {"type": "plain_text", "text": placeholder},
        },
    }


def read_submission(view: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    """(draft, context or None, metadata) from a submitted review modal."""
    values = view.get("state", {}).get("values", {})
    draft = values.get(DRAFT_BLOCK, {}).get(INPUT, {}).get("value") or ""
    context = values.get(CONTEXT_BLOCK, {}).get(INPUT, {}).get("value") or None
    return draft, context, view_metadata(view)


def view_metadata(view: dict[str, Any]) -> dict[str, Any]:
    """What a form carried in private_metadata; empty when it holds anything but a JSON object."""
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        metadata = {}
    return metadata if isinstance(metadata, dict) else {}
