# Two commands on a fresh machine: `make demo` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# Some machines' pip config lists local mirrors that don't exist; pip warns once per package. Hide only that.
QUIET_PIP := 2>&1 | { grep -v "^WARNING: Location 'file:" || true; }
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint check-python clean

check-python:
	@test -n "$(PYTHON)" || { echo "Party Coach needs Python 3.11 or newer on PATH (python3.11, python3.12, ...)."; exit 2; }

# The offline reviewer is compiled with mypyc where there is a C compiler (see setup.py), so a change to
# its source reinstalls, or Python would keep loading the old compiled copy.
OFFLINE_SOURCES := $(wildcard bot/review/offline*.py)

$(STAMP): pyproject.toml setup.py $(OFFLINE_SOURCES) | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip $(QUIET_PIP)
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e '.[dev,charts,dashboard]' $(QUIET_PIP)
	@$(BIN)/python -c 'from bot.review.native_build import offline_build; print("offline reviewer:", offline_build())'
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@echo "== Reviewing the sample drafts with the built-in offline reviewer (no API key needed) =="
	@$(BIN)/party-coach review --reviewer offline --file data/samples.jsonl; test $$? -le 1
	@echo
	@echo "== The suggestion log (party-coach log) =="
	@$(BIN)/party-coach log --limit 8
	@echo
	@$(BIN)/party-coach tip --channel demo
	@echo
	@echo "== Browse the log in your browser: charts, saved queries, every review (read-only) =="
	@echo "Run $(BIN)/party-coach dashboard and open the address it prints. Ctrl+C stops it."

lint: install
	$(BIN)/ruff check bot tests bench setup.py
	$(BIN)/ruff format --check bot tests bench setup.py
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

test: install lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache *.so bot/review/*.so
