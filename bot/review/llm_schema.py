"""The shape the LLM answers in, its JSON schema, and the checked conversion into a Review."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from typing import Any

from openai.types.shared_params import ResponseFormatJSONSchema
from pydantic import BaseModel, ValidationError

from bot.principles import PrincipleSet
from bot.review.model import Finding, Review, Span, find_spans, verdict_for

MAX_SUGGESTIONS = 3
UNQUOTED_NOTE = "The AI quoted words that aren't in your draft; those quotes were left out."
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


class PrincipleCheck(BaseModel):
    """The model's judgement on one principle."""

    principle: str
    passed: bool
    reason: str
    quotes: list[str]


class LLMAnswer(BaseModel):
    """Everything the model is asked to return."""

    checks: list[PrincipleCheck]
    suggestions: list[str]
    rewrite: str | None
    score: int


class AnswerError(ValueError):
    """The model's answer can't be used; the message says why, without quoting the answer."""


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema as OpenAI's strict mode wants it: all fields required, no extras, nothing wordy
    (the schema counts as input tokens on every request)."""

    def tighten(node: Any) -> Any:
        if isinstance(node, list):
            return [tighten(item) for item in node]
        if not isinstance(node, dict):
            return node
        choices = node.get("anyOf")
        if isinstance(choices, list) and all(isinstance(c, dict) and list(c) == ["type"] for c in choices):
            return {"type": [c["type"] for c in choices]}  # `str | None` as one short node
        out = {
            k: tighten(v)
            for k, v in node.items()
            if k not in ("title", "description", "default", "properties")
        }
        if "properties" in node:
            out["properties"] = {name: tighten(value) for name, value in node["properties"].items()}
            out["required"] = list(node["properties"])
            out["additionalProperties"] = False
        return out

    raw = model.model_json_schema()
    defs = raw.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {k: inline(v) for k, v in node.items()}
        return node

    schema: dict[str, Any] = tighten(inline(raw))
    return schema


@functools.cache
def response_format_schema(principle_ids: tuple[str, ...]) -> ResponseFormatJSONSchema:
    """The strict schema with `principle` limited to the configured ids, so strict output can only name
    real principles. Built once per set of ids: building it costs CPU, and it is never changed."""
    schema = strict_schema(LLMAnswer)
    schema["properties"]["checks"]["items"]["properties"]["principle"]["enum"] = list(principle_ids)
    return {"type": "json_schema", "json_schema": {"name": "review", "strict": True, "schema": schema}}


def parse_answer(content: str | None, principle_ids: Sequence[str]) -> LLMAnswer:
    """Parse and check the model's JSON; raise AnswerError with a short reason if it won't do."""
    if not content or not content.strip():
        raise AnswerError("the answer was empty")
    fenced = _FENCE.match(content)
    try:
        raw = json.loads(fenced.group(1) if fenced else content)
    except json.JSONDecodeError as exc:
        raise AnswerError(f"the answer was not valid JSON ({exc.msg} at position {exc.pos})") from None
    try:
        answer = LLMAnswer.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the answer"
        raise AnswerError(f"{where}: {first['msg']} ({exc.error_count()} problem(s) in all)") from None
    answered = {check.principle for check in answer.checks}
    if missing := [pid for pid in principle_ids if pid not in answered]:
        raise AnswerError(f"checks has no entry for principle {missing[0]!r}")
    return answer


def quote_spans(draft: str, quotes: list[str]) -> tuple[list[Span], bool]:
    """Spans for the quotes that really occur in the draft, and whether any quote had to be dropped."""
    spans: list[Span] = []
    dropped = False
    for quote in quotes:
        needle = quote.strip().strip("\"'“”‘’")
        if not needle:
            continue
        found = find_spans(draft, needle)
        dropped = dropped or not found
        spans.extend(span for span in found if span not in spans)
    return sorted(spans, key=lambda span: (span.start, span.end)), dropped


def to_review(answer: LLMAnswer, draft: str, principles: PrincipleSet) -> Review:
    """A Review with findings in the principles' order, the verdict by the rubric's rule, spans checked."""
    by_id: dict[str, PrincipleCheck] = {}
    for check in answer.checks:
        by_id.setdefault(check.principle, check)
    findings: list[Finding] = []
    any_dropped = False
    for principle in principles.items:
        check = by_id[principle.id]
        spans, dropped = quote_spans(draft, check.quotes)
        any_dropped = any_dropped or dropped
        findings.append(
            Finding(principle=principle.id, passed=check.passed, reason=check.reason.strip(), spans=spans)
        )
    violations = [f.principle for f in findings if not f.passed]
    suggestions = [s.strip() for s in answer.suggestions if s.strip()][:MAX_SUGGESTIONS]
    rewrite = (answer.rewrite or "").strip() or None
    return Review(
        verdict=verdict_for(violations),
        score=min(100, max(0, answer.score)),
        findings=findings,
        suggestions=suggestions,
        rewrite=rewrite,
        notes=[UNQUOTED_NOTE] if any_dropped else [],
    )
