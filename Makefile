# Wijkportaal: `make demo` serves the demo portal, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock 2>/dev/null | cut -c1-12)

# Django 6.1 needs Python >= 3.12: take python3.13 or python3.12 from PATH (pyenv shims
# included), else python3 when it is new enough.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	  && { echo $$p; break; }; done)

# The HTML validator of the test suite (vnu.jar from the npm package vnu-jar, run with
# Java): installed into node_modules from package-lock.json. --ignore-scripts: the package's
# postinstall would download a Java runtime; the system's Java is used instead.
NODE_STAMP := node_modules/.installed-$(shell sha256sum package-lock.json 2>/dev/null | cut -c1-12)

DEMO_ENV := DEMO=1 DEBUG=1
# The demo's port: `make demo DEMO_PORT=8001` when 8000 is taken. Links in its emails follow.
DEMO_PORT ?= 8000

# `make test` spreads the suite over the machine's cores (pytest-xdist). PYTEST_WORKERS=0
# runs it in one process (then `-s` shows what tests print); PYTEST_ARGS selects a part,
# e.g. PYTEST_ARGS='-m "not e2e"' without the browser tests, or a module's path.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=
# Production-like settings for `check --deploy` (nothing is served with them): the
# deployment of docs/deploy.md, several servers behind one load balancer sharing a Redis
# (the check does not connect to it).
DEPLOY_ENV := DEMO= DEBUG= SECRET_KEY=$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=') ALLOWED_HOSTS=wijkportaal.example.org \
	CACHE_URL=redis://redis.internal:6379/0 TRUSTED_PROXY_COUNT=1

.PHONY: help venv validator demo serve migrate seed seed-load test lint format check messages bench two-servers clean

help:
	@echo "make demo     set up, seed the demo municipality and serve http://127.0.0.1:8000 [DEMO_PORT=8001]"
	@echo "make test     run the whole test suite (unit, integration, browser) on all cores"
	@echo "              [PYTEST_ARGS='-m \"not e2e\"' or a path] [PYTEST_WORKERS=0 for one process]"
	@echo "make lint     ruff, migrations check and Django's deploy check"
	@echo "make bench    benchmark the key pages on PostgreSQL (DATABASE_URL; needs wrk)"
	@echo "make messages update and compile the Dutch translation"
	@echo "make two-servers  two gunicorn servers on one PostgreSQL and Redis: sessions, submissions and rate limits shared"
	@echo "make seed-load DATABASE_URL=postgres://... [SEED_LOAD_ARGS='--small --reset']"
	@echo "              build the large load-test municipality (a few minutes)"

$(STAMP): requirements.lock
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed (python3.13/python3.12 on PATH)." >&2; exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

# Without npm the HTML validity test skips with a reason; in CI (CI set) that is an error.
$(NODE_STAMP): package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ -n "$$CI" ]; then echo "CI: npm is needed for the HTML validator (apt-get install npm)." >&2; exit 1; fi; \
	  echo "npm is not installed: the HTML validity test will be skipped (apt-get install npm)." >&2; \
	else \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && rm -f node_modules/.installed-* && touch $@; \
	fi

validator: $(NODE_STAMP)

migrate: venv
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput

seed: migrate
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo

# The large data set for load tests and the benchmark: PostgreSQL only. It refuses a database
# that already holds data unless SEED_LOAD_ARGS has --reset (which empties the portal's
# tables). Its accounts are demo accounts: serve it with DEMO=1 to sign in.
seed-load: venv
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "usage: make seed-load DATABASE_URL=postgres://user@host:5432/dbname [SEED_LOAD_ARGS='--small --seed 2']" >&2; \
	     echo "seed_load needs PostgreSQL; --reset empties the portal's tables in that database first." >&2; exit 2;; esac
	DEMO=1 $(BIN)/python manage.py migrate --noinput
	DEMO=1 $(BIN)/python manage.py seed_load --ik-weet-het $(SEED_LOAD_ARGS)

demo: seed
	@echo "Serving the demo portal at http://127.0.0.1:$(DEMO_PORT) (Ctrl+C stops it)"
	$(DEMO_ENV) PORTAAL_URL=$${PORTAAL_URL:-http://127.0.0.1:$(DEMO_PORT)} \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(DEMO_PORT)

# --dist loadfile: each module runs whole in one worker, so a module-scoped fixture (a server
# started once per database) is set up once and a module's own count of its cases is
# complete. (--dist loadgroup would be finer, but with pytest 9.2 it no longer groups.)
# --no-loadscope-reorder: modules are handed out in the order tests/conftest.py gives them,
# the longest first.
test: venv validator
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEMO_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

# Serves the seed_load data set with gunicorn and drives every key page with wrk; writes
# docs/benchmarks.md. DATABASE_URL defaults to a local wijkportaal_bench database.
bench: venv
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Our overrides of allauth's templates carry allauth's own strings: take their Dutch from
# allauth's catalogue (ours wins where both have one), then compile.
ALLAUTH_NL := $(VENV)/lib/python*/site-packages/allauth/locale/nl/LC_MESSAGES/django.po
messages: venv
	$(DEMO_ENV) $(BIN)/python manage.py makemessages --locale nl --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	$(BIN)/python scripts/vertalingen_aanvullen.py locale/nl/LC_MESSAGES/django.po $(ALLAUTH_NL)
	$(DEMO_ENV) $(BIN)/python manage.py compilemessages --locale nl --ignore '.venv/*'

# Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/wijkportaal)
# and Redis (CACHE_URL/REDIS_URL, default redis://127.0.0.1:6379/0); see docs/deploy.md.
two-servers: venv
	$(BIN)/python scripts/twee_servers.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
