# Trigger Point Atlas. `make run` to use it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed

.PHONY: run test lint format browser bench bench-smoke body-map muscle-outlines audit clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt -e .
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## Start the app on http://localhost:$(PORT)
run: $(RUNTIME_STAMP)
	$(BIN)/streamlit run streamlit_app.py --server.address 127.0.0.1 --server.port $(PORT)

## Debian's Chromium for the browser tests (Playwright's own download does not work offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium and poppler-utils (needs root or sudo)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils >/dev/null; }
	@command -v pdftoppm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## The whole suite: lint, unit, data-contract, AppTest and browser tests.
test: $(DEV_STAMP) browser lint
	$(BIN)/python -m pytest

## Regenerate data/body_map.geojson from tools/build_body_map.py
body-map: $(DEV_STAMP)
	$(BIN)/python tools/build_body_map.py

## Regenerate data/muscle_outlines.geojson (after the body map or tools/muscle_outlines.csv changes)
muscle-outlines: $(DEV_STAMP)
	$(BIN)/python tools/build_muscle_outlines.py

## The benchmark: writes bench/out/results.{md,csv} and the table in README.md (about 6 minutes).
bench: $(DEV_STAMP) browser
	$(BIN)/python -m bench.run

bench-smoke: $(DEV_STAMP) browser
	$(BIN)/python -m bench.run --smoke --no-readme

audit: $(DEV_STAMP)
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit -r requirements.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache bench/out
