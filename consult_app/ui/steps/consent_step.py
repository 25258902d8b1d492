"""Step 6, consent: the consent text, the confirmations, the signatures; seal or decline.

Signing seals the consent through the service (hash stored, documents written) and locks the
step; "Correct..." starts a new consent linked to the sealed one. "Decline" records a refusal
(a clinician must be named) and produces the record.

The draft is saved (``changed``) with the signatures *before* sealing, because a sealed
consultation can no longer be saved; ``sealed`` then reports the result.
"""

from __future__ import annotations

import base64
import copy
import logging
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.assembly import SheetContent
from consult_app.core.consultation_flow import ConsultationNotReady, SealResult
from consult_app.ui.prompts import Prompter
from consult_app.ui.steps.base import ConsultationPort, StepWidget
from consult_app.ui.widgets.signature_pad import SignaturePad

__all__ = ["ConsentStep"]

logger = logging.getLogger(__name__)

MIN_HEIGHT = 40
PNG_PREFIX = "png:"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConsentStep", text)


def _png_text(data: bytes) -> str:
    return PNG_PREFIX + base64.b64encode(data).decode("ascii")


def _png_bytes(text: object) -> bytes | None:
    if isinstance(text, str) and text.startswith(PNG_PREFIX):
        try:
            return base64.b64decode(text[len(PNG_PREFIX) :])
        except ValueError:
            return None
    return None


def _diagnosis_first() -> str:
    return _tr("Therapeutic use: record the diagnosis and who examined (step 2) before sealing.")


