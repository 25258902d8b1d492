"""PostgreSQL behind the storage interface (``storage.backend.Connection``), via psycopg 3.

``open_postgres(url)`` connects, refuses a foreign or too-new database, migrates an empty one
(``storage.migrations_pg``) and returns a ``PgConnection``: the repositories' ``?`` SQL runs
unchanged on it.

What the adapter does, and nothing more:

- ``?`` placeholders become psycopg's ``%s`` (outside string literals; a literal ``%`` is
  doubled). Named parameters are not supported (no repository uses them).
- An ``INSERT`` into a table with a generated key gets ``RETURNING <key>``, so ``lastrowid``
  works as with ``sqlite3``.
- ``BEGIN IMMEDIATE`` (``storage.db.transaction``: SQLite's one writer at a time) becomes
  ``BEGIN`` plus a transaction-level advisory lock on the whole database: every write
  transaction of every room runs one after the other, exactly as on SQLite, so the checks a
  seal makes inside its transaction (case id, status, dose and interval against the history)
  cannot race another room's seal, and the audit chain never forks. The lock waits at most
  ``lock_timeout`` (the busy timeout), then the command reports a locked database (exit 8).
  A plain ``BEGIN`` (``verify``'s one snapshot) becomes ``BEGIN ISOLATION LEVEL REPEATABLE
  READ``.
- psycopg errors are re-raised as the ``sqlite3`` DB-API classes (subclasses carrying the
  SQLSTATE and a ``storage_problem``), so the callers' ``except sqlite3.IntegrityError`` and
  ``storage.errors.storage_errors`` serve both backends.
- Rows answer ``row[0]``, ``row["name"]``, ``keys()`` and iteration, like ``sqlite3.Row``.

Connection URLs (case-format 1.1): ``postgresql://USER@HOST:PORT/DB`` in libpq's form. The
password comes from ``PGPASSWORD`` or ``~/.pgpass`` (libpq reads them); a URL carrying a password
is refused, since the URL is kept in ``clinic.toml`` or shell history. Patient data leaving the
machine needs TLS: a host that is not a Unix socket or the loopback gets ``sslmode=verify-full``
unless the URL (or ``PGSSLMODE``) asks for ``require``, ``verify-ca`` or ``verify-full``; a
weaker ``sslmode`` for such a host is refused.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from consult_app.storage.backend import Params
from consult_app.storage.errors import StorageProblem, StorageUnavailable
from consult_app.storage.migrations import SCHEMA_VERSION
from consult_app.storage.migrations_pg import GENERATED_KEYS, PG_APPLICATION, PG_MIGRATIONS

__all__ = [
    "DatabaseUrlError",
    "PgConnection",
    "PgTarget",
    "is_postgres_url",
    "open_postgres",
    "parse_url",
]

logger = logging.getLogger(__name__)

#: Key of the advisory lock every write transaction takes (``"NMC1"``, as the SQLite id).
WRITE_LOCK_KEY: Final = 0x4E4D4331
CONNECT_TIMEOUT_S: Final = 5
_TLS_MODES: Final = ("require", "verify-ca", "verify-full")
_LOCAL_NAMES: Final = ("localhost", "localhost.localdomain")


class DatabaseUrlError(ValueError):
    """The ``--database`` value cannot be used (exit 2); the message names what to change."""


def is_postgres_url(value: str) -> bool:
    """True for a ``postgresql://`` or ``postgres://`` URL."""
    return value.startswith(("postgresql://", "postgres://"))


@dataclass(frozen=True, slots=True)
class PgTarget:
    """A checked PostgreSQL URL: what to connect with and what to name in messages."""

    conninfo: str
    #: ``HOST:PORT/DB`` (or ``socket DIR/DB``), never a password
    where: str
    local: bool


