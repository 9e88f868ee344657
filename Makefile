# One task runner. `make` alone is `make check`, the quick loop (lint and the fast tests);
# `make help` lists the targets; `make run` serves the dashboard; `make test` installs everything and runs every check (lint, data validation, unit, app,
# slow and browser tests); `make check` is the quick loop (lint and the fast tests, well under a
# minute). All work on a fresh clone. A target's `## ` comment is what `make help` says of it.
.DEFAULT_GOAL := check
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: help run test check lint validate chromium bench load screenshot clean

help: ## list the targets
	@echo "make <target>, from the repository's root:"
	@grep -E '^[a-z]+:.*## ' $(firstword $(MAKEFILE_LIST)) | sed -E 's/^([a-z]+):.*## (.*)/  \1\t\2/' | expand -t 14

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

## What running the dashboard needs, and nothing else.
$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $(RUN_STAMP)

## The test and benchmark tools on top.
$(TEST_STAMP): pyproject.toml $(RUN_STAMP)
	$(PY) -m pip install -q -e '.[test]'
	touch $(TEST_STAMP)

## Debian's Chromium for the browser tests (Playwright's own download cannot work here).
chromium: ## Debian's Chromium for the browser tests
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: $(RUN_STAMP) ## serve the dashboard (streamlit run dashboard.py)
	$(PY) -m streamlit run dashboard.py

lint: $(TEST_STAMP) ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

validate: $(RUN_STAMP) ## validate the curated data (python -m corridors validate)
	$(PY) -m corridors validate

check: $(TEST_STAMP) lint ## the quick loop: lint and the fast tests (no browser, not slow)
	$(PY) -m pytest -q -m "not browser and not slow"

test: $(TEST_STAMP) chromium lint validate ## every check: lint, validation, all tests (browser and slow too)
	$(PY) -m pytest

bench: $(TEST_STAMP) chromium ## the benchmarks (print figures, assert nothing)
	$(PY) -m benchmarks.run

load: $(TEST_STAMP) chromium ## the load benchmark (many sessions at once)
	$(PY) -m benchmarks.load

screenshot: $(TEST_STAMP) chromium ## the README's screenshots (docs/)
	$(PY) -m benchmarks.screenshot

clean: ## remove the venv and the test caches
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
