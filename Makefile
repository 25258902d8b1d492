# Neuromodulator Consult: set-up, run, test, build.
# `make run` and `make test` create .venv from requirements.lock when it is missing or stale, with
# the newest python3.1x (>= 3.11) on PATH or PYTHON=... (tools/pick-python.sh).
PYTHON ?=
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian/Ubuntu packages, all checked by every target so that the one line printed to a normal user
# is complete: Qt offscreen (tests, smoke test), a real window (make run), and the build (objdump;
# tools/sysdeps.sh adds libpython3.X and python3.X-venv for Debian's Python).
SYSDEPS := libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 \
	libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 binutils

.PHONY: run test build bench lint venv sysdeps clean translations

run: sysdeps $(STAMP) translations
	$(PY) -m consult_app $(ARGS)

test: sysdeps $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

build: sysdeps $(STAMP) translations
	$(PY) -m PyInstaller --noconfirm --clean build.spec
	rm -rf build/smoke-data
	QT_QPA_PLATFORM=offscreen ./dist/consult-app/consult-app --smoke-test --data-dir build/smoke-data

bench: sysdeps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: $(STAMP)
	$(PY) -m ruff check consult_app tests
	$(PY) -m ruff format --check consult_app tests
	$(PY) -m mypy consult_app

venv: $(STAMP)

# PYTHON= naming another Python version than .venv's: build .venv again.
ifneq ($(PYTHON),)
ifneq ($(shell $(PY) -c 'import sys; print(sys.version_info[:2])' 2>/dev/null),$(shell $(PYTHON) -c 'import sys; print(sys.version_info[:2])' 2>/dev/null))
$(shell rm -f $(STAMP))
endif
endif

# Always from nothing: a stale .venv may hold packages the lock dropped (PySide6-Pdf).
$(STAMP): requirements.lock pyproject.toml
	@sh tools/venv.sh $(VENV) $(STAMP) "$(PYTHON)"

sysdeps:
	@PYTHON="$(PYTHON)" sh tools/sysdeps.sh $(SYSDEPS)

# The interface's .qm catalogues from the committed .ts sources (issue 21); not committed.
# build.spec compiles them into the bundle on its own too, and a source run without them
# compiles them into the cache folder (consult_app/ui/i18n.py).
translations: $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent resources/translations/*.ts

clean:
	rm -rf build dist $(VENV)
