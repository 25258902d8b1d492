"""``consult-app followup FILE.json --out DIR``: record a follow-up visit (case-format 1.1).

Validate the file (errors name the field, exit 2), open the database (exit 8 when unavailable),
find the patient by the identity rule of ``run`` (none: exit 2 naming ``patient``), attach the
visit to the patient's latest treated or consented consultation on or before its date (none:
exit 2 naming ``date``), store it (append-only, audited) and write ``followup.pdf``: the chart's
follow-up note with the scores against the baseline of the first treatment for each indication.
Exit 0. No Qt is imported; nothing about the patient is printed on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from consult_app.app.cmd_run import EXIT, _Fail, _open, _read_case
from consult_app.app.followup_service import FollowUpRejected, FollowUpService
from consult_app.app.services import load_protocol_for
from consult_app.core.errors import CaseError, ProtocolError
from consult_app.core.followup import FollowUpVisit
from consult_app.core.followup import parse_followup as parse
from consult_app.core.protocol import Protocol
from consult_app.core.settings import SettingsError
from consult_app.storage.backend import Connection
from consult_app.storage.errors import StorageUnavailable
from consult_app.storage.settings import SettingsRepository

__all__ = ["FollowUpOutcome", "record_followup", "run"]

logger = logging.getLogger(__name__)


@dataclass
class FollowUpOutcome:
    """What a ``followup`` run did (for the summary and for tests)."""

    code: int = 0
    followup_id: int | None = None
    consultation_id: int | None = None
    files: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def record_followup(
    path: Path,
    out: Path,
    *,
    data_dir: Path | None = None,
    database: str | None = None,
    lang: str = "en",
    protocol_dir: Path | None = None,
    today: dt.date | None = None,
) -> FollowUpOutcome:
    """Record one follow-up file; return what happened (``code`` is the exit code)."""
    outcome = FollowUpOutcome()
    try:
        data = _read_case(path)
        try:
            protocol: Protocol = load_protocol_for(protocol_dir)
        except (ProtocolError, FileNotFoundError) as exc:
            raise _Fail(EXIT["usage"], f"--protocol: {exc}") from None
        try:
            visit = parse(data, protocol, today=today or dt.date.today())
        except CaseError as exc:
            raise _Fail(EXIT["usage"], str(exc)) from None
        paths, conn = _open(data_dir, database)
        try:
            _record(outcome, conn, paths.clinic_toml, paths.data, visit, protocol, out, lang)
        except StorageUnavailable as exc:
            raise _Fail(EXIT["storage"], str(exc)) from None
        finally:
            conn.close()
    except _Fail as exc:
        outcome.code = exc.code
        outcome.lines.append(f"error: {exc}")
    return outcome


def _record(
    outcome: FollowUpOutcome,
    conn: Connection,
    clinic_toml: Path,
    data_folder: Path,
    visit: FollowUpVisit,
    protocol: Protocol,
    out: Path,
    lang: str,
) -> None:
    try:
        settings = SettingsRepository(conn).effective(clinic_toml)
    except SettingsError as exc:
        raise _Fail(EXIT["usage"], "; ".join(exc.errors)) from None
    service = FollowUpService(conn, protocol, data_folder, settings, record_lang=lang)
    try:
        pid = service.patient_id(visit)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _Fail(EXIT["usage"], f"--out: {out} cannot be created ({exc})") from None
        recorded = service.record(visit, out, patient_id=pid)
    except FollowUpRejected as exc:
        raise _Fail(EXIT["usage"], str(exc)) from None
    stored = recorded.stored
    outcome.followup_id = stored.id
    outcome.consultation_id = stored.consultation_id
    outcome.files.append(recorded.note)
    verb = "recorded" if stored.created else "already recorded"
    outcome.lines.append(f"follow-up {stored.id} {verb} (consultation {stored.consultation_id})")
    outcome.lines.append(f"sha256: {stored.sha256}")


def run(args: argparse.Namespace) -> int:
    """Run ``consult-app followup``; return its exit code (case-format.md)."""
    outcome = record_followup(
        Path(args.file),
        Path(args.out),
        data_dir=getattr(args, "data_dir", None),
        database=getattr(args, "database", None),
        lang=getattr(args, "lang", "en") or "en",
        protocol_dir=getattr(args, "protocol", None),
    )
    for line in outcome.lines:
        stream = sys.stderr if line.startswith("error:") else sys.stdout
        stream.write(line + "\n")
    if outcome.files:
        sys.stdout.write("wrote: " + ", ".join(str(p) for p in outcome.files) + "\n")
    return outcome.code
