# The two commands: `make run` and `make test`. Everything else is a step they take.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
THREADS ?= 50
export FLASK_APP := wsgi:app

.PHONY: run test install install-dev translations node db demo serve bench soak lint format clean

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

# The suite runs on SQLite always and, when TEST_DATABASE_URL is set, on PostgreSQL at the same
# time (one pass a core; each has its own database); coverage adds up over both passes and ends
# with a branch report per file. The PostgreSQL pass's report follows the SQLite one's.
# Chromium renders the same page whichever database stored its rows: the browser journeys and
# the XSS corpus run in the SQLite pass only, which keeps the two passes within CI's time.
POSTGRES_SKIPS := --ignore=tests/browser --ignore=tests/xss
PYTEST := $(BIN)/pytest -p no:cacheprovider --cov --cov-branch --cov-report= --durations=5
test: install-dev
	$(BIN)/ruff check .
	rm -f .coverage .coverage.* .pytest-postgres.*
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		(COVERAGE_FILE=.coverage.postgres TEST_DB=postgres $(PYTEST) $(POSTGRES_SKIPS) > .pytest-postgres.log 2>&1; \
		 echo $$? > .pytest-postgres.rc) & \
	else echo "== TEST_DATABASE_URL not set: PostgreSQL pass skipped"; fi; \
	echo "== tests on SQLite"; \
	COVERAGE_FILE=.coverage.sqlite TEST_DB=sqlite $(PYTEST); sqlite=$$?; \
	wait; \
	if [ -f .pytest-postgres.log ]; then \
		echo "== tests on PostgreSQL"; cat .pytest-postgres.log; \
		postgres=$$(cat .pytest-postgres.rc); else postgres=0; fi; \
	[ $$sqlite -eq 0 ] && [ $$postgres -eq 0 ]
	$(BIN)/coverage combine --quiet .coverage.*
	$(BIN)/coverage report --sort=cover --skip-covered

bench: install-dev
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.search
	$(BIN)/python -m bench.events
	$(BIN)/python -m bench.forum
	$(BIN)/python -m bench.fanout
	$(BIN)/python -m bench.mixed

# The scaled-out deployment under faults: nginx (Debian's package) before two gunicorn
# processes, Redis and PostgreSQL; a process killed, Redis restarted, the database cut.
soak: install-dev
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt-get install -y -qq nginx-light
	$(BIN)/python -m bench.soak

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
