# Groundswell: `make run` to try it, `make test` to check everything.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/groundswell
PORT ?= 8000

.PHONY: run install uv var serve test lint typecheck migrations-check test-sqlite test-postgres test-browser bench fuzz clean

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv

install: uv node_modules/.installed
	$(UV) sync --frozen

# The map library and its offline base layer (served as static files) and Lighthouse (browser
# tests) come from npm, pinned in package-lock.json; reinstalled only when the lock file changes.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "Groundswell needs Node.js and npm for its map files: run 'apt-get install -y nodejs npm' (.ci/run does)." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

var:
	@mkdir -p var/mail var/media var/static

# Links in emails point at the address the site is served on, unless SITE_URL says otherwise.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo --force
	@echo ""
	@echo "Groundswell is running at http://127.0.0.1:$(PORT)/  (emails are written to var/mail/; Ctrl-C stops it)"
	$(PY) manage.py db_worker --queue-name default & worker=$$!; \
	$(PY) manage.py run_scheduled & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --worker-class gthread --access-logfile -

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy groundswell config

migrations-check: install var
	$(PY) manage.py makemigrations --check --dry-run

test-sqlite: install var
	$(VENV)/bin/pytest -m "not browser" -q -n 2

test-postgres: install var
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(VENV)/bin/pytest -m "not browser" -q -n 2

test-browser: install var
	@test -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" || { echo "The browser tests need Debian's Chromium at $${CHROMIUM_PATH:-/usr/bin/chromium}: run 'apt-get install -y chromium' (.ci/run does), or set CHROMIUM_PATH." >&2; exit 1; }
	PLAIN_STATIC=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -m browser -q -p no:xdist

test: lint typecheck migrations-check test-sqlite test-postgres test-browser
	@echo "All checks passed."

bench: install var
	bash bench/run.sh

fuzz: install var
	$(PY) bench/fuzz_api.py --examples 200
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PY) bench/fuzz_api.py --examples 200

clean:
	rm -rf $(VENV) node_modules var/static var/groundswell.sqlite3* .mypy_cache .ruff_cache
