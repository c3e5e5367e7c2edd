# PodOps for Saleor: set up, run and test from a fresh clone.
#
#   make run    set up .venv, build the dashboard extension (when node is there) and run PodOps on the
#               embedded default (SQLite, ./var/media, filesystem broker); prints the manifest URL
#   make test   every check: lint, format, types, import layers, GraphQL schema, dashboard tests,
#               pytest on SQLite, then pytest on PostgreSQL + Redis with the real-worker integration tests
#   make bench  the intake benchmark (PostgreSQL + Redis + gunicorn on loopback; not part of `make test`)
#
# Every step is idempotent: re-running only redoes what changed (pyproject.toml, package-lock.json).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# The first of python3.11 / python3 that is Python 3.11 or newer.
PYTHON ?= $(shell for p in python3.11 python3; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then \
	command -v $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.podops-installed
DASHBOARD := dashboard-extension

# The PostgreSQL + Redis run. pytest-django creates and drops test_<name> in this server.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/podops
TEST_BROKER_URL ?= redis://127.0.0.1:6379/1
PYTEST_ARGS ?=

.PHONY: help venv run worker test lint typecheck imports schema-check dashboard-build \
	dashboard-test approvals-e2e saleor-client test-sqlite test-postgres bench clean

help:
	@echo "make run    set up and run PodOps on the embedded default (prints the manifest URL)"
	@echo "make test   set up and run every check and test (needs PostgreSQL and Redis on 127.0.0.1)"
	@echo "make bench  run the intake benchmark"
	@echo "finer: venv lint typecheck imports schema-check dashboard-build dashboard-test approvals-e2e"
	@echo "       test-sqlite test-postgres saleor-client worker clean"

$(INSTALLED): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "PodOps needs Python 3.11 or newer (python3.11 or python3)"; exit 1; fi
	@if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); fi
	@echo "Installing PodOps and its development tools into $(VENV)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

venv: $(INSTALLED)

# The dashboard extension is optional for running: when it cannot be built, PodOps still runs.
run: $(INSTALLED)
	@$(MAKE) dashboard-build || echo "WARNING: the dashboard extension did not build (see above); \
	PodOps runs without its dashboard pages"
	$(BIN)/podops serve

worker: $(INSTALLED)
	$(BIN)/podops worker --beat

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(INSTALLED)
	$(BIN)/mypy saleor_podops

imports: $(INSTALLED)
	$(BIN)/lint-imports

# PodOps' own GraphQL schema (SDL) is committed; the check fails when the code and the file differ.
# The customer API (/graphql/customer/) has its own schema and its own committed file.
schema-check: $(INSTALLED)
	$(BIN)/podops export_schema --check
	$(BIN)/podops export_customer_schema --check

# The dashboard extension is optional on a machine without node: skipped with a note.
dashboard-build:
	@if [ ! -f $(DASHBOARD)/package.json ]; then exit 0; fi; \
	if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the dashboard extension is not built (PodOps runs without it)"; exit 0; fi; \
	$(MAKE) $(DASHBOARD)/node_modules/.podops-installed && cd $(DASHBOARD) && npm run build

dashboard-test: $(INSTALLED)
	@if [ ! -f $(DASHBOARD)/package.json ]; then exit 0; fi; \
	if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the dashboard extension tests are skipped"; exit 0; fi; \
	$(MAKE) $(DASHBOARD)/node_modules/.podops-installed && cd $(DASHBOARD) && npm test && \
	if ! node -e 'process.exit(require("./package.json").scripts?.e2e ? 0 : 1)'; then exit 0; fi && \
	if [ -x "$${E2E_CHROMIUM:-/usr/bin/chromium}" ]; then npm run e2e; \
	elif [ "$${CI:-}" = true ]; then echo "CI: Chromium is missing for the e2e tests"; exit 1; \
	else echo "No Chromium at $${E2E_CHROMIUM:-/usr/bin/chromium}: dashboard e2e tests skipped"; fi

# Customer approvals in Debian's Chromium: the storefront component and the hosted page.
approvals-e2e: $(INSTALLED)
	@if ! command -v npm >/dev/null 2>&1; then echo "npm not found: approvals e2e skipped"; exit 0; fi; \
	if [ -x "$${E2E_CHROMIUM:-/usr/bin/chromium}" ]; then \
		cd e2e/approvals && npm install --no-audit --no-fund && npm test; \
	elif [ "$${CI:-}" = true ]; then echo "CI: Chromium is missing for the e2e tests"; exit 1; \
	else echo "No Chromium at $${E2E_CHROMIUM:-/usr/bin/chromium}: approvals e2e tests skipped"; fi

# `npm install` with the committed lock (it installs the locked versions). Not `npm ci`: this
# workplace's npm leaves other platforms' optional packages out of the lock, which `npm ci` refuses.
# A lock that npm had to rewrite is reported.
$(DASHBOARD)/node_modules/.podops-installed: $(wildcard $(DASHBOARD)/package.json $(DASHBOARD)/package-lock.json)
	cd $(DASHBOARD) && npm install --no-audit --no-fund
	@if command -v git >/dev/null 2>&1 && ! git diff --quiet -- $(DASHBOARD)/package-lock.json 2>/dev/null; then \
		echo "WARNING: npm rewrote $(DASHBOARD)/package-lock.json: it is out of date"; fi
	@touch $@

test-sqlite: $(INSTALLED)
	$(BIN)/pytest -q $(PYTEST_ARGS)

test-postgres: $(INSTALLED)
	PODOPS_DATABASE_URL=$(TEST_DATABASE_URL) PODOPS_BROKER_URL=$(TEST_BROKER_URL) \
		PODOPS_TEST_INTEGRATION=1 $(BIN)/pytest -q $(PYTEST_ARGS)

# The checks, then two lanes side by side (2 cores): [dashboard tests, pytest on SQLite] and
# [pytest on PostgreSQL + Redis]. Each lane's output is kept and printed when both are done, the
# PostgreSQL run last, so the last line is its pytest summary. Fails when either lane fails.
TEST_LOGS := test-artifacts/make-test

test: $(INSTALLED) lint typecheck imports schema-check
	@rm -rf $(TEST_LOGS) && mkdir -p $(TEST_LOGS)
	@echo "Running [dashboard tests, pytest on SQLite] beside [pytest on PostgreSQL + Redis];"
	@echo "their output follows when both are done (also in $(TEST_LOGS)/)."
	@( rc=0; $(MAKE) dashboard-test approvals-e2e test-sqlite >$(TEST_LOGS)/sqlite.log 2>&1 </dev/null || rc=$$?; \
		echo $$rc >$(TEST_LOGS)/sqlite.rc ) & \
	rc=0; $(MAKE) test-postgres >$(TEST_LOGS)/postgres.log 2>&1 </dev/null || rc=$$?; \
	echo $$rc >$(TEST_LOGS)/postgres.rc; \
	wait; \
	cat $(TEST_LOGS)/sqlite.log $(TEST_LOGS)/postgres.log; \
	[ "$$(cat $(TEST_LOGS)/sqlite.rc)" = 0 ] && [ "$$(cat $(TEST_LOGS)/postgres.rc)" = 0 ]

bench: $(INSTALLED)
	bench/run

# Regenerate the typed Saleor client (saleor_podops/saleor/client/generated/) from the .graphql
# documents after changing one; tests/saleor/test_generated_client.py fails while it is stale.
saleor-client: $(INSTALLED)
	$(BIN)/python -m ariadne_codegen

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache \
		$(DASHBOARD)/node_modules $(DASHBOARD)/dist
