# Two commands for a new machine: `make run` (set up, demo content, serve) and `make test`.
# Everything else here is a step of those two.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_ENV := DJANGO_SETTINGS_MODULE=awardsite.settings.test

.PHONY: run setup install migrate messages demo serve test lint format check-migrations makemessages clean totp

run: setup demo serve

setup: install migrate messages

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changed, so the second `make run` is quick.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt | $(PY)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

messages: install
	@command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt not found: install gettext (apt-get install gettext) to compile the Dutch translations"; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

demo: migrate
	$(PY) manage.py load_demo

serve:
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C stops)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: install
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

makemessages: install
	$(PY) manage.py makemessages -l nl --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=bench --ignore=tests

# The whole suite: lint, Django checks, migrations in step, translations compiled, then pytest
# (unit, integration, browser smoke). DATABASE_URL picks the database (SQLite when unset).
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js

# axe-core for the accessibility scan, from the npm registry, pinned by package-lock.json.
$(AXE): tests/browser/axe/package.json tests/browser/axe/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/browser/axe --no-audit --no-fund --silent && touch $(AXE); \
	else echo "npm not found: the accessibility scan will be skipped (a failure under CI=true)"; fi

test: install messages $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r awardsite submissions judging showcase -c pyproject.toml --severity-level medium
	$(TEST_ENV) $(PY) manage.py check --fail-level WARNING
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)
	$(TEST_ENV) $(PY) tests/postgres_pass.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .test-media

# The current two-step code of a demo account: make totp EMAIL=jurylid@demo.soda.example
totp: install
	@$(PY) manage.py demo_totp $(EMAIL)
