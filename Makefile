# Every target sets up what it needs: a fresh machine needs only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
# The browser tests drive Debian's Chromium; CI runs as root, a laptop asks sudo.
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: demo test check lint bench train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kartoteka build examples/corpus --db out/example.sqlite
	$(BIN)/kartoteka person "Agabekov" --db out/example.sqlite
	$(BIN)/kartoteka eval --gold examples/gold --db out/example.sqlite
	$(BIN)/kartoteka serve --db out/example.sqlite

test: $(STAMP) $(CHROMIUM)
	$(BIN)/pytest -q

$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y chromium

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

check: lint test

# Retrains the event scorer from the annotated corpora, prints its cross-validated
# figures, and rewrites the model file the build ships.
train: $(STAMP)
	$(BIN)/python -m kartoteka.extract.scorer.train --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/name_bench.py --pairs $(SHARED)/bench/name_bench/logicv2-frozen.csv
	$(BIN)/python bench/build_throughput.py --shared $(SHARED)
	$(BIN)/python bench/large_documents.py --shared $(SHARED)
	$(BIN)/python bench/resolve_scale.py
	$(BIN)/python bench/web_latency.py
	$(BIN)/python bench/review_queue.py --shared $(SHARED)

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
