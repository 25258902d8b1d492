"""Test set-up shared by the whole suite.

Qt runs offscreen and in English; HOME and the XDG folders point into a temporary folder so no
test reaches the real profile; everything under tests/gui is marked ``gui``.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANG"] = "C.UTF-8"
os.environ["LANGUAGE"] = "en"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from consult_app.app.gui import protect_none_refcount  # noqa: E402

# WORKAROUND: PySide6 6.12 on Python 3.11 leaks references to None/True (see gui.py); a long
# GUI test run would otherwise abort with "none_dealloc".
protect_none_refcount()

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/gui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Point HOME, XDG_* and APPDATA at a temporary folder; clear CONSULT_APP_* overrides."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("CONSULT_APP_HOME", raising=False)
    monkeypatch.delenv("CONSULT_APP_SMTP_PASSWORD", raising=False)
    yield


@pytest.fixture
def data_dir(tmp_path):
    """A data folder (not yet created) for one test."""
    return tmp_path / "data"


@pytest.fixture
def repo_root():
    return ROOT
