"""Where the app keeps its files: data folder, config, cache, logs.

The data folder holds ``consult.sqlite3``, ``backups/`` and an optional ``clinic.toml``. It is
chosen, highest first, by the ``--data-dir`` flag, the ``CONSULT_APP_HOME`` environment variable,
or the platform's user data folder. It is created 0700.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from consult_app import APP_ID

HOME_ENV = "CONSULT_APP_HOME"
DB_NAME = "consult.sqlite3"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The folders and files the app uses."""

    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def database(self) -> Path:
        """The SQLite database file."""
        return self.data / DB_NAME

    @property
    def backups(self) -> Path:
        """The default backup folder."""
        return self.data / "backups"

    @property
    def clinic_toml(self) -> Path:
        """The optional clinic deployment settings file."""
        return self.data / "clinic.toml"


def _platform_data_dir() -> Path:
    """Return the platform's per-user data folder for the app, without Qt.

    Matches what ``QStandardPaths.AppDataLocation`` gives on each platform closely enough that
    command-line subcommands (which never create a QApplication) and the GUI agree.
    """
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_ID


def resolve_data_dir(cli_value: Path | str | None = None) -> Path:
    """Return the data folder (not created): ``--data-dir``, ``CONSULT_APP_HOME``, or platform."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return _platform_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) 0700 if missing; tighten an existing one.

    An existing folder only loses group and other access, never gains any: a folder the user
    made read-only stays read-only.
    """
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)
        return path
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077 and os.access(path, os.W_OK):
        with contextlib.suppress(OSError):
            path.chmod(mode & 0o700)
    return path


def resolve_paths(cli_value: Path | str | None = None) -> AppPaths:
    """Compute every app folder from the data folder and create the data folder 0700."""
    data = ensure_private_dir(resolve_data_dir(cli_value))
    return AppPaths(data=data, config=data, cache=data / "cache", logs=data / "logs")
