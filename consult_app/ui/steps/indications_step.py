"""Step 2: indications (therapeutic, cosmetic), proposed areas, diagnosis basis, baseline scores."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.diagnosis import diagnosis_shortfall
from consult_app.core.plan import default_plan
from consult_app.ui.steps.base import ConsultationPort, StepWidget
from consult_app.ui.widgets.optional_spin_box import OptionalSpinBox


def _tr(text: str) -> str:
    return QCoreApplication.translate("IndicationsStep", text)


def _units(value: float) -> str:
    return f"{value:g}"


class IndicationsStep(StepWidget):
    """Choose indications; each proposes its areas (and units once the product is known)."""

    step_id = "indications"

    def __init__(self, service: ConsultationPort, parent: QWidget | None = None) -> None:
        super().__init__(service, parent)
        self._tab_ids: list[str] = []
        self.title = QLabel()
        self.title.setObjectName("stepTitle")
        self.therapeutic_box = QGroupBox()
        self.cosmetic_box = QGroupBox()
        self._box_layouts = {
            "therapeutic": QVBoxLayout(self.therapeutic_box),
            "cosmetic": QVBoxLayout(self.cosmetic_box),
        }
        self.checks: dict[str, QCheckBox] = {}
        self.area_labels: dict[str, QLabel] = {}
        self.diagnosis_label = QLabel()
        self.diagnosis_edit = QPlainTextEdit()
        self.diagnosis_edit.setTabChangesFocus(True)
        self.diagnosis_edit.setFixedHeight(64)
        self.diagnosis_label.setBuddy(self.diagnosis_edit)
        # 1.1: who examined and authorized, when the injector is not the prescriber.
        self.prescriber_label = QLabel()
        self.prescriber_edit = QLineEdit()
        self.prescriber_edit.setObjectName("prescriber")
        self.prescriber_label.setBuddy(self.prescriber_edit)
        self.outcomes_box = QGroupBox()
        self.outcomes_form = QFormLayout(self.outcomes_box)
        self.outcome_spins: dict[str, OptionalSpinBox] = {}
        self.outcome_labels: dict[str, QLabel] = {}
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setObjectName("stepHint")
        self.hint_label.hide()  # the consultation view shows the hint beside Next

        self.columns = columns = QHBoxLayout()
        columns.addWidget(self.therapeutic_box, 1)
        columns.addWidget(self.cosmetic_box, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        # The body never shrinks below its minimum: the scroll area scrolls instead (without
        # this, height-for-width let group boxes be squeezed on small screens).
        body_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        body_layout.addWidget(self.title)
        body_layout.addLayout(columns)
        body_layout.addWidget(self.diagnosis_label)
        body_layout.addWidget(self.diagnosis_edit)
        body_layout.addWidget(self.prescriber_label)
        body_layout.addWidget(self.prescriber_edit)
        body_layout.addWidget(self.outcomes_box)
        body_layout.addWidget(self.hint_label)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.diagnosis_edit.textChanged.connect(self._on_diagnosis_edit_text_changed)
        self.prescriber_edit.textEdited.connect(self._on_prescriber_edited)
        self._built_for: object = None
        self.retranslate_ui()

    NARROW = 760
    """Below this width (a small screen at 150 %) cosmetic goes under therapeutic."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Stack the two groups when the step is narrow."""
        direction = (
            QBoxLayout.Direction.TopToBottom
            if event.size().width() < self.NARROW
            else QBoxLayout.Direction.LeftToRight
        )
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        super().resizeEvent(event)

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        protocol = self.protocol
        if self._built_for is protocol:
            return
        self._built_for = protocol
        lang = self.language
        for iid, indication in protocol.indications.items():
            check = QCheckBox(indication.name.get(lang))
            check.setAccessibleName(indication.name.get(lang))
            check.setObjectName(f"indication_{iid}")
            areas = QLabel()
            areas.setWordWrap(True)
            areas.setIndent(24)
            areas.setObjectName("proposedAreas")
            areas.hide()
            layout = self._box_layouts[
                "cosmetic" if indication.kind == "cosmetic" else "therapeutic"
            ]
            layout.addWidget(check)
            layout.addWidget(areas)
            check.toggled.connect(lambda on, iid=iid: self._on_check_toggled(iid, on))
            self.checks[iid] = check
            self.area_labels[iid] = areas
        for box_layout in self._box_layouts.values():
            box_layout.addStretch(1)
        for oid, outcome in protocol.outcomes.items():
            spin = OptionalSpinBox()
            # One below the minimum means "not recorded".
            spin.setRange(outcome.min - 1, outcome.max)
            spin.setSpecialValueText(_tr("not recorded"))
            spin.setAccessibleName(outcome.name.get(lang))
            spin.setObjectName(f"outcome_{oid}")
            spin.setMaximumWidth(200)
            label = QLabel(outcome.name.get(lang))
            label.setBuddy(spin)
            self.outcomes_form.addRow(label, spin)
            spin.valueChanged.connect(lambda value, oid=oid: self._on_outcome_changed(oid, value))
            self.outcome_spins[oid] = spin
            self.outcome_labels[oid] = label
        # Tab order: therapeutic, cosmetic, diagnosis, outcomes.
        ids = list(protocol.indications)
        ids.sort(key=lambda i: protocol.indications[i].kind == "cosmetic")  # left column first
        self._tab_ids = ids
        order: list[QWidget] = [self.checks[i] for i in ids]
        order += [self.diagnosis_edit, self.prescriber_edit, *self.outcome_spins.values()]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- showing ------------------------------------------------------------------------------
    def _show(self) -> None:
        self._build()
        protocol = self.protocol
        lang = self.language
        chosen = list(self.case.get("indications") or [])
        product = str(self.case.get("product") or "")
        for iid, check in self.checks.items():
            check.setChecked(iid in chosen)
            label = self.area_labels[iid]
            if iid in chosen:
                indication = protocol.indications[iid]
                if product in protocol.products:
                    units = default_plan(protocol, [iid], product)
                    parts = [
                        f"{protocol.areas[a].name.get(lang)} {_units(u)} U"
                        if u
                        else protocol.areas[a].name.get(lang)
                        for a, u in units.items()
                    ]
                else:
                    parts = [protocol.areas[a].name.get(lang) for a in indication.areas]
                label.setText(_tr("Proposed areas: %1").replace("%1", ", ".join(parts)))
                label.show()
            else:
                label.hide()
        therapeutic = self._therapeutic_chosen()
        self.diagnosis_label.setVisible(therapeutic)
        self.diagnosis_edit.setVisible(therapeutic)
        diagnosis = str(self.case.get("diagnosis") or "")
        if self.diagnosis_edit.toPlainText() != diagnosis:
            self.diagnosis_edit.setPlainText(diagnosis)
        prescriber = str(self.case.get("prescriber") or "")
        if self.prescriber_edit.text() != prescriber:
            self.prescriber_edit.setText(prescriber)
        wanted = [o for i in chosen for o in protocol.indications[i].outcomes]
        outcomes = self.case.get("outcomes") or {}
        for oid, spin in self.outcome_spins.items():
            visible = oid in wanted
            spin.setVisible(visible)
            self.outcome_labels[oid].setVisible(visible)
            value = outcomes.get(oid)
            spin.setValue(int(value) if isinstance(value, int | float) else spin.minimum())
        self.outcomes_box.setVisible(bool(wanted))
        self.hint_label.setText(self.hint())

    def _therapeutic_chosen(self) -> bool:
        protocol = self.protocol
        return any(
            protocol.indications[i].kind != "cosmetic" for i in self.case.get("indications") or []
        )

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.title.setText(_tr("Indications and areas"))
        self.therapeutic_box.setTitle(_tr("Therapeutic"))
        self.cosmetic_box.setTitle(_tr("Cosmetic"))
        self.diagnosis_label.setText(
            _tr("&Diagnosis basis, required for therapeutic use (diagnosis, examined by)")
        )
        self.diagnosis_edit.setAccessibleName(_tr("Diagnosis basis"))
        self.diagnosis_edit.setPlaceholderText(
            _tr("e.g. Chronic migraine (ICHD-3), examined by Dr A. Smith on 2026-10-02")
        )
        self.prescriber_label.setText(
            _tr("P&rescriber who examined and authorized, when not the injector (optional)")
        )
        self.prescriber_edit.setAccessibleName(_tr("Prescriber"))
        self.prescriber_edit.setPlaceholderText(_tr("e.g. Dr P. Raman (neurology)"))
        self.outcomes_box.setTitle(_tr("Baseline scores"))
        self.hint_label.setText(self.hint())

    # -- state --------------------------------------------------------------------------------
    def hint(self) -> str:
        """What is still needed before going on, or an empty string."""
        if not self.case.get("indications"):
            return _tr("Choose at least one indication.")
        if self._therapeutic_chosen():
            lacking = diagnosis_shortfall(str(self.case.get("diagnosis") or ""))
            if lacking is not None:
                # The same rule and words as the case runner's exit 4 (core.diagnosis).
                return lacking.get(self.language)
        return ""

    def is_complete(self) -> bool:
        """At least one indication; a diagnosis basis for therapeutic use."""
        return not self.hint()

    def focus_first(self) -> None:
        """Focus the first indication."""
        ids = self._tab_ids or list(self.checks)
        if ids:
            self.checks[ids[0]].setFocus()

    def _apply_read_only(self) -> None:
        """A sealed consultation: nothing can be ticked or typed."""
        for check in self.checks.values():
            check.setEnabled(not self.read_only)
        self.diagnosis_edit.setReadOnly(self.read_only)
        self.prescriber_edit.setReadOnly(self.read_only)
        for spin in self.outcome_spins.values():
            spin.setReadOnly(self.read_only)

    # -- slots --------------------------------------------------------------------------------
    def _on_check_toggled(self, iid: str, on: bool) -> None:
        if self._filling:
            return
        protocol = self.protocol
        chosen = [i for i in self.case.get("indications") or [] if i != iid]
        if on:
            chosen.append(iid)
        order = list(protocol.indications)
        chosen.sort(key=order.index)
        self.case["indications"] = chosen
        self._update_plan()
        self._filling = True
        try:
            self._show()
        finally:
            self._filling = False
        self._emit()

    def _update_plan(self) -> None:
        """Propose the areas of the chosen indications, keeping units already edited."""
        protocol = self.protocol
        product = str(self.case.get("product") or "")
        if product not in protocol.products:
            return
        chosen = self.case.get("indications") or []
        proposed = default_plan(protocol, chosen, product)
        old: dict[str, Any] = dict(self.case.get("plan") or {})
        plan = {a: old.get(a, u) for a, u in proposed.items()}
        self.case["plan"] = plan

    def _on_diagnosis_edit_text_changed(self) -> None:
        if self._filling:
            return
        text = self.diagnosis_edit.toPlainText()
        if text.strip():
            self.case["diagnosis"] = text
        else:
            self.case.pop("diagnosis", None)
        self.hint_label.setText(self.hint())
        self._emit()

    def _on_prescriber_edited(self, text: str) -> None:
        if text.strip():
            self.case["prescriber"] = text
        else:
            self.case.pop("prescriber", None)
        self._emit()

    def _on_outcome_changed(self, oid: str, value: int) -> None:
        if self._filling:
            return
        outcomes = dict(self.case.get("outcomes") or {})
        if value < self.outcome_spins[oid].minimum() + 1:
            outcomes.pop(oid, None)
        else:
            outcomes[oid] = value
        if outcomes:
            self.case["outcomes"] = outcomes
        else:
            self.case.pop("outcomes", None)
        self._emit()
