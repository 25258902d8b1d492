"""Step 7, finish: the patient sheet and the record shown, the dates, print / save / email.

Every print, save and email is written to the audit log through ``service.log_delivery``.
Delivery failures are shown inline and never change the consultation.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consult_app.delivery.email import PasswordStore
from consult_app.ui.dialogs.email_dialog import EmailDialog
from consult_app.ui.printing import PrintError, prepare_printer, print_pdf
from consult_app.ui.prompts import Prompter
from consult_app.ui.steps.base import ConsultationPort, StepWidget
from consult_app.ui.widgets.pdf_preview import PdfPreview

__all__ = ["FinishStep"]

logger = logging.getLogger(__name__)

MIN_HEIGHT = 44
SAVE_FOLDER_KEY = "finish/save_folder"
_PASSWORDS = PasswordStore()  # one per run: memory-only passwords survive between dialogs


def _tr(text: str) -> str:
    return QCoreApplication.translate("FinishStep", text)


class FinishStep(StepWidget):
    """The documents of the consultation and their delivery."""

    step_id = "finish"

    def __init__(
        self,
        service: ConsultationPort,
        prompter: Prompter,
        parent: QWidget | None = None,
        passwords: PasswordStore | None = None,
        thread_pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(service, parent)
        self._prompter = prompter
        self._passwords = passwords if passwords is not None else _PASSWORDS
        self._pool = thread_pool
        self._paths: dict[str, Path] = {}
        self.email_dialog: EmailDialog | None = None

        self.title_label = QLabel(self)
        self.dates_label = QLabel(self)
        self.dates_label.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.handout_preview = PdfPreview(self)
        self.record_preview = PdfPreview(self)
        self.tabs.addTab(self.handout_preview, "")
        self.tabs.addTab(self.record_preview, "")
        self.print_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.email_button = QPushButton(self)
        # After consent: record what was actually given (issue 18), once.
        self.administration_button = QPushButton(self)
        self.administration_button.hide()
        for button in (self.print_button, self.save_button, self.email_button):
            button.setMinimumHeight(MIN_HEIGHT)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)

        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.email_button)
        actions.addWidget(self.administration_button)
        actions.addWidget(self.message_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.dates_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(actions)

        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.email_button.clicked.connect(self._on_email_button_clicked)
        self.administration_button.clicked.connect(self._on_administration_button_clicked)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.title_label.setText("<h2>" + _tr("Patient sheet and finish") + "</h2>")
        self.tabs.setTabText(0, _tr("Patient sheet"))
        self.tabs.setTabText(1, _tr("Consultation record"))
        self.tabs.setAccessibleName(_tr("Documents"))
        self.handout_preview.setAccessibleName(_tr("Patient sheet preview"))
        self.record_preview.setAccessibleName(_tr("Consultation record preview"))
        self.print_button.setText(_tr("P&rint…"))
        self.print_button.setAccessibleName(_tr("Print the document shown"))
        self.save_button.setText(_tr("Save &as…"))
        self.save_button.setAccessibleName(_tr("Save the document shown to a folder"))
        self.email_button.setText(_tr("&Email to the patient…"))
        self.email_button.setAccessibleName(_tr("Email the patient sheet"))
        self.message_label.setAccessibleName(_tr("Delivery status"))
        self.administration_button.setText(_tr("Record what was &given…"))
        self.administration_button.setAccessibleName(
            _tr("Record the points, units and vials actually given")
        )
        self._update_dates()

    # --- filling ----------------------------------------------------------------------------

    def _show(self) -> None:
        paths: dict[str, Path] = {}
        if self.consultation_id:
            documents = self.service.documents(self.consultation_id)
            paths = {k: p for k, p in documents.items() if k in ("handout", "record")}
        if paths != self._paths:
            self._paths = paths
            self._load_previews()
        self._update_dates()
        self._update_buttons()
        self.administration_button.setVisible(self._awaits_administration())

    def _awaits_administration(self) -> bool:
        """Consent given and sealed, and nothing recorded yet of what was given."""
        if not self.consultation_id or self.service.status(self.consultation_id) != "sealed":
            return False
        item = next(
            (
                h
                for h in self.service.history(self.patient_id)
                if h.consultation_id == self.consultation_id
            ),
            None,
        )
        return (
            item is not None and item.treatment is not None and item.treatment.status == "consented"
        )

    def _on_administration_button_clicked(self) -> None:
        from consult_app.ui.dialogs.administration_dialog import AdministrationDialog

        dialog = AdministrationDialog(
            self.service,
            self.consultation_id,
            self.service.load_draft(self.consultation_id),
            lang=self.language,
            parent=self,
        )
        if dialog.exec() and dialog.result_sealed is not None:
            sealed = dialog.result_sealed
            self.show_documents(sealed.handout, sealed.record)
        self.administration_button.setVisible(self._awaits_administration())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Look for the documents again: they appear when the consent step seals."""
        super().showEvent(event)
        self._filling = True
        try:
            self._show()
        finally:
            self._filling = False

    def show_documents(self, handout: Path | None, record: Path | None) -> None:
        """Show freshly produced documents (e.g. from the consent step's ``sealed`` result)."""
        self._paths = {k: p for k, p in (("handout", handout), ("record", record)) if p}
        self._load_previews()
        self._update_dates()
        self._update_buttons()

    def _load_previews(self) -> None:
        for kind, preview in (("handout", self.handout_preview), ("record", self.record_preview)):
            path = self._paths.get(kind)
            if path is not None:
                preview.load(path)
            else:
                preview.clear()
        self.tabs.setTabEnabled(0, "handout" in self._paths)
        if "handout" not in self._paths and "record" in self._paths:
            self.tabs.setCurrentIndex(1)

    def _update_dates(self) -> None:
        evaluation = self.evaluation
        if evaluation is None:
            self.dates_label.setText("")
            return
        review = evaluation.review_date
        retreat = evaluation.earliest_retreatment_date
        if "handout" not in self._paths and "record" in self._paths:
            self.dates_label.setText(_tr("The patient declined: no treatment, no patient sheet."))
            return
        self.dates_label.setText(
            _tr("Review: <b>%1</b> &nbsp;&nbsp; Earliest re-treatment: <b>%2</b>")
            .replace("%1", review.isoformat())
            .replace("%2", retreat.isoformat())
        )

    def _update_buttons(self) -> None:
        kind = self.current_kind()
        has = kind in self._paths
        self.print_button.setEnabled(has)
        self.save_button.setEnabled(has)
        self.email_button.setEnabled("handout" in self._paths)
        waiting = _tr("The documents are produced when the consent is sealed or declined.")
        if not self._paths:
            self._say(waiting, error=False)
        elif self.message_label.text() == waiting:
            self._say("", error=False)

    def current_kind(self) -> str:
        """The document shown: ``handout`` or ``record``."""
        return "handout" if self.tabs.currentIndex() == 0 else "record"

    def document_path(self, kind: str) -> Path | None:
        """The path of a produced document, or None."""
        return self._paths.get(kind)

    def is_complete(self) -> bool:
        """Complete once the record exists."""
        return "record" in self._paths

    def _say(self, text: str, *, error: bool) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(
            "color: #a61b1b; font-weight: bold;" if error else "color: #1b6a2e;"
        )

    def _log(self, kind: str, event: str) -> None:
        try:
            self.service.log_delivery(self.consultation_id, kind, event)
        except Exception:  # the delivery happened; an audit failure must not hide that
            logger.exception("delivery of %s not logged", kind)
            self._say(_tr("Done, but it could not be written to the audit log."), error=True)

    # --- slots ------------------------------------------------------------------------------

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._update_buttons()

    def _on_print_button_clicked(self) -> None:
        kind = self.current_kind()
        path = self._paths.get(kind)
        if path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        try:
            prepare_printer(printer, path)
            if not self._prompter.ask_printer(printer):
                return
            pages = print_pdf(path, printer)
        except PrintError as exc:
            self._say(str(exc), error=True)
            return
        self._say(_tr("Printed (%1 pages).").replace("%1", str(pages)), error=False)
        self._log(kind, "document_printed")

    def _on_save_button_clicked(self) -> None:
        kind = self.current_kind()
        path = self._paths.get(kind)
        if path is None:
            return
        settings = QSettings()
        start = Path(str(settings.value(SAVE_FOLDER_KEY, str(Path.home()))))
        folder = self._prompter.ask_folder(_tr("Save the document in"), start)
        if folder is None:
            return
        target = folder / self._file_name(kind)
        if target.exists() and not self._prompter.confirm(
            _tr("Replace the file?"),
            _tr("%1 already exists. Replace it?").replace("%1", target.name),
        ):
            return
        try:
            shutil.copyfile(path, target)
        except OSError as exc:
            self._say(_tr("The file could not be saved: %1").replace("%1", str(exc)), error=True)
            return
        settings.setValue(SAVE_FOLDER_KEY, str(folder))
        self._say(_tr("Saved as %1").replace("%1", str(target)), error=False)
        self._log(kind, "document_saved")

    def _file_name(self, kind: str) -> str:
        consultation = self.evaluation.consultation if self.evaluation is not None else None
        name = consultation.patient.name if consultation is not None else ""
        safe = "".join(ch if ch.isalnum() else "-" for ch in name).strip("-")
        date = consultation.date if consultation is not None else None
        parts = [p for p in (safe, date.isoformat() if date else "", kind) if p]
        return "-".join(parts) + ".pdf"

    def _on_email_button_clicked(self) -> None:
        path = self._paths.get("handout")
        if path is None:
            return
        patient = self.evaluation.consultation.patient if self.evaluation is not None else None
        dialog = EmailDialog(
            pdf_path=path,
            settings=self.service.settings,
            passwords=self._passwords,
            prompter=self._prompter,
            drafts_dir=self.service.documents_dir(self.consultation_id),
            recipient=patient.email if patient is not None else None,
            birth_date=patient.birth_date if patient is not None else None,
            language=patient.language if patient is not None else "en",
            thread_pool=self._pool,
            parent=self,
        )
        dialog.sent.connect(self._on_email_dialog_sent)
        dialog.draft_created.connect(self._on_email_dialog_draft_created)
        self.email_dialog = dialog
        dialog.open()

    def _on_email_dialog_sent(self, encrypted: bool) -> None:
        self._say(
            _tr("The patient sheet was emailed (protected).")
            if encrypted
            else _tr("The patient sheet was emailed."),
            error=False,
        )
        self._log("handout", "document_emailed")

    def _on_email_dialog_draft_created(self, path: Path) -> None:
        self._say(_tr("An email draft was created: %1").replace("%1", str(path)), error=False)
