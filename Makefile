# Two commands for a fresh clone: `make report` builds the sample, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: report test setup system-deps test-deps git-textconv lint clean

report: setup
	$(VENV)/bin/python build.py

# Two processes, each taking whole test files (their module fixtures stay in one process).
test: setup test-deps
	$(VENV)/bin/python -m pytest -n 2 --dist loadfile

lint: setup
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/mypy

setup: system-deps $(STAMP) git-textconv

# Lets `git diff` and `git log -p` show findings files through `build.py textconv`; git keeps
# each blob's text in a cache, so a second `git diff` of the same commits does not run it again.
git-textconv:
	@if [ -d .git ]; then \
		git config diff.findings.textconv "$(VENV)/bin/python build.py textconv"; \
		git config diff.findings.cachetextconv true; \
	fi

system-deps:
	@bash scripts/system-deps.sh

# The test extras, the browser and axe-core for the accessibility tests (pinned in package.json).
test-deps: $(TEST_STAMP) node_modules/axe-core/axe.min.js
	@bash scripts/system-deps.sh test

node_modules/axe-core/axe.min.js: package.json
	@bash scripts/system-deps.sh test
	npm ci --silent --no-audit --no-fund
	touch $@

# Building needs only the package's own dependencies; the tests add the test extras.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

clean:
	rm -rf output $(VENV) node_modules
