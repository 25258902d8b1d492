"""Startup safeguards for the GUI: background integrity check, held writes, automatic backup.

The GUI opens the database without the (slow on a large file) ``PRAGMA quick_check`` so the window
shows at once; :class:`IntegrityGate` runs the check on its own connection in a thread, then the
daily automatic backup (never of a database that failed the check). Until the check has passed,
every write through a :class:`HeldWrites` proxy waits for it; if the check fails the write raises
``StorageUnavailable`` (corrupt) and nothing is written, so a corrupt database is never modified.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from consult_app.storage.backup import auto_backup
from consult_app.storage.db import open_database, quick_check
from consult_app.storage.errors import StorageProblem, StorageUnavailable

logger = logging.getLogger(__name__)


class IntegrityGate:
    """Checks the database in a background thread; writes wait until it has passed."""

    def __init__(
        self,
        db_path: Path,
        *,
        backups_dir: Path | None = None,
        keep: int = 14,
        on_done: Callable[[bool], None] | None = None,
    ) -> None:
        self._db_path = Path(db_path)
        self._backups_dir = backups_dir
        self._keep = keep
        self._on_done = on_done
        self._done = threading.Event()
        self._ok = False
        self.error: str | None = None
        self.backup: Path | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)

    def start(self) -> IntegrityGate:
        """Start the check; return self."""
        self._thread.start()
        return self

    @property
    def done(self) -> bool:
        """Whether the check has finished."""
        return self._done.is_set()

    @property
    def ok(self) -> bool:
        """Whether the check has finished and passed."""
        return self._done.is_set() and self._ok

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the check; return whether it passed (False on timeout)."""
        self._done.wait(timeout)
        return self.ok

    def require(self) -> None:
        """Wait for the check and raise ``StorageUnavailable`` unless it passed."""
        if not self.wait():
            raise StorageUnavailable(StorageProblem.CORRUPT, path=self._db_path)

    def _run(self) -> None:
        started = dt.datetime.now()
        try:
            conn = open_database(self._db_path, check=False)
            try:
                self._ok = quick_check(conn)
                if self._ok and self._backups_dir is not None:
                    try:
                        self.backup = auto_backup(conn, self._backups_dir, keep=self._keep)
                    except StorageUnavailable as exc:
                        # A failed backup must not stop the consultation; it is reported.
                        self.error = str(exc)
                        logger.warning("automatic backup failed (%s)", exc.problem.value)
            finally:
                conn.close()
        except StorageUnavailable as exc:
            # Busy (another program writing) is not corruption: the main connection opened
            # the file fine, so writes go ahead; anything else holds them.
            self._ok = exc.problem is StorageProblem.LOCKED
            self.error = str(exc)
        except Exception:
            logger.exception("integrity check crashed")
            self._ok = False
        elapsed = (dt.datetime.now() - started).total_seconds() * 1000
        logger.info("integrity check %s in %.0f ms", "passed" if self._ok else "FAILED", elapsed)
        self._done.set()
        if self._on_done is not None:
            self._on_done(self._ok)


class HeldWrites:
    """A proxy whose write methods wait for the integrity check (and fail if it failed)."""

    def __init__(self, target: Any, gate: IntegrityGate, write_methods: Iterable[str]) -> None:
        self._target = target
        self._gate = gate
        self._writes = frozenset(write_methods)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:  # e.g. ``service.settings = ...`` after the settings dialog: change the target
            setattr(self._target, name, value)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if name not in self._writes or not callable(attr):
            return attr

        @functools.wraps(attr)
        def held(*args: Any, **kwargs: Any) -> Any:
            self._gate.require()
            return attr(*args, **kwargs)

        return held


PATIENT_WRITES = ("create", "update")
SERVICE_WRITES = (
    "start",
    "save_draft",
    "complete_step",
    "record_deferral",
    "seal",
    "render_sealed",
    "complete_pending",
    "log_delivery",
    "update_patient",
    "create_patient",
)
