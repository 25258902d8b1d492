"""Follow-up visits and clinic lists for the command line and the GUI (one code path).

:class:`FollowUpService` records a follow-up visit (the patient by the identity rule of ``run``,
attached to the latest treated or consented consultation on or before its date, stored
append-only and audited) and writes its note (``followup.pdf``); it also gives the patient page
its outcomes over time and the main window its due list and lot recall. ``consult-app followup``,
``due`` and ``lot`` and the GUI all go through it. Problems with the visit itself raise
:class:`FollowUpRejected` naming the field (the command line's exit 2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consult_app.app.paths import ensure_private_dir
from consult_app.core.errors import CaseError
from consult_app.core.followup import FollowUpVisit, followup_payload, parse_followup
from consult_app.core.followup_model import BaselineTreatment, FollowUpRecord
from consult_app.core.followup_report import build_followup_note
from consult_app.core.labels import Labels, parse_labels
from consult_app.core.outcomes import IndicationSeries, outcome_series
from consult_app.core.protocol import Protocol
from consult_app.core.report_model import ClinicInfo
from consult_app.core.settings import ClinicSettings
from consult_app.resources import resource_path
from consult_app.storage import document_log
from consult_app.storage.backend import Connection
from consult_app.storage.consents import get_consent
from consult_app.storage.followups import FollowUpRepository, StoredFollowUp
from consult_app.storage.patients import PatientRepository

__all__ = ["FollowUpRejected", "FollowUpService", "RecordedFollowUp", "load_followup_labels"]


class FollowUpRejected(CaseError):  # noqa: N818 - reads as a domain fact
    """The visit cannot be recorded; the message names the field (``patient: ...``)."""


@dataclass(frozen=True, slots=True)
class RecordedFollowUp:
    """A recorded follow-up and its note."""

    stored: StoredFollowUp
    note: Path


def load_followup_labels() -> Labels:
    """The follow-up labels (``resources/labels/followup.toml``)."""
    return parse_labels(resource_path("labels", "followup.toml").read_bytes(), "followup.toml")


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class FollowUpService:
    """Follow-ups, outcomes over time, due list and lot recall for one database."""

    def __init__(
        self,
        conn: Connection,
        protocol: Protocol,
        data_dir: Path,
        settings: ClinicSettings,
        *,
        record_lang: str = "en",
        clock: Callable[[], dt.datetime] = _local_now,
    ) -> None:
        self.conn = conn
        self.protocol = protocol
        self.data_dir = data_dir
        self.settings = settings
        self.record_lang = record_lang
        self.clock = clock
        self.repo = FollowUpRepository(conn)
        self.labels = load_followup_labels()

    # ------------------------------------------------------------------ recording

    def patient_id(self, visit: FollowUpVisit) -> int:
        """Return the stored patient the visit is for (``FollowUpRejected`` naming ``patient``)."""
        p = visit.patient
        stored = PatientRepository(self.conn).find_same(p.name, p.birth_date, p.chart_number)
        if stored is None:
            what = "name and birth date" + (" and chart number" if p.chart_number else "")
            raise FollowUpRejected(f"patient: no stored patient has this {what}")
        return stored.id

    def parse_for_patient(self, patient_id: int, data: Mapping[str, Any]) -> FollowUpVisit:
        """Validate a visit entered for a stored patient (the GUI's form, in the file's shape).

        Raises:
            CaseError: naming the field.
        """
        p = PatientRepository(self.conn).get(patient_id)
        full = {
            "format": "consult-followup/1",
            **{k: v for k, v in data.items() if k not in ("format", "patient")},
            "patient": {
                "name": p.name,
                "birth_date": p.birth_date.isoformat(),
                **({"chart_number": p.chart_number} if p.chart_number else {}),
            },
        }
        return parse_followup(full, self.protocol, today=self.clock().date())

    def record(
        self, visit: FollowUpVisit, out_dir: Path | None = None, *, patient_id: int | None = None
    ) -> RecordedFollowUp:
        """Store a visit and write its note.

        Args:
            visit: the validated visit.
            out_dir: write ``followup.pdf`` here (the command line's ``--out``); default the
                consultation's documents folder, as ``followup-<id>.pdf``.
            patient_id: the patient when already known (the GUI); else found by identity.

        Raises:
            FollowUpRejected: no such patient, nothing to attach to, an event before the
                treatment it follows.
            StorageUnavailable: the database failed (nothing is stored then).
        """
        pid = patient_id if patient_id is not None else self.patient_id(visit)
        followed, treatments = self._treatment(pid, visit)
        payload = followup_payload(
            visit,
            patient_id=pid,
            consultation_id=followed.consultation_id,
            product=followed.product,
            treatment_date=followed.date,
            indications=followed.indications,
        )
        stored = self.repo.record(pid, followed.consultation_id, payload)
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            target = out_dir / "followup.pdf"
        else:
            folder = self.data_dir / "documents" / f"consultation-{followed.consultation_id:06d}"
            target = ensure_private_dir(folder) / f"followup-{stored.id}.pdf"
        self._write_note(stored, visit, target, followed, treatments)
        return RecordedFollowUp(stored=stored, note=target)

    def _treatment(
        self, patient_id: int, visit: FollowUpVisit
    ) -> tuple[BaselineTreatment, list[BaselineTreatment]]:
        attached = self.repo.attach_to(patient_id, visit.date)
        if attached is None:
            raise FollowUpRejected(
                "date: the patient has no treated or consented consultation on or before "
                f"{visit.date.isoformat()}"
            )
        for index, event in enumerate(visit.adverse_events):
            if event.onset < attached.date:
                raise FollowUpRejected(
                    f"adverse_events[{index}].onset: {event.onset} is before the treatment it "
                    f"follows ({attached.date})"
                )
        treatments = self.repo.baselines(patient_id)
        followed = next(t for t in treatments if t.consultation_id == attached.consultation_id)
        return followed, treatments

    def _product_name(self, followed: BaselineTreatment) -> str:
        product = self.protocol.products.get(followed.product)
        fallback = product.display_name("CA") if product is not None else followed.product
        try:
            payload = json.loads(get_consent(self.conn, followed.consent_id).canonical)
        except (LookupError, ValueError):
            return fallback
        name = payload.get("product_name") if isinstance(payload, dict) else None
        return name if isinstance(name, str) and name else fallback

    def _clinic(self) -> ClinicInfo:
        profile = self.settings.clinic
        logo = profile.logo_path
        if logo and not Path(logo).is_absolute():
            logo = str(self.data_dir / logo)
        return ClinicInfo(
            name=profile.name,
            address=profile.address,
            phone=profile.phone,
            email=profile.email,
            logo_path=logo,
        )

    def _write_note(
        self,
        stored: StoredFollowUp,
        visit: FollowUpVisit,
        target: Path,
        followed: BaselineTreatment,
        treatments: list[BaselineTreatment],
    ) -> None:
        from consult_app.app.consultation_service import load_labels
        from consult_app.documents.followup import render_followup  # reportlab: off startup

        chart = self.conn.execute(
            "SELECT chart_number FROM patients WHERE id = ?", (stored.patient_id,)
        ).fetchone()
        model = build_followup_note(
            visit,
            protocol=self.protocol,
            labels=self.labels,
            documents=load_labels("documents"),
            lang=self.record_lang,
            clinic=self._clinic(),
            page_size="A4" if self.settings.page_size.value == "A4" else "Letter",
            produced_at=self.clock(),
            treatment=followed,
            product_name=self._product_name(followed),
            treatments=treatments,
            chart_number=chart[0] if chart is not None else None,
            sha256=stored.sha256,
        )
        render_followup(model, target, resource_path("fonts"))
        target.chmod(0o600)
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        document_log.record_document(self.conn, stored.consultation_id, "followup", digest)

    # ------------------------------------------------------------------ reading

    def series(self, patient_id: int) -> list[IndicationSeries]:
        """The patient's outcomes over time, one series per treated indication."""
        return outcome_series(
            self.protocol, self.repo.baselines(patient_id), self.repo.records(patient_id)
        )

    def records(self, patient_id: int) -> tuple[FollowUpRecord, ...]:
        """The patient's follow-ups as the rules and the history read them, oldest first."""
        return self.repo.records(patient_id)

    def followups(self, patient_id: int) -> list[StoredFollowUp]:
        """The patient's follow-ups, oldest first."""
        return self.repo.for_patient(patient_id)

    def parse_error(self, patient_id: int, data: Mapping[str, Any]) -> str | None:
        """Return what is wrong with a visit entered for a patient, or None when it is valid."""
        try:
            self.parse_for_patient(patient_id, data)
        except CaseError as exc:
            return str(exc)
        return None

    # ------------------------------------------------------------------ clinic lists

    def due(self, start: dt.date, end: dt.date) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """The ``consult-app due`` header and rows for the window ``start``..``end``."""
        from consult_app.app.cmd_lists import DUE_HEADER, due_rows

        return DUE_HEADER, list(due_rows(self.conn, self.protocol, start, end))

    def lot(self, lot: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """The ``consult-app lot`` header and rows."""
        from consult_app.app.cmd_lists import LOT_HEADER, lot_rows

        return LOT_HEADER, lot_rows(self.conn, lot)

    def to_csv(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
        """The CSV text of a list, exactly as the commands print it."""
        from consult_app.app.cmd_lists import to_csv

        return to_csv(header, rows)
