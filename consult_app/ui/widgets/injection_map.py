"""The injection map: the region's diagram with the points, mouse, touch and keyboard (issue 18).

A ``QGraphicsScene`` holds the region's SVG (``QGraphicsSvgItem``, the same file the protocol
ships) and one item per point labelled with its units. Click (or tap) on a muscle zone to add a
point there (its area and side come from the zone under it; outside every zone the click is
refused with a message), drag a point to move it, scroll over it or type in the units box to set
its units, Delete to remove it. The list beside the map does everything without a mouse: pick a
point, change its units, delete it, or add one on a chosen area and side.

The widget holds the points as JSON-ready dicts (``core.map_plan``) and emits ``pointsChanged``
with the whole list after every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPen, QWheelEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSceneWheelEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.diagrams import SIZE, Diagrams
from consult_app.core.map_plan import point_dict
from consult_app.core.protocol import Protocol
from consult_app.core.screening import format_units
from consult_app.resources import resource_path

__all__ = ["InjectionMap"]

RADIUS = 4.0
STEP = 0.5


def _tr(text: str) -> str:
    return QCoreApplication.translate("InjectionMap", text)


class _PointItem(QGraphicsEllipseItem):
    """One point: a red dot with its units beside it; movable, selectable, wheel for units."""

    def __init__(self, owner: InjectionMap, index: int) -> None:
        super().__init__(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS)
        self.owner = owner
        self.index = index
        self.setBrush(QBrush(QColor("#b3261e")))
        self.setPen(QPen(QColor("white"), 1))
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setZValue(2)
        self.label = QGraphicsSimpleTextItem(self)
        self.label.setBrush(QBrush(QColor("#b3261e")))
        font = QFont()
        font.setPointSizeF(7)
        self.label.setFont(font)
        self.label.setPos(RADIUS + 1, -RADIUS - 6)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        """A drag ends: the point takes the zone under it (or goes back)."""
        super().mouseReleaseEvent(event)
        self.owner.point_moved(self.index, self.pos())

    def wheelEvent(self, event: QGraphicsSceneWheelEvent) -> None:  # noqa: N802
        """Scroll up or down: half a unit more or less."""
        self.owner.nudge_units(self.index, STEP if event.delta() > 0 else -STEP)
        event.accept()


class _MapView(QGraphicsView):
    """The view: a click on empty paper adds a point; Delete removes the selected one."""

    def __init__(self, owner: InjectionMap) -> None:
        super().__init__(owner.scene)
        self.owner = owner
        self.setRenderHints(self.renderHints())
        self.setMinimumSize(220, 240)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Add a point where the paper (not a point) is clicked."""
        item = self.itemAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and not isinstance(item, _PointItem):
            self.owner.add_at(self.mapToScene(event.position().toPoint()))
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Delete or Backspace removes the selected point; + and - change its units."""
        if self.owner.handle_key(event):
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        """Over a point: units (handled by the point); elsewhere nothing scrolls."""
        super().wheelEvent(event)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        """Keep the whole drawing in view."""
        super().resizeEvent(event)
        self.fitInView(QRectF(0, 0, SIZE, SIZE), Qt.AspectRatioMode.KeepAspectRatio)


class InjectionMap(QWidget):
    """The map of one region at a time (chosen above it), then the list of every point."""

    pointsChanged = Signal(list)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagrams: Diagrams | None = None
        self.protocol: Protocol | None = None
        self.lang = "en"
        self.default_units = 5.0
        self._points: list[dict[str, Any]] = []
        self._items: list[_PointItem] = []
        self.region = ""
        self.scene = QGraphicsScene(0, 0, SIZE, SIZE, self)
        self.svg: QGraphicsSvgItem | None = None
        self._renderers: dict[str, QSvgRenderer] = {}
        self.region_combo = QComboBox()
        self.view = _MapView(self)
        self.list = QListWidget()
        self.list.setObjectName("mapPointList")
        self.units_spin = QDoubleSpinBox()
        self.units_spin.setRange(0.5, 1000)
        self.units_spin.setDecimals(1)
        self.units_spin.setSingleStep(STEP)
        self.zone_combo = QComboBox()
        for combo in (self.region_combo, self.zone_combo):
            # Long area names must not widen the step (it would scroll sideways).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
        self.add_button = QPushButton()
        self.delete_button = QPushButton()
        self.message = QLabel()
        self.message.setObjectName("mapMessage")
        self.message.setWordWrap(True)
        self.orientation = QLabel()
        self.orientation.setWordWrap(True)

        # One column (map, then the list and its controls) so the plan step never scrolls
        # sideways on a small screen; the list keeps a few rows visible and scrolls.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.region_combo)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.orientation)
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(180)
        layout.addWidget(self.list)
        units_row = QHBoxLayout()
        self.units_label = QLabel()
        self.units_label.setBuddy(self.units_spin)
        units_row.addWidget(self.units_label)
        units_row.addWidget(self.units_spin, 1)
        units_row.addWidget(self.delete_button)
        layout.addLayout(units_row)
        add_row = QHBoxLayout()
        add_row.addWidget(self.zone_combo, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)
        layout.addWidget(self.message)

        self.region_combo.activated.connect(lambda _i: self._show_region())
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.units_spin.valueChanged.connect(self._on_units_typed)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.list.installEventFilter(self)
        self.retranslate_ui()

    # -- texts --------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.region_combo.setAccessibleName(_tr("Region shown on the map"))
        self.view.setAccessibleName(_tr("Injection map: click a muscle to add a point"))
        self.list.setAccessibleName(_tr("Injection points"))
        self.units_label.setText(_tr("&Units at this point"))
        self.units_spin.setAccessibleName(_tr("Units at the selected point"))
        self.add_button.setText(_tr("Add po&int"))
        self.zone_combo.setAccessibleName(_tr("Area and side of the point to add"))
        self.delete_button.setText(_tr("Delete poin&t"))
        self._show_orientation()

    # -- data ---------------------------------------------------------------------------------
    def set_data(
        self,
        diagrams: Diagrams,
        protocol: Protocol,
        lang: str,
        points: Sequence[dict[str, Any]],
        regions: Sequence[str],
    ) -> None:
        """Show these points; the region list holds ``regions`` (those of the planned areas)."""
        self.diagrams, self.protocol, self.lang = diagrams, protocol, lang
        self._points = [dict(p) for p in points]
        shown = [r for r in regions if r in diagrams.regions]
        keep = self.region if self.region in shown else (shown[0] if shown else "")
        self.region_combo.blockSignals(True)
        self.region_combo.clear()
        for region in shown:
            self.region_combo.addItem(protocol.regions[region].name.get(lang), region)
        self.region_combo.setCurrentIndex(max(0, self.region_combo.findData(keep)))
        self.region_combo.blockSignals(False)
        row = self.list.currentRow()
        self._show_region()
        if 0 <= row < len(self._points):
            self._redraw(select=row)  # the keyboard keeps its place after each change

    def points(self) -> list[dict[str, Any]]:
        """Return every point (all regions), as the draft stores them."""
        return [dict(p) for p in self._points]

    # -- showing ------------------------------------------------------------------------------
    def _renderer(self, region: str) -> QSvgRenderer:
        if region not in self._renderers:
            path = resource_path("protocol", "diagrams", f"{region}.svg")
            self._renderers[region] = QSvgRenderer(str(path), self)
        return self._renderers[region]

    def _show_region(self) -> None:
        self.region = str(self.region_combo.currentData() or "")
        if self.svg is not None:
            self.scene.removeItem(self.svg)
            self.svg = None
        if self.region:
            self.svg = QGraphicsSvgItem()
            self.svg.setSharedRenderer(self._renderer(self.region))
            self.svg.setZValue(0)
            self.scene.addItem(self.svg)
        self._fill_zone_combo()
        self._show_orientation()
        self._redraw()

    def _show_orientation(self) -> None:
        diagram = self.diagrams.regions.get(self.region) if self.diagrams else None
        if diagram is None:
            self.orientation.setText("")
        elif diagram.view == "back":
            self.orientation.setText(_tr("Back view: the patient's left is on your left."))
        else:
            self.orientation.setText(_tr("Front view: the patient's left is on your right."))

    def _side_name(self, side: str) -> str:
        return {"left": _tr("left"), "right": _tr("right"), "midline": _tr("midline")}[side]

    def _fill_zone_combo(self) -> None:
        self.zone_combo.clear()
        if self.diagrams is None or self.protocol is None or not self.region:
            return
        seen = set()
        for zone in self.diagrams.regions[self.region].zones:
            if (zone.area, zone.side) in seen:
                continue
            seen.add((zone.area, zone.side))
            name = self.protocol.areas[zone.area].name.get(self.lang)
            self.zone_combo.addItem(
                f"{name}, {self._side_name(zone.side)}", f"{zone.area}:{zone.side}"
            )

    def _redraw(self, select: int | None = None) -> None:
        for item in self._items:
            self.scene.removeItem(item)
        self._items = []
        self.list.blockSignals(True)
        self.list.clear()
        for index, point in enumerate(self._points):
            name = self.protocol.areas[point["area"]].name.get(self.lang) if self.protocol else ""
            units = format_units(float(point["units"]), self.lang)
            row = QListWidgetItem(
                f"{index + 1}. {name}, {self._side_name(point['side'])}: {units} U"
            )
            self.list.addItem(row)
            if point["region"] != self.region:
                row.setForeground(QColor("#6b7280"))
                continue
            item = _PointItem(self, index)
            item.setPos(float(point["x"]) * SIZE, float(point["y"]) * SIZE)
            item.label.setText(units)
            item.setToolTip(row.text())
            self.scene.addItem(item)
            self._items.append(item)
        self.list.blockSignals(False)
        if select is not None and 0 <= select < len(self._points):
            self.list.setCurrentRow(select)
            self._select_item(select)
        self._sync_units_box()

    def _select_item(self, index: int) -> None:
        for item in self._items:
            item.setSelected(item.index == index)

    def _sync_units_box(self) -> None:
        row = self.list.currentRow()
        has = 0 <= row < len(self._points)
        self.units_spin.setEnabled(has)
        self.delete_button.setEnabled(has)
        if has:
            self.units_spin.blockSignals(True)
            self.units_spin.setValue(float(self._points[row]["units"]))
            self.units_spin.blockSignals(False)

    # -- changes ------------------------------------------------------------------------------
    def _changed(self, select: int | None = None, message: str = "") -> None:
        self.message.setText(message)
        self._redraw(select)
        self.pointsChanged.emit(self.points())

    def add_at(self, scene_pos: QPointF) -> bool:
        """Add a point where the paper was clicked, on the zone under it; False when refused."""
        if self.diagrams is None or not self.region:
            return False
        x, y = scene_pos.x() / SIZE, scene_pos.y() / SIZE
        zone = self.diagrams.regions[self.region].zone_at(x, y)
        if zone is None:
            self.message.setText(_tr("Not on a treatment area: click on a shaded muscle."))
            return False
        self._points.append(
            point_dict(self.region, zone.area, zone.side, self._units_for(zone.area), x, y)
        )
        self._changed(select=len(self._points) - 1)
        return True

    def _units_for(self, area: str) -> float:
        same = [float(p["units"]) for p in self._points if p["area"] == area]
        return same[-1] if same else self.default_units

    def point_moved(self, index: int, pos: QPointF) -> None:
        """A point was dragged: take the zone under it, or go back with a message."""
        if self.diagrams is None or not 0 <= index < len(self._points):
            return
        x, y = pos.x() / SIZE, pos.y() / SIZE
        point = self._points[index]
        if abs(x - float(point["x"])) < 1e-4 and abs(y - float(point["y"])) < 1e-4:
            self.list.setCurrentRow(index)
            return
        zone = self.diagrams.regions[self.region].zone_at(x, y)
        if zone is None:
            self._changed(index, _tr("Not on a treatment area: the point went back."))
            return
        point.update(point_dict(self.region, zone.area, zone.side, point["units"], x, y))
        self._changed(index)

    def nudge_units(self, index: int, delta: float) -> None:
        """Change a point's units by ``delta`` (never below half a unit)."""
        if 0 <= index < len(self._points):
            point = self._points[index]
            point["units"] = max(STEP, float(point["units"]) + delta)
            self._changed(index)

    def delete_selected(self) -> None:
        """Remove the point selected in the list (or on the map)."""
        row = self.list.currentRow()
        if 0 <= row < len(self._points):
            del self._points[row]
            self._changed(min(row, len(self._points) - 1))

    def handle_key(self, event: QKeyEvent) -> bool:
        """Delete/Backspace, + and - for the selected point; True when handled."""
        row = self.list.currentRow()
        selected = [i.index for i in self._items if i.isSelected()]
        if selected:
            row = selected[0]
            self.list.setCurrentRow(row)
        if row < 0:
            return False
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
            return True
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.nudge_units(row, STEP)
            return True
        if event.key() == Qt.Key.Key_Minus:
            self.nudge_units(row, -STEP)
            return True
        return False

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        """Keys typed in the list act on its current point."""
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and self.handle_key(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._points) and self._points[row]["region"] != self.region:
            index = self.region_combo.findData(self._points[row]["region"])
            if index >= 0:
                self.region_combo.setCurrentIndex(index)
                self._show_region()
                self.list.setCurrentRow(row)
        self._select_item(row)
        self._sync_units_box()

    def _on_units_typed(self, value: float) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._points) and float(self._points[row]["units"]) != value:
            self._points[row]["units"] = value
            self._changed(row)

    def _on_add_clicked(self) -> None:
        data = self.zone_combo.currentData()
        if not data or self.diagrams is None:
            return
        area, side = str(data).split(":")
        zone = next(
            z for z in self.diagrams.regions[self.region].zones if z.area == area and z.side == side
        )
        cx, cy = zone.shape.centre()
        self.add_at(QPointF(cx, cy))
        self.list.setFocus()
