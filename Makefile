# The two commands: `make run` (set up + the main job on the bundled example) and `make test`.
PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
PIP       := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Two stamps: `make run` installs the runtime lock only; `make test` adds the development lock
# (pytest, mypy, ruff, hypothesis, LightGBM) to the same venv, so a venv made by `make run` gets
# the tools when `make test` first runs. The locks are complete, so they install with --no-deps:
# natasha declares pymorphy2 (broken on 3.11), which the locks replace with pymorphy3.
STAMP     := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DATA      ?= ../shared/data

.PHONY: setup dev-setup run test lint typecheck unit eval-quick bench clean

$(STAMP): pyproject.toml models/pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements.lock
	$(PIP) --no-deps -e .
	$(PIP) --no-deps -e ./models
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PIP) --require-hashes --no-deps -r requirements-dev.lock
	touch $(DEV_STAMP)

setup: $(STAMP)

dev-setup: $(DEV_STAMP)

# The digest on the terminal, and the same comparison as a self-contained HTML page in out/.
run: setup
	$(BIN)/newsprism compare examples/blinken-lavrov-afp.txt examples/blinken-lavrov-ru-state.txt \
		--html out/example-report.html
	@echo "HTML report: $(CURDIR)/out/example-report.html"

lint: dev-setup
	$(BIN)/ruff check src tests eval bench

typecheck: dev-setup
	$(BIN)/mypy

unit: dev-setup
	$(BIN)/pytest -q

# The quick quality gate: the shipped models on fixed, seeded subsets (eval/check.py says plainly
# when it is skipped because the datasets folder, which is not part of the repository, is absent).
eval-quick: setup
	$(BIN)/python eval/check.py --data "$(DATA)" --quick

test: lint typecheck unit eval-quick

bench: setup
	$(BIN)/python bench/analyze.py --data "$(DATA)"
	$(BIN)/python bench/compare.py --data "$(DATA)"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
