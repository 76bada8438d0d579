# The two commands: `make run` (set up + the main job on the bundled example) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= ../shared/data

.PHONY: setup run test lint typecheck unit eval-quick bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e ./models
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/newsprism compare examples/blinken-lavrov-afp.txt examples/blinken-lavrov-ru-state.txt

lint: setup
	$(BIN)/ruff check src tests eval bench

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

eval-quick: setup
	@if [ -d "$(DATA)" ]; then \
		$(BIN)/python eval/check.py --data "$(DATA)" --quick; \
	else echo "eval: $(DATA) not found, quality gate skipped"; fi

test: lint typecheck unit eval-quick

bench: setup
	$(BIN)/python bench/analyze.py --data "$(DATA)"
	$(BIN)/python bench/compare.py --data "$(DATA)"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
