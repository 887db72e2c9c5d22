# Party Coach: runs the Slack and Discord bots in one process.

# Build stage: a C compiler turns the offline reviewer into compiled extensions (see setup.py).
FROM python:3.12-slim AS build
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY prompts ./prompts
COPY data ./data
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PARTY_COACH_DB=/app/data/party-coach.db

# ca-certificates for TLS to Slack, Discord and the LLM; versions follow the base image's Debian release.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 coach
WORKDIR /app

COPY --from=build /wheels /wheels
# The charts extra draws the weekly digest's chart (matplotlib).
RUN pip install --no-cache-dir "$(echo /wheels/*.whl)[charts]" && rm -rf /wheels \
    && mkdir -p /app/data && chown coach:coach /app/data

USER 10001:10001
VOLUME ["/app/data"]
# Slack HTTP mode (`run slack --http --port 3000`); Socket Mode and Discord need no open port.
EXPOSE 3000
# `run` rewrites a heartbeat file every 30 s in every mode; `health` fails once it is 90 s old or gone.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["party-coach", "health"]
CMD ["party-coach", "run", "all"]
