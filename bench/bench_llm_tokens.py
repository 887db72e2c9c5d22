"""Tokens per LLM review, measured from the `usage` a (local, fake) OpenAI-compatible server returns.

Run from the project root: `.venv/bin/python bench/bench_llm_tokens.py`.
The fake server estimates tokens as characters / 4 over the messages plus the JSON schema,
about what a real tokenizer counts for English prose (JSON and hex delimiters count a little worse).
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script from the root

from bot.coach import build_coach
from bot.settings import BUNDLED_DATA
from tests.fakes.openai_server import FakeOpenAI, settings_for

DRAFT_CHARS = 280
SAMPLE_IDS = ("dev002", "dev016", "dev021", "dev048", "dev008")


def sample_drafts() -> list[tuple[str, str, str | None]]:
    """A few labeled dev drafts, cut to 280 characters (one tweet), with their context if any."""
    lines = (BUNDLED_DATA / "drafts-dev.jsonl").read_text(encoding="utf-8").splitlines()
    items = {item["id"]: item for item in map(json.loads, lines)}
    return [(key, items[key]["text"][:DRAFT_CHARS], items[key]["context"]) for key in SAMPLE_IDS]


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI() as fake:
        coach = build_coach(settings_for(fake, db_path=Path(tmp) / "bench.db"))
        print(f"prompt version {coach.reviewer.prompt_version}, model {coach.reviewer.model}")
        print(f"{'draft':8} {'chars':>5} {'context':>7} {'prompt chars':>12} {'schema chars':>12}", end="")
        print(f" {'in':>5} {'out':>5}")
        drafts = sample_drafts()
        for key, text, context in drafts:
            before = len(fake.requests)
            outcome = await coach.review(text, context)
            body = fake.requests[before]
            prompt_chars = sum(len(m["content"]) for m in body["messages"])
            schema = body["response_format"].get("json_schema", {})
            schema_chars = len(json.dumps(schema, separators=(",", ":")))
            print(
                f"{key:8} {len(text):>5} {len(context or ''):>7} {prompt_chars:>12} {schema_chars:>12} "
                f"{outcome.review.tokens_in:>5} {outcome.review.tokens_out:>5}"
            )
        key, text, context = drafts[0]
        before = len(fake.requests)
        again = await coach.review(text, context)
        print(
            f"repeat of {key}: cached={again.review.cached}, tokens in={again.review.tokens_in}, "
            f"out={again.review.tokens_out}, new requests to the server={len(fake.requests) - before}"
        )
        await coach.aclose()


if __name__ == "__main__":
    asyncio.run(main())
