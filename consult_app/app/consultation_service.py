"""The consultation pipeline shared by the GUI and the case runner (dev-contract "Round 2").

:class:`ConsultationService` wires core (``usecase``, ``reports``), storage (patients,
consultations, consents, documents log, audit) and documents (PDF builders). The GUI receives one
instance; ``consult-app run`` and ``demo`` use the same one, so a case file and a consultation
typed in the app are screened, sealed and printed by exactly the same code.

A draft is the JSON dict stored by ``storage.consultations``::

    {"case": {...case-file fields WITHOUT "patient" and "format"...},
     "extra": {"step": "...", "patient_questions": "...", "confirmations": ["id", ...],
               "witness": {...}, "substitute": {...}}}

The patient comes from the database. Documents go to ``documents_dir(cid)`` (under the data
folder, 0700) or to the ``out_dir`` given to the constructor (the case runner's ``--out``).
Nothing here logs patient names or clinical free text.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from consult_app.app.paths import AppPaths, ensure_private_dir
from consult_app.app.services import load_diagrams_for
from consult_app.core import consultation_flow as flow
from consult_app.core.administration import administration_payload
from consult_app.core.case_file import parse_case
from consult_app.core.consultation import HistoryEntry
from consult_app.core.consultation_flow import CASE_KEYS, ConsultationNotReady, SealResult
from consult_app.core.diagrams import Diagrams
from consult_app.core.errors import ProtocolError
from consult_app.core.followup_model import FollowUpRecord
from consult_app.core.labels import Labels, parse_labels
from consult_app.core.map_plan import given_points
from consult_app.core.patient import PatientRow
from consult_app.core.ports import DOCUMENT_KINDS
from consult_app.core.protocol import Protocol
from consult_app.core.records import ConsultationRow, HistoryItem
from consult_app.core.report_model import ClinicInfo, PageSize
from consult_app.core.reports import DocumentContext, build_deferral, build_handout, build_record
from consult_app.core.screening import ScreeningResult
from consult_app.core.settings import ClinicSettings
from consult_app.core.usecase import Evaluation, evaluate, parse_signed
from consult_app.resources import resource_path
from consult_app.storage import audit, document_log
from consult_app.storage.administrations import (
    AdministrationNotAllowed,
    seal_administration,
)
from consult_app.storage.administrations import latest_payload as latest_administration
from consult_app.storage.backend import Connection
from consult_app.storage.consents import get_consent
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.errors import StorageUnavailable
from consult_app.storage.followups import FollowUpRepository
from consult_app.storage.patients import PatientRepository
from consult_app.storage.settings import SettingsRepository

if TYPE_CHECKING:
    from consult_app.app.followup_service import FollowUpService

__all__ = [
    "CASE_KEYS",
    "ConsultationNotReady",
    "ConsultationService",
    "SealResult",
    "load_labels",
]

logger = logging.getLogger(__name__)


def load_labels(name: str) -> Labels:
    """Load a bundled label file (``documents`` or ``email``) from ``resources/labels``."""
    file = f"{name}.toml"
    return parse_labels(resource_path("labels", file).read_bytes(), file)


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class ConsultationService:
    """Patients, drafts, evaluation, sealing and documents for one database."""

    def __init__(
        self,
        conn: Connection,
        protocol: Protocol,
        paths: AppPaths,
        settings: ClinicSettings,
        *,
        record_lang: str = "en",
        out_dir: Path | None = None,
        labels: Labels | None = None,
        font_dir: Path | None = None,
        clock: Callable[[], dt.datetime] = _local_now,
    ) -> None:
        """Create the service.

        Args:
            conn: an open database (``storage.db.open_database``).
            protocol: the loaded protocol.
            paths: the app's folders.
            settings: the effective clinic settings.
            record_lang: the clinician's language, for the record.
            out_dir: write documents here instead of ``documents_dir(cid)``.
            labels: document labels (default: the bundled ``documents.toml``).
            font_dir: the bundled fonts folder (default: ``resources/fonts``).
            clock: the current local time (timezone-aware); tests pass a fixed one.
        """
        self.conn = conn
        self.protocol = protocol
        self.paths = paths
        self.settings = settings
        self.record_lang = record_lang
        self.out_dir = out_dir
        self.labels = labels or load_labels("documents")
        self.font_dir = font_dir or resource_path("fonts")
        self.clock = clock
        self.patients = PatientRepository(conn)
        self.consultations = ConsultationRepository(conn)
        self._documents: dict[tuple[int, str], int] = {}
        self._followups: FollowUpService | None = None
        self._diagrams: Diagrams | Literal[False] | None = None

    @property
    def followups(self) -> FollowUpService:
        """Follow-up visits and outcomes over time, on the same database and settings."""
        if self._followups is None:
            from consult_app.app.followup_service import FollowUpService

            self._followups = FollowUpService(
                self.conn,
                self.protocol,
                self.paths.data,
                self.settings,
                record_lang=self.record_lang,
                clock=self.clock,
            )
        return self._followups

    # ------------------------------------------------------------------ patients and drafts

    def patient(self, patient_id: int) -> PatientRow:
        """Return a stored patient (raises ``PatientNotFound``)."""
        return self.patients.get(patient_id)

    def history(self, patient_id: int) -> list[HistoryItem]:
        """Return the patient's consultations, newest first, with their effective consents."""
        return self.consultations.history(patient_id)

    def drafts(self, patient_id: int) -> list[ConsultationRow]:
        """Return the patient's unfinished drafts, most recently saved first."""
        return self.consultations.list_drafts(patient_id)

    def unfinished(self, limit: int = 20) -> list[ConsultationRow]:
        """Return every patient's unfinished drafts, most recently saved first."""
        return self.consultations.unfinished(limit)

    def start(self, patient_id: int, draft: Mapping[str, Any] | None = None) -> int:
        """Start a consultation (a draft, audited) and return its id."""
        data = dict(draft) if draft is not None else {"case": {}, "extra": {"step": "indications"}}
        return self.consultations.create_draft(patient_id, data)

    def repeat_last(self, patient_id: int) -> dict[str, Any] | None:
        """Return a new draft repeating the last treatment (``flow.repeated_draft``)."""
        treatments = self.consultations.sealed_treatments(patient_id)
        if not treatments:
            return None
        last = treatments[-1]
        case = self.consultations.get(last.consultation_id).data.get("case", {})
        draft = flow.repeated_draft(case if isinstance(case, Mapping) else {}, last)
        if last.status == "treated":
            # What was given, not what was planned: its points and units per area and side.
            payload = latest_administration(self.conn, last.consultation_id) or {}
            points = given_points(self.protocol, payload)
            raw = payload.get("given")
            given: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
            plan: dict[str, Any] = {}
            for area, sides in given.items():
                if area in self.protocol.areas and isinstance(sides, Mapping):
                    plan[area] = (
                        dict(sides)
                        if self.protocol.areas[area].bilateral
                        else sum(float(u) for u in sides.values())
                    )
            if plan:
                draft["case"]["plan"] = plan
                draft.setdefault("extra", {})["map_points"] = points
        return draft

    def load_draft(self, cid: int) -> dict[str, Any]:
        """Return a consultation's draft state."""
        return dict(self.consultations.get(cid).data)

    def status(self, cid: int) -> str:
        """Return a consultation's status: ``draft``, ``deferred``, ``sealed`` or ``declined``."""
        return self.consultations.get(cid).status

    def save_draft(self, cid: int, draft: Mapping[str, Any]) -> None:
        """Save the draft in its own transaction (raises ``StorageUnavailable``)."""
        self.consultations.save_draft(cid, draft)

    def complete_step(self, cid: int, step: str) -> None:
        """Record in the audit log that a step was completed."""
        self.consultations.complete_step(cid, step)

    # ------------------------------------------------------------------ evaluation

    def case_dict(self, patient_id: int, draft: Mapping[str, Any]) -> dict[str, Any]:
        """Return the case-file object a draft stands for (patient from the database)."""
        return flow.case_from_draft(self.patients.get(patient_id), draft)

    def db_history(self, patient_id: int, exclude: int | None = None) -> tuple[HistoryEntry, ...]:
        """Return the patient's sealed treatments as history (optionally not one consultation)."""
        return tuple(
            HistoryEntry(
                date=t.date,
                product=t.product,
                units=t.units_total,
                indications=t.indications,
                outcomes=MappingProxyType(dict(t.outcomes)),
            )
            for t in self.consultations.sealed_treatments(patient_id)
            if t.consultation_id != exclude
        )

    def db_followups(
        self, patient_id: int, exclude: int | None = None
    ) -> tuple[FollowUpRecord, ...]:
        """Return the patient's follow-ups (not those of one consultation), oldest first."""
        return tuple(
            f
            for f in FollowUpRepository(self.conn).records(patient_id)
            if f.consultation_id != exclude
        )

    def evaluate(
        self, patient_id: int, draft: Mapping[str, Any], *, exclude: int | None = None
    ) -> Evaluation:
        """Evaluate a draft for a patient.

        Args:
            patient_id: the patient.
            draft: the draft state.
            exclude: a consultation whose own sealed treatment must not count as history.

        Raises:
            CaseError: naming the field while the draft is incomplete or invalid.
        """
        consultation = parse_case(
            self.case_dict(patient_id, draft), self.protocol, today=self.clock().date()
        )
        return evaluate(
            self.protocol,
            consultation,
            db_history=self.db_history(patient_id, exclude),
            db_followups=self.db_followups(patient_id, exclude),
        )

    def previous_reason(self, patient_id: int, finding_id: str) -> str | None:
        """Return the reason given for this finding at the patient's latest sealed consultation."""
        return flow.previous_reason(self._sealed_payloads(patient_id), finding_id)

    def _sealed_payloads(self, patient_id: int) -> Iterator[Mapping[str, Any]]:
        for item in self.consultations.history(patient_id):
            if item.consent_id is None:
                continue
            try:
                payload = json.loads(get_consent(self.conn, item.consent_id).canonical)
            except (LookupError, ValueError):
                continue
            if isinstance(payload, Mapping):
                yield payload

    # ------------------------------------------------------------------ documents

    def export_fhir(self, patient_id: int, folder: Path) -> Path:
        """Write the patient's FHIR bundle for the clinic's EMR into ``folder``; return it.

        The same bundle as ``consult-app export fhir --patient`` (``app.fhir_export``).

        Raises:
            FhirExportError: a resource failed FHIR validation (a bug; nothing written).
            StorageUnavailable: the database cannot be read.
            OSError: the folder cannot be written.
        """
        from consult_app.app.fhir_export import write_bundles

        (path,) = write_bundles(
            self.conn,
            patient_ids=[patient_id],
            out=folder,
            protocol=self.protocol,
            settings=self.settings,
            data_dir=self.paths.data,
        )
        logger.info("FHIR bundle of patient %d exported", patient_id)
        return path

    def documents_dir(self, cid: int) -> Path:
        """Return the folder for a consultation's documents (created 0700)."""
        if self.out_dir is not None:
            target = Path(self.out_dir)
            target.mkdir(parents=True, exist_ok=True)
            return target
        return ensure_private_dir(self.paths.data / "documents" / f"consultation-{cid:06d}")

    def _remember_clinician(self, name: str | None) -> None:
        """Keep a clinician typed at signing in the clinic's list (it survives a restart)."""
        names = flow.clinicians_with(self.settings.clinicians, name)
        if names is None:
            return
        try:
            SettingsRepository(self.conn).save({"clinicians": list(names)})
        except StorageUnavailable:
            logger.warning("clinician list not saved")
            return
        self.settings = replace(self.settings, clinicians=names)

    def documents(self, cid: int) -> dict[str, Path]:
        """Return the documents produced for a consultation, by kind."""
        folder = (
            Path(self.out_dir)
            if self.out_dir is not None
            else self.paths.data / "documents" / f"consultation-{cid:06d}"
        )
        found = {kind: folder / f"{kind}.pdf" for kind in DOCUMENT_KINDS}
        return {kind: path for kind, path in found.items() if path.is_file()}

    def context(self) -> DocumentContext:
        """Return the clinic, labels, page size and time for a document produced now."""
        profile = self.settings.clinic
        logo = profile.logo_path
        if logo and not Path(logo).is_absolute():
            logo = str(self.paths.data / logo)
        page: PageSize = "A4" if self.settings.page_size.value == "A4" else "Letter"
        return DocumentContext(
            labels=self.labels,
            clinic=ClinicInfo(
                name=profile.name,
                address=profile.address,
                phone=profile.phone,
                email=profile.email,
                logo_path=logo,
            ),
            page_size=page,
            produced_at=self.clock(),
            diagrams=self.diagrams(),
        )

    def diagrams(self) -> Diagrams | None:
        """Return the injection-map diagrams, loaded once.

        None when they do not fit the protocol (a clinic's own protocol may rename areas): the
        documents then print no map.
        """
        if self._diagrams is None:
            try:
                self._diagrams = load_diagrams_for(self.protocol)
            except (ProtocolError, OSError):
                logger.warning("injection-map diagrams do not fit the protocol; no maps drawn")
                self._diagrams = False
        return self._diagrams or None

    def _record_document(self, cid: int, kind: str, path: Path) -> None:
        path.chmod(0o600)
        facts = document_log.file_facts(path)
        doc_id = document_log.record_document(
            self.conn, cid, kind, facts.sha256, facts=facts, path=path
        )
        self._documents[(cid, kind)] = doc_id

    def document_id(self, cid: int, kind: str) -> int | None:
        """Return the id of the latest document of this kind produced for the consultation."""
        if (cid, kind) in self._documents:
            return self._documents[(cid, kind)]
        row = self.conn.execute(
            "SELECT id FROM documents WHERE consultation_id = ? AND kind = ?"
            " ORDER BY id DESC LIMIT 1",
            (cid, kind),
        ).fetchone()
        return int(row[0]) if row is not None else None

    def log_delivery(self, cid: int, kind: str, event: str) -> None:
        """Audit that a document was printed, saved or emailed.

        Args:
            cid: the consultation.
            kind: ``handout``, ``record`` or ``deferral``.
            event: ``document_printed``, ``document_saved`` or ``document_emailed``.

        Raises:
            LookupError: no such document was produced for the consultation.
        """
        doc_id = self.document_id(cid, kind)
        if doc_id is None:
            raise LookupError(f"no {kind} was produced for consultation {cid}")
        document_log.record_delivery(self.conn, doc_id, event)

    def record_deferral(self, cid: int, draft: Mapping[str, Any]) -> Path:
        """Store the consultation as deferred (screening said STOP) and write its documents.

        ``deferral.pdf`` (the patient's letter) and ``record.pdf`` (the chart's record of the
        deferred consultation: every answer and finding, nothing sealed) are written in
        :meth:`documents_dir`; the deferral letter's path is returned.

        Raises:
            CaseError: the draft is invalid.
            ConsultationNotReady: screening does not say STOP.
        """
        row = self.consultations.get(cid)
        ev = self.evaluate(row.patient_id, draft, exclude=cid)
        flow.check_deferral(ev)
        self.consultations.mark_deferred(cid, draft)
        from consult_app.app.sealing_unit import render_in_place
        from consult_app.documents.deferral import render_deferral  # reportlab: off startup
        from consult_app.documents.record import render_record

        ctx = self.context()
        model = build_deferral(ev, ctx)
        target = self.documents_dir(cid) / "deferral.pdf"
        render_in_place(render_deferral, model, target, self.font_dir)
        self._record_document(cid, "deferral", target)
        # 1.1: the chart keeps the screening that stopped the treatment (nothing is sealed).
        record_path = self.documents_dir(cid) / "record.pdf"
        record = build_record(
            ev,
            ctx,
            lang=self.record_lang,
            seal_sha256="",
            signed_at=None,
            started_at=self.consultations.get(cid).created_at.astimezone(),
        )
        render_in_place(render_record, record, record_path, self.font_dir)
        self._record_document(cid, "record", record_path)
        logger.info("consultation %d deferred", cid)
        return target

    def seal(
        self,
        cid: int,
        draft: Mapping[str, Any],
        corrects: int | None = None,
        *,
        expect: ScreeningResult | None = None,
    ) -> SealResult:
        """Seal the patient's decision and write the documents, as one unit.

        Given: screening must not say STOP and nothing may be missing; ``record.pdf`` and
        ``handout.pdf`` are written. Declined: a clinician must be named (STOP does not
        matter: nothing is given); only ``record.pdf`` is written. Screening runs again inside
        the sealing transaction with the patient's dose history as it is then
        (``app.sealing_unit``).

        Args:
            cid: the consultation.
            draft: its final state (saved in the sealing transaction).
            corrects: the consent this one corrects, if any.
            expect: the screening the caller acted on; if screening in the transaction differs,
                ``ScreeningChanged`` is raised and nothing is sealed.

        Raises:
            CaseError: the draft is invalid.
            ConsultationNotReady: not ready to seal (``missing`` says why).
            ScreeningChanged: see ``expect``.
            AlreadySealed: sealed meanwhile by another process.
            StorageUnavailable: the database or the document folder failed; nothing is sealed.
        """
        from consult_app.app.sealing_unit import seal_with_documents

        return seal_with_documents(self, cid, draft, corrects, expect=expect)

    def render_sealed(self, cid: int) -> SealResult:
        """Write a sealed consultation's documents again from its sealed record."""
        from consult_app.app.sealing_unit import render_sealed

        return render_sealed(self, cid, self.documents_dir(cid))

    def complete_pending(self) -> int:
        """Finish documents left half-done by a process that died (see ``app.sealing_unit``)."""
        from consult_app.app.sealing_unit import complete_pending

        return complete_pending(self)

    def record_administration(self, cid: int, administration: Mapping[str, Any]) -> SealResult:
        """Seal what was given after the consent was sealed (the GUI's administration step).

        The ``administration`` object is the case file's (1.1): it is checked against the sealed
        consultation exactly as ``consult-app run`` checks it, sealed (canonical JSON, SHA-256,
        audited), and the record (and the sheet, unless nothing was given) are written again
        with it.

        Raises:
            CaseError: naming the field (``administration.points[0].area: ...``).
            AdministrationNotAllowed: no given consent, or already recorded.
            StorageUnavailable: the database failed; nothing is sealed then.
        """
        from consult_app.documents.handout import render_handout  # reportlab: off startup
        from consult_app.documents.record import render_record

        row = self.consultations.get(cid)
        draft = copy.deepcopy(row.data)
        draft.setdefault("case", {})["administration"] = dict(administration)
        ev = self.evaluate(row.patient_id, draft, exclude=cid)
        given = ev.consultation.administration
        item = next((h for h in self.history(row.patient_id) if h.consultation_id == cid), None)
        if given is None or item is None or item.sha256 is None or item.consent_id is None:
            raise AdministrationNotAllowed(f"consultation {cid}: no given consent")
        sealed_consent = get_consent(self.conn, item.consent_id)
        consent = json.loads(sealed_consent.canonical)
        signed_at = parse_signed(consent.get("signed_at"), sealed_consent.sealed_at)
        payload = administration_payload(
            self.protocol,
            ev.consultation,
            given,
            consent_sha256=item.sha256,
            recorded_at=self.clock(),
        )
        seal_administration(self.conn, cid, payload)
        confirmations, questions = flow.seal_extras(draft)
        ctx = self.context()
        folder = self.documents_dir(cid)
        record_path = folder / "record.pdf"
        record = build_record(
            ev,
            ctx,
            lang=self.record_lang,
            seal_sha256=item.sha256,
            signed_at=signed_at,
            started_at=row.created_at.astimezone(
                signed_at.tzinfo if isinstance(signed_at, dt.datetime) else None
            ),
            confirmations=confirmations,
            patient_questions=questions,
            chain_head=" ".join(
                str(x) for x in audit.sealing_entry(self.conn, item.consent_id) or ()
            ),
        )
        render_record(record, record_path, self.font_dir)
        self._record_document(cid, "record", record_path)
        handout_path: Path | None = None
        if given.treated:
            handout_path = folder / "handout.pdf"
            render_handout(build_handout(ev, ctx), handout_path, self.font_dir)
            self._record_document(cid, "handout", handout_path)
        return SealResult(
            consent_id=item.consent_id, sha256=item.sha256, handout=handout_path, record=record_path
        )
