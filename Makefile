# Neuromodulator Consult: set-up, run, test, build.
# `make run` and `make test` create .venv from requirements.lock when it is missing or stale.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian/Ubuntu packages Qt needs: offscreen (tests, smoke test) and a real window (make run).
SYSDEPS_TEST := libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
SYSDEPS_RUN := $(SYSDEPS_TEST) libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0

.PHONY: run test build bench lint venv sysdeps-test sysdeps-run clean

run: sysdeps-run $(STAMP)
	$(PY) -m consult_app $(ARGS)

test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

build: sysdeps-test $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean build.spec
	rm -rf build/smoke-data
	QT_QPA_PLATFORM=offscreen ./dist/consult-app/consult-app --smoke-test --data-dir build/smoke-data

bench: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: $(STAMP)
	$(PY) -m ruff check consult_app tests
	$(PY) -m ruff format --check consult_app tests
	$(PY) -m mypy consult_app

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

sysdeps-test:
	@sh tools/sysdeps.sh $(SYSDEPS_TEST)

sysdeps-run:
	@sh tools/sysdeps.sh $(SYSDEPS_RUN)

clean:
	rm -rf build dist $(VENV)
