# Police non-emergency web chat: `make run` starts everything, `make test` runs every test.
# Everything is installed from lock files by uv: .venv (Python 3.11+: gateway, actions, tools)
# and .venv-rasa (Python 3.10/3.9: the Rasa 3.6 runtime and bot/).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
RASA_VENV := $(ROOT)/.venv-rasa
PY := $(VENV)/bin/python
RASA := $(RASA_VENV)/bin/rasa
# The Rasa runtime's interpreter: pass RASA_PYTHON=/path/to/python3.10 to choose one; otherwise
# scripts/find-rasa-python looks on PATH and in pyenv, and falls back to letting uv fetch 3.10.
RASA_PYTHON ?= $(shell scripts/find-rasa-python)
UV ?= $(shell command -v uv 2>/dev/null || echo $(ROOT)/.tools/bin/uv)
UV_VERSION := 0.13.9

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONPATH := $(ROOT)
export PYTHONDONTWRITEBYTECODE := 1
# Defaults for local runs; every one can be overridden from the environment (README "Configuration").
# The secrets (SECRET_KEY, RASA_AUTH_TOKEN, RASA_CHANNEL_TOKEN, ACTION_SERVER_TOKEN) are not here:
# each install generates its own into var/ (mode 0600) on first run (`triage secrets ensure`).
export GATEWAY_HOST ?= 0.0.0.0
export GATEWAY_PORT ?= 8080
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
export RASA_URL ?= http://127.0.0.1:$(RASA_PORT)
export ACTION_SERVER_URL ?= http://127.0.0.1:$(ACTION_PORT)
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTION_PORT)/webhook
export DATABASE_URL ?= sqlite:///var/triage.db
export SANIC_HOST := 127.0.0.1

.PHONY: help install install-main install-rasa model test-model migrate evaluate promote rollback models run test \
        test-unit lint \
        validate test-stories test-nlu test-integration test-browser chromium nginx axe screenshots bench clean

help:
	@echo "make run     install, serve the promoted model (the first: trained and gated), start everything"
	@echo "make test    install what the tests need and run them all"
	@echo "make lint | validate | test-unit | test-stories | test-nlu | test-integration | test-browser"
	@echo "make screenshots   docs/citizen.png and docs/agent-console.png from the real stack"
	@echo "make bench   benchmarks (bench/)"

# --- installation -------------------------------------------------------------------------------

$(UV):
	@echo "==> bootstrapping uv $(UV_VERSION) into .tools (uv was not on PATH)"
	python3 -m venv $(ROOT)/.tools
	$(ROOT)/.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	@echo "==> installing the main environment (.venv)"
	$(UV) sync --frozen --all-groups
	@echo "==> the name gazetteer for redaction (names-dataset + english-words, cached in var/cache)"
	$(PY) -c "from triage.privacy_names import gazetteer; g = gazetteer(); print(len(g.first), 'first names,', len(g.last), 'surnames')"
	@touch $@

$(RASA_VENV)/.installed: rasa-env/pyproject.toml rasa-env/uv.lock | $(UV)
	@echo "==> installing the Rasa runtime (.venv-rasa) with $(RASA_PYTHON)"
	UV_PROJECT_ENVIRONMENT=$(RASA_VENV) $(UV) sync --frozen --all-groups --project rasa-env --python "$(RASA_PYTHON)"
	@touch $@

install-main: $(VENV)/.installed
install-rasa: $(RASA_VENV)/.installed
install: install-main install-rasa

# --- model and database -------------------------------------------------------------------------
#
# Serving and testing are kept apart (README "Retraining: evaluate, promote, roll back"):
#   make run        serves the promoted model, whatever the data now says. Only when no model is
#                   served at all does it train one from the current data, and serves it only if it
#                   passes the absolute bars of tests/nlu/evaluation.yml (else it stops, saying why).
#   make test       tests the model trained on the CURRENT data (models/test.tar.gz): the served one
#                   when it matches, else a candidate trained once per fingerprint, never served.
#   make evaluate   judges that candidate (training it if need be) against the served model.
#   make promote    serves an accepted candidate: NAME=... or the latest evaluated one, said aloud
#                   (OVERRIDE="written reason" for a held one; it is recorded).
#   make rollback   back to a model that was served and accepted before (STEPS=n, or TO=name).
#   make models     the registry: every model, its verdict, who served what when.

model: install
	$(VENV)/bin/triage model ensure

test-model: install
	$(VENV)/bin/triage model test-model

migrate: install-main
	$(VENV)/bin/triage db upgrade

evaluate: install
	$(VENV)/bin/triage model evaluate

promote: install
	$(VENV)/bin/triage model promote $(NAME) $(if $(OVERRIDE),--override "$(OVERRIDE)")

rollback: install
	$(VENV)/bin/triage model rollback $(if $(TO),--to "$(TO)",--steps $(or $(STEPS),1))

models: install-main
	$(VENV)/bin/triage model list

# --- run ----------------------------------------------------------------------------------------

run: install model migrate
	$(VENV)/bin/triage secrets ensure
	@echo "==> starting Rasa ($(RASA_URL)), actions ($(ACTION_SERVER_URL)), gateway (http://$(GATEWAY_HOST):$(GATEWAY_PORT))"
	@echo "    the gateway answers /readyz with 200 once Rasa has loaded the model (30-60 s). Ctrl-C stops all."
	exec $(VENV)/bin/honcho -f Procfile start

# --- tests --------------------------------------------------------------------------------------

lint: install-main
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

validate: install
	$(PY) scripts/validate_data.py

test-unit: install
	$(VENV)/bin/pytest tests/unit -q
	$(RASA_VENV)/bin/python -m pytest tests/unit/bot -q -p no:cacheprovider

# The test targets use models/test.tar.gz: the model trained on the current data (make test-model).
export TRIAGE_TEST_MODEL := $(ROOT)/models/test.tar.gz

test-stories: test-model
	$(RASA) test core --model models/test.tar.gz --stories tests/stories --fail-on-prediction-errors \
	  --out results/stories --no-plot

test-nlu: test-model
	$(VENV)/bin/pytest tests/nlu -q

test-integration: test-model migrate nginx
	$(VENV)/bin/pytest tests/integration -q

# tests/integration/test_proxy.py puts a real nginx in front of the gateway (TRUSTED_PROXY_HOPS).
nginx:
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then echo "==> nginx is installed"; else \
	  echo "==> installing Debian's nginx"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update && $$SUDO apt-get install -y nginx-light; fi

# Browser tests: headless Debian Chromium driven by Playwright (never `playwright install`), the real
# stack on SQLite, and axe-core from npm (package-lock.json) injected into every page and state.
chromium:
	@if [ -x /usr/bin/chromium ]; then echo "==> $$(/usr/bin/chromium --version 2>/dev/null)"; else \
	  echo "==> installing Debian's chromium"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update && $$SUDO apt-get install -y chromium; fi

axe: node_modules/axe-core/axe.min.js

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

test-browser: test-model chromium axe
	$(VENV)/bin/pytest tests/e2e -q -m browser

# docs/citizen.png and docs/agent-console.png, from the real stack (README "Screenshots").
screenshots: test-model chromium
	$(PY) tests/e2e/screenshots.py

test: install lint validate test-unit test-stories test-nlu test-integration test-browser
	@echo "==> all tests passed"

# --- benchmarks (figures on stdout and in bench/out/, which git ignores) ---------------------------

bench: model
	$(RASA_VENV)/bin/python bench/nlu.py
	$(PY) bench/load.py

clean:
	rm -rf results .pytest_cache .mypy_cache .ruff_cache
