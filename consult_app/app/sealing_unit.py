"""Sealing and its documents as one unit (case-format 1.1 "Idempotent runs").

``seal_with_documents``:

1. registers the documents about to be written (``storage.idempotency``: temporary file, final
   file, this process) in its own small transaction;
2. in one ``BEGIN IMMEDIATE`` transaction: evaluates the consultation again with the patient's
   dose history as it is now (so two runs on one patient can never both seal on stale history),
   checks it is still ready (and, for the case runner, that screening did not change), saves the
   final draft, seals the consent, renders the record and the sheet to the temporary files (the
   record prints the seal and the audit chain entry that sealed it), and records the documents
   with their hashes;
3. after the commit, moves the temporary files into place and clears the registration.

A failure before the commit (a layout error, a full disk) leaves nothing sealed and no temporary
file. A process killed at any moment leaves either nothing sealed (its registration is cleared by
the next command, its temporary files deleted) or a sealed consent whose temporary files the next
command moves into place (``complete_pending``), writing any missing one again from the sealed
record (``render_sealed``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from consult_app.core import consultation_flow as flow
from consult_app.core.administration import administration_payload
from consult_app.core.consultation import Decision
from consult_app.core.consultation_flow import SealResult
from consult_app.core.reports import build_handout, build_record
from consult_app.core.screening import ScreeningResult
from consult_app.core.usecase import (
    Evaluation,
    Signed,
    consent_payload,
    evaluate,
    parse_signed,
    signing_moment,
)
from consult_app.storage import audit, document_log, idempotency
from consult_app.storage.administrations import seal_administration
from consult_app.storage.consents import get_consent, seal_consent
from consult_app.storage.db import transaction
from consult_app.storage.errors import StorageProblem, StorageUnavailable, from_os_error

if TYPE_CHECKING:
    from consult_app.app.consultation_service import ConsultationService

__all__ = [
    "AlreadySealed",
    "ScreeningChanged",
    "complete_pending",
    "effective_consent_id",
    "render_in_place",
    "render_sealed",
    "seal_with_documents",
    "sweep_temporary_files",
]

logger = logging.getLogger(__name__)

#: Temporary names: ``.<final name>.<pid>.part`` (and the renderer's own ``.<that>.<x>.tmp``).
_TEMP: Final = re.compile(r"^\.\.?(?P<base>.+?)\.(?P<pid>\d+)\.part(?:\.[^.]+\.tmp)?$")


class AlreadySealed(Exception):  # noqa: N818 - reads as a domain fact
    """The consultation was sealed meanwhile (by another run of the same case id)."""


class ScreeningChanged(Exception):  # noqa: N818 - reads as a domain fact
    """Screening inside the sealing transaction differs from the one the caller showed."""


@dataclass(frozen=True, slots=True)
class _Docs:
    record: Path
    handout: Path | None


def screening_key(result: ScreeningResult) -> tuple[object, ...]:
    """What must not change between the screening shown and the one sealed."""
    return (
        result.verdict,
        tuple((f.id, f.level) for f in result.findings),
        tuple(result.missing),
    )


def temp_for(final: Path) -> Path:
    """The temporary file a document is rendered to before it is moved onto ``final``."""
    return final.with_name(f".{final.name}.{os.getpid()}.part")


def render_in_place(render: Any, model: Any, final: Path, font_dir: Path) -> None:
    """Render ``model`` with ``render`` to a temporary file of this process, then onto ``final``.

    A process killed while rendering leaves only a file ``sweep_temporary_files`` recognises.
    """
    temp = temp_for(final)
    try:
        render(model, temp, font_dir)
        temp.replace(final)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def sweep_temporary_files(folder: Path) -> None:
    """Delete temporary files left in ``folder`` by processes that are gone."""
    with contextlib.suppress(OSError):
        for item in folder.iterdir():
            match = _TEMP.match(item.name)
            if match and not idempotency.pid_alive(int(match["pid"])):
                with contextlib.suppress(OSError):
                    item.unlink()


def _zone(signed_at: Signed) -> dt.tzinfo | None:
    """The time zone a record prints its times in: the signature's, else the local one."""
    return signed_at.tzinfo if isinstance(signed_at, dt.datetime) else None


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _render(
    service: ConsultationService,
    ev: Evaluation,
    *,
    consultation_id: int,
    started_at: dt.datetime,
    seal: str,
    signed_at: Signed,
    chain_head: tuple[int, str] | None,
    draft: Mapping[str, Any],
    targets: _Docs,
) -> None:
    from consult_app.documents.handout import render_handout  # reportlab: off startup
    from consult_app.documents.record import render_record

    confirmations, questions = flow.seal_extras(draft)
    ctx = service.context()
    record = build_record(
        ev,
        ctx,
        lang=service.record_lang,
        seal_sha256=seal,
        signed_at=signed_at,
        started_at=started_at.astimezone(_zone(signed_at)),
        confirmations=confirmations,
        patient_questions=questions,
        chain_head=f"{chain_head[0]} {chain_head[1]}" if chain_head else "",
    )
    render_record(record, targets.record, service.font_dir)
    if targets.handout is not None:
        render_handout(build_handout(ev, ctx), targets.handout, service.font_dir)


