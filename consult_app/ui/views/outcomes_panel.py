"""Outcomes over time on the patient page: per indication, a chart and the numbers beside it.

Each treated indication gets a titled box: a one-line verdict (for chronic migraine, whether the
latest headache days are below the continuation line: 30% under the first treatment's baseline),
an :class:`~consult_app.ui.widgets.outcome_chart.OutcomeChart` of its main score, and a table of
every score per visit (the accessible version of the chart, read by screen readers and
keyboard). Layout only: the main window gives it the series (``core.outcomes``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.outcomes import IndicationSeries
from consult_app.core.protocol import Protocol
from consult_app.ui.widgets.outcome_chart import OutcomeChart

__all__ = ["OutcomesPanel", "verdict_text"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutcomesPanel", text)


def _change(value: int, baseline: int | None) -> str:
    if not baseline:
        return ""
    percent = round((value - baseline) * 100 / baseline)
    return f"{percent:+d}%" if percent else "0%"


def verdict_text(series: IndicationSeries, protocol: Protocol, lang: str = "en") -> str:
    """One line saying where the latest score stands against the baseline and the line."""
    if not series.outcomes:
        return _tr("No scores recorded yet.")
    main = series.outcomes[0]
    name = protocol.outcomes[main].name.get(lang)
    followups = [p for p in series.points if p.kind == "followup" and main in p.scores]
    baseline = series.baseline.get(main)
    if not followups or baseline is None:
        return _tr("%1: no follow-up score against a baseline yet.").replace("%1", name)
    latest = followups[-1]
    value = latest.scores[main]
    text = (
        _tr("%1: %2 at the latest follow-up (%3), baseline %4 (%5).")
        .replace("%1", name)
        .replace("%2", str(value))
        .replace("%3", latest.date.isoformat())
        .replace("%4", str(baseline))
        .replace("%5", _change(value, baseline))
    )
    target = series.target.get(main)
    if target is not None:
        if value <= target:
            text += " " + _tr("At least %1% lower: responding.").replace(
                "%1", str(series.target_percent)
            )
        else:
            text += " " + _tr("Less than %1% lower: not responding so far.").replace(
                "%1", str(series.target_percent)
            )
    return text


class OutcomesPanel(QWidget):
    """One box per treated indication: verdict, chart and table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomesPanel")
        self.title = QLabel()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.title)
        self.boxes: list[QGroupBox] = []
        self.charts: list[OutcomeChart] = []
        self.tables: list[QTableWidget] = []
        self.verdicts: list[QLabel] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every fixed text in the current language."""
        self.title.setText("<b>" + _tr("Outcomes over time") + "</b>")

    def set_series(
        self, series: Sequence[IndicationSeries], protocol: Protocol, lang: str = "en"
    ) -> None:
        """Show one box per indication with scores (hidden when there is none)."""
        for box in self.boxes:
            self._layout.removeWidget(box)
            box.hide()
            box.setParent(None)  # gone now, not at the next event-loop turn
            box.deleteLater()
        self.boxes, self.charts, self.tables, self.verdicts = [], [], [], []
        shown = [s for s in series if s.outcomes]
        self.setVisible(bool(shown))
        for s in shown:
            self._add(s, protocol, lang)

    def _add(self, s: IndicationSeries, protocol: Protocol, lang: str) -> None:
        ind = protocol.indications.get(s.indication)
        box = QGroupBox(ind.name.get(lang) if ind is not None else s.indication)
        verdict = QLabel(verdict_text(s, protocol, lang))
        verdict.setWordWrap(True)
        main = s.outcomes[0]
        outcome = protocol.outcomes[main]
        chart = OutcomeChart()
        chart.setAccessibleName(
            _tr("%1 over time, %2").replace("%1", outcome.name.get(lang)).replace("%2", box.title())
        )
        target = s.target.get(main)
        chart.set_series(
            [(p.date, p.scores[main], p.kind == "treatment") for p in s.points if main in p.scores],
            s.treatments,
            (outcome.min, outcome.max),
            threshold=target,
            threshold_label=_tr("%1% below baseline").replace("%1", str(s.target_percent)),
            description=verdict.text(),
        )
        table = self._table(s, protocol, lang)
        row = QHBoxLayout()
        row.addWidget(chart, 1)
        row.addWidget(table, 1)
        layout = QVBoxLayout(box)
        layout.addWidget(verdict)
        layout.addLayout(row)
        self._layout.addWidget(box)
        self.boxes.append(box)
        self.charts.append(chart)
        self.tables.append(table)
        self.verdicts.append(verdict)

    def _table(self, s: IndicationSeries, protocol: Protocol, lang: str) -> QTableWidget:
        names = [protocol.outcomes[o].name.get(lang) for o in s.outcomes]
        headers = [_tr("Date"), _tr("Visit"), *names, _tr("Change")]
        table = QTableWidget(len(s.points), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.setAccessibleName(_tr("Scores per visit"))
        main = s.outcomes[0]
        for r, p in enumerate(s.points):
            kind = _tr("Treatment (baseline)") if p.kind == "treatment" else _tr("Follow-up")
            cells = [p.date.isoformat(), kind]
            cells += [str(p.scores[o]) if o in p.scores else "" for o in s.outcomes]
            cells.append(
                _change(p.scores[main], s.baseline.get(main))
                if main in p.scores and p.kind == "followup"
                else ""
            )
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()  # once (a per-section ResizeToContents re-measures)
        table.setMinimumHeight(min(240, 40 + 26 * max(1, len(s.points))))
        return table
