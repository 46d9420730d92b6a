# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# `make run` uses a fresh database each time, so it always shows the bundled plan from the start.
RUN_HOME := $(CURDIR)/.run-home

.PHONY: run test lint bench clean wheel-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	rm -rf $(RUN_HOME)
	LLMSTUDY_HOME=$(RUN_HOME) $(BIN)/llmstudy next

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	for d in src/llmstudy/labs/content/*/; do id=$$(basename $$d); [ -f $$d/lab.toml ] || continue; \
	  $(BIN)/mypy --strict --no-error-summary $$d*.py $$(ls tests/lab_wrong/$$id/*.py 2>/dev/null) || exit 1; done
	$(BIN)/pytest

# The package as users get it: a wheel, installed in a fresh venv outside the source tree.
WHEEL_TMP := $(CURDIR)/.wheel-check
wheel-check: $(STAMP)
	rm -rf $(WHEEL_TMP) && mkdir -p $(WHEEL_TMP)/home
	$(BIN)/pip wheel --quiet --no-deps -w $(WHEEL_TMP)/dist .
	$(PYTHON) -m venv $(WHEEL_TMP)/venv
	$(WHEEL_TMP)/venv/bin/pip install --quiet $(WHEEL_TMP)/dist/*.whl
	cd $(WHEEL_TMP) && LLMSTUDY_HOME=$(WHEEL_TMP)/home venv/bin/llmstudy --version
	cd $(WHEEL_TMP) && LLMSTUDY_HOME=$(WHEEL_TMP)/home venv/bin/llmstudy next
	cd $(WHEEL_TMP) && LLMSTUDY_HOME=$(WHEEL_TMP)/home venv/bin/python -m llmstudy paths
	cd $(WHEEL_TMP) && venv/bin/python -c "import llmstudy, pathlib, collections, zipfile, glob; \
	  names = zipfile.ZipFile(glob.glob('dist/*.whl')[0]).namelist(); \
	  dups = [n for n, c in collections.Counter(names).items() if c > 1]; assert not dups, dups; \
	  data = pathlib.Path(llmstudy.__file__).parent / 'data'; assert (data / 'roadmap.yaml').is_file(), data; \
	  print('wheel ok:', len(names), 'files, data at', data)"
	rm -rf $(WHEEL_TMP)

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) $(RUN_HOME) $(WHEEL_TMP) .mypy_cache .pytest_cache .ruff_cache
