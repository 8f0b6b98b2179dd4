# Every target sets up what it needs: a fresh machine needs only Python 3.12 (pyenv here) and make.
SHELL := /bin/bash
PYTHON ?= python3.12
VENV ?= .venv
SAM_VENV ?= .venv-sam
PY := $(VENV)/bin/python
PORT ?= 3000
SAM_CLI_VERSION ?= 1.170.0
PIP_VERSION ?= 25.3
export PYENV_VERSION ?= 3.12.1

.PHONY: help venv test test-rules test-in-process test-http fuzz load openapi serve invoke seed token tokens revoke workspace lint template-check bench clean

help:
	@echo "make serve                              local API on http://127.0.0.1:$$PORT (default 3000), DynamoDB on 127.0.0.1:8100"
	@echo "make test                               install dev dependencies and run the whole suite"
	@echo "make invoke FUNCTION=<id> EVENT=<file>  run one function with an event file (a fixture of events/ with its seed)"
	@echo "make seed                               load every fixture's seed into the running make serve's DynamoDB"
	@echo "make token TENANT=<id>                  mint an access token (last line); SCOPES='read write' EXPIRES=90d NOTE=..."
	@echo "make tokens TENANT=<id>                 list a tenant's tokens (ids, scopes, expiry, revocation; never the tokens)"
	@echo "make revoke TENANT=<id> TOKEN_ID=<id>   revoke a token"
	@echo "make workspace TENANT=<id> [TIME_ZONE=<IANA name>] [DEFAULT_SCHEDULE=<id>|none]"
	@echo "                                        set (or show) the workspace's default time zone (UTC if never set) and default schedule"
	@echo "                                        token and workspace commands: local DynamoDB of make serve; TABLE=<name> for a deployed table"
	@echo "make fuzz                               the fuzz run with a bigger budget and a fresh seed (FUZZ_MAX_EXAMPLES, FUZZ_SEED)"
	@echo "make load                               the load test with 16 clients x 300 requests (LOAD_CLIENTS, LOAD_REQUESTS)"
	@echo "make openapi                            rewrite openapi.json from the routes' declarations and the models"
	@echo "make lint                               ruff and cfn-lint"
	@echo "make template-check                     cfn-lint, sam validate --lint and sam build (SAM CLI in $(SAM_VENV))"
	@echo "make bench                              cold start, warm request, DynamoDB cost, layer size, memory -> BENCHMARKS.md"

$(VENV)/.installed: requirements-dev.txt layers/common/requirements.txt layers/holidays/requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# The fuzz run and the contention tests (marker `alone`) go last and alone: the fuzz's budget
# is a request count, and 32 concurrent creates measure how a crowd is served; neither
# should compete for the two cores with the rest of the suite.
test: venv
	$(PY) -m pytest -n 2 --dist loadfile -m "not alone"
	$(PY) -m pytest -m alone tests/http

# The three tiers alone: pure rules (no moto), handlers in-process (mock_aws), the local API over HTTP.
test-rules: venv
	$(PY) -m pytest tests/rules

test-in-process: venv
	$(PY) -m pytest -n 2 tests/in_process

test-http: venv
	$(PY) -m pytest tests/http

# The suite's fuzz test with a bigger budget: 400 examples per operation in the fuzzing
# phase and a fresh seed each run (FUZZ_SEED=<n> replays one).
FUZZ_MAX_EXAMPLES ?= 400
fuzz: venv
	FUZZ_MAX_EXAMPLES=$(FUZZ_MAX_EXAMPLES) FUZZ_SEED=$(FUZZ_SEED) LOCAL_API_QUIET=1 $(PY) -m pytest \
		tests/http/test_fuzz.py

# The suite's load test, bigger: 16 concurrent clients x 300 mixed requests (100 each in make test).
LOAD_CLIENTS ?= 16
LOAD_REQUESTS ?= 300
load: venv
	LOAD_CLIENTS=$(LOAD_CLIENTS) LOAD_REQUESTS=$(LOAD_REQUESTS) LOCAL_API_QUIET=1 $(PY) -m pytest tests/http/test_load.py

