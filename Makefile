# kg: two commands on a fresh machine.
#   make demo   set up .venv, install kg, build the graph of seeds/ into out/
#   make test   install the test extras and run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test test-fast install browser clean help notebooks

help:
	@echo "make demo   - install kg into $(VENV) and build the graph of seeds/ into $(OUT)/"
	@echo "make test   - install the test extras and run the test suite"
	@echo "make notebooks - install JupyterLab into $(VENV) and open notebooks/"
	@echo "make clean  - remove $(VENV), $(OUT)/ and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

# JupyterLab on the notebooks (they import kg and write only to temporary folders)
notebooks: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[notebooks]'
	$(BIN)/jupyter lab notebooks/

demo: $(VENV)/.installed
	$(BIN)/kg build seeds -o $(OUT)
	@echo
	@echo "Open $(OUT)/graph.ttl, or score it:"
	@echo "  $(BIN)/python ../shared/eval/score.py --gold ../shared/eval/seeds.gold.jsonl --rdf $(OUT) --rdf ontology"

# Headless Chromium (Debian's) for the browser tests of the query page and the
# graph views; installed when missing and we are allowed to (root, e.g. CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium not installed: browser tests will be skipped (apt-get install chromium fonts-noto-cjk)"; fi; }

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -q

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m "not slow"

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
