"""The main window: patient list with incremental search, the patient page, the consultation.

The patient page replaces the right-hand panel once a patient is chosen; Start consultation (or
Resume, or Repeat last treatment) swaps the whole window to the consultation view, and its Patient
page button comes back.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

# The first screen: only what it draws. In particular nothing here touches the ``Qt`` namespace
# (``PySide6.QtCore.Qt``, ~12 ms to build its enums) before the first paint, and the patient page
# (form, history, drafts) is built the first time it is shown.
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consult_app import APP_NAME
from consult_app.ui.models.patient_table_model import PatientTableModel

if TYPE_CHECKING:
    from consult_app.core.patient import NewPatient, PatientRow
    from consult_app.core.patient_validation import PatientForm
    from consult_app.core.ports import ConsultationPort
    from consult_app.ui.consultation_view import ConsultationView
    from consult_app.ui.dialogs.lists_dialog import ListsDialog
    from consult_app.ui.followup_controller import FollowUpController
    from consult_app.ui.prompts import Prompter
    from consult_app.ui.views.patient_page import PatientPage
    from consult_app.ui.views.unfinished_view import UnfinishedView
    from consult_app.ui.widgets.patient_form import PatientFormWidget

logger = logging.getLogger(__name__)


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("MainWindow", text, disambiguation, n)


class PatientDirectory(Protocol):
    """What the main window needs from patient storage."""

    def search(self, query: str, limit: int = 50) -> list[PatientRow]:
        """Patients matching a name prefix, birth date or chart number."""

    def create(self, patient: NewPatient) -> int:
        """Store a new patient; return its id."""

    def update(self, patient_id: int, patient: NewPatient) -> None:
        """Change a patient's details."""

    def get(self, patient_id: int) -> PatientRow:
        """One patient."""


def form_to_patient(form: PatientForm) -> NewPatient:
    """Turn a validated form into a ``NewPatient``."""
    from consult_app.core.patient import NewPatient
    from consult_app.core.patient_validation import parse_date

    birth = parse_date(form.birth_date)
    assert birth is not None  # validated before
    return NewPatient(
        name=form.name.strip(),
        birth_date=birth,
        sex=form.sex,
        chart_number=form.chart_number.strip() or None,
        phone=form.phone.strip() or None,
        email=form.email.strip() or None,
        language=form.language,
        allergies=form.allergies.strip() or None,
    )


