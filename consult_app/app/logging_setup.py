"""Logging for the app: a rotating file in the data folder and warnings on stderr.

Log lines hold IDs, counts and event names only, never patient-identifying values.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


class _NoTraceback(logging.Formatter):
    """stderr never shows a traceback (its values may hold patient data): the error's type only."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.stack_info:
            kind = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
            record = logging.makeLogRecord(
                {**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None}
            )
            if kind:
                record.msg = f"{record.msg} ({kind})"
        return super().format(record)


def setup_logging(log_dir: Path | None, verbose: bool = False) -> None:
    """Configure the root logger once; a file handler when ``log_dir`` is given."""
    root = logging.getLogger()
    if getattr(root, "_consult_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr.setFormatter(_NoTraceback("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(stderr)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            log_dir.chmod(0o700)
            log_file = log_dir / "consult-app.log"
            handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            root.addHandler(handler)
            if log_file.exists():
                log_file.chmod(0o600)
        except OSError:
            logging.getLogger(__name__).warning("cannot write the log file; logging to stderr only")
    root._consult_configured = True  # type: ignore[attr-defined]
