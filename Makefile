# CareerPath: `make run` serves the app for development, `make test` runs the whole suite, `make serve`
# runs the production server (see README, "Production"). Each sets everything up on a fresh machine
# first: the virtualenv, Python and npm packages, and (for tests) Chromium.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# apt-get needs root; use sudo when it is there and we are not root.
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)

# Development targets run with DEBUG on unless told otherwise; `serve` never does.
DEV := DEBUG=$${DEBUG:-true}

.PHONY: setup run serve test lint format check gettext browser-deps messages bench screenshots clean

# The compiled Spanish catalogues (locale/es/LC_MESSAGES/*.po are the source; the .mo files are built).
CATALOGUES := locale/es/LC_MESSAGES/django.mo locale/es/LC_MESSAGES/djangojs.mo

setup: $(VENV)/.installed node_modules/.installed $(CATALOGUES)

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# GNU gettext (Debian's package, installed once when missing) compiles the catalogues and extracts
# the strings for them.
gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
		echo "Installing gettext from Debian's packages (once)..."; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext >/dev/null; }

%.mo: %.po | gettext
	msgfmt --check -o $@ $<

# After changing user-facing text: gather the strings into the Spanish catalogues, then translate the
# new entries (tests/careerpath/test_translation.py fails while one is missing or untranslated).
messages: $(VENV)/.installed gettext
	$(DEV) $(PY) manage.py makemessages -l es --no-obsolete --add-location=file -e html,txt,py -i node_modules -i staticfiles -i tests -i bench
	$(DEV) $(PY) manage.py makemessages -l es --no-obsolete --add-location=file -d djangojs -i node_modules -i staticfiles -i tests -i bench

# Browser tests drive Debian's Chromium; install it once when it is missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium from Debian's packages (once)..."; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

run: setup
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_role_graph
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

# Production: refuse unsafe settings (check --deploy fails on any warning), migrate, collect the
# static files for whitenoise, then gunicorn (careerpath/gunicorn.conf.py: workers, logs, binding).
serve: setup
	DEBUG=false $(PY) manage.py check --deploy --fail-level WARNING
	DEBUG=false $(PY) manage.py migrate --noinput
	DEBUG=false $(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=false HOST=$(HOST) PORT=$(PORT) exec $(VENV)/bin/gunicorn --config careerpath/gunicorn.conf.py careerpath.wsgi

# Style, types on the core (pyproject.toml [tool.mypy] lists the paths) and the import contracts
# (pyproject.toml [tool.importlinter]: apps depend one way, the engine stays pure, no cycles).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV) $(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: setup
	$(DEV) $(PY) manage.py check
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

# The suite on two processes (pytest-xdist), then the browser tests, which drive one Chromium each.
test: setup browser-deps lint check
	$(VENV)/bin/pytest -n 2 -m "not browser"
	$(VENV)/bin/pytest -m browser

# PNGs of the plan page, route comparison, profile and coach plan view at 390 and 1280 px wide,
# into docs/screenshots/: the app runs on a free port over a small demo (tests/browser/screenshots.py).
screenshots: setup browser-deps
	$(VENV)/bin/pytest tests/browser/screenshots.py -q

bench: setup
	$(VENV)/bin/pytest bench/ -o testpaths=bench --benchmark-only

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
