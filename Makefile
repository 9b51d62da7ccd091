# relmark: two commands on a fresh machine (Python >= 3.11 on PATH as python3).
#   make lab    set up .venv/ and open JupyterLab on the start notebook
#   make test   set up .venv/ and run every test
# Both are safe to repeat: the set-up reinstalls only when pyproject.toml or
# constraints.txt change.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The stamp's name carries a hash of the files that define the environment.
ENV_HASH := $(shell cat pyproject.toml constraints.txt 2>/dev/null | sha256sum | cut -c1-12)
STAMP  := $(VENV)/.installed-$(ENV_HASH)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]*_*.ipynb))
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
NPM_HASH   := $(shell cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-12)
NPM_STAMP  := node_modules/.installed-$(NPM_HASH)
PRESENT_DIR ?= student/notebooks
NBVAL_OPTS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: help setup lab test unit nbval notebooks data lint bench npm present student html clean

help:
	@echo "make lab        set up .venv/ and open JupyterLab on notebooks/00_start_here.ipynb"
	@echo "make test       set up .venv/ and run every test (unit tests and nbval)"
	@echo "make notebooks  re-execute every notebook in place (keeps stored outputs current)"
	@echo "make present    serve the notebooks as apps (Voilà, code hidden) on http://127.0.0.1:8866/"
	@echo "make student    write the student edition (solutions and instructor notes removed) to student/"
	@echo "make html       export every notebook to offline HTML in site/ (open site/index.html)"
	@echo "make data       regenerate the generated data sets in data/ (byte-identical)"
	@echo "make bench      run the benchmarks and print their figures"
	@echo "make lint       ruff over the package, tests and benchmarks"
	@echo "make clean      remove .venv/ and caches"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "relmark needs Python >= 3.11; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.12 ...")'
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	rm -f $(VENV)/.installed-*
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

setup: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

npm: $(NPM_STAMP)

test: $(STAMP) $(NPM_STAMP)
	$(BIN)/python -m pytest tests --doctest-modules relmark_helpers $(NBVAL_OPTS) $(NOTEBOOKS)

unit: $(STAMP)
	$(BIN)/python -m pytest tests --doctest-modules relmark_helpers

nbval: $(STAMP)
	$(BIN)/python -m pytest $(NBVAL_OPTS) $(NOTEBOOKS)

notebooks: $(STAMP)
	$(BIN)/python tools/notebooks.py execute $(NOTEBOOKS)

data: $(STAMP)
	$(BIN)/python -m relmark_helpers.datasets

student: $(STAMP)
	$(BIN)/python tools/student_edition.py --out student

present: student
	$(BIN)/python tools/present.py $(PRESENT_DIR)

html: $(STAMP) $(NPM_STAMP)
	$(BIN)/python tools/build_html.py --out site

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/python -m ruff check relmark_helpers tests benchmarks tools

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis node_modules student site
	find . -name __pycache__ -prune -exec rm -rf {} +
