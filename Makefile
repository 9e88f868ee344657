# One task runner. `make run` serves the dashboard; `make test` installs everything and runs every
# check (lint, data validation, unit, app, slow and browser tests); `make check` is the quick loop
# (lint and the fast tests, well under a minute). All work on a fresh clone.
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test check lint validate chromium bench load screenshot clean

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
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: $(RUN_STAMP)
	$(PY) -m streamlit run dashboard.py

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

validate: $(RUN_STAMP)
	$(PY) -m corridors validate

check: $(TEST_STAMP) lint
	$(PY) -m pytest -q -m "not browser and not slow"

test: $(TEST_STAMP) chromium lint validate
	$(PY) -m pytest

bench: $(TEST_STAMP) chromium
	$(PY) -m benchmarks.run

load: $(TEST_STAMP) chromium
	$(PY) -m benchmarks.load

screenshot: $(TEST_STAMP) chromium
	$(PY) -m benchmarks.screenshot

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
