# Metodset. `make demo` starts the demo, `make test` runs the whole suite; `make help` lists the rest.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# The first Python 3.12+ on PATH (a pyenv shim answers for the version .python-version picks).
PYTHON ?= $(shell for p in python3 python3.13 python3.12; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo $$p; break; fi; done)
DEV_ENV := DEBUG=1 DJANGO_SETTINGS_MODULE=metodset.settings
TEST_ENV := DEBUG=1 API_USER_RATE=100000/min TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend SECRET_KEY=test-only-secret-key-not-for-production-0123456789abcdefgh
PYTEST_ARGS ?=

.PHONY: help demo test lint format messages bench bench-data clean check-deploy worker venv

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

venv: $(BIN)/.installed

demo: $(BIN)/.installed ## Install, migrate, load the demo once, serve http://127.0.0.1:$(PORT)
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py demo --if-empty
	@# The task worker runs beside the web server and stops with it.
	trap 'kill 0' EXIT; $(DEV_ENV) $(BIN)/python manage.py db_worker >var/worker.log 2>&1 & \
		$(DEV_ENV) DEBUG_PAGES=0 $(BIN)/python manage.py runserver --insecure 127.0.0.1:$(PORT)

test: $(BIN)/.installed ## Run the whole test suite (DATABASE_URL picks PostgreSQL)
	$(TEST_ENV) $(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: $(BIN)/.installed ## ruff check (security rules S included), format check, bandit, mypy, the import layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -ll -q -r src -x '*/tests/*'  # medium and high findings; each nosec says why
	$(DEV_ENV) SECRET_KEY=mypy-only $(BIN)/mypy  # services.py and selectors.py of every app ([tool.mypy])
	PYTHONPATH=src $(BIN)/lint-imports --no-logo --no-cache  # the layers in pyproject.toml

format: $(BIN)/.installed ## Fix what ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: $(BIN)/.installed ## Run the background task worker
	$(DEV_ENV) $(BIN)/python manage.py db_worker

check-deploy: $(BIN)/.installed ## Django's deployment checklist with production settings
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=metodset.example.ru $(BIN)/python manage.py check --deploy --fail-level WARNING

bench-data: $(BIN)/.installed ## Region-scale data on PostgreSQL (60 municipalities, 100,000 teachers, 1,000,000 participations, two years of meetings and plans); idempotent
	DEBUG=1 BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/metodset_region} \
		$(BIN)/python bench/region_data.py

clean: ## Remove the venv and local data
	rm -rf $(VENV) var

messages: $(BIN)/.installed ## Extract and compile the Russian translations (needs GNU gettext)
	cd src/metodset && $(DEV_ENV) $(CURDIR)/$(BIN)/django-admin makemessages -l ru --no-obsolete \
		--ignore 'formats/*' $$(for d in */apps.py; do echo "--ignore=$${d%/apps.py}/*"; done)
	for d in src/metodset/*/apps.py; do (cd $$(dirname $$d) && $(DEV_ENV) $(CURDIR)/$(BIN)/django-admin \
		makemessages -l ru --no-obsolete --ignore 'tests/*'); done
	cd src/metodset && $(DEV_ENV) $(CURDIR)/$(BIN)/django-admin compilemessages

bench: $(BIN)/.installed ## Benchmarks (import of 30,000 teachers; minutes of 30 attendees as DOCX; the annual analysis of 60 members; indicators and the pages against a bare-Django floor on PostgreSQL)
	$(BIN)/python bench/import_teachers.py --rows $${ROWS:-30000}
	DEBUG=1 $(BIN)/python bench/minutes_document.py
	DEBUG=1 $(BIN)/python bench/annual_analysis.py
	DEBUG=1 DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/metodset_bench} \
		$(BIN)/python bench/indicators.py
	DEBUG=1 BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/metodset_bench_schools} \
		$(BIN)/python bench/risk_list.py
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/metodset_bench} \
		$(BIN)/python bench/pages.py
