# relmark: two commands on a fresh machine (Python >= 3.11 on PATH as python3).
#   make lab    set up .venv/ and open JupyterLab on the start notebook
#   make test   set up .venv/ and run every test
# `make lab LANG=zh` opens the Chinese edition (notebooks/zh/) in JupyterLab's Chinese interface.
# Both are safe to repeat: the set-up reinstalls only when pyproject.toml,
# constraints.txt or excludes.txt change.  `make lab` installs only what the notebooks need (the
# workbook's dependencies); `make test` adds the test and build tools on top, with
# its own stamp, so either order works.  Both install with the pins of constraints.txt.

PYTHON ?= python3
VENV   ?= .venv
# Python keeps each module it compiles (__pycache__/*.pyc) and reads it back next time.  Some
# machines (containers above all) turn that off with PYTHONDONTWRITEBYTECODE; then every kernel,
# server and test process compiles pandas, scipy, matplotlib, ... from source again, which costs
# a kernel 5-9 s of CPU before its first cell (benchmarks/README.md).  Here it stays on: the
# caches go to .venv/ and the checkout's __pycache__/ folders (ignored by git), and the first
# run writes them.
export PYTHONDONTWRITEBYTECODE :=
BIN    := $(VENV)/bin
# The stamp's name carries a hash of the files that define the environment.
ENV_HASH := $(shell cat pyproject.toml constraints.txt excludes.txt 2>/dev/null | sha256sum | cut -c1-12)
LAB_STAMP  := $(VENV)/.installed-lab-$(ENV_HASH)
TEST_STAMP := $(VENV)/.installed-test-$(ENV_HASH)
# The installer: uv (parallel downloads, no bytecode compiled ahead: the test set-up compiles its
# own afterwards; it takes about 20 s where pip takes 70-120 s), kept in .tools/uv/, outside the
# student's environment.  Where uv
# cannot be installed, pip does the same work, with --no-compile.
UV_DIR := .tools/uv
# What excludes.txt names stays out: uv leaves it out of the install (--excludes, uv >= 0.10), and
# DROP_EXCLUDED removes it where pip installed it anyway or an older set-up left it.
HAVE_UV = $(wildcard $(UV_DIR)/bin/uv)
PIP_INSTALL = $(if $(HAVE_UV),$(UV_DIR)/bin/uv pip install --quiet --python $(BIN)/python --excludes excludes.txt,$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile) -c constraints.txt
DROP_EXCLUDED = $(if $(HAVE_UV),$(UV_DIR)/bin/uv pip uninstall --quiet --python $(BIN)/python,$(BIN)/python -m pip uninstall --quiet --disable-pip-version-check -y) -r excludes.txt
NOTEBOOKS := $(shell $(PYTHON) tools/registry.py files)
# The Chinese edition (notebooks/zh/, same file names): the ones written so far.
ZH_NOTEBOOKS := $(shell $(PYTHON) tools/registry.py files zh)
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
NPM_HASH   := $(shell cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-12)
NPM_STAMP  := node_modules/.installed-$(NPM_HASH)
PRESENT_DIR ?= student/notebooks
# Two processes share the tests (pytest-xdist), one file at a time: a notebook's cells stay in one
# kernel, in order, and a test module keeps its fixtures.  `make test XDIST=` runs in one process.
# In collection order (--no-loadscope-reorder): the browser files, the longest, start first and the
# notebooks' short nbval files fill the end; xdist's default order (most tests first) left the
# browser runs for the end, one worker idle while the other finished them (522 s -> 462 s).
XDIST ?= -n 2 --dist loadfile --no-loadscope-reorder
NBVAL_OPTS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: help setup lab-env test-env lab test unit nbval notebooks data lint bench npm present student html links grade clean

help:
	@echo "make lab        set up .venv/ and open JupyterLab on the start notebook"
	@echo "make lab LANG=zh   the same for the Chinese edition (notebooks/zh/), JupyterLab in Chinese"
	@echo "make test       set up .venv/ and run every test (unit tests and nbval)"
	@echo "make notebooks  re-execute every notebook of both editions in place (keeps stored outputs current)"
	@echo "make present    serve the notebooks as apps (Voilà, code hidden) on http://127.0.0.1:8866/"
	@echo "make student    write the student edition (solutions and instructor notes removed) to student/"
	@echo "make html       export every notebook to offline HTML in site/ (open site/index.html)"
	@echo "make grade SUBMISSIONS=folder   grade submitted student notebooks: grades/grades.csv, grades/gradebook.csv"
	@echo "make links      write README's Binder badge and hub links from the git remote"
	@echo "make data       regenerate the generated data sets in data/ (byte-identical)"
	@echo "make bench      run the benchmarks and print their figures"
	@echo "make lint       ruff over the package, tests and benchmarks"
	@echo "make clean      remove .venv/ and caches"

