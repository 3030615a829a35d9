# The two commands a newcomer needs:  `make run`  and  `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages system-packages bench lock

# Dependencies are declared in pyproject.toml (production, and the `dev` extra for tests, lint
# and benchmarks) and pinned with hashes in requirements/: production.txt is what a server
# installs, dev.txt is production's pins plus the development tools, for make and CI.
$(BIN)/.installed: requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@

# Regenerates both lock files from pyproject.toml, keeping every pin that still fits its range;
# `make lock UPGRADE=--upgrade` (or UPGRADE="--upgrade-package django") moves pins on. The lock
# holds for any Python 3.11.x on any platform (--universal), e.g. Debian 12's 3.11.2. Pins keep
# their extras (fonttools[woff]==…): pip's hash checking refuses a dependency's extra otherwise.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--no-strip-extras --custom-compile-command "make lock" $(UPGRADE)
lock: $(BIN)/.installed
	$(UV_COMPILE) --output-file requirements/production.txt pyproject.toml
	$(UV_COMPILE) --extra dev --constraint requirements/production.txt \
	  --output-file requirements/dev.txt pyproject.toml

# PostgreSQL server binaries (for the embedded database), Chromium (for browser tests) and a
# CJK font for badges and the List of Participants (DejaVu, in the base image, covers Latin,
# Cyrillic and Arabic) come from Debian's packages; installed only when missing.
system-packages:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing="$$missing postgresql postgresql-contrib"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing="$$missing fonts-wqy-microhei"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Serves the site with the task worker beside it (plenary/devserver.py); Ctrl-C stops both.
run: system-packages $(BIN)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --site-url http://$(HOST):$(PORT)
	$(BIN)/python manage.py create_demo_organiser --site-url http://$(HOST):$(PORT)
	$(BIN)/python -m plenary.devserver $(HOST):$(PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: system-packages lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# Every translatable string into each app's catalogues (and the project's, in locale/), then
# compiled; prints what still needs translating (docs/languages.md). `make test` fails until
# nothing does.
messages: $(BIN)/.installed
	$(BIN)/python -m plenary.catalogues --update

bench: $(BIN)/.installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/server_time.py
	$(BIN)/python bench/server_time.py --warm
	$(BIN)/python bench/approve.py
