# boamp-kg: two commands do everything on a fresh machine with Python 3.11 and make.
#   make demo   install, build the sample notices, serve the endpoint on http://127.0.0.1:8000/
#   make test   install (with test extras and system packages), lint, type-check, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install assets demo test lint typecheck unit system-deps bench-deps bench bench-quick fuzz samples clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) assets

# The query page's editor: YASGUI from the npm registry into endpoint/static/vendor/ (gitignored).
# Without npm (or offline) the page falls back to a plain form, so this step never fails.
YASGUI := @zazuko/yasgui@4.6.2
VENDOR := endpoint/static/vendor
assets: $(VENDOR)/yasgui.min.js

$(VENDOR)/yasgui.min.js:
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && \
	  if npm install --prefix "$$tmp" --no-audit --no-fund --ignore-scripts --silent $(YASGUI) >/dev/null 2>&1; then \
	    mkdir -p $(VENDOR) && \
	    cp "$$tmp"/node_modules/@zazuko/yasgui/build/yasgui.min.css $(VENDOR)/ && \
	    cp "$$tmp"/node_modules/@zazuko/yasgui/build/yasgui.min.js $(VENDOR)/; \
	  else echo "assets: npm install $(YASGUI) failed; the query page uses its plain form"; fi; \
	  rm -rf "$$tmp"; \
	else echo "assets: npm not found; the query page uses its plain form"; fi

demo: install
	$(BIN)/boamp-kg demo

system-deps:
	bash .ci/system-deps.sh

lint: install
	$(BIN)/ruff check kg_builder endpoint tests benchmarks
	$(BIN)/ruff format --check kg_builder endpoint tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -n 2 --dist loadgroup

test: install system-deps lint typecheck unit

samples: install
	$(BIN)/python -m kg_builder.synth --samples data/samples

# rdflib-endpoint (the comparison server) and matplotlib (the plot) come from the bench extra
bench-deps: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'

bench: bench-deps
	$(BIN)/python -m benchmarks

bench-quick: bench-deps
	$(BIN)/python -m benchmarks --quick

fuzz: install
	$(BIN)/python -m tests.fuzz

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis tests/output