def _is_local(host: str) -> bool:
    if not host or host.startswith(("/", "@")):
        return True  # a Unix socket (path or abstract name)
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_url(url: str) -> PgTarget:
    """Check a PostgreSQL URL against the clinic's rules; see the module docstring.

    Raises:
        DatabaseUrlError: not a libpq URL, a password in it, or a remote host without TLS.
    """
    from psycopg import conninfo as ci

    try:
        params = ci.conninfo_to_dict(url)
    except Exception as exc:  # psycopg.ProgrammingError: libpq could not parse it
        raise DatabaseUrlError(
            "--database: not a PostgreSQL URL (expected postgresql://USER@HOST:PORT/DB)"
        ) from exc
    if params.get("password"):
        raise DatabaseUrlError(
            "--database: the URL must not contain a password; "
            "give it in PGPASSWORD or ~/.pgpass instead"
        )
    hosts_value = str(params.get("host") or params.get("hostaddr") or os.environ.get("PGHOST", ""))
    hosts = [h for h in hosts_value.split(",")] or [""]
    local = all(_is_local(h) for h in hosts)
    port = str(params.get("port") or os.environ.get("PGPORT") or "5432")
    dbname = str(params.get("dbname") or os.environ.get("PGDATABASE") or "")
    where = (
        f"socket {hosts_value or 'default'} port {port}, database {dbname or '(default)'}"
        if local and (not hosts_value or hosts_value.startswith("/"))
        else f"{hosts_value}:{port}, database {dbname or '(default)'}"
    )
    extra: dict[str, Any] = {"connect_timeout": params.get("connect_timeout", CONNECT_TIMEOUT_S)}
    if not local:
        mode = str(params.get("sslmode") or os.environ.get("PGSSLMODE") or "")
        if not mode:
            extra["sslmode"] = "verify-full"
        elif mode not in _TLS_MODES:
            raise DatabaseUrlError(
                f"--database: {hosts_value} is not this machine, so patient data would cross "
                f"the network: sslmode={mode} is refused; use sslmode=verify-full "
                "(or require) and a server with TLS"
            )
    extra["application_name"] = params.get("application_name", "neuromodulator-consult")
    return PgTarget(conninfo=ci.make_conninfo(url, **extra), where=where, local=local)


# --- errors -------------------------------------------------------------------------------------
class PgError(sqlite3.Error):
    """A PostgreSQL error in ``sqlite3``'s clothes: ``sqlstate`` and ``storage_problem``."""

    sqlstate: str | None = None
    storage_problem: StorageProblem | None = None


class PgIntegrityError(PgError, sqlite3.IntegrityError):
    """Constraint or trigger violation (SQLSTATE class 23)."""


class PgOperationalError(PgError, sqlite3.OperationalError):
    """The server, the connection or a lock failed."""


class PgProgrammingError(PgError, sqlite3.ProgrammingError):
    """Our SQL is wrong (syntax, unknown table or column)."""


class PgDatabaseError(PgError, sqlite3.DatabaseError):
    """Any other database error."""


#: SQLSTATE (or its class, two characters) -> the storage problem it means.
_PROBLEMS: Final[dict[str, StorageProblem]] = {
    "55P03": StorageProblem.LOCKED,  # lock_not_available (lock_timeout)
    "40001": StorageProblem.LOCKED,  # serialization_failure
    "40P01": StorageProblem.LOCKED,  # deadlock_detected
    "57014": StorageProblem.LOCKED,  # query_canceled (statement_timeout)
    "25006": StorageProblem.READ_ONLY,  # read_only_sql_transaction (a standby)
    "42501": StorageProblem.READ_ONLY,  # insufficient_privilege
    "53100": StorageProblem.DISK_FULL,
    "08": StorageProblem.CANNOT_OPEN,  # connection exceptions
    "57P": StorageProblem.CANNOT_OPEN,  # operator intervention: server shutting down
    "53": StorageProblem.CANNOT_OPEN,  # insufficient resources (too many connections)
    "XX": StorageProblem.CORRUPT,  # internal error, data corrupted
}


def _problem_of(sqlstate: str | None) -> StorageProblem | None:
    if sqlstate is None:
        return StorageProblem.CANNOT_OPEN  # no answer from the server: the connection failed
    for key in (sqlstate, sqlstate[:3], sqlstate[:2]):
        if key in _PROBLEMS:
            return _PROBLEMS[key]
    return None


