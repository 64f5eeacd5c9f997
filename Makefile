# Vigie — the two commands a town-hall IT person needs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
VIGIE_DATA_DIR ?= $(abspath ../shared/data)
export VIGIE_DATA_DIR
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo install install-dev test test-fast lint format bench lock clean messages

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.base-installed: requirements/base.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.lock
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed
	@scripts/ensure-system-libs

install-dev: $(VENV)/.dev-installed
	@scripts/ensure-system-libs
	@scripts/ensure-chromium

## Set everything up and serve the demo on http://$(HOST):$(PORT) (SQLite, demo data).
demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) demo_setup --data-dir "$(VIGIE_DATA_DIR)" --base-url http://$(HOST):$(PORT)
	@echo "Vigie: http://$(HOST):$(PORT)/  (Ctrl-C stops the server and the worker)"
	@$(MANAGE) db_worker --queue-name default & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' INT TERM EXIT; \
	  $(MANAGE) runserver $(HOST):$(PORT)

## Install what the tests need and run the whole suite (SQLite, or DATABASE_URL).
test: install-dev
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint vigie/templates vigie/*/templates
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install-dev
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

## Regenerate the lock files after changing pyproject.toml.
lock: install-dev
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

## Update the catalogues (vigie/locale: core, accounts, territory, observatory, layouts; each app in
## APP_CATALOGUES has its own vigie/<app>/locale), then compile them (needs gettext).
APP_CATALOGUES := portal registry solidarity directory alerts
messages: install-dev
	$(MANAGE) makemessages -l fr -l en --ignore=.venv --ignore=var \
	  $(foreach app,$(APP_CATALOGUES),--ignore=vigie/$(app))
	for app in $(APP_CATALOGUES); do \
	  (cd vigie/$$app && ../../$(PY) ../../manage.py makemessages -l fr -l en) || exit 1; done
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var/static var/*.sqlite3
