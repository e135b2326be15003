# Trigger Point Atlas. `make run` to use it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
LOCK   := requirements.txt
APP_LOCK := requirements-app.txt
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
# Every test gets at most this many seconds (pytest-timeout); the whole run at most HANG_GUARD.
TEST_TIMEOUT ?= 240
HANG_GUARD   ?= 2400
# Parallel workers for pytest-xdist (the machine has 2 cores).
WORKERS ?= 2
# Browser tests keep a Playwright trace and a screenshot of each failed test here.
ARTIFACTS ?= test-results

# pytest, where exit code 5 ("no tests collected", e.g. a marker that selects none) is not a failure.
define pytest
timeout --signal=INT --kill-after=30 $(HANG_GUARD) $(BIN)/python -m pytest $(1) \
	  || { rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected for: $(1)"; else exit $$rc; fi; }
endef

.PHONY: run test check lint types format browser nginx deploy-deps lock bench bench-smoke \
	bench-capacity test-deploy test-under-load image image-smoke body-map muscle-outlines audit clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One lock file (exact versions with hashes) for the app, the tests and the container.
$(RUNTIME_STAMP): $(LOCK) pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP)
	touch $@

## Regenerate requirements.txt from pyproject.toml (after adding or changing a dependency), and
## its runtime part, requirements-app.txt (the same pins, without the test tools) for the image.
lock: | $(VENV)/bin/python
	@test -x $(BIN)/uv || $(BIN)/pip install --quiet "uv>=0.13,<0.14"
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
	  --python-version 3.11 --no-header --custom-compile-command "make lock" -o $(LOCK)
	$(BIN)/uv pip compile pyproject.toml --extra build --generate-hashes --universal -c $(LOCK) \
	  --python-version 3.11 --no-header --custom-compile-command "make lock" -o $(APP_LOCK)

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

## Debian's nginx for the scale-out test (tests/deploy): the same config as deploy/nginx.conf.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx (needs root or sudo)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

deploy-deps: browser nginx

lint: $(DEV_STAMP) types
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## The type checker (settings in pyproject.toml, [tool.mypy]).
types: $(DEV_STAMP)
	$(BIN)/mypy

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## The edit-test loop: lint, types, unit and AppTest tests in parallel (no browser), about a minute.
check: lint
	$(call pytest,-n $(WORKERS) -m "not browser and not deploy and not slow and not image" -q)

## The whole suite (CI): lint, types, unit, data-contract, AppTest and browser tests in parallel.
test: $(DEV_STAMP) browser lint
	$(call pytest,-n $(WORKERS) --dist loadfile -m "not deploy and not image" --timeout $(TEST_TIMEOUT) --durations=15 \
	  --tracing retain-on-failure --screenshot only-on-failure --output $(ARTIFACTS))

## The scale-out test (nginx + 3 replicas + 20 browser sessions), on its own: about 4.5 minutes on
## a quiet 2-core machine, so it is kept out of `make test` (CI) to hold CI's time down.
test-deploy: $(DEV_STAMP) deploy-deps
	$(call pytest,-m deploy --timeout 900 -p no:xdist)

## The same suite with a CPU burner on both cores (for how long: BURN seconds).
BURN ?= 900
test-under-load: $(DEV_STAMP) deploy-deps
	$(BIN)/python tools/burn.py --seconds $(BURN) --workers 2 & burner=$$!; \
	  $(MAKE) test; rc=$$?; kill $$burner 2>/dev/null; wait $$burner 2>/dev/null; exit $$rc

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

## Capacity: nginx + 3 replicas, N browser sessions; server CPU per session, peak memory per replica.
bench-capacity: $(DEV_STAMP) deploy-deps
	$(BIN)/python -m bench.capacity

## The container image (Dockerfile) with podman or docker, then a smoke test of it (marker image).
## IMAGE_BASE: another Debian bookworm + Python 3.11 base (tools/base_image.sh makes one offline);
## BUILD_FLAGS / RUN_FLAGS: what a machine's engine needs (tools/image_smoke_here.sh: this one's).
ENGINE ?= $(shell command -v podman 2>/dev/null || command -v docker 2>/dev/null)
IMAGE_BASE ?= python:3.11-slim-bookworm
# podman keeps the HEALTHCHECK only in the docker image format
BUILD_FLAGS ?= $(if $(findstring podman,$(ENGINE)),--format docker)
RUN_FLAGS ?=
image:
	$(ENGINE) build $(BUILD_FLAGS) --build-arg BASE=$(IMAGE_BASE) -t tpatlas:latest .

image-smoke: export TPATLAS_IMAGE_ENGINE = $(ENGINE)
image-smoke: export TPATLAS_IMAGE_RUN_FLAGS = $(RUN_FLAGS)
image-smoke: $(DEV_STAMP) browser image
	$(call pytest,-m image -p no:xdist)

audit: $(DEV_STAMP)
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit --require-hashes -r $(LOCK)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache bench/out $(ARTIFACTS)
