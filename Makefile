# One task runner. `make run` serves the dashboard; `make test` installs everything and runs every
# check (lint, data validation, unit, app and browser tests). Both work on a fresh clone.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint validate chromium bench load screenshot clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

## Debian's Chromium for the browser tests (Playwright's own download cannot work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: $(STAMP)
	$(PY) -m streamlit run dashboard.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

validate: $(STAMP)
	$(PY) -m corridors validate

test: $(STAMP) chromium lint validate
	$(PY) -m pytest

bench: $(STAMP) chromium
	$(PY) -m benchmarks.run

load: $(STAMP) chromium
	$(PY) -m benchmarks.load

screenshot: $(STAMP) chromium
	$(PY) -m benchmarks.screenshot

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
