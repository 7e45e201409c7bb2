# Every target sets up what it needs: a fresh machine needs only Python 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
# The browser tests drive Debian's Chromium; CI runs as root, a laptop asks sudo.
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# uv fetches the pinned dependencies in parallel and keeps them in its cache:
# a fresh venv takes about a minute where pip took five. It compiles them to
# bytecode once, so no command compiles spaCy's sources on every start (where
# PYTHONDONTWRITEBYTECODE is set, nothing else would).
UV := uv==0.13.8
# Two test processes (pytest-xdist), each running whole test files.
PYTEST_WORKERS ?= 2

.PHONY: demo test check lint bench train clean chromium

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV): installing kartoteka and its pinned dependencies"
	@echo "(spaCy and its English model, natasha, FastAPI, ...). This takes a minute or two, once."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet $(UV)
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)
	@echo "Installed; the command is $(BIN)/kartoteka."

demo: $(STAMP)
	@echo "Reading the $(words $(wildcard examples/corpus/*)) example sources in examples/corpus ($(notdir $(wildcard examples/corpus/*)))"
	@echo "into the card index out/example.sqlite ..."
	$(BIN)/kartoteka build examples/corpus --db out/example.sqlite
	@echo
	@echo "One card of it, as the terminal shows it (names in the sources, then statements with citations):"
	$(BIN)/kartoteka person "Agabekov" --db out/example.sqlite
	@echo
	@echo "Now open http://127.0.0.1:8000 in a browser (Ctrl-C here stops it):"
	@echo "  - the home page lists the sources; search a name in any spelling or script (Ezhov, Ежов);"
	@echo "  - Persons lists every card; on a card, each statement links to its words in the source;"
	@echo "  - Network shows who arrested or appointed whom; Conflicts, where the sources disagree;"
	@echo "  - Review asks about cards that may be one person."
	@echo "(How well the machine reads the sources is measured by 'kartoteka eval', see README.md.)"
	$(BIN)/kartoteka serve --db out/example.sqlite

test: $(STAMP) chromium
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

# The browser tests drive Chromium; without it they are skipped with a message.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "The browser tests need Chromium ($(CHROMIUM)), which is not installed."; \
	  echo "Installing Debian's chromium now: $(SUDO) apt-get install chromium"; \
	  echo "$(if $(SUDO),(sudo may ask for your password; Ctrl-C skips it).,(Ctrl-C skips it).)"; \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium) \
	    || echo "Chromium could not be installed: the browser tests will be skipped."; \
	fi

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
	$(BIN)/python bench/reconcile_gold.py --shared $(SHARED)
	$(BIN)/python bench/build_throughput.py --shared $(SHARED)
	$(BIN)/python bench/large_documents.py --shared $(SHARED)
	$(BIN)/python bench/resolve_scale.py
	$(BIN)/python bench/web_latency.py
	$(BIN)/python bench/add_one_file.py --shared $(SHARED)
	$(BIN)/python bench/large_card.py --shared $(SHARED)
	$(BIN)/python bench/review_queue.py --shared $(SHARED)

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
