"""A small line chart of one outcome score over time, drawn with QPainter.

QPainter rather than QtCharts: one line, a few markers and a threshold do not need the Charts
module (PySide6-Addons, several MB and slower to import on the patient page's path), and the
drawing follows the palette so it stays legible in dark and high-contrast themes. The numbers are
always in the accessible table beside it (``OutcomesPanel``); the chart's accessible description
repeats them in words.

Treatment dates are dashed vertical lines; the scores a line with dots (hollow at treatments,
where the score is the baseline recorded then, filled at follow-ups); a continuation threshold
(e.g. 30% below the baseline headache days) is a horizontal line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["OutcomeChart"]


class OutcomeChart(QWidget):
    """Scores of one outcome per visit, treatment dates and an optional threshold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeChart")
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._points: list[tuple[dt.date, int, bool]] = []
        self._treatments: list[dt.date] = []
        self._threshold: float | None = None
        self._threshold_label = ""
        self._low, self._high = 0, 10

    def sizeHint(self) -> QSize:  # noqa: N802
        """A readable default size."""
        return QSize(360, 170)

    def set_series(
        self,
        points: Sequence[tuple[dt.date, int, bool]],
        treatments: Sequence[dt.date],
        scale: tuple[int, int],
        threshold: float | None = None,
        threshold_label: str = "",
        description: str = "",
    ) -> None:
        """Show the scores.

        Args:
            points: (date, score, at a treatment) oldest first.
            treatments: the treatment dates.
            scale: the outcome's (min, max).
            threshold: a score to fall below, drawn as a horizontal line.
            threshold_label: its label.
            description: the accessible description (the values in words).
        """
        self._points = list(points)
        self._treatments = list(treatments)
        self._low, self._high = scale
        self._threshold = threshold
        self._threshold_label = threshold_label
        self.setAccessibleDescription(description)
        self.update()

    def _x(self, when: dt.date, first: dt.date, span: int, rect: QRectF) -> float:
        return (
            rect.left() + (when - first).days / span * rect.width() if span else rect.center().x()
        )

    def _y(self, value: float, rect: QRectF) -> float:
        span = max(1, self._high - self._low)
        return rect.bottom() - (value - self._low) / span * rect.height()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Draw axes, treatment lines, threshold and scores."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        metrics = painter.fontMetrics()
        left = metrics.horizontalAdvance(str(self._high)) + 10
        rect = QRectF(left, 8, self.width() - left - 12, self.height() - metrics.height() - 18)
        painter.setPen(QPen(text, 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.topLeft())
        for value in (self._low, self._high):
            y = self._y(value, rect)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 4, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
        dates = [p[0] for p in self._points] + self._treatments
        if not dates:
            painter.end()
            return
        first, last = min(dates), max(dates)
        span = (last - first).days
        painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
        for when in self._treatments:
            x = self._x(when, first, span, rect)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        for when in (first, last):
            x = self._x(when, first, span, rect)
            painter.drawText(
                QPointF(x - 30, rect.bottom() + metrics.ascent() + 4), when.isoformat()
            )
        if self._threshold is not None:
            y = self._y(self._threshold, rect)
            painter.setPen(QPen(text, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.drawText(QPointF(rect.left() + 4, y - 3), self._threshold_label)
        painter.setPen(QPen(accent, 2))
        xy = [QPointF(self._x(d, first, span, rect), self._y(v, rect)) for d, v, _ in self._points]
        for a, b in zip(xy, xy[1:], strict=False):
            painter.drawLine(a, b)
        for point, (_, _, at_treatment) in zip(xy, self._points, strict=True):
            painter.setBrush(pal.color(QPalette.ColorRole.Base) if at_treatment else accent)
            painter.drawEllipse(point, 4, 4)
        painter.end()
