"""The patient details form with its inline error messages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.patient import PatientRow
from consult_app.core.patient_validation import PatientForm, Problem


def _tr(text: str) -> str:
    return QCoreApplication.translate("PatientFormWidget", text)


def problem_text(field: str, problem: Problem) -> str:
    """The message shown beside a field for a problem."""
    messages = {
        Problem.REQUIRED: _tr("Required."),
        Problem.TOO_LONG: _tr("Too long."),
        Problem.NOT_A_DATE: _tr("Not a real date: use YYYY-MM-DD, e.g. 1984-03-09."),
        Problem.IN_FUTURE: _tr("The date of birth must be in the past."),
        Problem.TOO_OLD: _tr("Please check the year."),
        Problem.BAD_EMAIL: _tr("This does not look like an email address (name@example.org)."),
        Problem.CONTROL_CHARS: _tr("Contains characters that cannot be stored."),
    }
    return messages[problem]


class PatientFormWidget(QWidget):
    """Name, date of birth, sex, chart number, phone, email, language, allergies."""

    save_requested = Signal(object)  # PatientForm
    cancel_requested = Signal()

    SEXES = ("unknown", "female", "male", "other")
    LANGUAGES = ("en", "fr")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("formTitle")
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(400)
        self.birth_edit = QLineEdit()
        self.birth_edit.setMaxLength(10)
        self.sex_combo = QComboBox()
        self.chart_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.language_combo = QComboBox()
        self.allergies_edit = QPlainTextEdit()
        self.allergies_edit.setTabChangesFocus(True)
        self.allergies_edit.setFixedHeight(70)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.errors: dict[str, QLabel] = {}
        self._editors: dict[str, QWidget] = {
            "name": self.name_edit,
            "birth_date": self.birth_edit,
            "sex": self.sex_combo,
            "chart_number": self.chart_edit,
            "phone": self.phone_edit,
            "email": self.email_edit,
            "language": self.language_combo,
            "allergies": self.allergies_edit,
        }
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, editor in self._editors.items():
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor)
            error = QLabel()
            error.setObjectName(f"error_{key}")
            error.setStyleSheet("color: #b00020;")
            error.setWordWrap(True)
            error.hide()
            box.addWidget(error)
            self.errors[key] = error
            label = QLabel()
            label.setBuddy(editor)
            self._labels[key] = label
            form.addRow(label, box)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.name_edit.returnPressed.connect(self._on_save_button_clicked)
        self.birth_edit.returnPressed.connect(self._on_save_button_clicked)
        self.email_edit.returnPressed.connect(self._on_save_button_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        labels = {
            "name": _tr("Na&me"),
            "birth_date": _tr("Date of &birth"),
            "sex": _tr("Se&x"),
            "chart_number": _tr("C&hart number"),
            "phone": _tr("&Phone"),
            "email": _tr("&Email"),
            "language": _tr("Sheet lan&guage"),
            "allergies": _tr("&Allergies"),
        }
        for key, text in labels.items():
            self._labels[key].setText(text)
            self._editors[key].setAccessibleName(text.replace("&", ""))
        self.birth_edit.setPlaceholderText(_tr("YYYY-MM-DD"))
        self.email_edit.setPlaceholderText(_tr("name@example.org"))
        self.allergies_edit.setPlaceholderText(_tr("e.g. penicillin; none known"))
        sexes = {
            "unknown": _tr("Not stated"),
            "female": _tr("Female"),
            "male": _tr("Male"),
            "other": _tr("Other"),
        }
        current = self.sex_combo.currentIndex()
        self.sex_combo.clear()
        for key in self.SEXES:
            self.sex_combo.addItem(sexes[key], key)
        self.sex_combo.setCurrentIndex(max(current, 0))
        current = self.language_combo.currentIndex()
        self.language_combo.clear()
        self.language_combo.addItem(_tr("English"), "en")
        self.language_combo.addItem(_tr("French"), "fr")
        self.language_combo.setCurrentIndex(max(current, 0))
        self.save_button.setText(_tr("&Save patient"))
        self.save_button.setAccessibleName(_tr("Save patient"))
        self.cancel_button.setText(_tr("Cancel"))
        self.cancel_button.setAccessibleName(_tr("Cancel"))
        if not self.title.text():
            self.title.setText(_tr("New patient"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def clear(self, title: str | None = None) -> None:
        """Empty every field and error, ready for a new patient."""
        for edit in (self.name_edit, self.birth_edit, self.chart_edit, self.phone_edit):
            edit.clear()
        self.email_edit.clear()
        self.allergies_edit.clear()
        self.sex_combo.setCurrentIndex(0)
        self.language_combo.setCurrentIndex(0)
        self.title.setText(title or _tr("New patient"))
        self.status_label.clear()
        self.show_problems({})

    def load(self, patient: PatientRow, title: str) -> None:
        """Fill the form with a patient's details."""
        self.clear(title)
        self.name_edit.setText(patient.name)
        self.birth_edit.setText(patient.birth_date.isoformat())
        self.chart_edit.setText(patient.chart_number or "")
        self.phone_edit.setText(patient.phone or "")
        self.email_edit.setText(patient.email or "")
        self.allergies_edit.setPlainText(patient.allergies or "")
        self.sex_combo.setCurrentIndex(max(self.sex_combo.findData(patient.sex), 0))
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(patient.language), 0))

    def values(self) -> PatientForm:
        """The typed values."""
        return PatientForm(
            name=self.name_edit.text(),
            birth_date=self.birth_edit.text(),
            sex=str(self.sex_combo.currentData() or "unknown"),
            chart_number=self.chart_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            language=str(self.language_combo.currentData() or "en"),
            allergies=self.allergies_edit.toPlainText(),
        )

    def show_problems(
        self, problems: dict[str, Problem], extra: dict[str, str] | None = None
    ) -> None:
        """Show each problem beside its field; hide the others. Focus the first bad field."""
        messages = {key: problem_text(key, p) for key, p in problems.items()}
        messages.update(extra or {})
        first: QWidget | None = None
        for key, label in self.errors.items():
            if key in messages:
                label.setText(messages[key])
                label.show()
                if first is None:
                    first = self._editors[key]
            else:
                label.clear()
                label.hide()
        if first is not None:
            first.setFocus()

    def _on_save_button_clicked(self) -> None:
        self.save_requested.emit(self.values())
