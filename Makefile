# The commands: `make run` starts the site on the embedded default, `make test` runs every test
# and check (as CI does), `make test-fast` the quick tier a developer runs before each commit.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: run test test-fast check bench browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) -e . 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import app" && touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import app, pytest, xdist, playwright, ruff, mypy" && touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/flask --app wsgi db upgrade
	@echo "CommonGround is starting at http://$(HOST):$(PORT)/ (press Ctrl+C to stop)"
	$(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS) wsgi:app

PY_FILES := app tests bench wsgi.py gunicorn.conf.py

# Lint, format and types: the same as the pre-commit hooks (.pre-commit-config.yaml).
check: $(VENV)/.installed-dev
	$(BIN)/ruff check $(PY_FILES)
	$(BIN)/ruff format --check $(PY_FILES)
	$(BIN)/mypy

test: check
	$(BIN)/pytest $(PYTEST_ARGS)

# Unit and functional tests on SQLite only, in FAST_WORKERS processes: no browser, no
# PostgreSQL or Redis, and none of the tests that start gunicorn servers (several hosts,
# concurrent writers). About two minutes of CPU time: under two minutes on two cores.
FAST_SKIP := tests/functional/test_several_hosts.py tests/functional/test_concurrent_writers.py
FAST_WORKERS ?= 2
test-fast: $(VENV)/.installed-dev
	$(BIN)/ruff check $(PY_FILES)
	TEST_DATABASE_URL= TEST_REDIS_URL= $(BIN)/pytest -q -n $(FAST_WORKERS) tests/unit \
		tests/functional $(addprefix --ignore=,$(FAST_SKIP)) $(PYTEST_ARGS)

# Server render time and compressed size of each page (no network involved), then requests per
# second and latency under gunicorn with wrk on SQLite, and on PostgreSQL when BENCH_DATABASE_URL
# names a server (a database is made there and dropped). Bigger runs: make bench BENCH_POSTS=500000
BENCH_MEMBERS ?= 1000
BENCH_THREADS ?= 5000
BENCH_POSTS ?= 50000
BENCH_SECONDS ?= 4
BENCH_LOAD = $(BIN)/python -m bench.load --members $(BENCH_MEMBERS) --threads $(BENCH_THREADS) \
	--posts $(BENCH_POSTS) --seconds $(BENCH_SECONDS)
bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench.render
	$(BENCH_LOAD)
	$(if $(BENCH_DATABASE_URL),$(BENCH_LOAD) --database-url $(BENCH_DATABASE_URL))

# Browser tests need Debian's chromium and a Java runtime, plus pinned axe-core and vnu-jar.
browser-deps:
	npm ci --ignore-scripts --no-audit --no-fund

clean:
	rm -rf $(VENV) node_modules
