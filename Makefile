# Two commands do everything: `make run` and `make test`. The rest are their steps.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app portal
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
VENDOR := static/vendor

.PHONY: run test browser install install-test assets translations translations-update migrate seed lint typecheck pytest bench clean

run: install assets translations migrate seed
	$(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - 'portal:create_app()'

test: install-test browser assets translations lint typecheck pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files make re-runs fast; they are rebuilt when the dependency list changes.
.stamp-install: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

.stamp-install-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch .stamp-install $@

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
# The HTML checker (npm vnu-jar) runs on the machine's Java; without one,
# vnu-jar's install step would try to download a Java of its own. Noto fonts
# give Chromium the Bengali, Gurmukhi and Urdu scripts: without them those
# pages render as empty boxes, and the 320 px overflow check measures boxes.
browser:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	[ -d /usr/share/fonts/truetype/noto ] || missing="$$missing fonts-noto-core"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq $$missing; \
	  else \
	    echo "Browser tests need Debian's packages: sudo apt-get install $$missing"; \
	  fi; \
	fi

install: .stamp-install
install-test: .stamp-install-test

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end files come from npm at build time; nothing third-party is committed.
assets: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/nhsuk $(VENDOR)/htmx static/css
	cp -r $(NHSUK)/assets/. $(VENDOR)/nhsuk/assets/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	npm run --silent build:js
	npm run --silent build:css

# Compiled catalogues (.mo) are build output, like static/vendor.
translations: install
	$(BIN)/pybabel compile --statistics -d translations

# Run after changing user-facing text, then translate the new entries in each .po file.
translations-update: install
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k ngettext:1,2 --no-location --no-wrap --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --ignore-obsolete --no-wrap

migrate: install
	$(FLASK) db-upgrade

seed: install
	$(FLASK) seed-demo --if-empty

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	$(BIN)/mypy

# Tests run in parallel, one worker per core (pytest-xdist): each worker has
# its own database, live server, Chromium and HTML checker.
PYTEST_WORKERS ?= auto
pytest: install-test
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Seeds a large PostgreSQL database and drives gunicorn from 127.0.0.1 (wrk
# when installed, else a Python load driver). Results: bench-results.txt.
bench: install assets translations
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null 2>&1; } || true
	$(BIN)/python -m tests.bench.run

clean:
	rm -rf $(VENV) node_modules $(VENDOR) static/css/portal.css .stamp-* instance
