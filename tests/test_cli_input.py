"""`party-coach review` at the edges of its input: bad bytes, mistyped file names, JSON lines, colour."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.store import SuggestionLog

OK_DRAFT = (
    "What's the one onboarding email you still remember, and why? Mine was a plain-text note from a founder "
    "asking what I was trying to build. I still reply to that company's emails."
)
PUSHY_DRAFT = "🚀 Our new CRM is live! Use code SAVE20 for 20% off. Book a demo today — link in bio! #crm"


def invoke(*args: str, input: str | bytes | None = None, color: bool = False) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input, color=color)
    assert "Traceback" not in result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def party_coach(*args: str | bytes, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The real command in its own process, so argv carries real bytes."""
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, check=False)


def logged_count(tmp_path: Path) -> int:
    return len(SuggestionLog(tmp_path / "log.db").recent_reviews(limit=1000))


def write_jsonl(path: Path, *items: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


BAD_BYTES = b"Hello \xff\xfe world"


@pytest.mark.parametrize(
    ("args", "what"),
    [
        ([BAD_BYTES], "the draft"),
        ([OK_DRAFT.encode(), b"--context", BAD_BYTES], "the context"),
        ([OK_DRAFT.encode(), b"--platform", b"linked\xffin"], "the platform"),
    ],
)
def test_invalid_bytes_in_an_argument_are_one_clear_line_and_exit_2(
    tmp_path: Path, args: list[bytes], what: str
) -> None:
    assert party_coach("review", OK_DRAFT).returncode == 0
    result = party_coach("review", *args)
    error = result.stderr.decode("utf-8", "backslashreplace")
    assert result.returncode == 2, error
    assert error.startswith(f"Error: {what} has a broken character at position ")
    assert error.count("\n") == 1 and "Traceback" not in error and result.stdout == b""
    assert logged_count(tmp_path) == 1  # nothing reviewed, nothing already logged lost


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "Hello \udcff\udcfe world"], "the draft has a broken character at position 7"),
        (["review", OK_DRAFT, "--context", "Hi \udcff"], "the context has a broken character at position 4"),
    ],
)
def test_invalid_text_through_click_is_exit_2(args: list[str], message: str) -> None:
    code, output = invoke(*args)
    assert code == 2 and message in output


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "hi \\ud800 there"}', "cut.jsonl, line 2: the draft has a broken character at position 4"),
        (
            '{"text": "hi", "context": "so \\udfff"}',
            "cut.jsonl, line 2: the context has a broken character at position 4",
        ),
        (
            '{"id": "a\\ud83d", "text": "hi"}',
            "cut.jsonl, line 2: the id has a broken character at position 2",
        ),
    ],
)
def test_a_lone_surrogate_in_jsonl_is_named_by_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text(json.dumps({"text": OK_DRAFT}) + "\n" + line + "\n")
    code, output = invoke("review", str(path), "--format", "jsonl")
    assert code == 2 and message in output
    assert not path.with_name("log.db").exists() or logged_count(tmp_path) == 0


@pytest.mark.parametrize("name", ["nosuch.txt", "drafts/today.jsonl", "launch-post.md", "NOTES.TXT"])
def test_a_mistyped_file_name_is_no_such_file(name: str) -> None:
    code, output = invoke("review", name)
    assert code == 2
    assert output.startswith(f"Error: no such file: {name} (to review those words as a draft, pipe them in:")


def test_a_mistyped_file_name_is_no_such_file_in_a_real_shell(tmp_path: Path) -> None:
    result = party_coach("review", "nosuch.txt")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("Error: no such file: nosuch.txt")
    assert not (tmp_path / "log.db").exists() or logged_count(tmp_path) == 0


@pytest.mark.parametrize("draft", ["Thanks!", "Congrats, well done.", "v1.2", "Thanks.Bye", "e.g.", "U.S.A."])
def test_short_drafts_that_are_not_file_names_are_reviewed(draft: str) -> None:
    code, output = invoke("review", draft, "--format", "json")
    review = json.loads(output)
    assert code == {"ok": 0, "pushy": 1}[review["verdict"]]


def test_jsonl_ids_come_back_as_given_and_lines_without_one_get_their_line_number(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "drafts.jsonl", {"id": 7, "text": OK_DRAFT}, {"text": PUSHY_DRAFT})
    code, output = invoke("review", str(path), "--format", "jsonl")
    first, second = (json.loads(line) for line in output.splitlines())
    assert code == 1
    assert first["id"] == 7 and first["line"] == 1
    assert "id" not in second and second["line"] == 2
    _, output = invoke("review", str(path), "--format", "json")
    assert [(r.get("id"), r["line"]) for r in json.loads(output)] == [(7, 1), (None, 2)]


