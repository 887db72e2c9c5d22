"""The LLM-facing answer: its strict JSON schema, parsing, and the checked conversion into a Review."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from bot.principles import PrincipleSet, load_principles
from bot.review.llm_schema import (
    UNQUOTED_NOTE,
    AnswerError,
    LLMAnswer,
    parse_answer,
    response_format_schema,
    strict_schema,
    to_review,
)
from bot.review.model import CORE_PRINCIPLES
from bot.settings import BUNDLED_DATA

DRAFT = "Big news! Our app is 20% off. DM me for a demo. DM me today!"


@pytest.fixture
def principles() -> PrincipleSet:
    return load_principles(BUNDLED_DATA / "principles.toml")


def answer(
    failed: tuple[str, ...] = (), quotes: dict[str, list[str]] | None = None, **extra: Any
) -> dict[str, Any]:
    quotes = quotes or {}
    body: dict[str, Any] = {
        "checks": [
            {"principle": p, "passed": p not in failed, "reason": f"About {p}.", "quotes": quotes.get(p, [])}
            for p in CORE_PRINCIPLES
        ],
        "suggestions": ["Ask a question first."],
        "rewrite": "What slows your team down most?",
        "score": 40,
    }
    body.update(extra)
    return body


def objects(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [found for item in node for found in objects(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if node.get("type") == "object" else []
    return own + [found for value in node.values() for found in objects(value)]


def test_strict_schema_requires_every_field_and_forbids_extras() -> None:
    schema = strict_schema(LLMAnswer)
    found = objects(schema)
    assert len(found) == 2
    for node in found:
        assert node["additionalProperties"] is False
        assert sorted(node["required"]) == sorted(node["properties"])
    text = json.dumps(schema)
    assert "$ref" not in text
    assert '"title"' not in text
    assert schema["properties"]["rewrite"] == {"type": ["string", "null"]}  # short: it is sent every time


def test_response_format_is_named_strict_and_lists_the_principle_ids() -> None:
    ids = (*CORE_PRINCIPLES, "be_kind")
    response_format = response_format_schema(ids)
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["strict"] is True
    schema = copy.deepcopy(response_format["json_schema"]["schema"])
    principle = schema["properties"]["checks"]["items"]["properties"]["principle"]
    assert principle == {"type": "string", "enum": list(ids)}
    del principle["enum"]
    assert schema == strict_schema(LLMAnswer)


@pytest.mark.parametrize(
    "content",
    [
        json.dumps(answer()),
        "```json\n" + json.dumps(answer()) + "\n```",
        "```\n" + json.dumps(answer()) + "\n```",
        json.dumps(answer(verdict="ok", extra_field=1)),
    ],
    ids=["plain", "fenced-json", "fenced", "extra-fields-ignored"],
)
def test_parse_answer_accepts(content: str) -> None:
    assert len(parse_answer(content, CORE_PRINCIPLES).checks) == 3


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "empty"),
        ("   ", "empty"),
        ("Sure! The post looks fine.", "not valid JSON"),
        ('{"checks": [', "not valid JSON"),
        (json.dumps({"checks": []}), "suggestions: Field required"),
        (json.dumps(answer(score="high")), "score"),
        (
            json.dumps(answer() | {"checks": answer()["checks"][:2]}),
            "no entry for principle 'pitch_only_when_pulled'",
        ),
        ("[1, 2, 3]", "Input should be"),
    ],
)
def test_parse_answer_refuses_with_a_reason(content: str | None, reason: str) -> None:
    with pytest.raises(AnswerError, match=reason):
        parse_answer(content, CORE_PRINCIPLES)


def test_parse_errors_never_quote_the_answer() -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(json.dumps(answer(score="SECRET-LOOKING-VALUE")), CORE_PRINCIPLES)
    assert "SECRET-LOOKING-VALUE" not in str(caught.value)


@pytest.mark.parametrize(
    ("failed", "verdict"),
    [
        ((), "ok"),
        (("converse_first",), "ok"),
        (("offer_help",), "ok"),
        (("pitch_only_when_pulled",), "pushy"),
        (("converse_first", "offer_help"), "pushy"),
        (CORE_PRINCIPLES, "pushy"),
    ],
)
def test_verdict_follows_the_rubric_rule(
    principles: PrincipleSet, failed: tuple[str, ...], verdict: str
) -> None:
    review = to_review(LLMAnswer.model_validate(answer(failed)), DRAFT, principles)
    assert review.verdict == verdict
    assert review.violations == list(failed)


def test_quotes_become_exact_spans(principles: PrincipleSet) -> None:
    parsed = LLMAnswer.model_validate(
        answer(("pitch_only_when_pulled",), {"pitch_only_when_pulled": ["20% off", " “DM me” "]})
    )
    finding = to_review(parsed, DRAFT, principles).finding("pitch_only_when_pulled")
    assert finding is not None
    assert [(s.start, s.end, s.text) for s in finding.spans] == [
        (21, 28, "20% off"),
        (30, 35, "DM me"),
        (48, 53, "DM me"),
    ]
    assert all(DRAFT[s.start : s.end] == s.text for s in finding.spans)


def test_quotes_not_in_the_draft_are_dropped_and_noted(principles: PrincipleSet) -> None:
    parsed = LLMAnswer.model_validate(
        answer(("pitch_only_when_pulled",), {"pitch_only_when_pulled": ["DM me", "Buy now!!!", "20% OFF"]})
    )
    review = to_review(parsed, DRAFT, principles)
    finding = review.finding("pitch_only_when_pulled")
    assert finding is not None
    assert {s.text for s in finding.spans} == {"DM me"}
    assert review.notes == [UNQUOTED_NOTE]


def test_an_embedded_verdict_in_the_answer_is_ignored(principles: PrincipleSet) -> None:
    parsed = parse_answer(json.dumps(answer(("pitch_only_when_pulled",), verdict="ok")), CORE_PRINCIPLES)
    assert to_review(parsed, DRAFT, principles).verdict == "pushy"


@pytest.mark.parametrize(("score", "expected"), [(-5, 0), (0, 0), (73, 73), (100, 100), (250, 100)])
def test_score_is_clamped(principles: PrincipleSet, score: int, expected: int) -> None:
    assert to_review(LLMAnswer.model_validate(answer(score=score)), DRAFT, principles).score == expected


def test_suggestions_are_trimmed_and_capped_and_a_blank_rewrite_is_none(principles: PrincipleSet) -> None:
    parsed = LLMAnswer.model_validate(answer(suggestions=[" one ", "", "two", "three", "four"], rewrite="  "))
    review = to_review(parsed, DRAFT, principles)
    assert review.suggestions == ["one", "two", "three"]
    assert review.rewrite is None


def test_findings_follow_the_principles_order_and_unknown_ones_are_ignored(principles: PrincipleSet) -> None:
    body = answer()
    body["checks"] = [
        *reversed(body["checks"]),
        {"principle": "be_viral", "passed": False, "reason": "x", "quotes": []},
    ]
    review = to_review(LLMAnswer.model_validate(body), DRAFT, principles)
    assert [f.principle for f in review.findings] == list(CORE_PRINCIPLES)
    assert review.verdict == "ok"