openapi: venv
	$(PY) -m tools.openapi

serve: venv
	PORT=$(PORT) $(PY) -m local.serve

# A fixture case of events/ first gets its seed (its tenant afresh, its token, what it acts on); SEED=no
# runs the event as it is. EVENT may name several files (one result line each). See events/README.md.
invoke: venv
	@test -n "$(FUNCTION)" -a -n "$(EVENT)" || { echo "usage: make invoke FUNCTION=<logical id> EVENT=<event file> [SEED=no]"; exit 2; }
	@$(PY) -m local.invoke "$(FUNCTION)" $(EVENT) $(if $(filter no,$(SEED)),--no-seed)

# Every fixture's seed into the storage of a running `make serve` (or AWS_ENDPOINT_URL_DYNAMODB on this
# machine), for `sam local invoke` (README); never a deployed table: the fixtures' tokens are public.
seed: venv
	@$(PY) -m local.seeds

# The token commands use the storage of a running `make serve` (or AWS_ENDPOINT_URL_DYNAMODB);
# TABLE=<deployed table name> works on a deployed table with the usual AWS credentials.
TOKENS := $(PY) -m tools.tokens $(if $(TABLE),--table "$(TABLE)")

token: venv
	@test -n "$(TENANT)" || { echo "usage: make token TENANT=<id> [SCOPES='read write'] [EXPIRES=90d|12h|never] [NOTE=...] [TABLE=...]"; exit 2; }
	@$(TOKENS) mint --tenant "$(TENANT)" $(if $(SCOPES),--scopes "$(SCOPES)") $(if $(EXPIRES),--expires-in "$(EXPIRES)") $(if $(NOTE),--note "$(NOTE)")

tokens: venv
	@test -n "$(TENANT)" || { echo "usage: make tokens TENANT=<id> [TABLE=...]"; exit 2; }
	@$(TOKENS) list --tenant "$(TENANT)"

revoke: venv
	@test -n "$(TENANT)" -a -n "$(TOKEN_ID)" || { echo "usage: make revoke TENANT=<id> TOKEN_ID=<id from make tokens> [TABLE=...]"; exit 2; }
	@$(TOKENS) revoke --tenant "$(TENANT)" --token-id "$(TOKEN_ID)"

# A workspace's office hours settings: the default time zone (schedules created without time_zone_name)
# and the default schedule (teams and teammates without their own); without either, shows them.
workspace: venv
	@test -n "$(TENANT)" || { echo "usage: make workspace TENANT=<id> [TIME_ZONE=<IANA name>] [DEFAULT_SCHEDULE=<schedule id>|none] [TABLE=...]"; exit 2; }
	@$(PY) -m tools.workspaces $(if $(TABLE),--table "$(TABLE)") $(if $(TIME_ZONE)$(DEFAULT_SCHEDULE),set $(if $(TIME_ZONE),--time-zone "$(TIME_ZONE)") $(if $(DEFAULT_SCHEDULE),--default-schedule "$(DEFAULT_SCHEDULE)"),show) --tenant "$(TENANT)"

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/cfn-lint template.yaml

$(SAM_VENV)/.installed:
	test -x $(SAM_VENV)/bin/python || $(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(SAM_VENV)/bin/python -m pip install --quiet --disable-pip-version-check aws-sam-cli==$(SAM_CLI_VERSION)
	touch $@

template-check: venv $(SAM_VENV)/.installed
	$(VENV)/bin/cfn-lint template.yaml
	AWS_DEFAULT_REGION=us-east-1 SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam validate --lint
	SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam build

# Prints the figures and writes BENCHMARKS.md; about a quarter of an hour. Cold starts: BENCH_COLD_RUNS=<n> runs (3)
# of BENCH_REPS=<n> per function (9); `$(PY) -m bench --only cold` rewrites that section alone.
bench: venv
	$(PY) -m bench

clean:
	rm -rf $(VENV) $(SAM_VENV) .aws-sam .pytest_cache
