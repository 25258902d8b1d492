"""Step 3: product, lot and expiry (typed or scanned), dilution, units per area, label status."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.plan import default_dilution, default_plan, sites_for, volume_ml
from consult_app.core.sides import LEFT, RIGHT, entry_sides, entry_total, is_half_units
from consult_app.core.vial import gtin_check_digit_ok, scanned_expiry_for
from consult_app.ui.steps.base import ConsultationPort, StepWidget
from consult_app.ui.steps.plan_map import PlanMap

_HRI = re.compile(r"\((\d{2,4})\)([^()]*)")
GS = "\x1d"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProductStep", text)


@dataclass(frozen=True, slots=True)
class ScannedLot:
    """What a GS1 barcode said about the vial."""

    lot: str | None
    expiry: dt.date | None
    gtin: str | None = None


def parse_gs1(text: str) -> ScannedLot | None:
    r"""Read lot (AI 10) and expiry (AI 17) from a scanned GS1 string, or None if it is not one.

    Accepts the human-readable form ``(01)...(17)YYMMDD(10)LOT`` and the raw form with FNC1/GS
    separators (``\\x1d``) or a symbology prefix (``]d2``, ``]C1``), as USB scanners type them.
    """
    import biip

    text = text.replace(GS_SHOWN, GS).strip()
    if not text:
        return None
    if text.startswith("("):
        parts = _HRI.findall(text)
        if not parts:
            return None
        # Every variable-length element ends with a separator, so the raw parser splits right.
        text = GS.join(ai + value for ai, value in parts)
    elif not (text[0] == "]" or GS in text or (text[:2].isdigit() and len(text) >= 10)):
        return None
    result = biip.parse(text)
    message = result.gs1_message
    if message is None:
        return None
    lot: str | None = None
    expiry: dt.date | None = None
    gtin: str | None = None
    for element in message.element_strings:
        if element.ai.ai == "10":
            lot = element.value
        elif element.ai.ai == "17":
            expiry = element.date
        elif element.ai.ai == "01":
            gtin = element.value
    if lot is None and expiry is None:
        return None
    return ScannedLot(lot, expiry, gtin)


def _fmt(value: float, digits: int = 2) -> str:
    """A volume or dose, trailing zeros dropped, with the locale's decimal sign (0,1 in French)."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if value else "0"
    return text.replace(".", QLocale().decimalPoint())


GS_SHOWN = "\u241d"
"""How a group separator is shown in the lot field (QLineEdit drops control characters)."""


