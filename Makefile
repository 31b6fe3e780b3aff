# Two commands for a new user (see README):
#   make lab    create/update .venv, install the course, open JupyterLab on the index
#   make test   create/update .venv with the test tools, run the whole test suite
# Both are idempotent: pip runs again only when a requirements file changed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: lab test lint benchmark student-versions grade nav clean

$(VENV)/.course-installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.course-installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# As root it adds --allow-root; with no screen (or OPEN_BROWSER=0) it opens no browser
# and prints the URL and the ssh -L line instead (tools/lab.py).
lab: $(VENV)/.course-installed
	$(PY) tools/lab.py

# Two passes (tools/run_tests.py): ruff and every test, lesson and homework source under
# strict nbval; then the lessons and homework sources again with numpy's SIMD off.
test: $(VENV)/.dev-installed
	$(PY) tools/run_tests.py

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check backprop tests benchmarks tools

benchmark: $(VENV)/.dev-installed
	$(PY) benchmarks/run.py

student-versions: $(VENV)/.course-installed
	$(PY) -m backprop.homework generate --write-metadata

# make grade SUBMISSIONS=folder-or-notebook [TIMEOUT=60] [JOBS=N] [OUT=DIR]
grade: $(VENV)/.course-installed
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder-or-notebook [TIMEOUT=60] [JOBS=N] [OUT=DIR]"; exit 2; }
	$(PY) -m backprop.homework grade $(SUBMISSIONS) --timeout $(or $(TIMEOUT),60) $(if $(JOBS),--jobs $(JOBS)) $(if $(OUT),--out $(OUT))

nav: $(VENV)/.dev-installed
	$(PY) tools/course.py

clean:
	rm -rf $(VENV)
