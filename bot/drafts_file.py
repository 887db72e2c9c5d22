"""Reading drafts from a JSONL file: one object per line, errors named by line number."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.errors import DraftError
from bot.review.draft import check_draft_text, decode_text


@dataclass(frozen=True)
class DraftLine:
    line: int
    id: str | None
    text: str
    context: str | None
    platform: str | None
    raw: dict[str, Any]


def _optional_text(obj: dict[str, Any], key: str, line: int) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DraftError(f"line {line}: '{key}' must be text")
    return value


def parse_jsonl(raw: bytes, source: str) -> list[DraftLine]:
    """Parse and validate every line before anything is reviewed; blank lines are skipped."""
    text = decode_text(raw, source)
    drafts: list[DraftLine] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DraftError(f"{source}, line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise DraftError(f"{source}, line {number}: expected an object with a 'text' field")
        draft_text = obj.get("text")
        if not isinstance(draft_text, str):
            raise DraftError(f"{source}, line {number}: missing 'text' (the draft to review)")
        try:
            clean = check_draft_text(draft_text)
            context = _optional_text(obj, "context", number)
            if context is not None and context.strip():
                context = check_draft_text(context, what="context")
        except DraftError as exc:
            raise DraftError(f"{source}, line {number}: {exc}") from None
        draft_id = obj.get("id")
        drafts.append(
            DraftLine(
                line=number,
                id=None if draft_id is None else str(draft_id),
                text=clean,
                context=context or None,
                platform=_optional_text(obj, "platform", number),
                raw=obj,
            )
        )
    if not drafts:
        raise DraftError(f"{source} has no drafts in it")
    return drafts