class ScannerLineEdit(QLineEdit):
    """A line edit that keeps the GS1 group separator a USB scanner types as Ctrl+]."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Show GS (FNC1) as a visible symbol instead of dropping it."""
        ctrl_bracket = event.key() == Qt.Key.Key_BracketRight and bool(
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if event.text() == GS or ctrl_bracket:
            self.insert(GS_SHOWN)
            return
        super().keyPressEvent(event)


class ProductStep(StepWidget):
    """Product and dose plan; the label status of each indication for the product."""

    step_id = "product"

    def __init__(self, service: ConsultationPort, parent: QWidget | None = None) -> None:
        super().__init__(service, parent)
        self.title = QLabel()
        self.title.setObjectName("stepTitle")
        self.product_combo = QComboBox()
        self.product_label = QLabel()
        self.product_label.setBuddy(self.product_combo)
        self.label_status = QLabel()
        self.label_status.setWordWrap(True)
        self.label_status.setTextFormat(Qt.TextFormat.RichText)
        self.label_status.setObjectName("labelStatus")
        self.lot_edit = ScannerLineEdit()
        self.lot_edit.setMaxLength(200)
        self.lot_label = QLabel()
        self.lot_label.setBuddy(self.lot_edit)
        self.expiry_edit = QLineEdit()
        self.expiry_edit.setMaxLength(10)
        self.expiry_label = QLabel()
        self.expiry_label.setBuddy(self.expiry_edit)
        self.lot_message = QLabel()
        self.lot_message.setWordWrap(True)
        self.lot_message.setObjectName("lotMessage")
        self.lot_message.hide()
        self.dilution_spin = QDoubleSpinBox()
        self.dilution_spin.setRange(1, 1000)
        self.dilution_spin.setDecimals(1)
        self.dilution_spin.setSingleStep(5)
        self.dilution_label = QLabel()
        self.dilution_label.setBuddy(self.dilution_spin)
        self.plan_box = QGroupBox()
        self.plan_grid = QGridLayout(self.plan_box)
        self.add_combo = QComboBox()
        self.add_button = QPushButton()
        self.total_label = QLabel()
        self.total_label.setObjectName("planTotal")
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setObjectName("stepHint")
        self.unit_spins: dict[str, QDoubleSpinBox] = {}
        self.remove_buttons: dict[str, QToolButton] = {}
        self._row_labels: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        self._plan_areas: tuple[str, ...] = ()
        self._volume_labels: dict[str, QLabel] = {}
        self._lot_problem = ""
        self.side_spins: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        self._shown_cid = -1
        self._headers = [QLabel() for _ in range(7)]

        for field in (self.product_combo, self.lot_edit, self.expiry_edit, self.dilution_spin):
            field.setMaximumWidth(420)
        self.hint_label.hide()  # the consultation view shows the hint beside Next
        form = QFormLayout()
        form.addRow(self.product_label, self.product_combo)
        form.addRow(self.lot_label, self.lot_edit)
        form.addRow(self.expiry_label, self.expiry_edit)
        form.addRow("", self.lot_message)
        form.addRow(self.dilution_label, self.dilution_spin)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_combo, 1)
        add_row.addWidget(self.add_button)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        # The body never shrinks below its minimum: the scroll area scrolls instead (without
        # this, height-for-width let group boxes be squeezed on small screens).
        body_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        body_layout.addWidget(self.title)
        body_layout.addLayout(form)
        body_layout.addWidget(self.label_status)
        body_layout.addWidget(self.plan_box)
        body_layout.addLayout(add_row)
        body_layout.addWidget(self.total_label)
        self.plan_map = PlanMap(self)
        body_layout.addWidget(self.plan_map)
        body_layout.addWidget(self.hint_label)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.product_combo.activated.connect(self._on_product_combo_activated)
        self.lot_edit.textEdited.connect(self._on_lot_edit_text_edited)
        self.lot_edit.editingFinished.connect(self._on_lot_edit_editing_finished)
        self.expiry_edit.editingFinished.connect(self._on_expiry_edit_editing_finished)
        self.expiry_edit.textEdited.connect(self._on_expiry_edit_text_edited)
        self.dilution_spin.valueChanged.connect(self._on_dilution_spin_value_changed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.retranslate_ui()

    # -- texts --------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.plan_map.retranslate_ui()
        self.title.setText(_tr("Product and dose plan"))
        self.product_label.setText(_tr("P&roduct"))
        self.product_combo.setAccessibleName(_tr("Product"))
        self.lot_label.setText(_tr("&Lot number"))
        self.lot_edit.setAccessibleName(_tr("Lot number"))
        self.lot_edit.setPlaceholderText(_tr("type, or scan the vial's barcode"))
        self.expiry_label.setText(_tr("E&xpiry"))
        self.expiry_edit.setAccessibleName(_tr("Expiry date"))
        self.expiry_edit.setPlaceholderText(_tr("YYYY-MM-DD"))
        self.dilution_label.setText(_tr("&Dilution"))
        self.dilution_spin.setAccessibleName(_tr("Dilution in units per mL"))
        self.dilution_spin.setSuffix(_tr(" U/mL"))
        self.plan_box.setTitle(_tr("Units per area"))
        self.add_combo.setAccessibleName(_tr("Area to add"))
        self.add_button.setText(_tr("&Add area"))
        self.add_button.setAccessibleName(_tr("Add area"))
        for label, text in zip(
            self._headers,
            (
                _tr("Area"),
                _tr("Units"),
                _tr("Left"),
                _tr("Right"),
                _tr("Sites"),
                _tr("U/site"),
                _tr("mL/site"),
            ),
            strict=True,
        ):
            label.setText(f"<b>{text}</b>")
        if self.consultation_id:
            self._show()

    # -- showing ------------------------------------------------------------------------------
    def _show(self) -> None:
        if self._shown_cid != self.consultation_id:
            # No message outlives its consultation.
            self._shown_cid = self.consultation_id
            self._lot_problem = ""
        protocol = self.protocol
        lang = self.language
        jur = self.jurisdiction
        product = str(self.case.get("product") or "")
        if self.product_combo.count() != len(protocol.products) + 1:
            self.product_combo.clear()
            self.product_combo.addItem(_tr("Choose the product..."), "")
            for pid, p in protocol.products.items():
                self.product_combo.addItem(p.display_name(jur), pid)
        self.product_combo.setCurrentIndex(max(self.product_combo.findData(product or ""), 0))
        has_product = product in protocol.products
        for widget in (self.lot_edit, self.expiry_edit, self.dilution_spin, self.add_combo):
            widget.setEnabled(has_product)
        self.add_button.setEnabled(has_product)
        lot = self.case.get("lot") or {}
        if not self.lot_edit.hasFocus() and self.lot_edit.text() != (lot.get("number") or ""):
            self.lot_edit.setText(str(lot.get("number") or ""))
        if not self.expiry_edit.hasFocus():
            self.expiry_edit.setText(str(lot.get("expiry") or ""))
        self._show_lot_message()
        indications = list(self.case.get("indications") or [])
        if has_product:
            dilution = self.case.get("dilution_units_per_ml") or default_dilution(
                protocol, indications, product
            )
            self.dilution_spin.setValue(float(dilution))
            self.label_status.setText(self._label_text(indications, product, jur, lang))
        else:
            self.label_status.setText("")
        self._show_plan()
        self.plan_map.show_draft()
        self.hint_label.setText(self.hint())

    def _label_text(self, indications: list[str], product: str, jur: str, lang: str) -> str:
        protocol = self.protocol
        rows = []
        for iid in indications:
            name = protocol.indications[iid].name.get(lang)
            if protocol.is_authorized(iid, product, jur):
                status = "<span style='color:#1b5e20'>" + _tr("on-label") + "</span>"
            else:
                status = (
                    "<b style='color:#b00020'>"
                    + _tr("OFF-LABEL here: disclose it in the consent")
                    + "</b>"
                )
            rows.append(f"{name}: {status}")
        title = _tr("Label status (%1, %2)").replace(
            "%1", protocol.products[product].display_name(jur)
        )
        title = title.replace("%2", protocol.jurisdictions[jur].name.get(lang))
        return f"<b>{title}</b><br>" + "<br>".join(rows)

    def _show_plan(self) -> None:
        protocol = self.protocol
        lang = self.language
        plan: dict[str, Any] = dict(self.case.get("plan") or {})
        product = str(self.case.get("product") or "")
        order = list(protocol.areas)
        areas = tuple(sorted(plan, key=lambda a: order.index(a) if a in order else len(order)))
        if areas != self._plan_areas:
            self._rebuild_plan_rows(areas)
        indications = list(self.case.get("indications") or [])
        if product not in protocol.products:
            self.total_label.setText("")
            return
        dilution = float(self.dilution_spin.value())
        sites = sites_for(protocol, indications, product, areas)
        total_units = 0.0
        total_volume = 0.0
        total_sites = 0
        for area in areas:
            units = entry_total(plan[area])
            spin = self.unit_spins[area]
            if not spin.hasFocus() and spin.value() != units:
                spin.setValue(units)
            sides = entry_sides(plan[area])
            for side_spin, side_units in zip(
                self.side_spins.get(area, ()), (sides.left, sides.right), strict=False
            ):
                if not side_spin.hasFocus() and side_spin.value() != side_units:
                    side_spin.setValue(side_units)
            count = sites[area]
            volume = volume_ml(units, dilution)
            _name, sites_label, per_site = self._row_labels[area]
            sites_label.setText(str(count))
            self._row_labels[area][2].setText(_fmt(units / count, 2))
            self._volume_labels[area].setText(_fmt(volume / count, 3))
            total_units += units
            total_volume += volume
            total_sites += count
        self.total_label.setText(
            _tr("Total: %1 U of %2, %3 mL, %4 sites")
            .replace("%1", _fmt(total_units, 1))
            .replace("%2", protocol.products[product].display_name(self.jurisdiction))
            .replace("%3", _fmt(total_volume, 2))
            .replace("%4", str(total_sites))
        )
        self.add_combo.clear()
        for aid, spec in protocol.areas.items():
            if aid not in plan:
                self.add_combo.addItem(spec.name.get(lang), aid)

    def _rebuild_plan_rows(self, areas: tuple[str, ...]) -> None:
        protocol = self.protocol
        lang = self.language
        while self.plan_grid.count():
            item = self.plan_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in self._headers:
                widget.hide()
                widget.deleteLater()
        for col, header in enumerate(self._headers):
            self.plan_grid.addWidget(header, 0, col)
        self.unit_spins = {}
        self.side_spins = {}
        self.remove_buttons = {}
        self._row_labels = {}
        self._volume_labels = {}
        previous: QWidget = self.dilution_spin
        for row, area in enumerate(areas, start=1):
            name = protocol.areas[area].name.get(lang)
            name_label = QLabel(name)
            name_label.setWordWrap(True)  # long names take two lines on a small screen
            spin = QDoubleSpinBox()
            spin.setRange(0, 1000)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setAccessibleName(_tr("Units for %1").replace("%1", name))
            spin.setObjectName(f"units_{area}")
            name_label.setBuddy(spin)
            sites_label = QLabel()
            per_site = QLabel()
            volume = QLabel()
            remove = QToolButton()
            remove.setText("\u2715")
            remove.setToolTip(_tr("Remove %1").replace("%1", name))
            remove.setAccessibleName(_tr("Remove %1").replace("%1", name))
            self.plan_grid.addWidget(name_label, row, 0)
            self.plan_grid.addWidget(spin, row, 1)
            side_widgets = self._side_widgets(area, name, row)
            self.plan_grid.addWidget(sites_label, row, 4)
            self.plan_grid.addWidget(per_site, row, 5)
            self.plan_grid.addWidget(volume, row, 6)
            self.plan_grid.addWidget(remove, row, 7)
            spin.valueChanged.connect(lambda value, area=area: self._on_units_changed(area, value))
            remove.clicked.connect(lambda _=False, area=area: self._on_remove_clicked(area))
            self.unit_spins[area] = spin
            self.remove_buttons[area] = remove
            self._row_labels[area] = (name_label, sites_label, per_site)
            self._volume_labels[area] = volume
            QWidget.setTabOrder(previous, spin)
            previous = spin
            for widget in side_widgets:
                QWidget.setTabOrder(previous, widget)
                previous = widget
            QWidget.setTabOrder(previous, remove)
            previous = remove
        QWidget.setTabOrder(previous, self.add_combo)
        QWidget.setTabOrder(self.add_combo, self.add_button)
        self.plan_grid.setColumnStretch(0, 1)
        self._plan_areas = areas

    def _side_widgets(self, area: str, name: str, row: int) -> tuple[QDoubleSpinBox, ...]:
        """Left and right spin boxes for a bilateral area; a "Midline" note for a midline one."""
        if not self.protocol.areas[area].bilateral:
            note = QLabel(_tr("Midline"))
            note.setObjectName(f"midline_{area}")
            self.plan_grid.addWidget(note, row, 2, 1, 2)
            return ()
        spins = []
        for column, side in ((2, LEFT), (3, RIGHT)):
            side_spin = QDoubleSpinBox()
            side_spin.setRange(0, 1000)
            side_spin.setDecimals(1)
            side_spin.setSingleStep(0.5)
            side_spin.setObjectName(f"units_{area}_{side}")
            side_spin.setAccessibleName(
                (
                    _tr("Units for %1, patient's left")
                    if side == LEFT
                    else _tr("Units for %1, patient's right")
                ).replace("%1", name)
            )
            side_spin.valueChanged.connect(
                lambda value, area=area, side=side: self._on_side_changed(area, side, value)
            )
            self.plan_grid.addWidget(side_spin, row, column)
            spins.append(side_spin)
        self.side_spins[area] = (spins[0], spins[1])
        return tuple(spins)

    def _show_lot_message(self) -> None:
        scan = self.draft["extra"].get("lot_scan")
        lot = str((self.case.get("lot") or {}).get("number") or "")
        gtin = scan.get("gtin") if isinstance(scan, dict) and scan.get("lot") == lot else None
        if self._lot_problem:
            self.lot_message.setWordWrap(True)
            self.lot_message.setText(self._lot_problem)
            self.lot_message.setStyleSheet("color: #b00020; font-weight: bold;")
            self.lot_message.show()
        elif lot and gtin:
            self.lot_message.setText(_tr("Scanned: GTIN %1").replace("%1", str(gtin)))
            self.lot_message.setWordWrap(False)  # short; a wrapping label squeezed the grid
            self.lot_message.setStyleSheet("color: #1b5e20;")
            self.lot_message.show()
        else:
            self.lot_message.hide()

    # -- state --------------------------------------------------------------------------------
    def _today(self) -> dt.date:
        text = self.case.get("date")
        try:
            return dt.date.fromisoformat(text) if isinstance(text, str) else dt.date.today()
        except ValueError:
            return dt.date.today()

    def hint(self) -> str:
        """What is still needed before going on, or an empty string."""
        protocol = self.protocol
        if self.case.get("product") not in protocol.products:
            return _tr("Choose the product.")
        plan = self.case.get("plan") or {}
        if not plan:
            return _tr("Plan at least one area.")
        if any(entry_total(u) <= 0 for u in plan.values()):
            return _tr("Give the units for every area (or remove it).")
        if not all(is_half_units(u) for u in plan.values()):
            return _tr("Units are whole or half units.")
        # The lot is needed to seal, not to screen: a patient is screened before a vial is
        # opened. A problem with it is said beside the lot field.
        return ""

    def is_complete(self) -> bool:
        """Product, plan with units, and a lot that is not expired."""
        return not self.hint()

    def focus_first(self) -> None:
        """Focus the product."""
        self.product_combo.setFocus()

    def _apply_read_only(self) -> None:
        """A sealed consultation: product, lot, dilution and units are shown, not edited."""
        locked = self.read_only
        self.product_combo.setEnabled(not locked)
        for button in self.remove_buttons.values():
            button.setEnabled(not locked)
        if locked:
            self.add_combo.setEnabled(False)
            self.add_button.setEnabled(False)
        for line in (self.lot_edit, self.expiry_edit):
            line.setReadOnly(locked)
        sides = [spin for pair in self.side_spins.values() for spin in pair]
        for spin in (self.dilution_spin, *self.unit_spins.values(), *sides):
            spin.setReadOnly(locked)
        self.plan_map.setEnabled(not locked)

    def _emit(self) -> None:
        """Bring the map's points in step with a plan the grid changed, then emit the draft."""
        if not self._filling and not self.read_only:
            self.plan_map.before_emit()
        super()._emit()

    def refresh_from_map(self) -> None:
        """The map changed the plan: show it in the grid and emit the draft."""
        self._refresh()
        self._emit()

    # -- slots --------------------------------------------------------------------------------
    def _on_product_combo_activated(self, index: int) -> None:
        product = self.product_combo.itemData(index) or None
        if product == self.case.get("product"):
            return
        protocol = self.protocol
        if product is None:
            self.case.pop("product", None)
            self.case.pop("plan", None)
        else:
            self.case["product"] = product
            # Units belong to a product and are never converted: the plan starts again from the
            # new product's defaults for the same indications.
            plan = default_plan(protocol, self.case.get("indications") or [], product)
            self.case["plan"] = plan
        self.case.pop("dilution_units_per_ml", None)
        self._refresh()
        self._emit()

    def _refresh(self) -> None:
        self._filling = True
        try:
            self._show()
        finally:
            self._filling = False

    def _on_lot_edit_text_edited(self, text: str) -> None:
        if GS_SHOWN in text or text.startswith(("(", "]")):
            return  # a scanner is typing: wait for the end of the code
        self._store_lot(text.strip(), self._lot_expiry())
        self._emit()

    def _on_lot_edit_editing_finished(self) -> None:
        text = self.lot_edit.text()
        scanned = parse_gs1(text)
        if scanned is None:
            if text.strip() != str((self.case.get("lot") or {}).get("number") or ""):
                self._store_lot(text.strip(), self._lot_expiry())
                self._emit()
            return
        if scanned.gtin is not None and not gtin_check_digit_ok(scanned.gtin):
            # A misread: nothing of this scan is kept.
            self.lot_edit.clear()
            self.expiry_edit.clear()
            self.case.pop("lot", None)
            self.draft["extra"].pop("lot_scan", None)
            self._lot_problem = _tr(
                "The barcode was misread (GTIN %1 has a wrong check digit): scan it again."
            ).replace("%1", scanned.gtin)
            self._refresh()
            self._emit()
            return
        expiry = scanned.expiry or self._lot_expiry()
        if scanned.lot and scanned.expiry is not None and scanned.expiry < self._today():
            # The barcode is the vial's own word: this lot stays refused for the consultation,
            # whatever expiry is typed for it afterwards.
            expired = dict(self.draft["extra"].get("expired_scans") or {})
            expired[scanned.lot] = scanned.expiry.isoformat()
            self.draft["extra"]["expired_scans"] = expired
        self.lot_edit.setText(scanned.lot or "")
        self.expiry_edit.setText(expiry.isoformat() if expiry else "")
        self._store_lot(scanned.lot or "", expiry)
        if "lot" in self.case:
            # Kept with the lot: what the vial's barcode said (GTIN shown beside the lot).
            self.draft["extra"]["lot_scan"] = {
                "lot": scanned.lot or "",
                "expiry": expiry.isoformat() if expiry else None,
                "gtin": scanned.gtin,
            }
        else:
            self.draft["extra"].pop("lot_scan", None)
        self._refresh()
        self._emit()

    def _lot_expiry(self) -> dt.date | None:
        text = self.expiry_edit.text().strip()
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError:
            return None

    def _on_expiry_edit_text_edited(self, text: str) -> None:
        # A complete date is taken at once (an expired one refused at once).
        if len(text.strip()) == 10 and self._lot_expiry() is not None:
            self._on_expiry_edit_editing_finished()

    def _on_expiry_edit_editing_finished(self) -> None:
        text = self.expiry_edit.text().strip()
        expiry = self._lot_expiry()
        if text and expiry is None:
            self._lot_problem = _tr("The expiry is not a date: use YYYY-MM-DD.")
            self._show_lot_message()
            self.hint_label.setText(self.hint())
            return
        current = (self.case.get("lot") or {}).get("expiry")
        if expiry is not None and expiry.isoformat() == current and not self._lot_problem:
            return
        number = self.lot_edit.text().strip()
        scanned = scanned_expiry_for(self.draft["extra"].get("lot_scan"), number)
        if scanned is not None and expiry != scanned:
            # The vial's barcode said otherwise: the scan wins, the typed date is refused.
            self._lot_problem = (
                _tr("Lot %1 was scanned with expiry %2: the date typed contradicts the vial.")
                .replace("%1", number)
                .replace("%2", scanned.isoformat())
            )
            self.expiry_edit.setText(scanned.isoformat())
            self._show_lot_message()
            return
        self._store_lot(number, expiry)
        self._refresh()
        self._emit()

    def _store_lot(self, number: str, expiry: dt.date | None) -> None:
        self._lot_problem = ""
        scanned_expired = (self.draft["extra"].get("expired_scans") or {}).get(number)
        if expiry is not None and expiry < self._today():
            # Expired stock is refused on the spot: the lot is not kept.
            self._lot_problem = _tr(
                "Expired on %1: do not use this vial. Take another one."
            ).replace("%1", expiry.isoformat())
            self.case.pop("lot", None)
            self.lot_edit.clear()
            self.expiry_edit.clear()
        elif number and isinstance(scanned_expired, str):
            # Typed by hand after its barcode said expired: refused like the scan itself.
            self._lot_problem = (
                _tr("Lot %1 was scanned as expired on %2: do not use this vial. Take another one.")
                .replace("%1", number)
                .replace("%2", scanned_expired)
            )
            self.case.pop("lot", None)
            self.lot_edit.clear()
            self.expiry_edit.clear()
        elif number:
            lot: dict[str, Any] = {"number": number}
            if expiry is not None:
                lot["expiry"] = expiry.isoformat()
            self.case["lot"] = lot
        else:
            self.case.pop("lot", None)
        self._show_lot_message()
        self.hint_label.setText(self.hint())

    def _on_dilution_spin_value_changed(self, value: float) -> None:
        if self._filling:
            return
        self.case["dilution_units_per_ml"] = value
        self._refresh()
        self._emit()

    def _on_units_changed(self, area: str, value: float) -> None:
        if self._filling:
            return
        plan = dict(self.case.get("plan") or {})
        plan[area] = value
        self.case["plan"] = plan
        self._refresh()
        self._emit()

    def _on_side_changed(self, area: str, side: str, value: float) -> None:
        """One side typed: the area's plan keeps both sides; its total follows."""
        if self._filling:
            return
        plan = dict(self.case.get("plan") or {})
        sides = entry_sides(plan.get(area))
        left, right = (value, sides.right) if side == LEFT else (sides.left, value)
        plan[area] = {LEFT: left, RIGHT: right}
        self.case["plan"] = plan
        self._refresh()
        self._emit()

    def _on_remove_clicked(self, area: str) -> None:
        plan = dict(self.case.get("plan") or {})
        plan.pop(area, None)
        self.case["plan"] = plan
        self._refresh()
        self._emit()
        self.add_combo.setFocus()

    def _on_add_button_clicked(self) -> None:
        area = self.add_combo.currentData()
        if not area:
            return
        plan = dict(self.case.get("plan") or {})
        plan[area] = 0
        self.case["plan"] = plan
        self._refresh()
        self._emit()
        spin = self.unit_spins.get(area)
        if spin is not None:
            spin.setFocus()
            spin.selectAll()