class MainWindow(QMainWindow):
    """Find or create the patient; the consultation starts from the patient panel."""

    patient_saved = Signal(int)
    settings_requested = Signal()

    SEARCH_DELAY_MS = 120
    PAGE_SIZE = 200

    def __init__(
        self,
        patients: PatientDirectory | None,
        prompter: Prompter,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
        service: ConsultationPort | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self._patients = patients
        self._service = service
        self._prompter = prompter
        self._today = today
        self._editing_id: int | None = None
        self.setObjectName("mainWindow")

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton()
        # The table gets its model with the first page of patients (``refresh``): a model's
        # header data needs the Qt namespace, which the first paint does without.
        self.patient_model = PatientTableModel(self)
        self.patient_table = QTableView()
        self.patient_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.patient_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.patient_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.patient_table.verticalHeader().hide()
        self.patient_table.setAlternatingRowColors(True)
        self.count_label = QLabel()
        self._patient_page: PatientPage | None = None  # built when first shown
        self.start_page: UnfinishedView | None = None  # built with the consultations
        self.empty_label = QLabel()
        self.empty_label.setProperty("alignment", 0x84)  # Qt.AlignmentFlag.AlignCenter, by value
        self.empty_label.setWordWrap(True)
        self.panel = QStackedWidget()
        self.panel.addWidget(self.empty_label)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.new_button)
        self.settings_button = QPushButton()
        self.settings_button.clicked.connect(self.settings_requested)
        top.addWidget(self.settings_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.patient_table, 1)
        self.lists_button = QPushButton()
        self.lists_button.setEnabled(False)  # with the clinic's follow-up service
        self.lists_button.clicked.connect(self.open_lists)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.lists_button)
        left_layout.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.list_page = splitter
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.consultation_view: ConsultationView | None = None
        self.followup_controller: FollowUpController | None = None
        self.lists_dialog: ListsDialog | None = None
        self._now = now
        self.setCentralWidget(self.pages)
        if service is not None:
            self.attach_service(service)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)

        # setShortcuts, not setShortcut: its overloads would build the Qt namespace before the
        # first paint.
        self.find_action = QAction(self)
        self.find_action.setShortcuts(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._on_find_action_triggered)
        self.addAction(self.find_action)
        self.new_action = QAction(self)
        self.new_action.setShortcuts(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.start_new_patient)
        self.addAction(self.new_action)
        self.settings_action = QAction(self)
        self.settings_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.settings_action.triggered.connect(self.settings_requested)
        self.addAction(self.settings_action)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.new_button.clicked.connect(self.start_new_patient)
        self.patient_table.activated.connect(self._on_patient_table_activated)

        self.setTabOrder(self.search_edit, self.new_button)
        self.setTabOrder(self.new_button, self.patient_table)
        self.retranslate_ui()
        self.resize(1200, 760)

    # -- parts built after the first paint ---------------------------------------------------
    @property
    def patient_page(self) -> PatientPage:
        """The patient page (details form, history, drafts), built the first time it is used."""
        if self._patient_page is None:
            from consult_app.ui.views.patient_page import PatientPage

            page = PatientPage()
            self._patient_page = page
            self.panel.addWidget(page)
            page.form.save_requested.connect(self._on_form_save_requested)
            page.form.cancel_requested.connect(self._on_form_cancel_requested)
            page.start_button.clicked.connect(self._on_start_button_clicked)
            page.repeat_button.clicked.connect(self._on_repeat_button_clicked)
            page.resume_button.clicked.connect(self._on_resume_button_clicked)
            page.drafts_list.itemActivated.connect(self._on_resume_button_clicked)
            page.open_button.clicked.connect(self._on_open_button_clicked)
            page.history_table.activated.connect(self._on_open_button_clicked)
            page.export_button.clicked.connect(self._on_export_button_clicked)
        return self._patient_page

    @property
    def form(self) -> PatientFormWidget:
        """The patient details form (on the patient page)."""
        return self.patient_page.form

    def set_patients(self, patients: PatientDirectory) -> None:
        """Give the window its patient storage and show the first page of patients.

        The app opens the database right after the first paint, then calls this.
        """
        self._patients = patients
        self.refresh()

    def _show_table(self) -> None:
        """Give the table its model (with the first page of patients)."""
        self.patient_table.setModel(self.patient_model)
        header = self.patient_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.patient_table.selectionModel().currentRowChanged.connect(
            self._on_patient_table_current_row_changed
        )

    # -- texts -------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(APP_NAME)
        self.search_edit.setPlaceholderText(
            _tr("Search by name, date of birth (YYYY-MM-DD) or chart number  (Ctrl+F)")
        )
        self.search_edit.setAccessibleName(_tr("Search patients"))
        self.new_button.setText(_tr("&New patient"))
        self.new_button.setAccessibleName(_tr("New patient"))
        self.patient_table.setAccessibleName(_tr("Patients"))
        self.empty_label.setText(
            _tr("Find a patient on the left, or create a new one with New patient (Ctrl+N).")
        )
        self.find_action.setText(_tr("Find patient"))
        self.new_action.setText(_tr("New patient"))
        self.lists_button.setText(_tr("&Due list, lot recall"))
        self.lists_button.setAccessibleName(_tr("Due list and lot recall"))
        self.lists_button.setToolTip(
            _tr("Patients due for review or re-treatment; consultations that used a lot")
        )
        self.settings_button.setText(_tr("Se&ttings"))
        self.settings_button.setAccessibleName(_tr("Clinic settings"))
        self.settings_button.setToolTip(_tr("Clinic settings (Ctrl+,)"))
        self.settings_action.setText(_tr("Clinic settings"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- patient list ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Run the search for the current text and show the results."""
        from consult_app.storage.errors import StorageUnavailable

        self._search_timer.stop()
        if self._patients is None:  # the database is still opening
            return
        if self.patient_table.model() is None:
            self._show_table()
        query = self.search_edit.text().strip()
        try:
            rows = self._patients.search(query, limit=self.PAGE_SIZE)
        except StorageUnavailable as exc:
            self.count_label.setText(str(exc))
            return
        self.patient_model.set_patients(rows)
        if not rows:
            text = _tr("No patient found.") if query else _tr("No patients yet.")
        elif len(rows) >= self.PAGE_SIZE:
            text = _tr("Showing the first %n patients; type more to narrow.", "", len(rows))
        else:
            text = _tr("%n patient(s)", "", len(rows))
        self.count_label.setText(text)

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_edit_return_pressed(self) -> None:
        self.refresh()
        if self.patient_model.rowCount() > 0:
            self.patient_table.setFocus()
            self.patient_table.selectRow(0)

    def _on_find_action_triggered(self) -> None:
        if self.pages.currentWidget() is not self.list_page:
            self._on_consultation_view_closed(self._editing_id or 0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _on_patient_table_current_row_changed(
        self, current: QModelIndex, _prev: QModelIndex
    ) -> None:
        patient = self.patient_model.patient_at(current.row())
        if patient is not None:
            self.show_patient(patient)

    def _on_patient_table_activated(self, index: QModelIndex) -> None:
        patient = self.patient_model.patient_at(index.row())
        if patient is not None:
            self.show_patient(patient)
            self.form.name_edit.setFocus()

    # -- patient panel -----------------------------------------------------------------------
    def start_new_patient(self) -> None:
        """Show an empty patient form."""
        self._editing_id = None
        self.form.clear(_tr("New patient"))
        self.patient_page.consult_panel.hide()
        self.panel.setCurrentWidget(self.patient_page)
        self.form.name_edit.setFocus()

    def show_patient(self, patient: PatientRow) -> None:
        """Show a patient's details for viewing and editing."""
        self._editing_id = patient.id
        self.form.load(patient, _tr("Patient details"))
        self.panel.setCurrentWidget(self.patient_page)
        self.refresh_consultations()

    # -- consultations -----------------------------------------------------------------------
    def attach_service(self, service: ConsultationPort) -> None:
        """Enable consultations (the consultation view is built here).

        The app calls this after the first paint, so that the protocol and the consultation
        screens (heavy imports) stay off the startup path.
        """
        from consult_app.ui.consultation_view import ConsultationView

        self._service = service
        self.consultation_view = ConsultationView(service, self._prompter, now=self._now)
        self.pages.addWidget(self.consultation_view)
        self.consultation_view.closed.connect(self._on_consultation_view_closed)
        self.patient_page.export_button.setVisible(hasattr(service, "export_fhir"))
        followups = getattr(service, "followups", None)
        if followups is not None:
            from consult_app.ui.followup_controller import FollowUpController

            now = self._now  # no reference back to the window (it would never be freed)
            self.followup_controller = FollowUpController(
                followups, self.patient_page, today=lambda: now().date()
            )
            self.followup_controller.recorded.connect(self.refresh_consultations)
            self.lists_button.setEnabled(True)
        if self._editing_id is not None:
            self.refresh_consultations()
        # The start page lists every unfinished consultation (drafts are never forgotten).
        from consult_app.ui.views.unfinished_view import UnfinishedView

        showing_start = self.panel.currentWidget() is self.empty_label
        self.panel.removeWidget(self.empty_label)
        self.start_page = UnfinishedView(self.empty_label)
        self.start_page.open_requested.connect(self._on_start_page_open_requested)
        self.panel.insertWidget(0, self.start_page)
        if showing_start:
            self.panel.setCurrentWidget(self.start_page)
        self.refresh_unfinished()

    def _show_start_page(self) -> None:
        self.panel.setCurrentWidget(self.start_page or self.empty_label)
        self.refresh_unfinished()

    def refresh_unfinished(self) -> None:
        """List every patient's unfinished consultations on the start page."""
        from consult_app.storage.errors import StorageUnavailable

        if self._service is None or self.start_page is None or self._patients is None:
            return
        try:
            rows = self._service.unfinished()
            names = {r.patient_id: self._patients.get(r.patient_id).name for r in rows}
        except StorageUnavailable as exc:
            self.empty_label.setText(str(exc))
            return
        self.start_page.set_entries(
            [(r.id, r.patient_id, names[r.patient_id], r.updated_at) for r in rows]
        )

    def _on_start_page_open_requested(self, patient_id: int, consultation_id: int) -> None:
        from consult_app.storage.errors import StorageUnavailable

        if self._patients is None:
            return
        try:
            patient = self._patients.get(patient_id)
        except StorageUnavailable as exc:
            self.empty_label.setText(str(exc))
            return
        self.show_patient(patient)
        self.open_consultation(consultation_id)

    def open_lists(self) -> ListsDialog | None:
        """Open the due list and lot recall beside the patient list (not modal)."""
        controller = self.followup_controller
        if controller is None:
            return None
        if self.lists_dialog is None:
            from consult_app.ui.dialogs.lists_dialog import ListsDialog

            self.lists_dialog = ListsDialog(
                controller.port,  # type: ignore[arg-type]  # the service has the lists too
                self._prompter,
                self._now().date(),
                parent=self,
            )
        self.lists_dialog.show()
        self.lists_dialog.raise_()
        return self.lists_dialog

    def refresh_consultations(self) -> None:
        """Show the current patient's history and drafts (with a service only)."""
        from consult_app.storage.errors import StorageUnavailable

        page = self.patient_page
        page.consult_message.clear()
        if self._service is None or self._editing_id is None:
            page.consult_panel.hide()
            return
        page.consult_panel.show()
        service = self._service
        try:
            history = list(service.history(self._editing_id))
            drafts = list(service.drafts(self._editing_id))
        except StorageUnavailable as exc:
            page.consult_message.setText(str(exc))
            return
        page.history_model.set_history(
            [h for h in history if h.status not in ("draft",)], service.protocol
        )
        assert self.consultation_view is not None
        from consult_app.ui.steps.base import STEP_IDS

        names = dict(zip(STEP_IDS, self.consultation_view.step_names(), strict=True))
        page.set_drafts(drafts, names)
        page.repeat_button.setEnabled(any(h.treatment is not None for h in history))
        if self.followup_controller is not None:
            try:
                self.followup_controller.refresh(
                    self._editing_id, any(h.treatment is not None for h in history)
                )
            except StorageUnavailable as exc:
                page.consult_message.setText(str(exc))

    def open_consultation(self, consultation_id: int) -> None:
        """Show a consultation of the current patient."""
        if self.consultation_view is None or self._editing_id is None:
            return
        name = self.form.name_edit.text()
        self.pages.setCurrentWidget(self.consultation_view)
        self.consultation_view.open_consultation(self._editing_id, consultation_id, name)

    def _start(self, draft: dict[str, object] | None) -> None:
        from consult_app.storage.errors import StorageUnavailable

        if self._service is None or self._editing_id is None:
            return
        try:
            consultation_id = self._service.start(self._editing_id, draft)
        except StorageUnavailable as exc:
            self.patient_page.consult_message.setText(
                _tr("Not started: %1").replace("%1", str(exc))
            )
            return
        self.open_consultation(consultation_id)

    def _on_start_button_clicked(self) -> None:
        case: dict[str, object] = {}
        if self._service is not None:
            case["jurisdiction"] = self._service.settings.jurisdiction.value
        self._start({"case": case, "extra": {"step": "indications"}})

    def _on_repeat_button_clicked(self) -> None:
        if self._service is None or self._editing_id is None:
            return
        draft = self._service.repeat_last(self._editing_id)
        if draft is None:
            self.patient_page.consult_message.setText(
                _tr("No sealed treatment to repeat: start a new consultation.")
            )
            return
        self._start(draft)

    def _on_resume_button_clicked(self, *_args: object) -> None:
        consultation_id = self.patient_page.selected_draft()
        if consultation_id is not None:
            self.open_consultation(consultation_id)

    def _on_open_button_clicked(self, *_args: object) -> None:
        """Reopen the selected past consultation (read-only once sealed) at its documents."""
        page = self.patient_page
        index = page.history_table.currentIndex()
        item = page.history_model.item_at(index.row()) if index.isValid() else None
        if item is None:
            page.consult_message.setText(_tr("Choose a consultation in the history first."))
            return
        self.open_consultation(item.consultation_id)

    def _on_export_button_clicked(self, *_args: object) -> None:
        """Write the patient's FHIR bundle (for the clinic's EMR) into a folder chosen."""
        from pathlib import Path

        from consult_app.exchange.fhir import FhirExportError
        from consult_app.storage.errors import StorageUnavailable

        page = self.patient_page
        export = getattr(self._service, "export_fhir", None)
        if export is None or self._editing_id is None:
            page.consult_message.setText(_tr("Save the patient first."))
            return
        folder = self._prompter.ask_folder(_tr("Export for EMR: choose a folder"), Path.home())
        if folder is None:
            return
        try:
            path = export(self._editing_id, folder)
        except (FhirExportError, StorageUnavailable, OSError) as exc:
            logger.warning("FHIR export failed (%s)", type(exc).__name__)
            self._prompter.show_error(
                _tr("Export for EMR"), _tr("Nothing was exported: %1").replace("%1", str(exc))
            )
            return
        page.consult_message.setText(
            _tr("Exported for the EMR (FHIR bundle): %1").replace("%1", str(path))
        )

    def _on_consultation_view_closed(self, _patient_id: int) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.refresh_consultations()
        self.refresh_unfinished()
        self.patient_page.start_button.setFocus()

    def _on_form_cancel_requested(self) -> None:
        self._editing_id = None
        self.form.clear()
        self._show_start_page()
        self.search_edit.setFocus()

    def _on_form_save_requested(self, form: PatientForm) -> None:
        from consult_app.core.patient_validation import validate_patient_form
        from consult_app.storage.errors import DuplicateChartNumber, StorageUnavailable

        problems = validate_patient_form(form, self._today())
        self.form.show_problems(problems)
        if problems:
            self.form.status_label.setText(_tr("Please correct the fields marked in red."))
            return
        patient = form_to_patient(form)
        if self._patients is None:  # only in the moment before the database is open
            self.form.status_label.setText(_tr("Not saved yet: the database is still opening."))
            return
        try:
            if self._editing_id is None:
                patient_id = self._patients.create(patient)
            else:
                patient_id = self._editing_id
                self._patients.update(patient_id, patient)
        except StorageUnavailable as exc:
            # Nothing typed is lost: the form keeps every value.
            self.form.status_label.setText(_tr("Not saved: %1").replace("%1", str(exc)))
            return
        except DuplicateChartNumber:
            self.form.show_problems(
                {}, {"chart_number": _tr("This chart number belongs to another patient.")}
            )
            self.form.status_label.setText(_tr("Not saved: the chart number is already used."))
            return
        logger.info("patient %s saved", patient_id)
        self._editing_id = patient_id
        self.form.title.setText(_tr("Patient details"))
        self.form.status_label.setText(_tr("Saved."))
        self.refresh_consultations()
        self.patient_saved.emit(patient_id)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(patient.name)
        self.search_edit.blockSignals(False)
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Close (every change is already saved)."""
        super().closeEvent(event)
