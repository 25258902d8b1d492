"""Which database the commands use, and opening it (case-format 1.1, "Several rooms").

The database is, highest first: ``--database URL``, the environment variable
``CONSULT_APP_DATABASE``, the ``database`` key of the data folder's ``clinic.toml``, else the
SQLite file ``consult.sqlite3`` in the data folder. A URL is ``sqlite:///PATH`` (an SQLite file
anywhere) or ``postgresql://USER@HOST:PORT/DB`` (libpq's form; see ``storage.postgres`` for the
password and TLS rules). With a PostgreSQL database no SQLite file is made; the data folder
still holds ``clinic.toml``, the documents and the backup anchors.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from consult_app.app.paths import DB_NAME
from consult_app.core.settings import DATABASE_KEY
from consult_app.storage.backend import Connection
from consult_app.storage.db import DEFAULT_BUSY_TIMEOUT_MS, open_database

__all__ = ["DATABASE_ENV", "DatabaseChoice", "DatabaseUrlError", "choose_database", "open_store"]

DATABASE_ENV: Final = "CONSULT_APP_DATABASE"
_SQLITE: Final = "sqlite:///"


class DatabaseUrlError(ValueError):
    """The database URL cannot be used (exit 2); the message names where it came from."""


@dataclass(frozen=True, slots=True)
class DatabaseChoice:
    """The database to open: an SQLite file or a PostgreSQL URL (exactly one is set)."""

    sqlite: Path | None = None
    postgres: str | None = None
    #: where the choice came from (``--database``, ``CONSULT_APP_DATABASE``, ``clinic.toml``)
    source: str = "default"

    @property
    def is_postgres(self) -> bool:
        """True for a PostgreSQL database."""
        return self.postgres is not None


def _from_toml(path: Path) -> str | None:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # reported, naming the key, when the settings are read
    value = document.get(DATABASE_KEY)
    return value if isinstance(value, str) and value.strip() else None


def choose_database(data: Path, cli_value: str | None = None) -> DatabaseChoice:
    """Pick the database (see the module docstring).

    Raises:
        DatabaseUrlError: a URL that is neither ``sqlite:///PATH`` nor ``postgresql://...``, or
            a PostgreSQL URL breaking the password or TLS rule.
    """
    for source, value in (
        ("--database", cli_value),
        (DATABASE_ENV, os.environ.get(DATABASE_ENV)),
        ("clinic.toml database", _from_toml(data / "clinic.toml")),
    ):
        if not value:
            continue
        value = value.strip()
        if value.startswith(_SQLITE) and len(value) > len(_SQLITE):
            file = Path(value[len(_SQLITE) - 1 :]).expanduser()
            return DatabaseChoice(sqlite=file, source=source)
        from consult_app.storage import postgres

        if postgres.is_postgres_url(value):
            try:
                postgres.parse_url(value)
            except postgres.DatabaseUrlError as exc:
                raise DatabaseUrlError(str(exc).replace("--database", source, 1)) from None
            return DatabaseChoice(postgres=value, source=source)
        raise DatabaseUrlError(
            f"{source}: expected sqlite:///PATH or postgresql://USER@HOST:PORT/DB"
        )
    return DatabaseChoice(sqlite=data / DB_NAME)


def open_store(
    choice: DatabaseChoice,
    *,
    check: bool = True,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    readonly: bool = False,
) -> Connection:
    """Open the chosen database (``storage.db.open_database`` or ``storage.postgres``).

    Raises:
        StorageUnavailable: as ``open_database``; for PostgreSQL also unreachable, login
            refused, foreign or too new (exit 8).
    """
    if choice.postgres is not None:
        from consult_app.storage.postgres import open_postgres

        return open_postgres(choice.postgres, busy_timeout_ms=busy_timeout_ms, readonly=readonly)
    assert choice.sqlite is not None
    return open_database(
        choice.sqlite, check=check, busy_timeout_ms=busy_timeout_ms, readonly=readonly
    )
