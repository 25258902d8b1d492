"""The storage interface every repository uses: one ``Connection`` protocol, two backends.

The repositories (``storage.patients``, ``storage.consents``, ...) are written against
``Connection``: ``execute(sql, params)`` with ``?`` placeholders returning a ``Cursor``
(``fetchone``, ``fetchall``, iteration, ``lastrowid``, ``rowcount``), ``in_transaction`` and
``close``. Rows answer both ``row[0]`` and ``row["name"]``.

- **SQLite**: the stdlib ``sqlite3.Connection`` itself (``row_factory = sqlite3.Row``,
  autocommit mode) satisfies the protocol, so the embedded default runs exactly as before.
- **PostgreSQL**: ``storage.postgres.PgConnection`` wraps a psycopg 3 connection; it turns the
  ``?`` placeholders into psycopg's, returns the new row's key as ``lastrowid``, and raises the
  DB-API exception classes of ``sqlite3`` (subclassed, carrying the SQLSTATE) so one
  ``except sqlite3.IntegrityError`` serves both backends. The few statements whose SQL differs
  between the dialects (schema and triggers, the audit chain lock, search, ``verify``'s look at
  the triggers) branch on ``is_postgres(conn)``; see ``docs/storage-backends.md``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

__all__ = ["Connection", "Cursor", "Params", "dialect", "is_postgres"]

#: Statement parameters: positional (``?``) or named (``:name``, SQLite only).
Params = Sequence[Any] | Mapping[str, Any]


class Cursor(Protocol):
    """What ``Connection.execute`` returns."""

    @property
    def lastrowid(self) -> int | None:
        """The key of the row an INSERT made (None otherwise)."""
        ...

    @property
    def rowcount(self) -> int:
        """Rows changed by the statement (-1 when not known)."""
        ...

    def fetchone(self) -> Any:
        """The next row, or None."""
        ...

    def fetchall(self) -> list[Any]:
        """Every remaining row."""
        ...

    def close(self) -> None:
        """Release the cursor."""
        ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A database connection in autocommit mode; ``storage.db.transaction`` groups changes."""

    @property
    def in_transaction(self) -> bool:
        """True inside an explicit transaction."""
        ...

    def execute(self, sql: str, parameters: Params = ..., /) -> Cursor:
        """Run one statement with ``?`` placeholders."""
        ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Params], /) -> Cursor:
        """Run one statement once per parameter set."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...


def is_postgres(conn: object) -> bool:
    """True when ``conn`` is a PostgreSQL connection (anything that is not ``sqlite3``)."""
    return not isinstance(conn, sqlite3.Connection)


def dialect(conn: object) -> str:
    """``"sqlite"`` or ``"postgresql"``."""
    return "postgresql" if is_postgres(conn) else "sqlite"
