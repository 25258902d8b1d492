"""Record what was actually given, after consent (issue 18, the administration step).

The points come prefilled from the plan (the map's points, else one line per area and side with
the planned units); "Given as planned" (Ctrl+Return) seals them as they are. Each point's units
can be changed in the table. The vial's lot and expiry are typed or scanned (an expired vial is
refused with the reason); "Not given" needs a reason and seals no points. Sealing goes through
``ConsultationPort.record_administration``, which checks everything exactly as
``consult-app run`` checks a case file's ``administration``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.consultation_flow import SealResult
from consult_app.core.errors import CaseError
from consult_app.core.ports import ConsultationPort
from consult_app.core.sides import Sides, side_units

__all__ = ["AdministrationDialog", "planned_points"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdministrationDialog", text)


def planned_points(service: ConsultationPort, draft: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the points to prefill: the plan's map points, else one per planned area and side."""
    extra = draft.get("extra") or {}
    points = extra.get("map_points") if isinstance(extra, Mapping) else None
    if isinstance(points, list) and points:
        return [
            {k: p[k] for k in ("area", "side", "units", "x", "y") if k in p}
            for p in points
            if isinstance(p, Mapping)
        ]
    case = draft.get("case") or {}
    plan = case.get("plan") or {}
    protocol = service.protocol
    out = []
    for area, value in plan.items():
        if area not in protocol.areas:
            continue
        sides = value if isinstance(value, Mapping) else None
        total = float(sum(sides.values()) if sides else value)
        given = None
        if sides is not None:
            given = {area: Sides(float(sides.get("left", 0)), float(sides.get("right", 0)))}
        for side, units in side_units(protocol, area, total, given):
            if units > 0:
                out.append({"area": area, "side": side, "units": units})
    return out


class AdministrationDialog(QDialog):
    """The administration of one sealed, consented consultation."""

    def __init__(
        self,
        service: ConsultationPort,
        consultation_id: int,
        draft: Mapping[str, Any],
        *,
        lang: str = "en",
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.consultation_id = consultation_id
        self.lang = lang
        self.now = now
        self.result_sealed: SealResult | None = None
        case = draft.get("case") or {}
        consent = case.get("consent") or {}
        lot = case.get("lot") or {}
        self.points = planned_points(service, draft)
        self.setWindowTitle(_tr("What was given"))
        self.clinician_edit = QLineEdit(str(consent.get("clinician") or ""))
        self.lot_edit = QLineEdit(str(lot.get("number") or ""))
        self.expiry_edit = QLineEdit(str(lot.get("expiry") or ""))
        self.expiry_edit.setPlaceholderText(_tr("YYYY-MM-DD"))
        self.table = QTableWidget(len(self.points), 3)
        self.table.setHorizontalHeaderLabels([_tr("Area"), _tr("Side"), _tr("Units given")])
        self.unit_spins: list[QDoubleSpinBox] = []
        for row, point in enumerate(self.points):
            name = service.protocol.areas[point["area"]].name.get(lang)
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(_side(point["side"])))
            spin = QDoubleSpinBox()
            spin.setRange(0, 1000)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setValue(float(point["units"]))
            spin.setAccessibleName(_tr("Units given at point %1").replace("%1", str(row + 1)))
            self.table.setCellWidget(row, 2, spin)
            self.unit_spins.append(spin)
        self.table.resizeColumnsToContents()
        self.notes_edit = QLineEdit()
        self.notes_edit.setPlaceholderText(
            _tr("Notes: immediate reactions, and why when more was given than planned")
        )
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_tr("Why nothing was given (needed for Not given)"))
        self.message = QLabel()
        self.message.setObjectName("administrationMessage")
        self.message.setWordWrap(True)
        self.planned_button = QPushButton(_tr("&Given as planned (Ctrl+Enter)"))
        self.seal_button = QPushButton(_tr("&Seal what was given"))
        self.not_given_button = QPushButton(_tr("&Not given"))
        cancel = QPushButton(_tr("Cancel"))

        form = QFormLayout()
        form.addRow(_tr("Injected by"), self.clinician_edit)
        form.addRow(_tr("Vial lot"), self.lot_edit)
        form.addRow(_tr("Vial expiry"), self.expiry_edit)
        buttons = QHBoxLayout()
        for button in (self.planned_button, self.seal_button, self.not_given_button, cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes_edit)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.planned_button.clicked.connect(self.seal_as_planned)
        self.seal_button.clicked.connect(lambda: self._seal(self._given_points()))
        self.not_given_button.clicked.connect(self.seal_not_given)
        cancel.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.seal_as_planned)

    def _given_points(self) -> list[dict[str, Any]]:
        points = []
        for point, spin in zip(self.points, self.unit_spins, strict=True):
            if spin.value() > 0:
                points.append({**point, "units": spin.value()})
        return points

    def _vials(self) -> list[dict[str, Any]]:
        lot = self.lot_edit.text().strip()
        if not lot:
            return []
        vial: dict[str, Any] = {"lot": lot}
        if self.expiry_edit.text().strip():
            vial["expiry"] = self.expiry_edit.text().strip()
        return [vial]

    def seal_as_planned(self) -> bool:
        """Seal every point with its planned units."""
        for point, spin in zip(self.points, self.unit_spins, strict=True):
            spin.setValue(float(point["units"]))
        return self._seal(self._given_points())

    def seal_not_given(self) -> bool:
        """Seal "not given" with the reason typed."""
        reason = self.reason_edit.text().strip()
        if not reason:
            self.message.setText(_tr("Type why nothing was given."))
            self.reason_edit.setFocus()
            return False
        return self._submit({"not_given": reason})

    def _seal(self, points: Sequence[dict[str, Any]]) -> bool:
        planned = sum(float(p["units"]) for p in self.points)
        given = sum(float(p["units"]) for p in points)
        if given > planned and not self.notes_edit.text().strip():
            # Allowed, but a deviation from the consented plan needs its reason on the chart.
            self.message.setText(
                _tr("More is given than the consented plan (%1 U > %2 U): say why in the notes.")
                .replace("%1", f"{given:g}")
                .replace("%2", f"{planned:g}")
            )
            self.notes_edit.setFocus()
            return False
        return self._submit({"points": list(points), "vials": self._vials()})

    def _submit(self, body: dict[str, Any]) -> bool:
        administration = {"time": self.now().strftime("%Y-%m-%dT%H:%M"), **body}
        if self.notes_edit.text().strip():
            administration["notes"] = self.notes_edit.text().strip()
        clinician = self.clinician_edit.text().strip()
        if clinician:
            administration["clinician"] = clinician
        try:
            self.result_sealed = self.service.record_administration(
                self.consultation_id, administration
            )
        except (CaseError, ValueError, LookupError) as exc:
            self.message.setText(_explain(str(exc)))
            return False
        self.accept()
        return True


def _side(side: str) -> str:
    return {"left": _tr("left"), "right": _tr("right"), "midline": _tr("midline")}[side]


def _explain(error: str) -> str:
    """The refusal as the clinician reads it (an expired vial says so)."""
    if ".vials[0].expiry" in error and "expired" in error:
        return _tr("This vial has expired: it cannot be used.") + f" ({error})"
    if error.startswith("administration.vials"):
        return _tr("Scan or type the vial's lot.") + f" ({error})"
    return error