class _SignatureBox(QWidget):
    """A pad with its Clear button and a caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.pad = SignaturePad(self)
        self.clear_button = QPushButton(self)
        self.clear_button.setMinimumHeight(MIN_HEIGHT)
        self.clear_button.clicked.connect(self.pad.clear)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pad)

    def set_texts(self, caption: str, who: str) -> None:
        self.caption.setText(caption)
        self.pad.setAccessibleName(_tr("Signature of %1").replace("%1", who))
        self.clear_button.setText(_tr("Clear"))
        self.clear_button.setAccessibleName(_tr("Clear the signature of %1").replace("%1", who))

    def set_locked(self, locked: bool) -> None:
        self.pad.set_read_only(locked)
        self.clear_button.setEnabled(not locked)


class ConsentStep(StepWidget):
    """Consent text, confirmations, signatures, seal / decline / correct.

    Signals:
        sealed: the consent was sealed; carries the service's ``SealResult``.
    """

    sealed = Signal(object)
    step_id = "consent"

    def __init__(
        self, service: ConsultationPort, prompter: Prompter, parent: QWidget | None = None
    ) -> None:
        super().__init__(service, parent)
        self._prompter = prompter
        self._shown_cid: int | None = None
        self.seal_result: SealResult | None = None
        self._sealed_consent_id: int | None = None
        self._locked = False
        self._correcting: int | None = None
        self._pending = False

        self.title_label = QLabel(self)
        # The whole consent text, at full height, in the step's own scroll area: nothing (the
        # off-label paragraph above all) hides at the bottom of a small box.
        self.text_view = QLabel(self)
        self.text_view.setObjectName("consentText")
        self.text_view.setWordWrap(True)
        self.text_view.setTextFormat(Qt.TextFormat.RichText)
        self.text_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm_group = QGroupBox(self)
        self.confirm_layout = QVBoxLayout(self.confirm_group)
        # Errors are said beside what they are about.
        self.confirm_message = QLabel(self.confirm_group)
        self.confirm_message.setWordWrap(True)
        self.confirm_message.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.confirm_message.hide()
        self.confirm_layout.addWidget(self.confirm_message)
        self.signature_message = QLabel(self)
        self.signature_message.setWordWrap(True)
        self.signature_message.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.signature_message.hide()
        self.confirm_checks: dict[str, QCheckBox] = {}
        self._confirm_rows: list[QWidget] = []
        self._required: set[str] = set()

        self.signer_combo = QComboBox(self)
        self.signer_combo.addItem("", "patient")
        self.signer_combo.addItem("", "substitute")
        self.substitute_name_edit = QLineEdit(self)
        self.substitute_relationship_edit = QLineEdit(self)
        self.patient_box = _SignatureBox(self)
        self.clinician_combo = QComboBox(self)
        self.clinician_combo.setEditable(True)
        self.clinician_box = _SignatureBox(self)
        self.witness_check = QCheckBox(self)
        self.witness_name_edit = QLineEdit(self)
        self.witness_box = _SignatureBox(self)

        self.seal_button = QPushButton(self)
        self.decline_button = QPushButton(self)
        self.correct_button = QPushButton(self)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.message_label.setVisible(False)
        self.seal_label = QLabel(self)
        self.seal_label.setWordWrap(True)
        self.seal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.seal_label.setVisible(False)

        for widget in (
            self.signer_combo,
            self.substitute_name_edit,
            self.substitute_relationship_edit,
            self.clinician_combo,
            self.witness_check,
            self.witness_name_edit,
            self.seal_button,
            self.decline_button,
            self.correct_button,
        ):
            widget.setMinimumHeight(MIN_HEIGHT)

        self.signature_group = QGroupBox(self)
        sign = QVBoxLayout(self.signature_group)
        self._signer_form = QFormLayout()
        self._signer_form.addRow(QLabel(), self.signer_combo)
        self._signer_form.addRow(QLabel(), self.substitute_name_edit)
        self._signer_form.addRow(QLabel(), self.substitute_relationship_edit)
        sign.addLayout(self._signer_form)
        sign.addWidget(self.patient_box)
        self._clinician_form = QFormLayout()
        self._clinician_form.addRow(QLabel(), self.clinician_combo)
        sign.addLayout(self._clinician_form)
        sign.addWidget(self.clinician_box)
        witness_row = QHBoxLayout()
        witness_row.addWidget(self.witness_check)
        witness_row.addWidget(self.witness_name_edit, 1)
        sign.addLayout(witness_row)
        sign.addWidget(self.witness_box)
        sign.addWidget(self.signature_message)

        buttons = QHBoxLayout()
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        buttons.addWidget(self.seal_button)

        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.addWidget(self.title_label)
        inner.addWidget(self.text_view)
        inner.addWidget(self.confirm_group)
        inner.addWidget(self.signature_group)
        inner.addWidget(self.seal_label)
        inner.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        # "Sign and seal" and its message stay in view below the scrolling text.
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)

        self.signer_combo.currentIndexChanged.connect(self._on_signer_combo_changed)
        self.witness_check.toggled.connect(self._on_witness_check_toggled)
        # Signatures and names are answers like any other: saved in the draft as they change.
        for pad in (self.patient_box.pad, self.clinician_box.pad, self.witness_box.pad):
            pad.changed.connect(self._on_signing_changed)
        for edit in (
            self.substitute_name_edit,
            self.substitute_relationship_edit,
            self.witness_name_edit,
        ):
            edit.textEdited.connect(self._on_signing_changed)
        self.clinician_combo.editTextChanged.connect(self._on_signing_changed)
        self.signer_combo.activated.connect(self._on_signing_changed)
        self.witness_check.clicked.connect(self._on_signing_changed)
        self.seal_button.clicked.connect(self._on_seal_button_clicked)
        self.decline_button.clicked.connect(self._on_decline_button_clicked)
        self.correct_button.clicked.connect(self._on_correct_button_clicked)
        self.retranslate_ui()
        self._on_signer_combo_changed()
        self._on_witness_check_toggled(False)
        self._apply_lock()

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.title_label.setText("<h2>" + _tr("Consent") + "</h2>")
        self.text_view.setAccessibleName(_tr("Consent text"))
        self.confirm_group.setTitle(_tr("The patient confirms"))
        self.signature_group.setTitle(_tr("Signatures"))
        self.signer_combo.setItemText(0, _tr("The patient signs"))
        self.signer_combo.setItemText(1, _tr("A substitute decision-maker signs"))
        self.signer_combo.setAccessibleName(_tr("Who signs for the patient"))
        self.substitute_name_edit.setAccessibleName(_tr("Substitute decision-maker's name"))
        self.substitute_relationship_edit.setAccessibleName(
            _tr("Substitute decision-maker's relationship to the patient")
        )
        self.clinician_combo.setAccessibleName(_tr("Clinician"))
        self.witness_check.setText(_tr("&Witness present:"))
        self.witness_check.setAccessibleName(_tr("Witness present"))
        self.witness_name_edit.setAccessibleName(_tr("Witness's name"))
        self.witness_name_edit.setPlaceholderText(_tr("Witness's name"))
        for form, widget, text in (
            (self._signer_form, self.signer_combo, _tr("Si&gner:")),
            (self._signer_form, self.substitute_name_edit, _tr("Substitute's na&me:")),
            (self._signer_form, self.substitute_relationship_edit, _tr("&Relationship:")),
            (self._clinician_form, self.clinician_combo, _tr("C&linician:")),
        ):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(text)
                label.setBuddy(widget)
        self.patient_box.set_texts(
            _tr("Patient (or substitute decision-maker)"), _tr("the patient")
        )
        self.clinician_box.set_texts(_tr("Clinician"), _tr("the clinician"))
        self.witness_box.set_texts(_tr("Witness"), _tr("the witness"))
        self.seal_button.setText(_tr("Sign and &seal"))
        self.seal_button.setAccessibleName(_tr("Sign and seal the consent"))
        self.decline_button.setText(_tr("&Decline…"))
        self.decline_button.setAccessibleName(_tr("Record that the patient declines"))
        self.correct_button.setText(_tr("C&orrect…"))
        self.correct_button.setAccessibleName(_tr("Correct the sealed consent"))
        self.message_label.setAccessibleName(_tr("Consent message"))
        self.seal_label.setAccessibleName(_tr("Seal"))

    # --- filling ----------------------------------------------------------------------------

    def _show(self) -> None:
        new_consultation = self._shown_cid != self.consultation_id
        if new_consultation:
            self._shown_cid = self.consultation_id
            self.seal_result = None
            self._sealed_consent_id = None
            self._correcting = None
            for box in (self.patient_box, self.clinician_box, self.witness_box):
                box.pad.set_read_only(False)
                box.pad.clear()
            self._say("")
            self._say_beside(self.confirm_message, "")
            self._say_beside(self.signature_message, "")
            self.scroll_area.verticalScrollBar().setValue(0)
        # Sealed (told by the frame): locked, unless a correction is being signed.
        self._locked = self.read_only and self._correcting is None
        sheet = self.evaluation.sheet if self.evaluation is not None else None
        self._fill_text(sheet)
        self._fill_confirmations(sheet)
        self._fill_clinicians()
        if new_consultation:
            consent = self.case.get("consent")
            signing = self.draft["extra"].get("signing")
            if self.read_only and isinstance(consent, dict):
                self._fill_signers(consent)
            elif isinstance(signing, dict):
                self._fill_signers(signing)
            if not self.clinician_combo.currentText() and self.clinician_combo.count():
                self.clinician_combo.setCurrentIndex(0)  # the clinic's first clinician
        self._apply_lock()

    def _fill_text(self, sheet: SheetContent | None) -> None:
        if sheet is None:
            html = "<p>" + escape(_tr("Complete the earlier steps first.")) + "</p>"
        else:
            parts: list[str] = []
            for section in sheet.consent_sections:
                if section.title:
                    parts.append(f"<h3>{escape(section.title)}</h3>")
                parts.append(f"<p>{escape(section.text)}</p>")
            if sheet.off_label_statement:
                parts.append(
                    "<h3>" + escape(_tr("Off-label use")) + "</h3>"
                    f"<p><b>{escape(sheet.off_label_statement)}</b></p>"
                )
            if sheet.alternatives:
                parts.append("<h3>" + escape(_tr("Alternatives, including no treatment")) + "</h3>")
                parts += [
                    f"<p><b>{escape(a.name[:1].upper() + a.name[1:])}:</b> {escape(a.text)}</p>"
                    for a in sheet.alternatives
                ]
            html = "".join(parts)
        if self.text_view.text() != html:
            self.text_view.setText(html)

    def _fill_confirmations(self, sheet: SheetContent | None) -> None:
        wanted = list(sheet.confirmations) if sheet is not None else []
        ticked = set(self.draft["extra"].get("confirmations") or [])
        ids = [c.id for c in wanted]
        if ids != list(self.confirm_checks):
            for row in self._confirm_rows:
                row.deleteLater()
            self.confirm_checks = {}
            self._confirm_rows = []
            for confirmation in wanted:
                # A box and a word-wrapped label beside it (a QCheckBox's own text never wraps,
                # and the French confirmations are longer than the window is wide).
                row = QWidget(self.confirm_group)
                row_layout = QHBoxLayout(row)
                row_layout.setContentsMargins(0, 0, 0, 0)
                check = QCheckBox(row)
                check.setMinimumHeight(MIN_HEIGHT)
                check.setAccessibleName(confirmation.text)
                check.setStyleSheet("QCheckBox::indicator { width: 24px; height: 24px; }")
                check.toggled.connect(self._on_confirmation_toggled)
                label = _CheckLabel(confirmation.text, check, row)
                row_layout.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
                row_layout.addWidget(label, 1)
                self.confirm_layout.insertWidget(self.confirm_layout.count() - 1, row)
                self.confirm_checks[confirmation.id] = check
                self._confirm_rows.append(row)
            # Tab order follows the reading order: confirmations, then who signs.
            previous: QWidget = self.text_view
            for check in self.confirm_checks.values():
                QWidget.setTabOrder(previous, check)
                previous = check
            QWidget.setTabOrder(previous, self.signer_combo)
        self._required = {c.id for c in wanted if c.required}
        for cid, check in self.confirm_checks.items():
            check.blockSignals(True)
            check.setChecked(cid in ticked)
            check.blockSignals(False)
        self.confirm_group.setVisible(bool(wanted))

    def _fill_clinicians(self) -> None:
        names = list(self.service.settings.clinicians)
        current = self.clinician_combo.currentText()
        existing = [self.clinician_combo.itemText(i) for i in range(self.clinician_combo.count())]
        if existing != names:
            self.clinician_combo.blockSignals(True)
            self.clinician_combo.clear()
            self.clinician_combo.addItems(names)
            self.clinician_combo.setEditText(current)
            self.clinician_combo.blockSignals(False)

    def _fill_signers(self, consent: dict[str, Any]) -> None:
        """Show stored names and signatures: a sealed consent, or the draft's ``signing``."""
        if consent.get("clinician"):
            self.clinician_combo.blockSignals(True)
            self.clinician_combo.setEditText(str(consent["clinician"]))
            self.clinician_combo.blockSignals(False)
        substitute = consent.get("substitute")
        if isinstance(substitute, dict):
            self.signer_combo.setCurrentIndex(1)
            self.substitute_name_edit.setText(str(substitute.get("name") or ""))
            self.substitute_relationship_edit.setText(str(substitute.get("relationship") or ""))
            image = _png_bytes(substitute.get("signature"))
        else:
            self.signer_combo.setCurrentIndex(0)
            image = _png_bytes(consent.get("patient_signature"))
        if image:
            self.patient_box.pad.load_png(image)
        clinician_image = _png_bytes(consent.get("clinician_signature"))
        if clinician_image:
            self.clinician_box.pad.load_png(clinician_image)
        witness = consent.get("witness")
        self.witness_check.setChecked(isinstance(witness, dict))
        if isinstance(witness, dict):
            self.witness_name_edit.setText(str(witness.get("name") or ""))
            witness_image = _png_bytes(witness.get("signature"))
            if witness_image:
                self.witness_box.pad.load_png(witness_image)

    # --- state ------------------------------------------------------------------------------

    def is_sealed(self) -> bool:
        """Whether this consultation's consent (or refusal) is sealed and the step locked."""
        return self._locked

    def is_complete(self) -> bool:
        """Complete once sealed (or while the sealing draft is being saved)."""
        return self._locked or self._pending

    def hint(self) -> str:
        """What the frame shows on its message line."""
        if self._locked:
            return ""
        screening = self.screening
        if screening is not None and "lot" in screening.missing:
            return _tr("Enter or scan the lot number (step 3) before sealing.")
        if screening is not None and "diagnosis" in screening.missing:
            return _diagnosis_first()
        return _tr("Sign and seal the consent, or record that the patient declines.")

    def focus_first(self) -> None:
        """Open at the top of the consent text, the first confirmation focused."""
        self.scroll_area.verticalScrollBar().setValue(0)
        for check in self.confirm_checks.values():
            if check.isEnabled():
                check.setFocus()
                return
        self.scroll_area.setFocus()

    def _apply_read_only(self) -> None:
        self._locked = self.read_only and self._correcting is None
        self._apply_lock()

    def _apply_lock(self) -> None:
        locked = self._locked
        editable = not locked and self.evaluation is not None
        for check in self.confirm_checks.values():
            check.setEnabled(editable)
        for widget in (
            self.signer_combo,
            self.substitute_name_edit,
            self.substitute_relationship_edit,
            self.clinician_combo,
            self.witness_check,
            self.witness_name_edit,
        ):
            widget.setEnabled(editable)
        for box in (self.patient_box, self.clinician_box, self.witness_box):
            box.set_locked(not editable)
        self.seal_button.setEnabled(editable)
        self.decline_button.setEnabled(editable)
        self.correct_button.setVisible(locked)
        self.correct_button.setEnabled(locked and self._consent_to_correct() is not None)
        if locked:
            sha = self.seal_result.sha256 if self.seal_result is not None else None
            consent = self.case.get("consent")
            declined = isinstance(consent, dict) and consent.get("decision") == "declined"
            text = (
                _tr("The refusal is recorded and sealed. It can no longer be changed.")
                if declined
                else _tr("Sealed. This consent can no longer be changed.")
            )
            if sha:
                text += "\n" + _tr("SHA-256: %1").replace("%1", str(sha))
            self.seal_label.setText(text)
            self.seal_label.setStyleSheet("color: #1b6a2e; font-weight: bold;")
        self.seal_label.setVisible(locked)

    def _consent_to_correct(self) -> int | None:
        """The sealed consent a correction links to (this session's, else from the history)."""
        if self.seal_result is not None:
            return self.seal_result.consent_id
        if self._sealed_consent_id is None and self.read_only and self.patient_id:
            try:
                history = self.service.history(self.patient_id)
            except Exception:  # StorageUnavailable: no correction from here then
                return None
            for item in history:
                if item.consultation_id == self.consultation_id and item.consent_id is not None:
                    self._sealed_consent_id = item.consent_id
        return self._sealed_consent_id

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _say_beside(self, label: QLabel, text: str) -> None:
        """Say a problem beside what it is about, and bring it into view."""
        label.setText(text)
        label.setVisible(bool(text))
        if text:
            self.scroll_area.ensureWidgetVisible(label)

    def _signing(self) -> dict[str, Any]:
        """The names and signatures as drawn so far (saved in the draft, never validated)."""
        signing: dict[str, Any] = {"clinician": self.clinician_combo.currentText().strip()}
        if not self.clinician_box.pad.is_empty():
            signing["clinician_signature"] = _png_text(self.clinician_box.pad.to_png())
        patient_png = (
            _png_text(self.patient_box.pad.to_png())
            if not self.patient_box.pad.is_empty()
            else None
        )
        if self.signer_combo.currentData() == "substitute":
            signing["substitute"] = {
                "name": self.substitute_name_edit.text().strip(),
                "relationship": self.substitute_relationship_edit.text().strip(),
                "signature": patient_png,
            }
        elif patient_png:
            signing["patient_signature"] = patient_png
        if self.witness_check.isChecked():
            witness: dict[str, Any] = {"name": self.witness_name_edit.text().strip()}
            if not self.witness_box.pad.is_empty():
                witness["signature"] = _png_text(self.witness_box.pad.to_png())
            signing["witness"] = witness
        return signing

    def _confirmations(self) -> list[str]:
        return [cid for cid, check in self.confirm_checks.items() if check.isChecked()]

    # --- building the consent ---------------------------------------------------------------

    def _given_consent(self) -> dict[str, Any] | None:
        """The consent dict for "given", or None with the problem said inline."""
        screening = self.screening
        if screening is not None and "lot" in screening.missing:
            self._say(_tr("Enter or scan the lot number (step 3) before sealing."))
            return None
        if screening is not None and "diagnosis" in screening.missing:
            self._say(_diagnosis_first())
            return None
        missing_confirmations = self._required - set(self._confirmations())
        if missing_confirmations:
            self._say_beside(
                self.confirm_message, _tr("Tick every confirmation with the patient first.")
            )
            first = next(c for i, c in self.confirm_checks.items() if i in missing_confirmations)
            first.setFocus()
            return None
        substitute = self.signer_combo.currentData() == "substitute"
        if substitute and not (
            self.substitute_name_edit.text().strip()
            and self.substitute_relationship_edit.text().strip()
        ):
            self._say_beside(
                self.signature_message,
                _tr("Enter the substitute decision-maker's name and relationship."),
            )
            return None
        if self.patient_box.pad.is_empty():
            self._say_beside(
                self.signature_message,
                _tr("The substitute decision-maker's signature is empty.")
                if substitute
                else _tr("The patient's signature is empty."),
            )
            self.patient_box.pad.setFocus()
            return None
        clinician = self.clinician_combo.currentText().strip()
        if not clinician:
            self._say_beside(self.signature_message, _tr("Choose or enter the clinician."))
            self.clinician_combo.setFocus()
            return None
        if self.clinician_box.pad.is_empty():
            self._say_beside(self.signature_message, _tr("The clinician's signature is empty."))
            self.clinician_box.pad.setFocus()
            return None
        consent: dict[str, Any] = {
            "decision": "given",
            "clinician": clinician,
            "clinician_signature": _png_text(self.clinician_box.pad.to_png()),
        }
        patient_png = _png_text(self.patient_box.pad.to_png())
        if substitute:
            consent["substitute"] = {
                "name": self.substitute_name_edit.text().strip(),
                "relationship": self.substitute_relationship_edit.text().strip(),
                "signature": patient_png,
            }
        else:
            consent["patient_signature"] = patient_png
        witness = self._witness()
        if witness is False:
            return None
        if witness:
            consent["witness"] = witness
        return consent

    def _witness(self) -> dict[str, Any] | None | bool:
        if not self.witness_check.isChecked():
            return None
        name = self.witness_name_edit.text().strip()
        if not name:
            self._say_beside(
                self.signature_message, _tr("Enter the witness's name, or untick the witness.")
            )
            return False
        if self.witness_box.pad.is_empty():
            self._say_beside(self.signature_message, _tr("The witness's signature is empty."))
            return False
        return {"name": name, "signature": _png_text(self.witness_box.pad.to_png())}

    def _seal(self, consent: dict[str, Any]) -> None:
        draft = copy.deepcopy(self.draft)
        draft["case"]["consent"] = consent
        draft["extra"]["confirmations"] = self._confirmations()
        draft["extra"]["step"] = "consent"
        draft["extra"].pop("signing", None)  # now in the consent itself
        corrects = self._correcting
        self.draft = draft
        if corrects is None:
            # Save the signed draft first: once sealed, the consultation can't be saved.
            self._pending = True
            try:
                self._emit()
            finally:
                self._pending = False
        try:
            result = self.service.seal(self.consultation_id, draft, corrects=corrects)
        except Exception as exc:  # CaseError, ConsultationNotReady, StorageUnavailable
            logger.warning("consent not sealed: %s", type(exc).__name__)
            detail = str(exc)
            if isinstance(exc, ConsultationNotReady) and exc.missing:
                detail += " (" + ", ".join(exc.missing) + ")"
            self._say(_tr("The consent was not sealed: %1").replace("%1", detail))
            return
        self.seal_result = result
        self._correcting = None
        self._locked = True
        self._say("")
        self._apply_lock()
        self.sealed.emit(result)

    # --- slots ------------------------------------------------------------------------------

    def _on_signer_combo_changed(self, _index: int = 0) -> None:
        substitute = self.signer_combo.currentData() == "substitute"
        for widget in (self.substitute_name_edit, self.substitute_relationship_edit):
            widget.setVisible(substitute)
            label = self._signer_form.labelForField(widget)
            if label is not None:
                label.setVisible(substitute)

    def _on_witness_check_toggled(self, checked: bool) -> None:
        self.witness_name_edit.setVisible(checked)
        self.witness_box.setVisible(checked)

    def _on_confirmation_toggled(self, _checked: bool) -> None:
        if self._filling:
            return
        self.draft["extra"]["confirmations"] = self._confirmations()
        if not self._required - set(self._confirmations()):
            self._say_beside(self.confirm_message, "")  # fixed: the error goes
        self._emit()

    def _on_signing_changed(self, *_args: object) -> None:
        if self._filling or self._locked or self._correcting is not None:
            return
        self.draft["extra"]["signing"] = self._signing()
        self._say_beside(self.signature_message, "")
        self._emit()

    def _on_seal_button_clicked(self) -> None:
        if self._locked:
            return
        consent = self._given_consent()
        if consent is None:
            return
        self._say("")
        self._seal(consent)

    def _on_decline_button_clicked(self) -> None:
        if self._locked:
            return
        clinician = self.clinician_combo.currentText().strip()
        if not clinician:
            self._say_beside(
                self.signature_message,
                _tr("Choose or enter the clinician to record the refusal."),
            )
            self.clinician_combo.setFocus()
            return
        if not self._prompter.confirm(
            _tr("Patient declines"),
            _tr("Record that the patient declines the treatment? This is sealed and final."),
        ):
            return
        self._say_beside(self.signature_message, "")
        consent: dict[str, Any] = {"decision": "declined", "clinician": clinician}
        if not self.clinician_box.pad.is_empty():
            consent["clinician_signature"] = _png_text(self.clinician_box.pad.to_png())
        witness = self._witness()
        if witness is False:
            return
        if witness:
            consent["witness"] = witness
        self._seal(consent)

    def _on_correct_button_clicked(self) -> None:
        consent_id = self._consent_to_correct()
        if not self._locked or consent_id is None:
            return
        if not self._prompter.confirm(
            _tr("Correct the consent"),
            _tr(
                "Start a new consent that corrects the sealed one? The sealed consent is kept "
                "and linked to the new one."
            ),
        ):
            return
        self._correcting = consent_id
        self._locked = False
        for box in (self.patient_box, self.clinician_box, self.witness_box):
            box.pad.set_read_only(False)
            box.pad.clear()
        self._say(_tr("Correction: sign again to seal the corrected consent."))
        self._apply_lock()


class _CheckLabel(QLabel):
    """A confirmation's word-wrapped text: a click on it ticks its box, as a box's own text does."""

    def __init__(self, text: str, check: QCheckBox, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._check = check
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumHeight(MIN_HEIGHT)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._check.isEnabled():
            self._check.toggle()
            self._check.setFocus()
        super().mousePressEvent(event)
