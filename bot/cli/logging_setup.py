"""Where log lines go, in which shape, and which libraries' routine chatter a person is spared."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Libraries that narrate routine work at INFO: the OpenAI SDK's and Slack SDK's retries (the final
# outcome is reported by Party Coach itself), HTTP request lines, discord.py's log-in and gateway steps.
# They speak up again at WARNING, or at DEBUG when someone is digging.
CHATTY_LIBRARIES = ("openai", "httpx", "httpcore", "discord", "bot.slack.web")
# Fields a log call may pass as `extra`; a log shipper can filter on each of them.
CONTEXT_FIELDS = ("platform", "channel", "review_id", "latency_ms", "reviewer", "error")


def context_of(record: logging.LogRecord) -> dict[str, object]:
    """The context fields a log call gave as `extra`, leaving out the empty ones."""
    return {f: value for f in CONTEXT_FIELDS if (value := getattr(record, f, None)) is not None}


class TextLines(logging.Formatter):
    """The classic one-line text, with any context fields after it in brackets: [platform=slack …]."""

    def __init__(self) -> None:
        super().__init__(FORMAT)

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        context = context_of(record)
        if not context:
            return line
        return f"{line} [{' '.join(f'{name}={value}' for name, value in context.items())}]"


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, event, and any context fields the call gave."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update(context_of(record))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: str, shape: str = "text") -> None:
    """Log to stderr at `level`, as text or JSON lines; libraries' INFO chatter shows only at DEBUG."""
    chosen = logging.getLevelNamesMapping().get(level.strip().upper(), logging.INFO)
    logging.basicConfig(level=chosen, format=FORMAT)
    for handler in logging.getLogger().handlers:
        if shape == "json":
            handler.setFormatter(JsonLines())
        elif getattr(handler.formatter, "_fmt", None) == FORMAT:  # basicConfig's, not a test harness's
            handler.setFormatter(TextLines())
    library_level = chosen if chosen <= logging.DEBUG else max(chosen, logging.WARNING)
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(library_level)
