"""Test set-up shared by the whole suite.

Qt runs offscreen and in English; HOME and the XDG folders point into a temporary folder so no
test reaches the real profile; everything under tests/gui is marked ``gui``. Hypothesis keeps its
files in a folder the running user can write (see ``hypothesis_home``); the run stops at once when
the installed packages differ from requirements.lock.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANG"] = "C.UTF-8"
os.environ["LANGUAGE"] = "en"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from env_checks import hypothesis_home, lock_mismatches  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Before Hypothesis first touches its storage: a checkout tested first by another user has a
# .hypothesis/ this user cannot write, and Hypothesis's warning would fail every property test.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(hypothesis_home()))


def pytest_sessionstart(session):
    mismatches = lock_mismatches(ROOT / "requirements.lock")
    if mismatches:
        more = f"; and {len(mismatches) - 5} more" if len(mismatches) > 5 else ""
        pytest.exit(
            "the installed packages differ from requirements.lock ("
            + "; ".join(mismatches[:5])
            + more
            + "). Run `make venv` (it rebuilds .venv), then test again.",
            returncode=4,
        )


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
    monkeypatch.delenv("CONSULT_APP_DATABASE", raising=False)
    monkeypatch.delenv("CONSULT_APP_SMTP_PASSWORD", raising=False)
    # No test keys the audit chain in the developer's real keyring (tests that want a keyring
    # install an in-memory backend and lift this).
    monkeypatch.setenv("CONSULT_APP_NO_KEYRING", "1")
    yield


@pytest.fixture
def data_dir(tmp_path):
    """A data folder (not yet created) for one test."""
    return tmp_path / "data"


@pytest.fixture
def repo_root():
    return ROOT


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for this test session (see tests/pg_server.py).

    Skips only when no PostgreSQL binaries are installed (``.ci/run`` installs them); a server
    that is installed but fails to start is an error, not a skip.
    """
    from pg_server import running_server

    with running_server() as server:
        if server is None:
            pytest.skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)")
        yield server


@pytest.fixture
def pg_url(pg_server):
    """The URL of a new, empty database on the session's PostgreSQL server."""
    return pg_server.new_database()
