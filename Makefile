# FitTrack developer commands. `make dev` and `make test` set up whatever is missing first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8080

.PHONY: setup dev test test-unit test-integration test-api lint format spec bench \
        db-migrate db-seed db-reset frontend clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[local,test,dev]'
	@touch $(STAMP)

dev: setup
	$(BIN)/fittrack dev --port $(PORT)

test: setup
	$(BIN)/python -m pytest

test-unit: setup
	$(BIN)/python -m pytest tests/unit

test-integration: setup
	$(BIN)/python -m pytest tests/integration

test-api: setup
	$(BIN)/python -m pytest tests/api

lint: setup
	$(BIN)/ruff format --check shared functions tests scripts
	$(BIN)/ruff check shared functions tests scripts
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format shared functions tests scripts
	$(BIN)/ruff check --fix shared functions tests scripts

spec: setup
	$(BIN)/fittrack spec

bench: setup
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_api.py
	$(BIN)/python scripts/bench_points.py
	$(BIN)/python scripts/bench_leaderboards.py
	$(BIN)/python scripts/bench_sync.py
	$(BIN)/python scripts/bench_drawings.py

db-migrate: setup
	$(BIN)/fittrack migrate

db-seed: setup
	$(BIN)/fittrack seed

db-reset: setup
	$(BIN)/fittrack reset-db

frontend:
	@echo "The web app arrives with the member and admin features; the gateway serves frontend/dist when it exists."

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