@pytest.mark.parametrize("given", [True, 1.5, ["a"], {"a": 1}])
def test_a_jsonl_id_must_be_text_or_a_whole_number(tmp_path: Path, given: object) -> None:
    path = write_jsonl(tmp_path / "drafts.jsonl", {"id": given, "text": OK_DRAFT})
    code, output = invoke("review", str(path))
    assert code == 2 and "drafts.jsonl, line 1: 'id' must be text or a whole number" in output


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"text": "ok", "context": 5}, "bad.jsonl, line 1: 'context' must be text\n"),
        ({"text": "ok", "platform": 5}, "bad.jsonl, line 1: 'platform' must be text\n"),
    ],
)
def test_a_jsonl_field_error_names_the_file_and_line_once(
    tmp_path: Path, item: dict[str, object], message: str
) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", item)
    code, output = invoke("review", str(path))
    assert code == 2 and output == f"Error: {tmp_path / message}"


def test_bad_bytes_in_a_jsonl_file_are_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"text": "fine"}\n{"text": "caf\xe9 au lait"}\n')
    code, output = invoke("review", str(path))
    assert code == 2
    assert output == (
        f"Error: {path}, line 2: not valid UTF-8 text; save it as UTF-8 (Unicode) and try again\n"
    )


def test_a_draft_holding_a_unicode_line_separator_stays_one_jsonl_line(tmp_path: Path) -> None:
    draft = OK_DRAFT.replace(". ", ".\u2028", 1) + "\x85Thanks!"
    path = write_jsonl(tmp_path / "drafts.jsonl", {"id": "a", "text": draft}, {"id": "b", "text": OK_DRAFT})
    code, output = invoke("review", str(path), "--format", "jsonl")
    assert code == 0 and [json.loads(line)["id"] for line in output.strip().split("\n")] == ["a", "b"]


def test_ndjson_files_are_a_batch(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "drafts.ndjson", {"id": "a", "text": OK_DRAFT}, {"id": "b", "text": PUSHY_DRAFT}
    )
    code, output = invoke("review", str(path), "--format", "jsonl")
    assert code == 1 and [json.loads(line)["id"] for line in output.splitlines()] == ["a", "b"]


def test_json_lines_on_stdin_are_a_batch() -> None:
    lines = (
        json.dumps({"id": "a", "text": OK_DRAFT}) + "\n" + json.dumps({"id": "b", "text": PUSHY_DRAFT}) + "\n"
    )
    code, output = invoke("review", "-", "--format", "jsonl", input=lines)
    assert code == 1 and [json.loads(line)["id"] for line in output.splitlines()] == ["a", "b"]
    result = party_coach("review", "-", "--format", "jsonl", stdin=lines.encode())
    assert result.returncode == 1 and [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "a",
        "b",
    ]


def test_input_says_how_to_read_the_draft(tmp_path: Path) -> None:
    one_object = json.dumps({"id": "a", "text": OK_DRAFT})
    code, output = invoke("review", "-", "--input", "text", "--format", "json", input=one_object)
    review = json.loads(output)
    assert "line" not in review and code == {"ok": 0, "pushy": 1}[review["verdict"]]  # one raw draft
    path = tmp_path / "drafts.txt"
    path.write_text(one_object + "\n")
    code, output = invoke("review", str(path), "--input", "jsonl", "--format", "jsonl")
    assert code == 0 and json.loads(output)["id"] == "a"


@pytest.mark.parametrize("text", ["{curly braces are fine} in a draft", '{"no text field": 1}'])
def test_stdin_that_is_not_json_lines_stays_one_draft(text: str) -> None:
    code, output = invoke("review", "-", "--format", "json", input=text)
    review = json.loads(output)
    assert "line" not in review and code == {"ok": 0, "pushy": 1}[review["verdict"]]


def test_batch_text_output_shows_the_start_of_each_draft(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "drafts.jsonl", {"id": "a", "text": OK_DRAFT}, {"text": "Congrats on the launch!"}
    )
    _, output = invoke("review", str(path))
    heads = [line for line in output.splitlines() if "score" in line and not line.startswith(" ")]
    assert heads[0].startswith("a  OK  score ") and heads[0].endswith(
        "“What's the one onboarding email you still remember, and…”"
    )
    assert heads[1].startswith("line 2  ") and heads[1].endswith("“Congrats on the launch!”")


def read_terminal(env: dict[str, str]) -> str:
    """Run a review with a real terminal as its output, as a person at a prompt would."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "review", PUSHY_DRAFT], stdout=follower, stderr=follower, env=env
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the command has finished
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait()
    os.close(leader)
    return b"".join(chunks).decode()


def test_no_color_is_honoured_on_a_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in read_terminal(env)  # a terminal gets colour by default
    coloured = read_terminal({**env, "NO_COLOR": "1"})
    assert "PUSHY" in coloured and "\x1b[" not in coloured


def test_no_color_through_click(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in invoke("review", PUSHY_DRAFT, color=True)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in invoke("review", PUSHY_DRAFT, color=True)[1]
    assert "\x1b[" not in invoke("doctor", color=True)[1]
