"""Clinic settings set in the app, kept in the ``settings`` table, merged with clinic.toml.

The table (``key TEXT PRIMARY KEY, value TEXT NOT NULL``, schema v1 in ``migrations.py``) holds
one row per settings key the clinician set in the app: the dotted key of
``consult_app.core.settings`` (``clinic.name``, ``smtp.port``, ...) and its value as JSON text.
A key without a row is not set in the app, so ``clinic.toml`` or the default applies to it (merge
rule in ``consult_app.core.settings``). Rows whose key this version does not know are left alone
and ignored, so the table may be shared with other preferences.

The SMTP password is never stored: only the keys of ``SETTINGS_KEYS`` are accepted.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from consult_app.core.settings import (
    SETTINGS_KEYS,
    ClinicSettings,
    SettingsError,
    merge_settings,
    parse_clinic_toml_values,
    validate_value,
)
from consult_app.storage.backend import Connection
from consult_app.storage.db import transaction
from consult_app.storage.errors import storage_errors

__all__ = ["SettingsRepository"]

logger = logging.getLogger(__name__)


class SettingsRepository:
    """Read and write the clinic settings set in the app; compute the effective settings."""

    def __init__(self, conn: Connection) -> None:
        """Use an open, migrated connection (``storage.db.open_database``)."""
        self._conn = conn

    def load(self) -> dict[str, object]:
        """The settings set in the app: dotted key -> JSON value, known and valid keys only.

        A row that cannot be decoded or fails validation (edited by hand, written by a buggy
        version) is skipped with a warning naming the key, so clinic.toml or the default applies.

        Returns:
            Dotted key -> value (lists for ``clinicians``, None for unset optional paths).

        Raises:
            StorageUnavailable: if the database cannot be read.
        """
        with storage_errors():
            rows = self._conn.execute("SELECT key, value FROM settings").fetchall()
        known = set(SETTINGS_KEYS)
        values: dict[str, object] = {}
        for row in rows:
            key, raw = str(row[0]), str(row[1])
            if key not in known:
                continue
            try:
                value = json.loads(raw)
                validate_value(key, value)
            except (ValueError, SettingsError):
                logger.warning("ignoring invalid stored setting %s", key)
                continue
            values[key] = value
        return values

    def save(self, values: Mapping[str, object], *, unset: Iterable[str] = ()) -> None:
        """Store the given keys and remove the ``unset`` ones, in one transaction.

        Keys not mentioned keep their stored value. Removing a key hands it back to clinic.toml
        (or the default). Everything is validated first; on any error nothing is written.

        Args:
            values: dotted key -> value, e.g. from ``core.settings.settings_diff``.
            unset: dotted keys to remove.

        Raises:
            SettingsError: naming every unknown key or invalid value (nothing written).
            StorageUnavailable: if the database cannot be written (nothing written).
        """
        unset_keys = list(unset)
        errors: list[str] = []
        rows: list[tuple[str, str]] = []
        for key, value in values.items():
            try:
                clean = validate_value(key, value)
            except SettingsError as exc:
                errors.extend(exc.errors)
                continue
            rows.append((key, json.dumps(_jsonable(clean), ensure_ascii=False)))
        for key in unset_keys:
            if key not in SETTINGS_KEYS:
                errors.append(f"{key}: unknown key")
        if errors:
            raise SettingsError(errors)
        with transaction(self._conn) as conn:
            conn.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rows,
            )
            conn.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in unset_keys])
        logger.info("settings saved: %d set, %d unset", len(rows), len(unset_keys))

    def effective(self, clinic_toml_path: Path | None) -> ClinicSettings:
        """The settings in force: app values win key by key, clinic.toml fills the rest.

        Args:
            clinic_toml_path: ``<data dir>/clinic.toml``; None or a missing file means none.

        Returns:
            The merged settings, defaults filling what neither sets.

        Raises:
            SettingsError: if clinic.toml is invalid; messages name the key (and the file).
            StorageUnavailable: if the database cannot be read.
        """
        toml_values: dict[str, object] = {}
        if clinic_toml_path is not None:
            try:
                text = clinic_toml_path.read_text(encoding="utf-8")
            except FileNotFoundError:
                text = None
            except (OSError, UnicodeDecodeError) as exc:
                raise SettingsError([f"{clinic_toml_path}: cannot be read ({exc})"]) from exc
            if text is not None:
                try:
                    toml_values = parse_clinic_toml_values(text)
                except SettingsError as exc:
                    raise SettingsError(
                        [f"{clinic_toml_path.name}: {error}" for error in exc.errors]
                    ) from None
        return merge_settings(self.load(), toml_values)


def _jsonable(value: object) -> object:
    """Enums as their value, tuples as lists; everything else is already JSON-compatible."""
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, str):
        return str(value)  # a StrEnum member becomes its plain value
    return value
