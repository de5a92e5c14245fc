# Two commands a newcomer needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster

.PHONY: setup run test test-fast dev quality distributed-check score score-holdout score-holdout2 score-holdout3 clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip   # an old pip leaves out trafilatura's lxml_html_clean
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

run: setup          ## crawl the bundled sample site for yesterday and publish data/warehouse.duckdb
	$(BIN)/sentra run $(ARGS)

test: setup         ## the whole test suite
	$(BIN)/python -m pytest -q $(ARGS)

test-fast: setup    ## everything but the tests marked slow: the loop while changing code (< 60 s)
	$(BIN)/python -m pytest -q -m "not slow" $(ARGS)

OUT ?= distributed-check
distributed-check: setup  ## the Celery + PostgreSQL deployment on this machine, against `sentra run` (OUT=DIR)
	bash orchestration/deploy/install.sh $(BIN)/python
	$(BIN)/python -m orchestration.deploy.check --out $(OUT)

dev: setup          ## the Dagster UI on http://127.0.0.1:3000
	$(BIN)/dg dev --host 127.0.0.1 --port 3000

quality: setup      ## out-of-fold quality of the reader on ../shared/devset (5 folds by outlet); the packaged model is left as it is
	$(BIN)/sentra train --cv 5 --out $(CURDIR)/.quality-model.json && rm -f $(CURDIR)/.quality-model.json

score: setup        ## extraction quality on the labelled devset (needs ../shared)
	$(BIN)/python ../shared/bench/score.py ../shared/devset --extract-cmd "$(BIN)/sentra extract"

score-holdout: setup  ## extraction quality on the held-out set written for this project (needs ../shared)
	$(BIN)/python ../shared/bench/score.py tests/fixtures/holdout --extract-cmd "$(BIN)/sentra extract"

score-holdout2: setup  ## extraction quality on the second held-out set, written after tuning (needs ../shared)
	$(BIN)/python ../shared/bench/score.py tests/fixtures/holdout2 --extract-cmd "$(BIN)/sentra extract"

score-holdout3: setup  ## extraction quality on the third held-out set, written while tuning went on (needs ../shared)
	$(BIN)/python ../shared/bench/score.py tests/fixtures/holdout3 --extract-cmd "$(BIN)/sentra extract"

clean:
	rm -rf data .dagster/storage .dagster/history .dagster/schedules .dagster/logs
