# Skymma: `make run` starts the service, `make test` installs and runs the test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# System packages Skymma uses at run time (installed by `make install` when missing and apt is available).
APT_PACKAGES := $(shell cat packages.apt 2>/dev/null | grep -v '^\#')

.PHONY: install system-packages test test-fast run lint model bench corpus clean

install: $(STAMP)

$(STAMP): pyproject.toml packages.apt
	@$(MAKE) --no-print-directory system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "warning: missing system packages:$$missing (install them with apt)"; fi; \
	fi

test: install
	$(BIN)/python -m pytest -n 2 --dist load -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

run: install
	$(BIN)/uvicorn app.api.main:create_app --factory --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check app recognizers tests benchmarks

model: install
	$(MAKE) -C models/sv_ner all PYTHON=$(abspath $(BIN)/python)

bench: install
	$(BIN)/python benchmarks/bench_pdf.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
