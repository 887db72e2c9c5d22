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

$(STAMP): pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip $(QUIET_PIP)
	$(BIN)/python -m pip install --quiet -e '.[dev]' $(QUIET_PIP)
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

lint: install
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

test: install lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