# The student's environment: the workbook and what its notebooks import.  No bytecode is
# compiled ahead (Python compiles what a notebook imports, on first use), and the test suites
# that numpy, scipy and pandas ship inside themselves (about 95 MB) are left out, and so is
# babel's data for languages other than English and Chinese (about 30 MB; babel reads the
# workbook's catalogues and names JupyterLab's languages, and both are English and Chinese).
SITE_PACKAGES = $(VENV)/lib/python3*/site-packages
$(LAB_STAMP): pyproject.toml constraints.txt excludes.txt | $(UV_DIR)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "relmark needs Python >= 3.11; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.12 ...")'
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	rm -f $(VENV)/.installed-*
	$(PIP_INSTALL) -e .
	$(DROP_EXCLUDED)
	find $(SITE_PACKAGES)/numpy $(SITE_PACKAGES)/scipy $(SITE_PACKAGES)/pandas -depth -type d -name tests -exec rm -rf {} +
	find $(SITE_PACKAGES)/babel/locale-data -name '*.dat' ! -name root.dat ! -name 'en.dat' ! -name 'en_*.dat' ! -name 'zh.dat' ! -name 'zh_*.dat' -delete
	touch $@

# (A rule of its own: make expands a recipe's lines before it runs the first.)
$(UV_DIR):
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --target $@ "uv>=0.10" \
	  || { rm -rf $@; echo "uv could not be installed: installing with pip, which is slower" >&2; }

# The test and build tools, on top of the student's environment.  Then every module is compiled
# ahead, on both cores (the student's environment stays without: 130 MB more): otherwise each test
# worker compiles the same modules at the same time when the tests start (set-up 12 s longer,
# collection 19 s shorter; benchmarks/README.md).
# (A few files in site-packages are not Python 3 (templates, test data): compileall's complaints
# about them are dropped, and nothing depends on its result.)
$(TEST_STAMP): $(LAB_STAMP)
	$(PIP_INSTALL) -e ".[test]"
	$(DROP_EXCLUDED)
	-@$(BIN)/python -m compileall -q -j 0 $(SITE_PACKAGES) relmark_helpers tools > /dev/null 2>&1
	touch $@

lab-env: $(LAB_STAMP)
test-env: $(TEST_STAMP)
setup: $(TEST_STAMP)

# `make lab LANG=zh`: the Chinese start notebook, with JupyterLab's interface in Chinese for that run
# (tools/lab_zh/ first on JUPYTER_CONFIG_PATH: its labconfig makes zh_CN the default language).
# Only a LANG given on make's command line counts, not the shell's (en_US.UTF-8, zh_CN.UTF-8, ...);
# the run gets LANG=C.UTF-8, since "zh" is no system locale.
LAB_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),en)
LAB_LOCALE := $(if $(filter command line,$(origin LANG)),LANG=C.UTF-8 )
ZH_START := notebooks/zh/$(notdir $(firstword $(NOTEBOOKS)))

lab: $(LAB_STAMP)
ifeq ($(LAB_LANG),zh)
	@[ -f $(ZH_START) ] || { echo "$(ZH_START) is not there yet: the Chinese edition is still being written." >&2; exit 1; }
	$(LAB_LOCALE)JUPYTER_CONFIG_PATH="$(CURDIR)/tools/lab_zh$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab $(ROOT_FLAG) $(ZH_START)
else ifeq ($(LAB_LANG),en)
	$(LAB_LOCALE)$(BIN)/jupyter lab $(ROOT_FLAG) $(firstword $(NOTEBOOKS))
else
	@echo "make lab LANG=$(LAB_LANG): say LANG=zh (the Chinese edition) or leave LANG out (English)." >&2; exit 2
endif

$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

npm: $(NPM_STAMP)

# The Python set-up and npm's run side by side (each waits mostly on downloads).
test:
	@$(MAKE) --no-print-directory -j2 $(TEST_STAMP) $(NPM_STAMP)
	$(BIN)/python -m pytest $(XDIST) tests --doctest-modules relmark_helpers $(NBVAL_OPTS) $(NOTEBOOKS) $(ZH_NOTEBOOKS)

unit: $(TEST_STAMP)
	$(BIN)/python -m pytest tests --doctest-modules relmark_helpers

nbval: $(TEST_STAMP)
	$(BIN)/python -m pytest $(NBVAL_OPTS) $(NOTEBOOKS) $(ZH_NOTEBOOKS)

notebooks: $(TEST_STAMP)
	$(BIN)/python tools/notebooks.py execute $(NOTEBOOKS) $(ZH_NOTEBOOKS)

data: $(TEST_STAMP)
	$(BIN)/python -m relmark_helpers.customer_data.loyalty_club

student: $(TEST_STAMP)
	$(BIN)/python tools/student_edition.py --out student

present: student $(NPM_STAMP)
	$(BIN)/python tools/present.py $(PRESENT_DIR)

html: $(TEST_STAMP) $(NPM_STAMP)
	$(BIN)/python tools/build_html.py --out site

SUBMISSIONS ?= submissions
GRADES ?= grades
TIME_LIMIT ?= 60
grade: $(TEST_STAMP)
	$(BIN)/python tools/grade.py $(SUBMISSIONS) --out $(GRADES) --timeout $(TIME_LIMIT)

links:
	$(PYTHON) tools/links.py

bench: $(TEST_STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(TEST_STAMP)
	$(BIN)/python -m ruff check relmark_helpers tests benchmarks tools

clean:
	rm -rf $(VENV) .tools .pytest_cache .hypothesis node_modules student site build grades
	find . -name __pycache__ -prune -exec rm -rf {} +
