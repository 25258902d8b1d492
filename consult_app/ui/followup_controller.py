"""Follow-ups on the patient page: the outcomes panel and the follow-up visit form.

:class:`FollowUpController` connects the patient page's "Record follow-up" button to a
:class:`~consult_app.ui.dialogs.followup_dialog.FollowUpDialog` (window-modal, never a blocking
``exec``) and refreshes the outcomes panel. It reaches storage only through
:class:`FollowUpPort`, which the app's follow-up service implements; the visit is validated and
stored by the same code as ``consult-app followup``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from consult_app.core.errors import CaseError
from consult_app.core.followup import FollowUpVisit
from consult_app.core.followup_model import FollowUpRecord
from consult_app.core.labels import Labels
from consult_app.core.outcomes import IndicationSeries
from consult_app.core.protocol import Protocol as ClinicalProtocol
from consult_app.ui.dialogs.followup_dialog import FollowUpDialog
from consult_app.ui.views.patient_page import PatientPage

__all__ = ["FollowUpController", "FollowUpPort"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("FollowUpController", text)


class RecordedNote(Protocol):
    """What recording a visit returns: at least the note's path."""

    note: Path


class FollowUpPort(Protocol):
    """What the patient page needs for follow-ups (implemented by the app's service)."""

    protocol: ClinicalProtocol
    labels: Labels

    def series(self, patient_id: int) -> list[IndicationSeries]:
        """The patient's outcomes over time, per indication."""
        ...

    def records(self, patient_id: int) -> tuple[FollowUpRecord, ...]:
        """The patient's follow-ups (with their adverse events), oldest first."""
        ...

    def parse_for_patient(self, patient_id: int, data: Mapping[str, Any]) -> FollowUpVisit:
        """Validate a visit (raises ``CaseError`` naming the field)."""
        ...

    def record(
        self, visit: FollowUpVisit, out_dir: Path | None = None, *, patient_id: int | None = None
    ) -> RecordedNote:
        """Store the visit and write its note (raises ``CaseError`` when refused)."""
        ...


class FollowUpController(QObject):
    """Owns the follow-up form for the patient shown on the page."""

    recorded = Signal()
    """A visit was stored (the page's history and outcomes are stale)."""

    def __init__(
        self,
        port: FollowUpPort,
        page: PatientPage,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(page)
        self.port = port
        self.page = page
        self.patient_id: int | None = None
        self._today = today
        self.dialog: FollowUpDialog | None = None
        page.followup_button.show()
        page.followup_button.clicked.connect(self.open_form)

    def refresh(self, patient_id: int, has_treatment: bool) -> None:
        """Show the patient's outcomes and, in the history, the adverse events reported.

        The form needs a treatment to follow up.
        """
        self.patient_id = patient_id
        self.page.history_model.set_followups(self.port.records(patient_id))
        series = self.port.series(patient_id)
        self.page.outcomes_panel.set_series(series, self.port.protocol)
        self.page.followup_button.setEnabled(has_treatment)

    def _outcomes(self, series: Sequence[IndicationSeries]) -> tuple[str, ...]:
        protocol = self.port.protocol
        seen: list[str] = []
        for s in series:
            ind = protocol.indications.get(s.indication)
            for oid in ind.outcomes if ind is not None else ():
                if oid not in seen:
                    seen.append(oid)
        return tuple(seen)

    def open_form(self) -> FollowUpDialog | None:
        """Open the follow-up form for the current patient (window-modal, non-blocking)."""
        pid = self.patient_id
        if pid is None:
            return None
        outcomes = self._outcomes(self.port.series(pid))
        dialog = FollowUpDialog(
            self.port.protocol, self.port.labels, self._today(), outcomes, parent=self.page
        )
        dialog.submitted.connect(lambda data: self._save(pid, dialog, data))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, patient_id: int, dialog: FollowUpDialog, data: dict[str, Any]) -> None:
        from consult_app.storage.errors import StorageUnavailable

        try:
            visit = self.port.parse_for_patient(patient_id, data)
            recorded = self.port.record(visit, patient_id=patient_id)
        except CaseError as exc:
            dialog.show_error(str(exc))
            return
        except StorageUnavailable as exc:
            dialog.show_error(str(exc))
            return
        dialog.accept()
        self.recorded.emit()
        self.page.consult_message.setText(
            _tr("Follow-up recorded. Note: %1").replace("%1", str(recorded.note))
        )
