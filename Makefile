# Job Cluster: `make demo` serves the site on real data, `make test` runs every suite.
# Both install what they need first; only Python 3.11 must be on the machine.

SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
PYTHON := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON ?= python3.11

MESSAGES_IGNORE := --ignore ".venv/*" --ignore ".tools/*" --ignore "var/*" --ignore "tests/*"

DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000

.PHONY: help install browser-tools demo test check lint messages

help:
	@echo "make demo    install, migrate, load the demo data and serve http://$(DEMO_HOST):$(DEMO_PORT)/"
	@echo "make test    run every test suite (starts a local Elasticsearch node unless ES_NODE=0)"
	@echo "make check   ruff, Django's deployment checks and the migrations check"
	@echo "make messages  extract and compile the translations"

$(TOOLS)/bin/uv:
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --locked

# axe-core for the browser tests, from the npm registry into var/node/.
browser-tools:
	scripts/install-axe

demo: export DJANGO_SETTINGS_MODULE := jobcluster.settings.demo
demo: export SITE_URL := http://$(DEMO_HOST):$(DEMO_PORT)
demo: install
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py load_reference_data --apply
	$(PYTHON) manage.py seed_demo
	$(PYTHON) manage.py load_registry_demo --apply
	$(PYTHON) manage.py load_demo_opportunities --apply
	$(PYTHON) manage.py load_demo_seekers --apply
	$(PYTHON) manage.py rebuild_search_index
	# The demo's applications are too few for the learned ranker, so the content-only score ranks.
	$(PYTHON) manage.py compute_recommendations
	$(PYTHON) manage.py demo_guide
	$(PYTHON) manage.py runserver --insecure $(DEMO_HOST):$(DEMO_PORT)

test: install browser-tools
	scripts/test

check: install
	scripts/check

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

# French is the source language: its catalogue only carries the plural entries, filled with the
# French text, so that gettext applies the French rule (singular for 0 and 1).
messages: install
	$(PYTHON) manage.py makemessages --locale en --locale fr --no-obsolete $(MESSAGES_IGNORE)
	scripts/fill-french-plurals platform/locale/fr/LC_MESSAGES/django.po
	$(PYTHON) manage.py compilemessages --locale en --locale fr $(MESSAGES_IGNORE)
