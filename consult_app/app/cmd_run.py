"""``consult-app run CASE.json --out DIR``: run one consultation case file headlessly.

Implements ``case-format.md``: validate the case (errors name the field, exit 2), open the data
folder's database (exit 8 when unavailable, the file untouched), find or create the patient
(same name and birth date, and the same chart number when both have one), count the database's
sealed treatments as history, screen, write ``screening.json``, then:

* STOP: ``deferral.pdf`` and ``record.pdf``, stored as deferred, exit 3 (nothing sealed);
* declined with a clinician named: the refusal sealed, ``record.pdf``, exit 5;
* anything missing: stored as a draft, exit 4;
* given: consent sealed, ``handout.pdf`` and ``record.pdf``, exit 0; with ``--email`` the sheet
  is emailed to ``patient.email`` and a failure gives exit 7 (everything else already stored).

No Qt is imported. A short summary goes to stdout (no patient name); errors to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import json
import logging
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import formataddr
from pathlib import Path
from typing import Any

from consult_app.app.consultation_service import (
    ConsultationService,
    SealResult,
    load_labels,
)
from consult_app.app.database import DatabaseUrlError, choose_database, open_store
from consult_app.app.paths import AppPaths, resolve_paths
from consult_app.app.sealing_unit import (
    AlreadySealed,
    ScreeningChanged,
    sealed_evaluation,
    sweep_temporary_files,
    temp_for,
)
from consult_app.app.services import load_protocol_for
from consult_app.core import limits
from consult_app.core.case_file import parse_case
from consult_app.core.consultation import Consultation, Decision
from consult_app.core.diagnosis import diagnosis_shortfall
from consult_app.core.errors import CaseError, ProtocolError
from consult_app.core.limits import decode_case
from consult_app.core.patient import NewPatient
from consult_app.core.protocol import Protocol
from consult_app.core.reasons import reason_shortfall
from consult_app.core.screening import Verdict, screening_json
from consult_app.core.settings import ClinicSettings, SettingsError
from consult_app.storage import idempotency
from consult_app.storage.db import transaction
from consult_app.storage.errors import DuplicateChartNumber, StorageUnavailable
from consult_app.storage.settings import SettingsRepository

__all__ = ["EXIT", "RunOutcome", "run", "run_case"]

logger = logging.getLogger(__name__)

EXIT = {
    "ok": 0,
    "usage": 2,
    "stop": 3,
    "incomplete": 4,
    "declined": 5,
    "email": 7,
    "storage": 8,
}


SEALED = ("sealed", "declined")
_ATTEMPTS = 5
#: ``run`` waits this long for another run's sealing transaction (rendering included).
RUN_BUSY_TIMEOUT_MS = 15000


class _Fail(Exception):  # noqa: N818 - internal control flow
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class RunOutcome:
    """What a run did (for the summary and for tests)."""

    code: int = 0
    verdict: str = ""
    missing: tuple[str, ...] = ()
    consultation_id: int | None = None
    sealed: SealResult | None = None
    files: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def _write(stream: Any, text: str) -> None:
    stream.write(text + "\n")
    stream.flush()


def _read_case(path: Path) -> object:
    try:
        if not path.is_file():
            raise _Fail(EXIT["usage"], f"{path}: not a file")
        with path.open("rb") as fh:
            raw = fh.read(limits.MAX_CASE_BYTES + 1)  # a huge file is refused, never read whole
    except OSError as exc:
        raise _Fail(EXIT["usage"], f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        raw_data = decode_case(raw)
    except CaseError as exc:
        raise _Fail(EXIT["usage"], f"{path.name} {exc}") from None
    try:
        limits.check_depth(raw_data)
    except CaseError as exc:
        raise _Fail(EXIT["usage"], str(exc)) from None
    return raw_data


def _given_patient_keys(data: object) -> set[str]:
    if isinstance(data, Mapping) and isinstance(data.get("patient"), Mapping):
        return {k for k, v in data["patient"].items() if v is not None}
    return set()


def _find_or_create_patient(
    service: ConsultationService, consultation: Consultation, given: set[str]
) -> int:
    """Return the patient's id; the case's own details update what the database holds."""
    p = consultation.patient
    repo = service.patients
    try:
        stored = repo.find_same(p.name, p.birth_date, p.chart_number)
        if stored is None:
            return repo.create(
                NewPatient(
                    name=p.name,
                    birth_date=p.birth_date,
                    sex=p.sex.value,
                    chart_number=p.chart_number,
                    phone=p.phone,
                    email=p.email,
                    language=p.language,
                    allergies=p.allergies,
                )
            )
        updated = NewPatient(
            name=stored.name,
            birth_date=stored.birth_date,
            sex=p.sex.value if "sex" in given else stored.sex,
            chart_number=p.chart_number if "chart_number" in given else stored.chart_number,
            phone=p.phone if "phone" in given else stored.phone,
            email=p.email if "email" in given else stored.email,
            language=p.language if "language" in given else stored.language,
            allergies=p.allergies if "allergies" in given else stored.allergies,
        )
        if updated != stored.as_new():
            repo.update(stored.id, updated)
        return stored.id
    except DuplicateChartNumber:
        raise _Fail(
            EXIT["usage"],
            f"patient.chart_number: {p.chart_number} is already used by another patient",
        ) from None
    except ValueError as exc:
        raise _Fail(EXIT["usage"], f"patient: {exc}") from None


def _draft_from_case(data: Mapping[str, Any], consultation: Consultation) -> dict[str, Any]:
    case = {k: v for k, v in data.items() if k not in ("format", "patient", "id") and v is not None}
    case["date"] = consultation.date.isoformat()  # a default "today" is fixed once stored
    return {"case": case, "extra": {"step": "consent", "source": "case_file"}}


def _send_email(
    service: ConsultationService, consultation: Consultation, cid: int, handout: Path
) -> str | None:
    """Email the sheet; return None when the server accepted it, else the problem."""
    from consult_app.delivery.email import (
        EmailError,
        PasswordStore,
        build_message,
        send,
    )

    settings = service.settings
    smtp = settings.smtp
    if not consultation.patient.email:
        return "the patient has no email address (patient.email)"
    if not smtp.configured:
        return "no mail server is configured (set [smtp] host and sender in clinic.toml)"
    from consult_app.delivery.compose import compose_email, protect_attachment

    labels = load_labels("email")
    lang = consultation.patient.language
    protect = settings.email_protect_attachment and consultation.patient.birth_date is not None
    texts = compose_email(
        labels,
        lang,
        clinic=settings.clinic.name,
        phone=settings.clinic.phone,
        encrypted=protect,
    )
    sender = (
        formataddr((settings.clinic.name, smtp.sender)) if settings.clinic.name else smtp.sender
    )
    try:
        attachment = handout.read_bytes()
        if protect:
            attachment = protect_attachment(attachment, consultation.patient.birth_date)
        message = build_message(
            sender=sender,
            recipient=consultation.patient.email,
            subject=texts.subject,
            body=texts.body,
            attachment=attachment,
            filename=texts.filename,
        )
        password = PasswordStore().get(smtp.username) if smtp.username else None
        send(message, smtp, password)
    except EmailError as exc:
        return str(exc)
    service.log_delivery(cid, "handout", "document_emailed")
    return None


def run_case(
    case_path: Path,
    out: Path,
    *,
    data_dir: Path | None = None,
    database: str | None = None,
    lang: str = "en",
    email: bool = False,
    protocol_dir: Path | None = None,
    today: dt.date | None = None,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    adjust_settings: Callable[[ClinicSettings], ClinicSettings] | None = None,
) -> RunOutcome:
    """Run one case file; return what happened (``code`` is the exit code).

    Args:
        case_path: the case file.
        out: the output folder.
        data_dir: the data folder (default: ``CONSULT_APP_HOME`` or the platform folder).
        database: ``--database`` (default: ``app.database.choose_database``'s order).
        lang: the clinician's language for the record and messages.
        email: also email the sheet.
        protocol_dir: a clinic's own protocol folder.
        today: the default consultation date.
        prepare: adjusts the decoded case before validation (the demo sets today's date).
        adjust_settings: adjusts the effective clinic settings (the demo's sample clinic).
    """
    outcome = RunOutcome()
    try:
        data = _read_case(case_path)
        if prepare is not None and isinstance(data, dict):
            data = prepare(data)
        try:
            protocol: Protocol = load_protocol_for(protocol_dir)
        except (ProtocolError, FileNotFoundError) as exc:
            raise _Fail(EXIT["usage"], f"--protocol: {exc}") from None
        try:
            consultation = parse_case(data, protocol, today=today)
        except CaseError as exc:
            raise _Fail(EXIT["usage"], str(exc)) from None
        assert isinstance(data, dict)  # parse_case accepted it
        _run_stored(
            outcome,
            data,
            consultation,
            protocol,
            out,
            data_dir,
            lang,
            email,
            adjust_settings,
            database,
        )
    except _Fail as exc:
        outcome.code = exc.code
        outcome.lines.append(f"error: {exc}")
    return outcome


def _open(data_dir: Path | None, database: str | None = None) -> tuple[AppPaths, Any]:
    try:
        paths = resolve_paths(data_dir)
    except OSError as exc:
        raise _Fail(
            EXIT["storage"], f"the data folder cannot be created ({exc.strerror or exc})"
        ) from None
    try:
        choice = choose_database(paths.data, database)
    except DatabaseUrlError as exc:
        raise _Fail(EXIT["usage"], str(exc)) from None
    try:
        return paths, open_store(choice, busy_timeout_ms=RUN_BUSY_TIMEOUT_MS)
    except StorageUnavailable as exc:
        raise _Fail(EXIT["storage"], str(exc)) from None


def _run_stored(
    outcome: RunOutcome,
    data: dict[str, Any],
    consultation: Consultation,
    protocol: Protocol,
    out: Path,
    data_dir: Path | None,
    lang: str,
    email: bool,
    adjust_settings: Callable[[ClinicSettings], ClinicSettings] | None = None,
    database: str | None = None,
) -> None:
    paths, conn = _open(data_dir, database)
    try:
        try:
            settings: ClinicSettings = SettingsRepository(conn).effective(paths.clinic_toml)
        except SettingsError as exc:
            raise _Fail(EXIT["usage"], "; ".join(exc.errors)) from None
        if adjust_settings is not None:
            settings = adjust_settings(settings)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _Fail(EXIT["usage"], f"--out: {out} cannot be created ({exc})") from None
        service = ConsultationService(
            conn,
            protocol,
            paths,
            settings,
            record_lang=lang,
            out_dir=out,
            clock=lambda: dt.datetime.now().astimezone(),
        )
        try:
            _run_with_service(outcome, service, data, consultation, out, email)
        except StorageUnavailable as exc:
            raise _Fail(EXIT["storage"], str(exc)) from None
    finally:
        conn.close()


def _bind_consultation(
    service: ConsultationService, data: dict[str, Any], consultation: Consultation
) -> tuple[int, int, dict[str, Any]]:
    """Find or create the patient and the consultation in one write transaction.

    With a case ``id`` already used, its consultation is taken again (different content: exit 2).
    Returns (patient id, consultation id, draft).
    """
    draft = _draft_from_case(data, consultation)
    case_id = data.get("id")
    with transaction(service.conn):
        if isinstance(case_id, str):
            bound = idempotency.find_case(service.conn, case_id)
            if bound is not None:
                if bound.content_sha256 != idempotency.content_sha256(data):
                    raise _Fail(
                        EXIT["usage"],
                        f"id: {case_id} was already used for a case with different content",
                    )
                row = service.consultations.get(bound.consultation_id)
                return row.patient_id, row.id, (row.data if row.status in SEALED else draft)
        pid = _find_or_create_patient(service, consultation, _given_patient_keys(data))
        cid = service.start(pid, draft)
        if isinstance(case_id, str):
            idempotency.bind_case(service.conn, case_id, cid, idempotency.content_sha256(data))
    return pid, cid, draft


def _write_screening(outcome: RunOutcome, service: ConsultationService, ev: Any, out: Path) -> None:
    result = ev.screening
    outcome.verdict = result.verdict.value
    outcome.missing = result.missing
    screening_path = out / "screening.json"
    doc = screening_json(result, service.protocol, service.record_lang)
    tmp = temp_for(screening_path)
    try:
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(screening_path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _Fail(EXIT["storage"], _os_message(exc, out)) from None
    outcome.files = [screening_path]
    outcome.lines = [f"verdict: {result.verdict.value}"]
    for f in result.findings:
        outcome.lines.append(f"  {f.level.value.upper():<8} {f.id}")
    if result.missing:
        outcome.lines.append("missing: " + ", ".join(result.missing))
    lang = service.record_lang
    if "diagnosis" in result.missing:
        shortfall = diagnosis_shortfall(ev.consultation.diagnosis)
        if shortfall is not None:
            outcome.lines.append(f"  diagnosis: {shortfall.get(lang)}")
    for f in result.findings:
        if f.id in result.missing:
            lacking = reason_shortfall(ev.consultation.reasons.get(f.id))
            if lacking is not None:
                outcome.lines.append(f"  reasons.{f.id}: {lacking.get(lang)}")


def _os_message(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"--out: {folder}: the disk is full; nothing was sealed"
    return f"--out: {folder} cannot be written ({exc.strerror or exc})"


def _replay(outcome: RunOutcome, service: ConsultationService, cid: int, out: Path) -> None:
    """The case was sealed before: write its outputs again from the sealed record."""
    ev, _ = sealed_evaluation(service, cid)
    _write_screening(outcome, service, ev, out)
    sealed = service.render_sealed(cid)
    outcome.sealed = sealed
    outcome.consultation_id = cid
    given = service.status(cid) == "sealed"
    if sealed.handout is not None:
        outcome.files.append(sealed.handout)
    outcome.files.append(sealed.record)
    outcome.code = EXIT["ok"] if given else EXIT["declined"]
    what = "given" if given else "declined"
    outcome.lines.append(
        f"consent {what} and sealed before (consultation {cid}); documents written again"
    )
    outcome.lines.append(f"seal: {sealed.sha256}")


def _run_with_service(
    outcome: RunOutcome,
    service: ConsultationService,
    data: dict[str, Any],
    consultation: Consultation,
    out: Path,
    email: bool,
) -> None:
    service.complete_pending()
    sweep_temporary_files(out)
    pid, cid, draft = _bind_consultation(service, data, consultation)
    outcome.consultation_id = cid
    for _attempt in range(_ATTEMPTS):
        if service.status(cid) in SEALED:
            _replay(outcome, service, cid, out)
            return
        ev = service.evaluate(pid, draft, exclude=cid)
        _write_screening(outcome, service, ev, out)
        try:
            _decide(outcome, service, ev, cid, draft, email)
            return
        except (ScreeningChanged, AlreadySealed):
            continue  # another run on this patient sealed meanwhile: screen again
    raise _Fail(
        EXIT["storage"],
        "the patient's record kept changing while this case was being sealed (other runs on "
        "the same patient); nothing was sealed: run it again",
    )


def _decide(
    outcome: RunOutcome,
    service: ConsultationService,
    ev: Any,
    cid: int,
    draft: dict[str, Any],
    email: bool,
) -> None:
    result = ev.screening
    consent = ev.consultation.consent
    decision = consent.decision if consent else None
    if result.verdict is Verdict.STOP:
        path = service.record_deferral(cid, draft)
        outcome.files.append(path)
        outcome.files.append(path.with_name("record.pdf"))
        outcome.code = EXIT["stop"]
        outcome.lines.append(f"treatment deferred (consultation {cid}); nothing sealed")
        return
    if decision is Decision.DECLINED and "consent.clinician" not in result.missing:
        sealed = service.seal(cid, draft, expect=result)
        outcome.sealed = sealed
        outcome.files.append(sealed.record)
        outcome.code = EXIT["declined"]
        outcome.lines.append(f"consent declined and sealed (consultation {cid})")
        outcome.lines.append(f"seal: {sealed.sha256}")
        return
    if result.missing:
        with transaction(service.conn):
            if service.status(cid) not in SEALED:
                service.save_draft(cid, draft)
        outcome.code = EXIT["incomplete"]
        outcome.lines.append(f"incomplete: kept as a draft (consultation {cid}); nothing sealed")
        return
    sealed = service.seal(cid, draft, expect=result)
    outcome.sealed = sealed
    if sealed.handout is not None:
        outcome.files.append(sealed.handout)
    outcome.files.append(sealed.record)
    outcome.code = EXIT["ok"]
    outcome.lines.append(f"consent given and sealed (consultation {cid})")
    outcome.lines.append(f"seal: {sealed.sha256}")
    if email and sealed.handout is not None:
        problem = _send_email(service, ev.consultation, cid, sealed.handout)
        if problem is None:
            protected = service.settings.email_protect_attachment
            outcome.lines.append(
                "email: the sheet was accepted by the mail server"
                + (" (protected: it opens with the date of birth as YYYYMMDD)" if protected else "")
            )
        else:
            outcome.code = EXIT["email"]
            outcome.lines.append(f"email not sent: {problem}")


def run(args: argparse.Namespace) -> int:
    """Run ``consult-app run``; return its exit code (case-format.md)."""
    outcome = run_case(
        Path(args.case),
        Path(args.out),
        data_dir=getattr(args, "data_dir", None),
        database=getattr(args, "database", None),
        lang=getattr(args, "lang", "en") or "en",
        email=bool(getattr(args, "email", False)),
        protocol_dir=getattr(args, "protocol", None),
    )
    report(outcome)
    return outcome.code


def report(outcome: RunOutcome) -> None:
    """Print the summary: stdout for results, stderr for errors and failed emails."""
    for line in outcome.lines:
        failed = line.startswith(("error:", "email not sent"))
        _write(sys.stderr if failed else sys.stdout, line)
    if outcome.files:
        _write(sys.stdout, "wrote: " + ", ".join(str(p) for p in outcome.files))
