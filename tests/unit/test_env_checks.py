"""The test environment's own checks: Hypothesis's folder, the lock pins (tests/env_checks.py)."""

import os
import sys
from importlib import metadata
from pathlib import Path

from env_checks import hypothesis_home, lock_mismatches


def test_hypothesis_home_is_in_the_users_cache(tmp_path):
    folder = hypothesis_home({"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert folder == tmp_path / "cache" / "consult-app" / "hypothesis"
    assert folder.is_dir()


def test_hypothesis_home_falls_back_when_the_cache_cannot_be_written(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    folder = hypothesis_home({"HOME": str(tmp_path), "XDG_CACHE_HOME": str(blocker)})
    assert folder.name == f"consult-app-hypothesis-{os.getuid()}"
    assert not str(folder).startswith(str(blocker))


def test_the_running_suite_uses_a_writable_hypothesis_folder():
    folder = Path(os.environ["HYPOTHESIS_STORAGE_DIRECTORY"])
    assert os.access(folder, os.W_OK) or not folder.exists()


def test_lock_mismatches_names_wrong_missing_and_skips_other_pythons(tmp_path):
    pytest_version = metadata.version("pytest")
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "# comment\n"
        f"pytest=={pytest_version}\n"
        "pluggy==0.0.1\n"
        "no-such-package-here==1.0\n"
        'hypothesis==0.0.1 ; python_version < "3"\n'
        f"psycopg[binary]=={metadata.version('psycopg')}  # extras are ignored\n"
    )
    assert lock_mismatches(lock) == [
        f"pluggy installed {metadata.version('pluggy')}, pinned 0.0.1",
        "no-such-package-here missing, pinned 1.0",
    ]


def test_the_venv_matches_the_repository_lock(repo_root):
    assert lock_mismatches(repo_root / "requirements.lock") == [], sys.executable
