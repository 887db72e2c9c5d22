"""Where log lines go, and which libraries' routine chatter a person is spared."""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Libraries that narrate routine work at INFO: the OpenAI SDK's and Slack SDK's retries (the final
# outcome is reported by Party Coach itself), HTTP request lines, discord.py's log-in and gateway steps.
# They speak up again at WARNING, or at DEBUG when someone is digging.
CHATTY_LIBRARIES = ("openai", "httpx", "httpcore", "discord", "bot.slack.web")


def configure_logging(level: str) -> None:
    """Log to stderr at `level`; libraries' INFO chatter shows only when DEBUG is asked for."""
    chosen = logging.getLevelNamesMapping().get(level.strip().upper(), logging.INFO)
    logging.basicConfig(level=chosen, format=FORMAT)
    library_level = chosen if chosen <= logging.DEBUG else max(chosen, logging.WARNING)
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(library_level)