def _wrap(exc: Exception) -> PgError:
    sqlstate = getattr(exc, "sqlstate", None)
    if sqlstate is not None and sqlstate.startswith("23"):
        cls: type[PgError] = PgIntegrityError
    elif sqlstate is not None and sqlstate.startswith("42") and sqlstate != "42501":
        cls = PgProgrammingError
    elif _problem_of(sqlstate) is not None:
        cls = PgOperationalError
    else:
        cls = PgDatabaseError
    primary = getattr(getattr(exc, "diag", None), "message_primary", None)
    wrapped = cls(primary or str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    wrapped.sqlstate = sqlstate
    wrapped.storage_problem = _problem_of(sqlstate)
    return wrapped


# --- rows and cursors ---------------------------------------------------------------------------
class Row(Sequence[Any]):
    """A result row: ``row[0]``, ``row["name"]``, ``keys()``, iteration (as ``sqlite3.Row``)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return self._values[self._names.index(key)]
            except ValueError:
                raise IndexError(f"No item with that key: {key}") from None
        return self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row):
            return self._values == other._values
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values)

    def keys(self) -> list[str]:
        return list(self._names)

    def __repr__(self) -> str:
        return f"Row({self._values!r})"


def _row_factory(cursor: Any) -> Any:
    names = tuple(d.name for d in cursor.description or ())

    def make(values: Sequence[Any]) -> Row:
        return Row(names, tuple(values))

    return make


class PgCursor:
    """The ``storage.backend.Cursor`` over a psycopg cursor."""

    def __init__(self, cursor: Any, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self._lastrowid = lastrowid

    @property
    def lastrowid(self) -> int | None:
        return self._lastrowid

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    def fetchone(self) -> Any:
        if self._cursor.description is None:
            return None
        return self._guard(self._cursor.fetchone)

    def fetchall(self) -> list[Any]:
        if self._cursor.description is None:
            return []
        return list(self._guard(self._cursor.fetchall))

    def close(self) -> None:
        self._cursor.close()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    @staticmethod
    def _guard(call: Any) -> Any:
        import psycopg

        try:
            return call()
        except psycopg.Error as exc:
            raise _wrap(exc) from exc


# --- SQL translation ----------------------------------------------------------------------------
_INSERT: Final = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.I)


@functools.lru_cache(maxsize=1024)
def translate(sql: str, marks: bool = True) -> tuple[str, str | None]:
    """Return ``(psycopg SQL, key column to return)`` for one statement with ``?`` marks.

    Without parameters (``marks`` False) psycopg sends the text as it is: nothing is escaped.
    """
    if not marks:
        return _returning(sql)
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote is not None:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
            continue
        if ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return _returning("".join(out))


def _returning(text: str) -> tuple[str, str | None]:
    key = None
    match = _INSERT.match(text)
    if match and re.search(r"\bRETURNING\b", text, re.I) is None:
        key = GENERATED_KEYS.get(match.group(1).lower())
        if key is not None:
            text = f"{text.rstrip().rstrip(';')} RETURNING {key}"
    return text, key


_BEGIN: Final = re.compile(r"^\s*BEGIN(\s+(DEFERRED|TRANSACTION))?\s*;?\s*$", re.I)
_BEGIN_IMMEDIATE: Final = re.compile(r"^\s*BEGIN\s+(IMMEDIATE|EXCLUSIVE)\s*;?\s*$", re.I)


class PgConnection:
    """The ``storage.backend.Connection`` over a psycopg 3 connection in autocommit mode."""

    def __init__(self, raw: Any, target: PgTarget) -> None:
        self.raw = raw
        self.target = target

    @property
    def in_transaction(self) -> bool:
        """True inside an explicit transaction (also a failed one, until rolled back)."""
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def execute(self, sql: str, parameters: Params = (), /) -> PgCursor:
        """Run one statement with ``?`` marks (see the module docstring)."""
        import psycopg

        if _BEGIN_IMMEDIATE.match(sql):
            try:
                self.raw.execute("BEGIN")
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            except psycopg.Error as exc:
                if self.in_transaction:
                    self._quiet_rollback()
                raise _wrap(exc) from exc
            return PgCursor(self.raw.cursor())
        if _BEGIN.match(sql):
            sql = "BEGIN ISOLATION LEVEL REPEATABLE READ"
        if isinstance(parameters, dict):
            raise TypeError("named parameters are not supported on PostgreSQL")
        values = tuple(parameters) if parameters else None
        text, key = translate(sql, values is not None)
        cursor = self.raw.cursor(row_factory=_row_factory)
        try:
            cursor.execute(text, values, prepare=False)
        except psycopg.Error as exc:
            raise _wrap(exc) from exc
        lastrowid = None
        if key is not None and cursor.description is not None:
            got = cursor.fetchone()
            lastrowid = int(got[0]) if got is not None and got[0] is not None else None
        return PgCursor(cursor, lastrowid)

    def executemany(self, sql: str, seq_of_parameters: Iterable[Params], /) -> PgCursor:
        """Run one statement once per parameter set."""
        import psycopg

        text, key = translate(sql)
        if key is not None:
            text = text[: text.rfind(" RETURNING ")]
        cursor = self.raw.cursor(row_factory=_row_factory)
        try:
            cursor.executemany(text, [tuple(p) for p in seq_of_parameters])
        except psycopg.Error as exc:
            raise _wrap(exc) from exc
        return PgCursor(cursor)

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back by the server)."""
        self.raw.close()

    def _quiet_rollback(self) -> None:
        try:
            self.raw.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - the connection is going anyway
            logger.debug("rollback after a failed BEGIN failed too")


# --- opening ------------------------------------------------------------------------------------
def _unavailable(target: PgTarget, exc: BaseException) -> StorageUnavailable:
    """The message for a server that cannot be used: host and port, never a password."""
    sqlstate = getattr(exc, "sqlstate", None)
    text = str(exc)
    if sqlstate in ("28P01", "28000") or "password authentication failed" in text:
        return StorageUnavailable(
            StorageProblem.CANNOT_OPEN,
            f"The PostgreSQL server at {target.where} refused the login (wrong user or "
            "password, or no access for this machine in pg_hba.conf). Check PGPASSWORD or "
            "~/.pgpass.",
        )
    if "no password supplied" in text:
        return StorageUnavailable(
            StorageProblem.CANNOT_OPEN,
            f"The PostgreSQL server at {target.where} asks for a password and none was given. "
            "Set PGPASSWORD or add the password to ~/.pgpass.",
        )
    if sqlstate == "3D000" or "does not exist" in text and "database" in text:
        return StorageUnavailable(
            StorageProblem.CANNOT_OPEN,
            f"The database named in the URL does not exist on the PostgreSQL server "
            f"({target.where}). Create it first (createdb).",
        )
    if "SSL" in text or "certificate" in text:
        return StorageUnavailable(
            StorageProblem.CANNOT_OPEN,
            f"The TLS connection to the PostgreSQL server at {target.where} failed "
            "(no TLS on the server, or its certificate is not trusted or names another host). "
            "Nothing was sent.",
        )
    return StorageUnavailable(
        StorageProblem.CANNOT_OPEN,
        f"Cannot reach the PostgreSQL server at {target.where}: it is not running, not "
        "reachable from this machine, or refusing connections. Nothing was changed.",
    )


def open_postgres(url: str, *, busy_timeout_ms: int = 2000, readonly: bool = False) -> PgConnection:
    """Connect to the PostgreSQL database at ``url``, migrating an empty one.

    Args:
        url: a libpq URL (``parse_url``'s rules apply).
        busy_timeout_ms: how long a write waits for another room's transaction.
        readonly: ``verify``: nothing is created; an empty database is refused.

    Raises:
        DatabaseUrlError: the URL breaks a rule (exit 2).
        StorageUnavailable: unreachable, login refused, foreign, too new (exit 8).
    """
    import psycopg

    target = parse_url(url)
    try:
        raw = psycopg.connect(target.conninfo, autocommit=True)
    except psycopg.Error as exc:
        logger.info("PostgreSQL connection failed (%s)", getattr(exc, "sqlstate", None))
        raise _unavailable(target, exc) from None
    conn = PgConnection(raw, target)
    try:
        raw.execute(f"SET lock_timeout = {int(busy_timeout_ms)}")
        raw.execute("SET TIME ZONE 'UTC'")
        version = _schema_version(conn)
        if version > SCHEMA_VERSION:
            raise StorageUnavailable(
                StorageProblem.TOO_NEW,
                detail=f"schema v{version}, this app knows v{SCHEMA_VERSION}",
            )
        if version < SCHEMA_VERSION:
            if readonly and version == 0:
                raise StorageUnavailable(
                    StorageProblem.CANNOT_OPEN,
                    f"The PostgreSQL database ({target.where}) holds no Neuromodulator Consult "
                    "data yet.",
                )
            _migrate(conn)
    except psycopg.Error as exc:
        conn.close()
        raise _unavailable(target, exc) from None
    except sqlite3.Error as exc:
        conn.close()
        problem = getattr(exc, "storage_problem", None)
        if problem is StorageProblem.CANNOT_OPEN or problem is None:
            raise _unavailable(target, exc) from None
        raise StorageUnavailable(problem, detail=target.where) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _schema_version(conn: PgConnection) -> int:
    """0 for an empty database; refuses one holding someone else's tables."""
    found = conn.execute("SELECT to_regclass('nmc_schema') IS NOT NULL").fetchone()[0]
    if not found:
        foreign = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p')"
        ).fetchone()[0]
        if foreign:
            raise StorageUnavailable(
                StorageProblem.CORRUPT, detail="not a Neuromodulator Consult database"
            )
        return 0
    row = conn.execute("SELECT application, version FROM nmc_schema").fetchone()
    if row is None or row[0] != PG_APPLICATION:
        raise StorageUnavailable(
            StorageProblem.CORRUPT, detail="not a Neuromodulator Consult database"
        )
    return int(row[1])


def _migrate(conn: PgConnection) -> None:
    """Run the missing steps, each in one transaction under the write lock."""
    from consult_app.storage.db import transaction

    for index in range(SCHEMA_VERSION):
        with transaction(conn):
            # Another room may have migrated while this one waited for the lock.
            if _schema_version(conn) > index:
                continue
            for statement in PG_MIGRATIONS[index]:
                conn.execute(statement)
            conn.execute("UPDATE nmc_schema SET version = ?", (index + 1,))
        logger.info("migrated PostgreSQL schema v%d -> v%d", index, index + 1)
