"""A signature pad: draws mouse, pen (tablet, with pressure) and touch strokes smoothly.

Strokes are kept as lists of points with a width (from the pen's pressure where available) and
painted as quadratic curves through the midpoints of successive points, which removes the
jagged look of raw mouse samples. ``to_png`` renders the strokes on white for the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["EmptySignatureError", "SignaturePad"]

MIN_WIDTH = 480
MIN_HEIGHT = 160
BASE_PEN_WIDTH = 2.6


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignaturePad", text)


class EmptySignatureError(ValueError):
    """``to_png`` was asked for an image of a pad nobody has signed."""


@dataclass
class _Stroke:
    points: list[QPointF] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


class SignaturePad(QWidget):
    """A white area to sign on with a finger, pen or mouse.

    Signals:
        changed: emitted after each stroke ends and after ``clear``.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[_Stroke] = []
        self._current: _Stroke | None = None
        self._read_only = False
        self._background: QImage | None = None
        self._loaded: bytes | None = None
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(_tr("Signature pad"))
        self.setAccessibleDescription(_tr("Sign here with a finger, a pen or the mouse."))

    # --- public API -----------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """A comfortable size for a finger signature."""
        return QSize(MIN_WIDTH + 80, MIN_HEIGHT + 20)

    def is_empty(self) -> bool:
        """Whether nothing has been drawn (nor restored with ``load_png``)."""
        return self._background is None and not any(stroke.points for stroke in self._strokes)

    def clear(self) -> None:
        """Remove every stroke."""
        if self._read_only:
            return
        self._strokes.clear()
        self._current = None
        self._background = None
        self._loaded = None
        self.update()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Refuse (or allow again) new strokes, e.g. once the consent is sealed."""
        self._read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)

    def is_read_only(self) -> bool:
        """Whether the pad refuses new strokes."""
        return self._read_only

    def load_png(self, data: bytes) -> None:
        """Show a stored signature image (read-only display of a sealed signature)."""
        image = QImage.fromData(QByteArray(data))
        self._background = None if image.isNull() else image
        self._loaded = bytes(data) if self._background is not None else None
        self.update()

    def to_png(self) -> bytes:
        """The signature as a PNG (black on white, the pad's size).

        Raises:
            EmptySignatureError: if nothing has been drawn.
        """
        if self.is_empty():
            raise EmptySignatureError(_tr("The signature is empty."))
        if self._loaded is not None and not any(stroke.points for stroke in self._strokes):
            return self._loaded  # a restored signature, unchanged: the very same image
        size = self.size().expandedTo(QSize(MIN_WIDTH, MIN_HEIGHT))
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            if self._background is not None:
                painter.drawImage(0, 0, self._background)
            self._paint_strokes(painter)
        finally:
            painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"PNG")).write(image)
        buffer.close()
        return bytes(data.data())

    # --- drawing --------------------------------------------------------------------------

    def _begin(self, point: QPointF, pressure: float) -> None:
        if self._read_only:
            return
        self._current = _Stroke()
        self._strokes.append(self._current)
        self._add(point, pressure)

    def _add(self, point: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        stroke = self._current
        if stroke.points and (stroke.points[-1] - point).manhattanLength() < 0.5:
            return
        stroke.points.append(QPointF(point))
        stroke.widths.append(BASE_PEN_WIDTH * (0.5 + max(0.0, min(pressure, 1.0))))
        self.update()

    def _end(self) -> None:
        if self._current is None:
            return
        self._current = None
        self.changed.emit()

    def _paint_strokes(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for stroke in self._strokes:
            points = stroke.points
            if not points:
                continue
            width = sum(stroke.widths) / len(stroke.widths)
            pen = QPen(QColor("#10205a"), width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            if len(points) == 1:
                painter.drawPoint(points[0])
                continue
            if len(set(stroke.widths)) > 1:
                self._paint_pressure_stroke(painter, stroke, pen)
                continue
            painter.drawPath(_smooth_path(points))

    @staticmethod
    def _paint_pressure_stroke(painter: QPainter, stroke: _Stroke, pen: QPen) -> None:
        """Paint segment by segment so the width follows the pressure."""
        points = stroke.points
        for index in range(1, len(points)):
            start = (points[index - 1] + points[index]) / 2 if index > 1 else points[0]
            end = (
                (points[index] + points[index + 1]) / 2
                if index + 1 < len(points)
                else points[index]
            )
            path = QPainterPath(start)
            path.quadTo(points[index], end)
            pen.setWidthF(stroke.widths[index])
            painter.setPen(pen)
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """White background, a baseline and the strokes."""
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("white"))
            background = self._background
            if background is not None and not background.isNull():
                painter.drawImage(0, 0, background)
            baseline = QPen(QColor("#9aa3b5"), 1, Qt.PenStyle.DashLine)
            painter.setPen(baseline)
            y = self.height() - 36
            painter.drawLine(24, y, self.width() - 24, y)
            painter.drawText(8, y + 5, "×")
            border = QColor("#2a62c9") if self.hasFocus() else QColor("#7a8499")
            painter.setPen(QPen(border, 1))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
            self._paint_strokes(painter)
        finally:
            painter.end()

    # --- input ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """Start a stroke (mouse, or touch synthesised as mouse by the platform)."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), 0.5)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """Extend the stroke."""
        if self._current is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._add(event.position(), 0.5)
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """End the stroke."""
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            self._add(event.position(), 0.5)
            self._end()
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 (Qt override)
        """Pen strokes, with the width following the pressure."""
        kind = event.type()
        pressure = float(event.pressure())
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletMove:
            self._add(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletRelease:
            self._add(event.position(), pressure)
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        """Touch strokes (one finger) arrive as QTouchEvent."""
        if isinstance(event, QTouchEvent):
            points = event.points()
            if points:
                point = points[0]
                position = point.position()
                pressure = point.pressure() if point.pressure() > 0 else 0.5
                kind = event.type()
                if kind == QTouchEvent.Type.TouchBegin:
                    self._begin(position, pressure)
                elif kind == QTouchEvent.Type.TouchUpdate:
                    self._add(position, pressure)
                elif kind in (QTouchEvent.Type.TouchEnd, QTouchEvent.Type.TouchCancel):
                    self._add(position, pressure)
                    self._end()
            event.accept()
            return True
        return super().event(event)


def _smooth_path(points: list[QPointF]) -> QPainterPath:
    """A quadratic curve through the midpoints, with the samples as control points."""
    path = QPainterPath(points[0])
    for index in range(1, len(points) - 1):
        middle = (points[index] + points[index + 1]) / 2
        path.quadTo(points[index], middle)
    path.lineTo(points[-1])
    return path
