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

DEMO_ENV := DEMO=1 DEBUG=1
# Production-like settings for `check --deploy` (nothing is served with them).
DEPLOY_ENV := DEMO= DEBUG= SECRET_KEY=$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=') ALLOWED_HOSTS=wijkportaal.example.org

.PHONY: help venv demo serve migrate seed test lint format check messages bench clean

help:
	@echo "make demo     set up, seed the demo municipality and serve http://127.0.0.1:8000"
	@echo "make test     run the whole test suite (unit, integration, browser)"
	@echo "make lint     ruff, migrations check and Django's deploy check"
	@echo "make bench    benchmark the key pages on PostgreSQL (DATABASE_URL; needs wrk)"
	@echo "make messages update and compile the Dutch translation"

$(STAMP): requirements.lock
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed (python3.13/python3.12 on PATH)." >&2; exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

migrate: venv
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput

seed: migrate
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo

demo: seed
	@echo "Serving the demo portal at http://127.0.0.1:8000 (Ctrl+C stops it)"
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: venv
	$(BIN)/python -m pytest

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

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
