"""`party-coach eval`: per-source figures, the verdict confusion matrix, several files at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.errors import DraftError
from bot.evaluation import LabelledDraft, labelled_drafts, score_reviews
from bot.review.model import CORE_PRINCIPLES, Finding, Review, Verdict, verdict_for
from tests.fakes.openai_server import FAKE_API_KEY, FAKE_MODEL, FakeOpenAI

ROOT = Path(__file__).resolve().parents[1]
REAL_DEV = ROOT.parent / "shared" / "eval" / "real-dev.jsonl"
needs_real_dev = pytest.mark.skipif(not REAL_DEV.is_file(), reason="no ../shared/eval/real-dev.jsonl")
PITCH = "pitch_only_when_pulled"


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert "Traceback" not in result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def write_jsonl(path: Path, *rows: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def item(id: str, verdict: Verdict, violations: tuple[str, ...] = (), source: str = "") -> LabelledDraft:
    return LabelledDraft(id, f"draft {id}", None, None, verdict, frozenset(violations), source=source)


def review(*violations: str) -> Review:
    findings = [Finding(principle=p, passed=p not in violations, reason="r") for p in CORE_PRINCIPLES]
    return Review(verdict=verdict_for(list(violations)), score=50, findings=findings)


def fake_env(fake: FakeOpenAI) -> dict[str, str]:
    return {"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": FAKE_API_KEY, "PARTY_COACH_MODEL": FAKE_MODEL}


def test_the_source_field_names_the_source_and_the_file_name_stands_in_without_it() -> None:
    raw = "\n".join(
        json.dumps(row)
        for row in [
            {"id": "a", "text": "hi all", "verdict": "ok", "violations": [], "source": "chat", "note": "n"},
            {"id": "b", "text": "hello", "verdict": "ok", "violations": []},
            {"id": "c", "text": "hey", "verdict": "ok", "violations": [], "source": "  "},
        ]
    ).encode()
    items = labelled_drafts(raw, "sets/mine.jsonl")
    assert [(i.id, i.source, i.note) for i in items] == [
        ("a", "chat", "n"),
        ("b", "mine.jsonl", ""),
        ("c", "mine.jsonl", ""),
    ]
    with pytest.raises(DraftError, match=r"^sets/mine.jsonl, line 1: 'source' must be text$"):
        labelled_drafts(b'{"text": "hi", "verdict": "ok", "source": 3}', "sets/mine.jsonl")


def test_scores_carry_a_confusion_matrix_and_the_same_figures_per_source() -> None:
    items = [
        item("p1", "pushy", (PITCH,), "chat"),
        item("p2", "pushy", (PITCH,), "chat"),
        item("o1", "ok", (), "chat"),
        item("o2", "ok", (), "posts"),
        item("o3", "ok", ("converse_first",), "posts"),
    ]
    reviews = [review(PITCH), review(), review(PITCH), review(), review("converse_first")]
    report = score_reviews(items, reviews)
    c = report.confusion
    assert (c.tp, c.fn, c.fp, c.tn) == (1, 1, 1, 2)
    assert report.accuracy == pytest.approx(3 / 5)
    assert report.mcc == pytest.approx(1 / 6)  # (1*2 - 1*1) / sqrt(2*2*3*3)
    assert list(report.sources) == ["chat", "posts"]
    chat, posts = report.sources["chat"], report.sources["posts"]
    assert (chat.total, chat.correct, chat.confusion.fn, chat.confusion.fp) == (3, 1, 1, 1)
    assert chat.mcc == pytest.approx(-0.5)  # (1*0 - 1*1) / sqrt(2*2*1*1)
    assert (posts.total, posts.correct, posts.confusion.tn) == (2, 2, 2)
    assert posts.f1("converse_first") == 1.0 and chat.f1(PITCH) == pytest.approx(0.5)
    assert [m.item.id for m in report.misses] == ["p2", "o1"]
    assert [m.item.id for m in chat.misses] == ["p2", "o1"] and posts.misses == []


def test_eval_reads_several_files_and_prints_sources_and_the_confusion_matrix(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    # A fixed answer (every principle passed) makes the figures independent of any reviewer's rules.
    passed = [{"principle": p, "passed": True, "reason": "Fine.", "quotes": []} for p in CORE_PRINCIPLES]
    fake_openai.answer = {
        "checks": passed,
        "suggestions": [],
        "rewrite": None,
        "score": 90,
    }
    mine = write_jsonl(
        tmp_path / "mine.jsonl",
        {"id": "m1", "text": "Buy our app today!", "verdict": "pushy", "violations": [PITCH]},
        {"id": "m2", "text": "What did you think of the talk?", "verdict": "ok", "violations": []},
    )
    real = write_jsonl(
        tmp_path / "real.jsonl",
        {"id": "r1", "source": "chat", "text": "haha same", "verdict": "ok", "violations": [], "note": "x"},
    )
    code, output = invoke("eval", str(mine), str(real), "--reviewer", "llm", env=fake_env(fake_openai))
    assert code == 0
    assert output == (
        "reviewer: llm (fake-gpt)   items: 3   sources: 2\n"
        "verdict accuracy: 0.667   MCC: 0.000\n"
        "\n"
        "                  reviewed ok  reviewed pushy\n"
        "labelled ok                 2               0\n"
        "labelled pushy              1               0\n"
        "\n"
        "principle                precision    recall      F1  support\n"
        "converse_first               0.000     0.000   0.000        0\n"
        "offer_help                   0.000     0.000   0.000        0\n"
        "pitch_only_when_pulled       0.000     0.000   0.000        1\n"
        "\n"
        "source       items  accuracy     MCC  pushy missed  ok flagged   F1 converse / help / pitch\n"
        "mine.jsonl       2     0.500   0.000        1 of 1      0 of 1   0.000 / 0.000 / 0.000\n"
        "chat             1     1.000   0.000        0 of 0      0 of 1   0.000 / 0.000 / 0.000\n"
        "\n"
        "misses (1):\n"
        "  m1 (mine.jsonl): expected pushy [pitch_only_when_pulled]  got ok [-]\n"
    )
    assert len(fake_openai.requests) == 3


def test_a_bad_line_in_the_second_file_is_named(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", {"text": "hi", "verdict": "ok"})
    bad = write_jsonl(tmp_path / "bad.jsonl", {"text": "hi", "verdict": "ok"}, {"text": "yo", "verdict": "?"})
    code, output = invoke("eval", str(good), str(bad))
    assert code == 2
    assert output == f'Error: {bad}, line 2: \'verdict\' must be "ok" or "pushy"\n'


@needs_real_dev
def test_eval_loads_the_real_dev_set_with_its_sources() -> None:
    code, output = invoke("eval", str(REAL_DEV), "--format", "json")
    data = json.loads(output)
    rows = [json.loads(line) for line in REAL_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert code == 0 and data["items"] == len(rows)
    assert sorted(data["sources"]) == sorted({row["source"] for row in rows})
    for name, part in data["sources"].items():
        labels = [row["verdict"] for row in rows if row["source"] == name]
        matrix = part["confusion"]
        assert part["items"] == len(labels)
        assert sum(matrix["labelled pushy"].values()) == labels.count("pushy")
        assert sum(matrix["labelled ok"].values()) == labels.count("ok")
    overall = data["confusion"]
    assert overall["labelled ok"]["reviewed ok"] == sum(
        part["confusion"]["labelled ok"]["reviewed ok"] for part in data["sources"].values()
    )
    assert {miss["source"] for miss in data["misses"]} <= set(data["sources"])


@needs_real_dev
def test_eval_with_the_ai_reviewer_on_the_real_dev_set(fake_openai: FakeOpenAI) -> None:
    code, output = invoke(
        "eval", "--reviewer", "llm", str(REAL_DEV), "--format", "json", env=fake_env(fake_openai)
    )
    data = json.loads(output)
    assert code == 0
    assert data["reviewer"] == "llm (fake-gpt)" and data["unanswered"] == 0
    assert len(fake_openai.requests) == data["items"] == sum(p["items"] for p in data["sources"].values())
    assert len(data["sources"]) > 1
