# The two commands: `make run` and `make test`. Everything else is a step they take.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
THREADS ?= 50
export FLASK_APP := wsgi:app

.PHONY: run test install install-dev translations node db demo serve bench lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed translations node
install-dev: $(VENV)/.installed-dev translations node

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node: node_modules/.package-lock.json

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d translations

db: install
	COMMUNITY_ENV=$${COMMUNITY_ENV:-development} $(BIN)/flask db upgrade
	COMMUNITY_ENV=$${COMMUNITY_ENV:-development} $(BIN)/flask search reindex --if-stale

demo: db
	COMMUNITY_ENV=$${COMMUNITY_ENV:-development} $(BIN)/flask seed demo-if-empty

serve:
	COMMUNITY_ENV=$${COMMUNITY_ENV:-development} $(BIN)/gunicorn -w 1 --threads $(THREADS) -b $(HOST):$(PORT) wsgi:app

run: demo
	@echo "DX Lab Exchange: http://$(HOST):$(PORT)/"
	$(MAKE) --no-print-directory serve

# The suite runs on SQLite always, then again on PostgreSQL when TEST_DATABASE_URL is set;
# coverage adds up over both runs and ends with a branch report per file.
PYTEST := $(BIN)/pytest -p no:cacheprovider --cov --cov-branch --cov-report=
test: install-dev
	$(BIN)/ruff check .
	rm -f .coverage
	@echo "== tests on SQLite"
	TEST_DB=sqlite $(PYTEST)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== tests on PostgreSQL"; \
		TEST_DB=postgres $(PYTEST) --cov-append; \
	else echo "== TEST_DATABASE_URL not set: PostgreSQL run skipped"; fi
	$(BIN)/coverage report --sort=cover --skip-covered

bench: install-dev
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.search
	$(BIN)/python -m bench.events

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) node_modules .pytest_cache .coverage
