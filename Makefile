# FitTrack developer commands. `make dev` and `make test` set up whatever is missing first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8080

# The web app (frontend/): npm ci when node_modules is missing or older than the lock file,
# and a rebuild of frontend/dist when any of its sources is newer than the last build.
FRONTEND      := frontend
NPM_STAMP     := $(FRONTEND)/node_modules/.installed
FRONTEND_DIST := $(FRONTEND)/dist/index.html
FRONTEND_SRC  := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
                 $(wildcard $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json $(FRONTEND)/package.json)

.PHONY: setup dev test test-unit test-integration test-api lint format spec bench bench-compare load \
        db-migrate db-seed db-reset frontend frontend-deps frontend-dev test-frontend test-contract test-web e2e soak clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[local,test,dev]'
	@touch $(STAMP)

dev: setup $(FRONTEND_DIST)
	$(BIN)/fittrack dev --port $(PORT)

# The Python suite on every core (pytest-xdist; a file's tests stay on one worker, so its
# module fixtures start once; PYTEST_WORKERS=0 runs it in one process). The contract fuzzer
# runs in a process of its own: schemathesis makes one test per API operation only there
# (under xdist it collects six), and it runs beside the web app's part: type-check and build
# (via frontend/dist), Vitest, then the browser journey (skipped with a message when
# /usr/bin/chromium is missing, except in CI).
PYTEST_WORKERS ?= auto
test: setup $(FRONTEND_DIST)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --ignore=tests/contract
	$(MAKE) --no-print-directory -j2 --output-sync=target test-contract test-web

test-contract: setup
	$(BIN)/python -m pytest tests/contract

test-web: $(FRONTEND_DIST)
	cd $(FRONTEND) && npm test
	cd $(FRONTEND) && npm run e2e -- --optional

test-unit: setup
	$(BIN)/python -m pytest tests/unit

test-integration: setup
	$(BIN)/python -m pytest tests/integration

test-api: setup
	$(BIN)/python -m pytest tests/api

lint: setup
	$(BIN)/ruff format --check shared functions tests scripts
	$(BIN)/ruff check shared functions tests scripts
	$(BIN)/bandit -ll -q -r shared functions -s B608,B104  # B608 = ruff S608, ignored in pyproject (SQL from constants, values bound); B104 = ruff S104, checked per line there
	$(BIN)/lint-imports
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format shared functions tests scripts
	$(BIN)/ruff check --fix shared functions tests scripts

spec: setup $(NPM_STAMP)
	$(BIN)/fittrack spec
	cd $(FRONTEND) && npm run gen:api

# Every figure goes to .bench/latest.json (and .bench/history.jsonl); the table at the end
# shows the previous run beside each. `make bench-compare` fails on a regression beyond the
# noise band measured over the earlier runs (scripts/bench_report.py).
BENCH_RUN := $(BIN)/python scripts/bench_report.py run

bench: setup $(NPM_STAMP)
	$(BIN)/python scripts/bench_report.py start
	$(BENCH_RUN) -- $(BIN)/python scripts/bench.py
	$(BENCH_RUN) -- $(BIN)/python scripts/bench_api.py
	$(BENCH_RUN) -- $(BIN)/python scripts/bench_points.py
	$(BENCH_RUN) -- $(BIN)/python scripts/bench_leaderboards.py
	$(BENCH_RUN) -- $(BIN)/python scripts/bench_sync.py
	$(BENCH_RUN) -- $(BIN)/python scripts/bench_drawings.py
	$(BENCH_RUN) -- $(BIN)/python scripts/bench_analytics.py
	$(BENCH_RUN) --cwd $(FRONTEND) -- node bench/run.mjs
	$(BENCH_RUN) -- $(BIN)/python scripts/load/run.py
	$(BIN)/python scripts/bench_report.py finish

# The member and admin mixes with locust against a fresh `fittrack dev`, ramped until a step
# has errors or a p95 over 200 ms (docs/LOAD.md). LOAD_STEPS=10,20,40 LOAD_SECONDS=20 to change.
load: setup
	$(BIN)/python scripts/load/run.py

bench-compare: setup
	$(BIN)/python scripts/bench_report.py compare

# A 10-minute soak of the mixed member load; RSS and open descriptors printed at start and end.
SOAK_SECONDS ?= 600
soak: setup
	$(BIN)/python scripts/soak.py --seconds $(SOAK_SECONDS)

db-migrate: setup
	$(BIN)/fittrack migrate

db-seed: setup
	$(BIN)/fittrack seed

db-reset: setup
	$(BIN)/fittrack reset-db

frontend: $(FRONTEND_DIST)

frontend-deps: $(NPM_STAMP)

$(NPM_STAMP): $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	@touch $@

$(FRONTEND_DIST): $(NPM_STAMP) $(FRONTEND_SRC)
	cd $(FRONTEND) && npm run build
	@touch $@

# Vite's dev server with hot reload on :5173, proxying /api, /_dev and /_sim to `make dev` on $(PORT).
frontend-dev: $(NPM_STAMP)
	cd $(FRONTEND) && FITTRACK_API=http://localhost:$(PORT) npm run dev

test-frontend: $(NPM_STAMP)
	cd $(FRONTEND) && npm run typecheck && npm test

# The browser suite (frontend/e2e/journeys, at 375 and 1280 px) in headless Chromium against a fresh `fittrack dev`.
e2e: setup $(FRONTEND_DIST)
	cd $(FRONTEND) && npm run e2e

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(FRONTEND)/node_modules $(FRONTEND)/dist
