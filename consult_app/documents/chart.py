"""Chart blocks shared by the sheet and the record: areas with units per side, and the map.

:func:`areas_panel` prints the area lines (``Frontalis: 20 U (10 U each side)``) as a flowing
list on the tinted field panel, with an optional drawing (the injection map) on the right, so the
sheet stays within its two pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Table

from consult_app.core.chart_model import AdministrationRecord, ChartTable
from consult_app.documents.blocks import gap, grid, heading, key_value_table, paragraph
from consult_app.documents.styles import Stylesheet
from consult_app.documents.text import para

#: Between two area entries of the flowing list.
SEPARATOR = " \u00a0·\u00a0 "

__all__ = ["administration_story", "areas_panel"]


def areas_panel(
    label: str,
    lines: Sequence[str],
    styles: Stylesheet,
    width: float,
    drawing: Flowable | None = None,
) -> list[Flowable]:
    """Return the area lines under their label, in two columns, with an optional drawing.

    Args:
        label: the field label (``Areas treated``).
        lines: one line per area, the total last (it stays in the first column's end).
        styles: the stylesheet.
        width: the available width.
        drawing: a flowable printed to the right of the lines (the map), or None.

    Returns:
        A one-table list, or an empty list when there are no lines.
    """
    texts = [line for line in lines if line.strip()]
    if not texts:
        return []
    map_width = float(drawing.wrap(width, 1000)[0]) + 6 if drawing is not None else 0.0
    # One flowing paragraph, entries separated by a middle dot and the total in bold: as short
    # as the comma-separated list it replaces, so the sheet keeps its two pages.
    *entries, total = texts
    markup = SEPARATOR.join(para(t) for t in entries)
    markup = (markup + SEPARATOR if markup else "") + f"<b>{para(total)}</b>"
    body: list[object] = [Paragraph(markup, styles.para["Cell"])]
    widths = [width - map_width]
    if drawing is not None:
        body.append(drawing)
        widths.append(map_width)
    rows: list[list[object]] = [
        [paragraph(label, styles, "FieldLabel"), *[""] * (len(widths) - 1)],
        body,
    ]
    table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(styles.table["Fields"])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])
    return [table]


def _table(table: ChartTable | None, styles: Stylesheet, width: float) -> list[Flowable]:
    if table is None or not table.rows:
        return []
    return [
        gap(1.5),
        grid(table.header, table.rows, styles, [width * w for w in table.widths]),
    ]


def administration_story(
    block: AdministrationRecord | None, styles: Stylesheet, width: float
) -> list[Flowable]:
    """Return the record's administration section: fields, vials, planned vs given, points."""
    if block is None:
        return []
    story: list[Flowable] = heading(block.heading, styles)
    story += key_value_table(block.fields, styles, width)
    story += _table(block.vials, styles, width)
    story += _table(block.comparison, styles, width)
    story += _table(block.points, styles, width)
    return story
