# The two commands: `make run` starts the site on the embedded default, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: run test bench browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) -e . 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import app" && touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import app, pytest, playwright, ruff" && touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/flask --app wsgi db upgrade
	@echo "CommonGround is starting at http://$(HOST):$(PORT)/ (press Ctrl+C to stop)"
	$(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS) wsgi:app

test: $(VENV)/.installed-dev
	$(BIN)/ruff check app tests bench wsgi.py gunicorn.conf.py
	$(BIN)/pytest $(PYTEST_ARGS)

# Server render time and compressed size of each page (no network involved).
bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench.render

# Browser tests need Debian's chromium and a Java runtime, plus pinned axe-core and vnu-jar.
browser-deps:
	npm ci --ignore-scripts --no-audit --no-fund

clean:
	rm -rf $(VENV) node_modules
