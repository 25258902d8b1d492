"""Checks of the test environment itself, used by conftest.py (tested in unit/test_env_checks.py).

* ``hypothesis_home``: where Hypothesis may keep its example database, a folder the running user can
  write: ``$XDG_CACHE_HOME/consult-app/hypothesis`` (``~/.cache/...``), else a per-user folder in
  the temporary directory. Under CI Hypothesis's own "ci" profile keeps no database at all.
* ``lock_mismatches``: installed versions that differ from the pins of requirements.lock. An old
  .venv would otherwise run the suite on another Qt (PySide6 6.12.0 aborts long runs on 3.11).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


def hypothesis_home(environ: Mapping[str, str] = os.environ) -> Path:
    """A folder for Hypothesis's files that the running user can create and write."""
    home = environ.get("HOME") or str(Path.home())
    cache = environ.get("XDG_CACHE_HOME") or str(Path(home) / ".cache")
    preferred = Path(cache) / "consult-app" / "hypothesis"
    if _writable(preferred):
        return preferred
    user = str(os.getuid()) if hasattr(os, "getuid") else environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"consult-app-hypothesis-{user}"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_mismatches(lock: Path) -> list[str]:
    """``name installed X, pinned Y`` for every pin (applying to this Python) not met."""
    problems = []
    for raw in lock.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, _, marker = line.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        name, _, pinned = requirement.partition("==")
        name = re.sub(r"\[.*\]", "", name).strip()
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{_canonical(name)} missing, pinned {pinned.strip()}")
            continue
        if installed != pinned.strip():
            problems.append(f"{_canonical(name)} installed {installed}, pinned {pinned.strip()}")
    return problems