def _os_failure(exc: OSError, folder: Path) -> StorageUnavailable:
    wrapped = from_os_error(exc, folder)
    if wrapped.problem is StorageProblem.DISK_FULL:
        return wrapped
    return StorageUnavailable(
        wrapped.problem,
        f"The documents cannot be written to {folder} ({exc.strerror or exc}). Nothing was sealed.",
    )


def seal_with_documents(
    service: ConsultationService,
    cid: int,
    draft: Mapping[str, Any],
    corrects: int | None = None,
    *,
    expect: ScreeningResult | None = None,
) -> SealResult:
    """Seal the decision and write its documents as one unit (see the module docstring).

    Raises:
        CaseError: the draft is invalid.
        ConsultationNotReady: not ready to seal (``missing`` says why).
        ScreeningChanged: ``expect`` was given and screening now says something else.
        AlreadySealed: the consultation was sealed meanwhile.
        StorageUnavailable: the database or the document folder failed; nothing is sealed.
    """
    conn = service.conn
    complete_pending(service)  # the GUI's next seal finishes what a killed one left
    row = service.consultations.get(cid)
    folder = service.documents_dir(cid)
    sweep_temporary_files(folder)
    finals = {"record": folder / "record.pdf", "handout": folder / "handout.pdf"}
    temps = {kind: temp_for(path) for kind, path in finals.items()}
    idempotency.register_pending(conn, cid, [(k, temps[k], finals[k]) for k in finals])
    sheet = False
    try:
        with transaction(conn):
            status = service.consultations.get(cid).status
            if corrects is None and status not in ("draft", "deferred"):
                raise AlreadySealed(cid)
            ev = service.evaluate(row.patient_id, draft, exclude=cid)
            if expect is not None and screening_key(expect) != screening_key(ev.screening):
                raise ScreeningChanged(cid)
            decision = flow.check_seal(ev)
            given = decision is Decision.GIVEN
            administration = ev.consultation.administration
            sheet = given and not (administration is not None and administration.not_given)
            if corrects is None:
                service.consultations.save_draft(cid, draft)
            confirmations, questions = flow.seal_extras(draft)
            now = service.clock()
            signed_at = signing_moment(ev.consultation.date, now)
            payload = consent_payload(
                ev, signed_at=signed_at, confirmations=confirmations, patient_questions=questions
            )
            sealed = seal_consent(conn, cid, payload, corrects=corrects)
            if given and administration is not None and corrects is None:
                seal_administration(
                    conn,
                    cid,
                    administration_payload(
                        service.protocol,
                        ev.consultation,
                        administration,
                        consent_sha256=sealed.sha256,
                        recorded_at=now,
                    ),
                )
            targets = _Docs(temps["record"], temps["handout"] if sheet else None)
            try:
                _render(
                    service,
                    ev,
                    consultation_id=cid,
                    started_at=row.created_at,
                    seal=sealed.sha256,
                    signed_at=signed_at,
                    chain_head=audit.sealing_entry(conn, sealed.id),
                    draft=draft,
                    targets=targets,
                )
                facts = {"record": document_log.file_facts(temps["record"])}
                if sheet:
                    facts["handout"] = document_log.file_facts(temps["handout"])
            except OSError as exc:
                raise _os_failure(exc, folder) from exc
            for kind, fact in facts.items():
                service._documents[(cid, kind)] = document_log.record_document(
                    conn, cid, kind, fact.sha256, facts=fact, path=finals[kind]
                )
    except BaseException:
        for temp in temps.values():
            with contextlib.suppress(OSError):
                temp.unlink()
        with contextlib.suppress(StorageUnavailable):
            idempotency.clear_pending(conn, [p.id for p in idempotency.mine(conn, cid)])
        raise
    logger.info("consultation %d consent %d sealed", cid, sealed.id)
    _move_into_place(service, cid)
    consent = ev.consultation.consent
    service._remember_clinician(consent.clinician if consent is not None else None)
    return SealResult(
        consent_id=sealed.id,
        sha256=sealed.sha256,
        handout=finals["handout"] if sheet else None,
        record=finals["record"],
    )


def _move_into_place(service: ConsultationService, cid: int) -> None:
    done = []
    for item in idempotency.mine(service.conn, cid):
        if item.temp_path.exists():
            item.temp_path.replace(item.final_path)
            with contextlib.suppress(OSError):
                item.final_path.chmod(0o600)
        done.append(item.id)
    idempotency.clear_pending(service.conn, done)


