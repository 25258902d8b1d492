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
import hashlib
import json
import logging
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from consult_app.app.cmd_run import EXIT, _Fail, _open, _read_case
from consult_app.app.consultation_service import load_labels
from consult_app.app.services import load_protocol_for
from consult_app.core.errors import CaseError, ProtocolError
from consult_app.core.followup import BaselineTreatment, FollowUpVisit, followup_payload
from consult_app.core.followup import parse_followup as parse
from consult_app.core.followup_report import build_followup_note
from consult_app.core.protocol import Protocol
from consult_app.core.report_model import ClinicInfo, PageSize
from consult_app.core.settings import SettingsError
from consult_app.resources import resource_path
from consult_app.storage import document_log
from consult_app.storage.consents import get_consent
from consult_app.storage.errors import StorageUnavailable
from consult_app.storage.followups import FollowUpRepository, StoredFollowUp
from consult_app.storage.patients import PatientRepository
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


def _patient_id(conn: sqlite3.Connection, visit: FollowUpVisit) -> int:
    p = visit.patient
    stored = PatientRepository(conn).find_same(p.name, p.birth_date, p.chart_number)
    if stored is None:
        what = "name and birth date" + (" and chart number" if p.chart_number else "")
        raise _Fail(EXIT["usage"], f"patient: no stored patient has this {what}")
    return stored.id


def _treatment(
    repo: FollowUpRepository, patient_id: int, visit: FollowUpVisit
) -> tuple[BaselineTreatment, list[BaselineTreatment]]:
    attached = repo.attach_to(patient_id, visit.date)
    if attached is None:
        raise _Fail(
            EXIT["usage"],
            f"date: the patient has no treated or consented consultation on or before "
            f"{visit.date.isoformat()}",
        )
    for index, event in enumerate(visit.adverse_events):
        if event.onset < attached.date:
            raise _Fail(
                EXIT["usage"],
                f"adverse_events[{index}].onset: {event.onset} is before the treatment it "
                f"follows ({attached.date})",
            )
    treatments = repo.baselines(patient_id)
    followed = next(t for t in treatments if t.consultation_id == attached.consultation_id)
    return followed, treatments


def _product_name(conn: sqlite3.Connection, consent_id: int, fallback: str) -> str:
    try:
        payload = json.loads(get_consent(conn, consent_id).canonical)
    except (LookupError, ValueError):
        return fallback
    name = payload.get("product_name") if isinstance(payload, dict) else None
    return name if isinstance(name, str) and name else fallback


def record_followup(
    path: Path,
    out: Path,
    *,
    data_dir: Path | None = None,
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
        paths, conn = _open(data_dir)
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
    conn: sqlite3.Connection,
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
    pid = _patient_id(conn, visit)
    repo = FollowUpRepository(conn)
    followed, treatments = _treatment(repo, pid, visit)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _Fail(EXIT["usage"], f"--out: {out} cannot be created ({exc})") from None
    payload = followup_payload(
        visit,
        patient_id=pid,
        consultation_id=followed.consultation_id,
        product=followed.product,
        treatment_date=followed.date,
        indications=followed.indications,
    )
    stored = repo.record(pid, followed.consultation_id, payload)
    outcome.followup_id = stored.id
    outcome.consultation_id = followed.consultation_id
    product = protocol.products.get(followed.product)
    fallback = product.display_name("CA") if product is not None else followed.product
    target = out / "followup.pdf"
    write_note(
        conn,
        stored,
        visit,
        protocol,
        target,
        lang=lang,
        clinic=_clinic(settings, data_folder),
        page_size="A4" if settings.page_size.value == "A4" else "Letter",
        followed=followed,
        product_name=_product_name(conn, followed.consent_id, fallback),
        treatments=treatments,
    )
    outcome.files.append(target)
    verb = "recorded" if stored.created else "already recorded"
    outcome.lines.append(f"follow-up {stored.id} {verb} (consultation {followed.consultation_id})")
    outcome.lines.append(f"sha256: {stored.sha256}")


def _clinic(settings: object, data_folder: Path) -> ClinicInfo:
    profile = settings.clinic  # type: ignore[attr-defined]
    logo = profile.logo_path
    if logo and not Path(logo).is_absolute():
        logo = str(data_folder / logo)
    return ClinicInfo(
        name=profile.name,
        address=profile.address,
        phone=profile.phone,
        email=profile.email,
        logo_path=logo,
    )


def write_note(
    conn: sqlite3.Connection,
    stored: StoredFollowUp,
    visit: FollowUpVisit,
    protocol: Protocol,
    target: Path,
    *,
    lang: str,
    clinic: ClinicInfo,
    page_size: PageSize,
    followed: BaselineTreatment,
    product_name: str,
    treatments: list[BaselineTreatment],
) -> None:
    """Render ``followup.pdf`` for a stored follow-up; log it as a document of its consultation."""
    from consult_app.documents.followup import render_followup  # reportlab: off startup

    chart = conn.execute(
        "SELECT chart_number FROM patients WHERE id = ?", (stored.patient_id,)
    ).fetchone()
    model = build_followup_note(
        visit,
        protocol=protocol,
        labels=load_labels("followup"),
        documents=load_labels("documents"),
        lang=lang,
        clinic=clinic,
        page_size=page_size,
        produced_at=dt.datetime.now().astimezone(),
        treatment=followed,
        product_name=product_name,
        treatments=treatments,
        chart_number=chart[0] if chart is not None else None,
        sha256=stored.sha256,
    )
    render_followup(model, target, resource_path("fonts"))
    target.chmod(0o600)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    document_log.record_document(conn, stored.consultation_id, "followup", digest)


def run(args: argparse.Namespace) -> int:
    """Run ``consult-app followup``; return its exit code (case-format.md)."""
    outcome = record_followup(
        Path(args.file),
        Path(args.out),
        data_dir=getattr(args, "data_dir", None),
        lang=getattr(args, "lang", "en") or "en",
        protocol_dir=getattr(args, "protocol", None),
    )
    for line in outcome.lines:
        stream = sys.stderr if line.startswith("error:") else sys.stdout
        stream.write(line + "\n")
    if outcome.files:
        sys.stdout.write("wrote: " + ", ".join(str(p) for p in outcome.files) + "\n")
    return outcome.code
