"""The clinic's export identity: a random seed made once per database, kept in ``settings``.

Exported identifiers (FHIR resource ids, the bundle id, the chart-number identifier system) are
derived from it, so they are stable for one clinic (every export of the same database gives the
same ids, and a restored backup keeps them) and distinct between clinics (two databases never
share a seed, so patient 1 of one clinic is not patient 1 of another).

The row is ``settings`` key ``exchange.id_seed`` (a key ``core.settings`` does not know, so the
settings dialog and clinic.toml never touch it), value the JSON text of 32 hex digits from
``secrets``. It is written with ``INSERT ... ON CONFLICT DO NOTHING`` then read back, so two
processes exporting for the first time at once agree on one seed.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Final

from consult_app.storage.backend import Connection
from consult_app.storage.db import transaction
from consult_app.storage.errors import storage_errors

__all__ = ["SEED_KEY", "export_seed"]

SEED_KEY: Final = "exchange.id_seed"
_SEED: Final = re.compile(r"[0-9a-f]{32}")


def _read(conn: Connection) -> str | None:
    with storage_errors():
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (SEED_KEY,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(str(row[0]))
    except ValueError:
        return None
    return value if isinstance(value, str) and _SEED.fullmatch(value) else None


def export_seed(conn: Connection) -> str:
    """This database's export seed (32 hex digits), made on first use.

    Raises:
        ValueError: the stored row is malformed (edited by hand): ids cannot be kept stable, so
            the export refuses rather than silently changing every id.
        StorageUnavailable: the database cannot be read or written.
    """
    seed = _read(conn)
    if seed is not None:
        return seed
    with transaction(conn):
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            (SEED_KEY, json.dumps(secrets.token_hex(16))),
        )
    seed = _read(conn)
    if seed is None:
        raise ValueError(f"settings row {SEED_KEY} is malformed: exported ids cannot stay stable")
    return seed
