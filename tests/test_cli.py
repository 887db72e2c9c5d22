"""Every `party-coach` command, through click's runner: exact exit codes and what a person sees."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.review.native_build import offline_build
from bot.store import SuggestionLog

OK_DRAFT = (
    "What's the one onboarding email you still remember, and why? Mine was a plain-text note from a founder "
    "asking what I was trying to build. I still reply to that company's emails."
)
PUSHY_DRAFT = (
    "🚀 Our new CRM is live! Use code SAVE20 for 20% off. Book a demo today — link in bio! "
    "#sales #crm #growth"
)


def invoke(*args: str, input: str | bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert "Traceback" not in result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def logged(tmp_path: Path) -> list[dict]:
    return SuggestionLog(tmp_path / "log.db").recent_reviews(limit=1000)


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, prefix + name + " "))
    return found


@pytest.mark.parametrize(("name", "command"), all_commands(cli))
def test_every_command_has_help(name: str, command: click.Command) -> None:
    assert command.help, f"{name} has no help text"
    code, output = invoke(*name.split(), "--help")
    assert code == 0 and "Usage:" in output


def test_review_ok_draft_exits_0_and_logs(tmp_path: Path) -> None:
    code, output = invoke("review", OK_DRAFT)
    assert code == 0
    assert output.startswith("OK")
    assert "Converse first" in output
    rows = logged(tmp_path)
    assert len(rows) == 1 and rows[0]["verdict"] == "ok" and rows[0]["platform"] == "cli"


def test_review_pushy_draft_exits_1_and_quotes_the_words() -> None:
    code, output = invoke("review", PUSHY_DRAFT)
    assert code == 1
    assert output.startswith("PUSHY")
    assert "SAVE20" in output or "link in bio" in output.lower()


def test_review_json_format() -> None:
    code, output = invoke("review", PUSHY_DRAFT, "--format", "json")
    data = json.loads(output)
    assert code == 1
    assert data["verdict"] == "pushy" and "pitch_only_when_pulled" in data["violations"]
    assert {"score", "findings", "suggestions", "rewrite", "reviewer"} <= set(data)
    for finding in data["findings"]:
        for span in finding["spans"]:
            assert PUSHY_DRAFT[span["start"] : span["end"]] == span["text"]


def test_review_from_stdin() -> None:
    code, output = invoke("review", "-", "--format", "json", input=OK_DRAFT)
    assert code == 0 and json.loads(output)["verdict"] == "ok"


def test_review_from_a_text_file(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(PUSHY_DRAFT)
    code, _ = invoke("review", "--file", str(tmp_path / "draft.txt"))
    assert code == 1


def test_a_path_to_an_existing_file_is_read_like_a_linter_would(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(PUSHY_DRAFT)
    (tmp_path / "drafts.jsonl").write_text(json.dumps({"id": "a", "text": OK_DRAFT}) + "\n")
    code, output = invoke("review", str(tmp_path / "draft.txt"), "--format", "json")
    assert code == 1 and str(tmp_path) not in output  # the file's text was reviewed, not its name
    code, output = invoke("review", str(tmp_path / "drafts.jsonl"), "--format", "jsonl")
    assert code == 0 and json.loads(output)["id"] == "a"


@pytest.mark.parametrize("draft", ["Thanks!", "Congrats, well done.", "x" * 5000])
def test_a_draft_that_does_not_look_like_a_path_is_reviewed_as_text(draft: str) -> None:
    code, output = invoke("review", draft, "--format", "json")
    review = json.loads(output)
    assert code == {"ok": 0, "pushy": 1}[review["verdict"]]
    assert all(span["text"] in draft for f in review["findings"] for span in f["spans"])


def test_review_context_makes_a_pitch_pulled() -> None:
    draft = "I run Ledgerly, a bookkeeping service for small studios: $200/month. Happy to answer questions."
    ask = "Can anyone recommend a bookkeeper for a small design studio? What do they charge?"
    _, unprompted = invoke("review", draft, "--format", "json")
    _, pulled = invoke("review", draft, "--context", ask, "--format", "json")
    assert "pitch_only_when_pulled" in json.loads(unprompted)["violations"]
    assert "pitch_only_when_pulled" not in json.loads(pulled)["violations"]


def test_review_jsonl_keeps_order_and_echoes_ids(tmp_path: Path) -> None:
    lines = [
        {"id": "b", "text": PUSHY_DRAFT, "platform": "twitter"},
        {"id": "a", "text": OK_DRAFT},
        {
            "id": 7,
            "text": "Congrats on the launch, Priya! The onboarding checklist is so clear.",
            "context": "We launched!",
        },
    ]
    path = tmp_path / "drafts.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")
    code, output = invoke("review", "--file", str(path), "--format", "jsonl")
    results = [json.loads(line) for line in output.splitlines()]
    assert code == 1
    assert [r["id"] for r in results] == ["b", "a", 7]  # each id echoed as given: a number stays a number
    assert results[0]["verdict"] == "pushy" and results[1]["verdict"] == "ok"
    assert all({"verdict", "violations", "score", "findings", "suggestions"} <= set(r) for r in results)
    assert len(logged(tmp_path)) == 3


def test_review_jsonl_all_ok_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "drafts.jsonl"
    path.write_text(json.dumps({"id": "a", "text": OK_DRAFT}) + "\n")
    code, output = invoke("review", "-f", str(path))
    assert code == 0 and output.startswith("a  OK")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["review", ""], None, "the draft is empty"),
        (["review", "   \n\t "], None, "the draft is empty"),
        (["review", "x" * 40_001], None, "40,001 characters; the limit is 40,000"),
        (["review", "-"], b"", "the draft is empty"),
        (["review", "-"], b"\xff\xfe\x00binary", "binary data"),
        (["review", "-"], b"caf\xe9 au lait", "not valid UTF-8"),
        (["review", "--file", "no-such-file.txt"], None, "no such file: no-such-file.txt"),
        (["review", OK_DRAFT, "--context", "   "], None, None),
        (["review", OK_DRAFT, "--format", "yaml"], None, "Invalid value for '--format'"),
        (["log", "--since", "last tuesday"], None, "--since 'last tuesday'"),
        (["eval", "no-such.jsonl"], None, "no such file"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    args: list[str], stdin: bytes | None, message: str | None
) -> None:
    code, output = invoke(*args, input=stdin)
    if message is None:
        assert code == 0
        return
    assert code == 2, output
    assert message in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "fine"}\n{not json}\n', "line 2: not valid JSON"),
        ('{"text": "fine"}\n["a list"]\n', "line 2: expected an object"),
        ('{"id": 1}\n', "line 1: missing 'text'"),
        ('{"text": ""}\n', "line 1: the draft is empty"),
        ('{"text": "ok", "context": 5}\n', "line 1: 'context' must be text"),
        ("\n\n", "has no drafts in it"),
    ],
)
def test_malformed_jsonl_names_the_line(tmp_path: Path, content: str, message: str) -> None:
    invoke("review", OK_DRAFT)
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    code, output = invoke("review", "--file", str(path))
    assert code == 2 and message in output
    assert len(logged(tmp_path)) == 1  # nothing reviewed, nothing already logged lost


def test_huge_jsonl_draft_is_refused_by_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "ok"}) + "\n" + json.dumps({"text": "y" * 40_001}) + "\n")
    code, output = invoke("review", "-f", str(path))
    assert code == 2 and "line 2" in output and "limit is 40,000" in output


def test_unwritable_db_path_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A folder that is really a file: no one can make a log under it, not even root (as CI runs).
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    monkeypatch.setenv("PARTY_COACH_DB", str(tmp_path / "notes.txt" / "log.db"))
    code, output = invoke("review", OK_DRAFT)
    assert code == 2 and "can't open the suggestion log" in output
    assert not output.startswith("OK")


def test_a_log_that_opens_but_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    invoke("review", OK_DRAFT)
    wal = tmp_path / "log.db-wal"
    wal.unlink(missing_ok=True)
    wal.mkdir()  # the write-ahead file is a folder: SQLite can't write, whoever runs this
    code, output = invoke("review", PUSHY_DRAFT)
    assert code == 2 and "suggestion log" in output and "PUSHY" not in output
    wal.rmdir()
    assert [r["verdict"] for r in logged(tmp_path)] == ["ok"]  # what was logged before is still there


def test_db_path_that_cannot_exist_is_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_DB", "/proc/not-a-dir/log.db")
    code, output = invoke("review", OK_DRAFT)
    assert code == 2 and "can't open the suggestion log at /proc/not-a-dir/log.db" in output


def test_log_lists_and_filters(tmp_path: Path) -> None:
    invoke("review", OK_DRAFT)
    invoke("review", PUSHY_DRAFT)
    code, table = invoke("log")
    assert code == 0 and "pushy" in table and "ok" in table and "verdict" in table
    _, pushy_only = invoke("log", "--verdict", "pushy", "--format", "json")
    rows = json.loads(pushy_only)
    assert [r["verdict"] for r in rows] == ["pushy"]
    assert rows[0]["violations"] and isinstance(rows[0]["findings"], list)
    _, csv_out = invoke("log", "--format", "csv", "--since", "1d")
    assert csv_out.splitlines()[0].startswith("id,created_at") and len(csv_out.splitlines()) == 3
    _, nobody = invoke("log", "--user", "nobody", "--format", "json")
    assert json.loads(nobody) == []
    _, future = invoke("log", "--since", "2999-01-01", "--format", "json")
    assert json.loads(future) == []


def test_log_empty_is_friendly() -> None:
    code, output = invoke("log")
    assert code == 0 and "No reviews logged yet" in output


def test_log_purge(tmp_path: Path) -> None:
    invoke("review", OK_DRAFT)
    log = SuggestionLog(tmp_path / "log.db")
    log.db.execute("update reviews set created_at = '2020-01-01T00:00:00+00:00'")
    log.db.conn.commit()
    invoke("review", PUSHY_DRAFT)
    code, output = invoke("log", "purge", "--older-than", "30", "--yes")
    assert code == 0 and output.strip() == "Deleted 1 review older than 30 days."
    assert [r["verdict"] for r in logged(tmp_path)] == ["pushy"]


def test_tip_is_stable_for_the_day() -> None:
    code, first = invoke("tip", "--channel", "marketing")
    _, second = invoke("tip", "--channel", "marketing")
    assert code == 0 and first == second and first.startswith("Tip of the day")


def test_eval_on_the_dev_set_prints_the_metrics() -> None:
    dev = Path(__file__).resolve().parents[1] / "data" / "drafts-dev.jsonl"
    code, output = invoke("eval", str(dev), "--reviewer", "offline")
    assert code == 0
    assert "verdict accuracy:" in output and "MCC:" in output
    for principle in ("converse_first", "offer_help", "pitch_only_when_pulled"):
        assert principle in output


def test_eval_json_and_bad_labels(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "x", "text": PUSHY_DRAFT, "verdict": "pushy", "violations": []}) + "\n")
    code, output = invoke("eval", str(path), "--format", "json")
    data = json.loads(output)
    assert code == 0 and data["items"] == 1 and data["accuracy"] == 1.0
    assert data["misses"][0]["id"] == "x"  # violations differ from the (empty) label
    path.write_text(json.dumps({"text": "hi", "verdict": "maybe"}) + "\n")
    code, output = invoke("eval", str(path))
    assert code == 2 and "line 1: 'verdict' must be" in output


def test_doctor_reports_whats_missing_without_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = invoke("doctor")
    assert code == 0
    assert "offline reviewer" in output and "set OPENAI_API_KEY" in output and "SLACK_BOT_TOKEN" in output
    build = "compiled with mypyc" if offline_build() == "compiled" else "pure Python: the same reviews"
    assert "offline build" in output and build in output
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-super-secret")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-super-secret")
    code, output = invoke("doctor")
    assert "super-secret" not in output and "model gpt-4.1-mini at OpenAI" in output


def test_doctor_flags_a_broken_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("[[tip")
    monkeypatch.setenv("PARTY_COACH_TIPS", str(tmp_path / "bad.toml"))
    code, output = invoke("doctor")
    assert code == 1 and "not valid TOML" in output


def test_bad_setting_is_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_TIP_TIMEZONE", "Nowhere/Land")
    code, output = invoke("tip")
    assert code == 2 and "unknown timezone" in output


def test_python_dash_m_bot_works() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "bot", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "party-coach, version 0.1.0"


def test_run_all_with_nothing_configured_says_what_to_set() -> None:
    code, output = invoke("run", "all")
    assert code == 2
    assert "set SLACK_BOT_TOKEN or DISCORD_TOKEN" in output


def test_run_slack_without_a_token_is_one_clear_line() -> None:
    code, output = invoke("run", "slack")
    assert code == 2 and "SLACK_BOT_TOKEN" in output


def test_run_discord_without_a_token_is_one_clear_line() -> None:
    code, output = invoke("run", "discord")
    assert code == 2 and "DISCORD_TOKEN" in output
