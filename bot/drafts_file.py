"""Reading drafts from a JSONL file: one object per line, errors named by line number."""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from typing import Any

from bot.errors import DraftError
from bot.review.draft import check_draft_text, check_encodable, decode_text

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True)
class DraftLine:
    line: int
    id: str | None
    text: str
    context: str | None
    platform: str | None
    raw: dict[str, Any]

    @property
    def given_id(self) -> str | int | None:
        """The input's id exactly as given (a number stays a number), to echo back."""
        given: str | int | None = self.raw.get("id")
        return given

    @property
    def label(self) -> str:
        """What names this draft to a person: its id, or else its line number."""
        return self.id if self.id is not None else f"line {self.line}"


def _optional_text(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DraftError(f"'{key}' must be text")
    return check_encodable(value, key)


def _draft_id(obj: dict[str, Any]) -> str | None:
    value = obj.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DraftError("'id' must be text or a whole number")
    return check_encodable(str(value), "id")


def parse_line(line: str, number: int) -> DraftLine:
    """One JSONL line as a draft; a DraftError says what is wrong with it (the caller adds where)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DraftError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise DraftError("expected an object with a 'text' field")
    draft_text = obj.get("text")
    if not isinstance(draft_text, str):
        raise DraftError("missing 'text' (the draft to review)")
    text = check_draft_text(draft_text)
    context = _optional_text(obj, "context")
    if context is not None and context.strip():
        context = check_draft_text(context, what="context")
    return DraftLine(
        line=number,
        id=_draft_id(obj),
        text=text,
        context=context or None,
        platform=_optional_text(obj, "platform"),
        raw=obj,
    )


def parse_jsonl(raw: bytes, source: str) -> list[DraftLine]:
    """Parse and validate every line before anything is reviewed; blank lines are skipped."""
    text = decode_text(raw, source)
    drafts: list[DraftLine] = []
    # Only "\n" ends a line: str.splitlines would also split inside a draft holding U+2028 or U+0085.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            drafts.append(parse_line(line, number))
        except DraftError as exc:
            raise DraftError(f"{source}, line {number}: {exc}") from None
    if not drafts:
        raise DraftError(f"{source} has no drafts in it")
    return drafts


def looks_like_jsonl(raw: bytes) -> bool:
    """Whether input starts with a JSON object holding a 'text' field, as a file of drafts would."""
    first = raw.removeprefix(codecs.BOM_UTF8).lstrip().split(b"\n", 1)[0]
    if not first.startswith(b"{"):
        return False
    try:
        obj = json.loads(first)
    except ValueError:  # not JSON, or not UTF-8: the whole input is then one draft
        return False
    return isinstance(obj, dict) and "text" in obj
