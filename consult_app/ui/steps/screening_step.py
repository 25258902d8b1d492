"""Step 4: screening; applicable questions one by one, findings, verdict, reasons, deferral."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.reasons import reason_counts, reason_shortfall
from consult_app.ui.steps.base import ConsultationPort, StepStatus, StepWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScreeningStep", text)


ANSWERS = ("yes", "no", "unsure")
# Y/N/U, and the French O (oui) and I (incertain) the French labels name (N is both "no"s).
_KEYS = {
    Qt.Key.Key_Y: "yes",
    Qt.Key.Key_N: "no",
    Qt.Key.Key_U: "unsure",
    Qt.Key.Key_O: "yes",
    Qt.Key.Key_I: "unsure",
}

VERDICT_STYLE = {
    "stop": "background:#b00020; color:white;",
    "incomplete": "background:#e0e0e0; color:#212121;",
    "caution": "background:#ffb300; color:#212121;",
    "proceed": "background:#2e7d32; color:white;",
}


def _level_name(level: str) -> str:
    """A finding's level as the record prints it (STOP, CAUTION, NOTE), translated."""
    names = {"stop": _tr("STOP"), "caution": _tr("CAUTION"), "note": _tr("NOTE")}
    return names.get(level, level.upper())


class QuestionRow(QFrame):
    """One question with its yes / no / unsure answer; Y, N, U answer it from the keyboard."""

    answered = Signal(str, str)  # question id, answer
    move_requested = Signal(str, int)  # question id, +1 / -1
    focused = Signal(str)  # question id

    def __init__(self, qid: str, number: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qid = qid
        self.read_only = False
        self.setObjectName("questionRow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.question_text = f"{number}. {text}"
        self.label = QLabel(self.question_text)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(text)
        self.buttons: dict[str, QPushButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.label, 1)
        for answer in ANSWERS:
            button = QPushButton()
            button.setCheckable(True)
            # The row takes the keys; buttons are for the mouse.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, a=answer: self.answered.emit(self.qid, a))
            self.group.addButton(button)
            self.buttons[answer] = button
            row.addWidget(button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set the button texts."""
        texts = {"yes": _tr("Yes"), "no": _tr("No"), "unsure": _tr("Unsure")}
        names = {"yes": _tr("Yes (Y)"), "no": _tr("No (N)"), "unsure": _tr("Unsure (U)")}
        for answer, button in self.buttons.items():
            # The keys (Y, N, U) are told above the questions and in the tooltip.
            button.setText(texts[answer])
            button.setAccessibleName(names[answer])
            button.setToolTip(names[answer])
        self.setAccessibleDescription(_tr("Press Y, N or U to answer"))

    def set_read_only(self, read_only: bool) -> None:
        """A sealed consultation: the answer is shown, keys and buttons do nothing."""
        self.read_only = read_only
        for button in self.buttons.values():
            button.setEnabled(not read_only)

    def set_previous(self, answer: str | None) -> None:
        """Show the answer given last time (a stale draft), not counted until confirmed."""
        if answer is None:
            self.label.setText(self.question_text)
            return
        shown = {"yes": _tr("Yes"), "no": _tr("No"), "unsure": _tr("Unsure")}.get(answer, answer)
        self.label.setText(
            self.question_text + "  " + _tr("(last time: %1; ask again)").replace("%1", shown)
        )

    def set_answer(self, answer: str | None) -> None:
        """Show the answer."""
        # An exclusive group never unchecks its last button: lift it while showing "none".
        self.group.setExclusive(False)
        for key, button in self.buttons.items():
            button.setChecked(key == answer)
        self.group.setExclusive(True)
        colour = {"yes": "#fff3e0", "unsure": "#fffde7"}.get(answer or "", "")
        self.setStyleSheet(
            "QFrame#questionRow { %s }" % (f"background:{colour};" if colour else "")
            + "QFrame#questionRow:focus { border: 2px solid #1565c0; }"
            + "QPushButton:checked { background: #1565c0; color: white; font-weight: bold; }"
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Y/N/U answer; Up/Down move between questions."""
        key = Qt.Key(event.key())
        if key in _KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if self.read_only:
                return
            self.answered.emit(self.qid, _KEYS[key])
            return
        if key == Qt.Key.Key_Down:
            self.move_requested.emit(self.qid, 1)
            return
        if key == Qt.Key.Key_Up:
            self.move_requested.emit(self.qid, -1)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        """Say so, so that the step scrolls the focused question into view."""
        super().focusInEvent(event)
        # No walking up the parents here: while a window is destroyed its half-deleted
        # parents still pass focus around (a crash with PySide6 6.11).
        if self.isVisible():
            self.focused.emit(self.qid)


class ReasonBox(QWidget):
    """A CAUTION finding with the clinician's reason for going on."""

    def __init__(
        self, fid: str, message: str, parent: QWidget | None = None, *, language: str = "en"
    ) -> None:
        super().__init__(parent)
        self.fid = fid
        self.language = language
        self.label = QLabel(message)
        self.label.setWordWrap(True)
        # What the reason still lacks (core.reasons, the rule the case runner applies too).
        self.shortfall = QLabel()
        self.shortfall.setObjectName(f"reason_shortfall_{fid}")
        self.shortfall.setWordWrap(True)
        self.shortfall.setStyleSheet("color: #8a4b00;")
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(56)
        self.edit.setObjectName(f"reason_{fid}")
        self.previous_button = QPushButton()
        self.previous_button.hide()
        self.previous = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.previous_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addWidget(self.shortfall)
        self.edit.textChanged.connect(self.update_shortfall)
        self.update_shortfall()
        self.edit.setAccessibleName(_tr("Reason for going on despite: %1").replace("%1", message))
        self.edit.setPlaceholderText(_tr("Why is it safe to go on? (printed in the record)"))

    def update_shortfall(self) -> None:
        """Say beside the box what the reason still lacks (nothing once it counts)."""
        lacking = reason_shortfall(self.edit.toPlainText())
        self.shortfall.setText(lacking.get(self.language) if lacking is not None else "")
        self.shortfall.setVisible(lacking is not None)
        self.edit.setAccessibleDescription(self.shortfall.text())

    def offer(self, previous: str | None) -> None:
        """Offer the reason given at the last visit."""
        self.previous = previous or ""
        self.previous_button.setVisible(bool(previous))
        if previous:
            short = previous if len(previous) <= 40 else previous[:39] + "..."
            self.previous_button.setText(_tr("Use last visit's: %1").replace("%1", short))
            self.previous_button.setToolTip(previous)
            self.previous_button.setAccessibleName(_tr("Use the reason given at the last visit"))


class ScreeningStep(StepWidget):
    """Questions that apply, findings and the verdict; STOP leads to a recorded deferral."""

    step_id = "screening"
    deferral_recorded = Signal(object)  # Path

    def __init__(self, service: ConsultationPort, parent: QWidget | None = None) -> None:
        super().__init__(service, parent)
        self._shown_cid = -1
        self._deferral: Path | None = None
        self.title = QLabel()
        self.title.setObjectName("stepTitle")
        self.banner = QLabel()
        self.banner.setObjectName("verdictBanner")
        self.banner.setWordWrap(True)
        self.banner.setMargin(8)
        self.banner.setAccessibleName(_tr("Verdict"))
        self.progress_label = QLabel()
        self.questions_widget = QWidget()
        self.questions_layout = QVBoxLayout(self.questions_widget)
        self.questions_layout.setContentsMargins(0, 0, 0, 0)
        self.questions_layout.setSpacing(4)
        self.findings_title = QLabel()
        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
        self.findings_label.setTextFormat(Qt.TextFormat.RichText)
        self.reasons_widget = QWidget()
        self.reasons_layout = QVBoxLayout(self.reasons_widget)
        self.reasons_layout.setContentsMargins(0, 0, 0, 0)
        self.deferral_button = QPushButton()
        self.deferral_button.hide()
        self.deferral_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.deferral_button.setStyleSheet("font-weight: bold; padding: 4px 16px;")
        self.deferral_label = QLabel()
        self.deferral_label.setWordWrap(True)
        self.deferral_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deferral_label.hide()
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setObjectName("stepHint")
        self.rows: dict[str, QuestionRow] = {}
        self.reason_boxes: dict[str, ReasonBox] = {}
        self._applicable: tuple[str, ...] = ()
        self._cautions: tuple[tuple[str, str], ...] = ()

        self.hint_label.hide()  # the consultation view shows the hint beside Next
        body = QWidget()
        body_layout = QVBoxLayout(body)
        # The body never shrinks below its minimum: the scroll area scrolls instead (without
        # this, height-for-width let group boxes be squeezed on small screens).
        body_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        body_layout.addWidget(self.progress_label)
        body_layout.addWidget(self.questions_widget)
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        # The body never shrinks below its minimum: the scroll area scrolls instead (without
        # this, height-for-width let group boxes be squeezed on small screens).
        side_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        side_layout.addWidget(self.findings_title)
        side_layout.addWidget(self.findings_label)
        side_layout.addWidget(self.reasons_widget)
        side_layout.addStretch(1)
        self.findings_area = QScrollArea()
        self.findings_area.setWidgetResizable(True)
        self.findings_area.setFrameShape(QFrame.Shape.NoFrame)
        self.findings_area.setWidget(side)
        self.findings_area.setMinimumWidth(260)
        self.columns = columns = QHBoxLayout()
        columns.addWidget(self.scroll_area, 3)
        columns.addWidget(self.findings_area, 2)
        deferral_row = QHBoxLayout()
        deferral_row.addWidget(self.deferral_button)
        deferral_row.addWidget(self.deferral_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addLayout(deferral_row)
        layout.addLayout(columns, 1)
        layout.addWidget(self.hint_label)
        self.deferral_button.clicked.connect(self._on_deferral_button_clicked)
        self.retranslate_ui()

    NARROW = 820
    """Below this width (a small screen at 150 %) the findings go under the questions."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Stack the findings under the questions when the step is narrow."""
        direction = (
            QBoxLayout.Direction.TopToBottom
            if event.size().width() < self.NARROW
            else QBoxLayout.Direction.LeftToRight
        )
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        super().resizeEvent(event)

    # -- texts --------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.title.setText(_tr("Screening"))
        self.findings_title.setText("<b>" + _tr("Findings") + "</b>")
        self.deferral_button.setText(_tr("&Record deferral"))
        self.deferral_button.setAccessibleName(_tr("Record deferral and write the letter"))
        for row in self.rows.values():
            row.retranslate_ui()
        if self.screening is not None:
            self._show()

    # -- showing ------------------------------------------------------------------------------
    def _show(self) -> None:
        if self._shown_cid != self.consultation_id:
            # No message outlives its consultation: the deferral shown is this one's, if any.
            self._shown_cid = self.consultation_id
            self._deferral = self.service.documents(self.consultation_id).get("deferral")
            self._show_deferral()
        result = self.screening
        if result is None:
            self.banner.setText(_tr("Complete the indications and the product plan first."))
            self.banner.setStyleSheet(VERDICT_STYLE["incomplete"])
            self._rebuild_rows(())
            self.findings_label.setText("")
            self._rebuild_reasons(())
            self.hint_label.setText(self.hint())
            return
        lang = self.language
        applicable = tuple(result.applicable_questions)
        if applicable != self._applicable:
            self._rebuild_rows(applicable)
        answers = self.case.get("answers") or {}
        previous = self.draft["extra"].get("previous_answers") or {}
        for qid, row in self.rows.items():
            row.set_answer(answers.get(qid))
            row.set_previous(previous.get(qid) if qid not in answers else None)
        answered = sum(1 for q in applicable if answers.get(q) in ("yes", "no"))
        self.progress_label.setText(
            _tr("Question %1 of %2 answered. Keys: Y yes, N no, U unsure; Up/Down to move.")
            .replace("%1", str(answered))
            .replace("%2", str(len(applicable)))
        )
        verdict = result.verdict.value
        self._show_banner()
        items = []
        colours = {"stop": "#b00020", "caution": "#8a5a00", "note": "#1565c0"}
        for finding in result.findings:
            level = finding.level.value
            items.append(
                f"<p><b style='color:{colours.get(level, '#000')}'>{_level_name(level)}</b> "
                f"{_escape(finding.message.get(lang))}</p>"
            )
        none = _tr("None so far.") if result.verdict.value == "incomplete" else _tr("None.")
        self.findings_label.setText("".join(items) or none)
        cautions = tuple(
            (f.id, f.message.get(lang)) for f in result.findings if f.level.value == "caution"
        )
        if cautions != self._cautions:
            self._rebuild_reasons(cautions)
        reasons = self.case.get("reasons") or {}
        for fid, box in self.reason_boxes.items():
            text = str(reasons.get(fid) or "")
            if box.edit.toPlainText() != text and not box.edit.hasFocus():
                box.edit.setPlainText(text)
        stop = verdict == "stop"
        self.deferral_button.setVisible(stop and self._deferral is None and not self.read_only)
        self.hint_label.setText(self.hint())

    def _show_banner(self) -> None:
        """The verdict, and whether what it asks is done (reasons written, deferral recorded)."""
        result = self.screening
        if result is None:
            return
        verdict = result.verdict.value
        texts = {
            "stop": _tr("STOP: treatment cannot go ahead today. Record the deferral."),
            "incomplete": _tr("INCOMPLETE: answer every question (unsure counts as unanswered)."),
            "caution": _tr("CAUTION: write a reason for each caution below to go on."),
            "proceed": _tr("PROCEED: no contraindication found."),
        }
        text = texts[verdict]
        if verdict == "stop" and self._deferral is not None:
            text = _tr("STOP: treatment cannot go ahead today. The deferral is recorded.")
        elif verdict == "caution" and not self._missing_reasons():
            text = _tr("CAUTION: a reason is written for each caution; you may go on.")
        self.banner.setText(text)
        self.banner.setStyleSheet(VERDICT_STYLE[verdict] + "font-weight:bold; font-size:12pt;")

    def _show_deferral(self) -> None:
        if self._deferral is None:
            self.deferral_label.clear()
            self.deferral_label.hide()
            self.deferral_button.setEnabled(True)
            return
        self.deferral_label.setText(
            _tr("Deferral recorded. Letter: %1").replace("%1", str(self._deferral))
        )
        self.deferral_label.show()
        self.deferral_button.setEnabled(False)

    def _missing_reasons(self) -> list[str]:
        result = self.screening
        if result is None:
            return []
        reasons = self.case.get("reasons") or {}
        return [
            f.id
            for f in result.findings
            if f.level.value == "caution" and not reason_counts(str(reasons.get(f.id) or ""))
        ]

    def _apply_read_only(self) -> None:
        """A sealed consultation: answers and reasons are shown, not changed."""
        for row in self.rows.values():
            row.set_read_only(self.read_only)
        for box in self.reason_boxes.values():
            box.edit.setReadOnly(self.read_only)
            box.previous_button.setEnabled(not self.read_only)
        if self.read_only:
            self.deferral_button.hide()

    def _rebuild_rows(self, applicable: tuple[str, ...]) -> None:
        focused = next((q for q, r in self.rows.items() if r.hasFocus()), None)
        for row in self.rows.values():
            row.hide()
            row.deleteLater()
        self.rows = {}
        protocol = self.protocol
        lang = self.language
        previous: QWidget | None = None
        for number, qid in enumerate(applicable, start=1):
            row = QuestionRow(qid, number, protocol.questions[qid].text.get(lang))
            row.answered.connect(self._on_row_answered)
            row.move_requested.connect(self._on_row_move_requested)
            row.focused.connect(self._on_row_focused)
            self.questions_layout.addWidget(row)
            self.rows[qid] = row
            if previous is not None:
                QWidget.setTabOrder(previous, row)
            previous = row
        self._applicable = applicable
        if focused in self.rows:
            self.rows[focused].setFocus()

    def _rebuild_reasons(self, cautions: tuple[tuple[str, str], ...]) -> None:
        for box in self.reason_boxes.values():
            box.hide()
            box.deleteLater()
        self.reason_boxes = {}
        for fid, message in cautions:
            box = ReasonBox(fid, message, language=self.language)
            if self.patient_id:
                box.offer(self.service.previous_reason(self.patient_id, fid))
            box.edit.textChanged.connect(lambda fid=fid: self._on_reason_changed(fid))
            box.previous_button.clicked.connect(lambda _=False, b=box: self._on_use_previous(b))
            self.reasons_layout.addWidget(box)
            self.reason_boxes[fid] = box
        self._cautions = cautions

    # -- state --------------------------------------------------------------------------------
    def hint(self) -> str:
        """What is still needed before going on, or an empty string."""
        result = self.screening
        if result is None:
            return _tr("Complete steps 2 and 3 first.")
        verdict = result.verdict.value
        if verdict == "stop":
            if self._deferral is not None:
                return _tr(
                    "STOP: the deferral is recorded and its letter written; this treatment "
                    "cannot be planned today."
                )
            return _tr("STOP: record the deferral; this treatment cannot be planned today.")
        if verdict == "incomplete":
            if self.draft["extra"].get("previous_answers"):
                return _tr(
                    "This consultation was left more than a day ago: ask the screening "
                    "questions again (last answers are shown, not counted)."
                )
            return _tr("Answer every question with yes or no.")
        if self._missing_reasons():
            return _tr("Write a reason for each caution (at least 2 words and 12 characters).")
        return ""

    def is_complete(self) -> bool:
        """A PROCEED or CAUTION verdict with every reason written."""
        return not self.hint()

    def status(self) -> str:
        """STOP when screening stopped the treatment."""
        result = self.screening
        if result is not None and result.verdict.value == "stop":
            return StepStatus.STOP
        return super().status()

    def focus_first(self) -> None:
        """Focus the first unanswered question."""
        answers = self.case.get("answers") or {}
        for qid, row in self.rows.items():
            if answers.get(qid) not in ("yes", "no"):
                row.setFocus()
                return
        if self.reason_boxes:
            next(iter(self.reason_boxes.values())).edit.setFocus()
        elif self.rows:
            next(iter(self.rows.values())).setFocus()

    # -- slots --------------------------------------------------------------------------------
    def _on_row_answered(self, qid: str, answer: str) -> None:
        answers = dict(self.case.get("answers") or {})
        answers[qid] = answer
        self.case["answers"] = answers
        self.rows[qid].set_answer(answer)
        self._on_row_move_requested(qid, 1)
        self._emit()

    def _on_row_focused(self, qid: str) -> None:
        row = self.rows.get(qid)
        if row is not None:
            self.scroll_area.ensureWidgetVisible(row)

    def _on_row_move_requested(self, qid: str, step: int) -> None:
        order = list(self.rows)
        index = order.index(qid) + step
        if 0 <= index < len(order):
            self.rows[order[index]].setFocus()
        else:
            # After the last question the focus stays there: extra Y/N presses must never type
            # into a reason box. Tab goes on to the reasons.
            self.rows[qid].setFocus()

    def _on_reason_changed(self, fid: str) -> None:
        if self._filling:
            return
        text = self.reason_boxes[fid].edit.toPlainText()
        reasons = dict(self.case.get("reasons") or {})
        if text.strip():
            reasons[fid] = text
        else:
            reasons.pop(fid, None)
        self.case["reasons"] = reasons
        self.hint_label.setText(self.hint())
        self._show_banner()
        self._emit()

    def _on_use_previous(self, box: ReasonBox) -> None:
        box.edit.setPlainText(box.previous)
        box.edit.moveCursor(QTextCursor.MoveOperation.End)  # ready to add to it
        box.edit.setFocus()

    def _on_deferral_button_clicked(self) -> None:
        if self.read_only:
            return
        try:
            path = self.service.record_deferral(self.consultation_id, self.draft)
        except Exception as exc:  # storage or document failure: say so inline, keep the draft
            self.deferral_label.setText(_tr("Not recorded: %1").replace("%1", str(exc)))
            self.deferral_label.show()
            return
        self._deferral = path
        self._show_deferral()
        self._show_banner()
        self.hint_label.setText(self.hint())
        self.deferral_button.hide()
        self.deferral_recorded.emit(path)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