def complete_pending(service: ConsultationService) -> int:
    """Finish what processes that died left half-done; return how many documents were placed.

    A temporary file whose hash a sealed document row names is moved into place; any other is
    deleted. A document of a sealed consultation missing from its final place is written again
    from the sealed record.
    """
    conn = service.conn
    placed = 0
    done: list[int] = []
    rewrite: dict[int, Path] = {}
    for item in idempotency.stale_pending(conn):
        if not _ours(item):  # never touch a file the row did not come from (a tampered row)
            done.append(item.id)
            continue
        known = {
            str(r[0])
            for r in conn.execute(
                "SELECT sha256 FROM documents WHERE consultation_id = ? AND kind = ?",
                (item.consultation_id, item.kind),
            )
        }
        try:
            if item.temp_path.exists():
                if _sha256_file(item.temp_path) in known:
                    item.temp_path.replace(item.final_path)
                    placed += 1
                else:
                    item.temp_path.unlink()
            if known and not item.final_path.exists():
                rewrite[item.consultation_id] = item.final_path.parent
            sweep_temporary_files(item.temp_path.parent)
        except OSError:
            logger.warning(
                "documents of consultation %d could not be completed", item.consultation_id
            )
            continue
        done.append(item.id)
    for cid, folder in rewrite.items():
        try:
            render_sealed(service, cid, folder)
            placed += 1
        except (OSError, LookupError, ValueError):
            logger.warning("documents of consultation %d could not be written again", cid)
    if done:
        idempotency.clear_pending(conn, done)
    return placed


def _ours(item: idempotency.PendingDocument) -> bool:
    """True when a pending row names one of our documents and its temporary file beside it."""
    final, temp = item.final_path, item.temp_path
    return (
        final.name in ("record.pdf", "handout.pdf")
        and final.name == f"{item.kind}.pdf"
        and temp.parent == final.parent
        and temp.name == f".{final.name}.{item.pid}.part"
    )


def effective_consent_id(service: ConsultationService, cid: int) -> int:
    """The consultation's effective consent (the last of its correction chain)."""
    row = service.conn.execute(
        "SELECT c.id FROM consents c WHERE c.consultation_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM consents n WHERE n.corrects_consent_id = c.id) ORDER BY c.id DESC",
        (cid,),
    ).fetchone()
    if row is None:
        raise LookupError(cid)
    return int(row[0])


def sealed_evaluation(service: ConsultationService, cid: int) -> tuple[Evaluation, dict[str, Any]]:
    """Rebuild a sealed consultation's evaluation from its sealed record and its stored state.

    The patient's identity and the dose history are the sealed ones (not today's), so the
    documents say what was sealed.
    """
    consent = get_consent(service.conn, effective_consent_id(service, cid))
    payload = json.loads(consent.canonical.decode("utf-8"))
    row = service.consultations.get(cid)
    draft = dict(row.data)
    case = service.case_dict(row.patient_id, draft)
    sealed_patient = payload.get("patient") or {}
    patient = dict(case["patient"])
    for key in ("name", "birth_date", "sex", "chart_number", "language"):
        if sealed_patient.get(key) is not None:
            patient[key] = sealed_patient[key]
    case["patient"] = patient
    from consult_app.core.case_file import parse_case
    from consult_app.core.consultation import HistoryEntry

    consultation = parse_case(case, service.protocol, today=service.clock().date())
    own = len(consultation.history)
    sealed_history = [h for h in payload.get("history") or [] if isinstance(h, Mapping)][own:]
    db_history = tuple(
        HistoryEntry(dt.date.fromisoformat(h["date"]), str(h["product"]), float(h["units"]))
        for h in sealed_history
    )
    ev = evaluate(service.protocol, consultation, db_history=db_history)
    return ev, payload


def render_sealed(service: ConsultationService, cid: int, folder: Path) -> SealResult:
    """Write a sealed consultation's documents again from its sealed record (same seal).

    Raises:
        LookupError: the consultation has no sealed consent.
        StorageUnavailable: the documents cannot be written.
    """
    ev, payload = sealed_evaluation(service, cid)
    consent_id = effective_consent_id(service, cid)
    consent = get_consent(service.conn, consent_id)
    row = service.consultations.get(cid)
    administration = ev.consultation.administration
    sheet = consent.decision == "given" and not (
        administration is not None and administration.not_given
    )
    finals = _Docs(folder / "record.pdf", folder / "handout.pdf" if sheet else None)
    temps = _Docs(temp_for(finals.record), temp_for(finals.handout) if finals.handout else None)
    signed_at = parse_signed(payload.get("signed_at"), consent.sealed_at)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sweep_temporary_files(folder)
        _render(
            service,
            ev,
            consultation_id=cid,
            started_at=row.created_at,
            seal=consent.sha256,
            signed_at=signed_at,
            chain_head=audit.sealing_entry(service.conn, consent_id),
            draft=row.data,
            targets=temps,
        )
        temps.record.replace(finals.record)
        if temps.handout is not None and finals.handout is not None:
            temps.handout.replace(finals.handout)
    except OSError as exc:
        raise _os_failure(exc, folder) from exc
    finally:
        for temp in (temps.record, temps.handout):
            if temp is not None:
                with contextlib.suppress(OSError):
                    temp.unlink()
    for kind, path in (("record", finals.record), ("handout", finals.handout)):
        if path is not None:
            with contextlib.suppress(OSError):
                path.chmod(0o600)
            fact = document_log.file_facts(path)
            service._documents[(cid, kind)] = document_log.record_document(
                service.conn, cid, kind, fact.sha256, facts=fact, path=path
            )
    return SealResult(
        consent_id=consent_id, sha256=consent.sha256, handout=finals.handout, record=finals.record
    )
