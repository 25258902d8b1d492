"""Chart blocks shared by the sheet and the record: areas with units per side, and the map.

:func:`areas_panel` prints the area lines (``Frontalis: 20 U (10 U each side)``) as a flowing
list on the tinted field panel, with an optional drawing (the injection map) on the right, so the
sheet stays within its two pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Polygon, PolyLine, String
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from consult_app.core.chart_model import AdministrationRecord, ChartTable, RegionMap
from consult_app.core.diagrams import SIZE, Shape
from consult_app.documents.blocks import (
    gap,
    grid,
    heading,
    key_value_table,
    make_paragraph,
    paragraph,
)
from consult_app.documents.fonts import FONT_REGULAR
from consult_app.documents.styles import Stylesheet
from consult_app.documents.text import para

#: Width of one map cell on the patient sheet (the drawing is 6 points narrower).
SHEET_MAP = 31 * mm
SHEET_MAP_SMALL = 24 * mm
LINE = HexColor("#5f6b75")
ZONE = HexColor("#2a6f97")
ZONE_FILL = Color(0.165, 0.435, 0.592, alpha=0.10)
POINT = HexColor("#b3261e")

#: Between two area entries of the flowing list.
SEPARATOR = " \u00a0·\u00a0 "

__all__ = ["administration_story", "areas_panel", "map_drawing", "maps_grid", "sheet_maps"]


def areas_panel(
    label: str,
    lines: Sequence[str],
    styles: Stylesheet,
    width: float,
    drawing: Flowable | None = None,
) -> list[Flowable]:
    """Return the area lines under their label, with an optional drawing on the right.

    Args:
        label: the field label (``Areas treated``).
        lines: one line per area, the total last (printed in bold).
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
    text: list[object] = [
        paragraph(label, styles, "FieldLabel"),
        make_paragraph(markup, styles.para["Cell"]),
    ]
    body: list[object] = [text]
    widths = [width - map_width]
    if drawing is not None:
        body.append(drawing)
        widths.append(map_width)
    rows: list[list[object]] = [body]
    table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(styles.table["Fields"])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])
    return [table]


def sheet_maps(maps: Sequence[RegionMap], styles: Stylesheet) -> Flowable | None:
    """Return the sheet's small maps for the areas panel, one row of up to four.

    Two maps or fewer get about 3 cm each; more get about 2.4 cm each, so a four-region session
    (PREEMPT) stays one row high and the sheet keeps its two pages.
    """
    if not maps:
        return None
    columns = min(4, len(maps))
    cell = SHEET_MAP if columns <= 2 else SHEET_MAP_SMALL
    return maps_grid(maps, styles, columns * cell, columns=columns, notes=False)


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
    grid_of_maps = maps_grid(block.maps, styles, width, columns=4)
    if grid_of_maps is not None:
        story += [gap(2), grid_of_maps]
    story += _table(block.points, styles, width)
    return story


def map_drawing(region_map: RegionMap, size: float, font: str = FONT_REGULAR) -> Drawing:
    """Return the region's diagram (the same shapes as its SVG file) with the points drawn.

    Args:
        region_map: the diagram and its points (x, y in 0-1 from the top left).
        size: the drawing's width and height in points.
        font: the font for the units beside each point.
    """
    scale = size / SIZE
    drawing = Drawing(size, size)

    def xy(values: tuple[float, ...]) -> list[float]:
        out: list[float] = []
        for x, y in zip(values[0::2], values[1::2], strict=True):
            out += [x * scale, size - y * scale]
        return out

    def add(shape: Shape, stroke: Color, fill: Color | None, width: float, dash: Any) -> None:
        v = shape.values
        if shape.kind == "ellipse":
            item: Any = Ellipse(v[0] * scale, size - v[1] * scale, v[2] * scale, v[3] * scale)
        elif shape.kind == "polygon":
            item = Polygon(xy(v))
        else:
            item = PolyLine(xy(v))
        item.strokeColor = stroke
        item.strokeWidth = width
        item.strokeDashArray = dash
        if shape.kind != "polyline":
            item.fillColor = fill
        drawing.add(item)

    diagram = region_map.diagram
    for shape in diagram.outline:
        add(shape, LINE, None, 0.8, None)
    for zone in diagram.zones:
        add(zone.shape, ZONE, ZONE_FILL, 0.4, [1.5, 1])
    radius = max(1.2, size / 90)
    label_size = max(4.5, min(6.5, size / 16))
    for point in region_map.points:
        px, py = point.x * size, size - point.y * size
        drawing.add(Circle(px, py, radius, fillColor=POINT, strokeColor=POINT, strokeWidth=0))
        drawing.add(
            String(
                px + radius + 0.6,
                py + 0.6,
                point.label,
                fontName=font,
                fontSize=label_size,
                fillColor=POINT,
            )
        )
    left, right = ("R/D", "L/G") if diagram.patient_left_on_viewer_right else ("L/G", "R/D")
    drawing.add(String(1, 1.5, left, fontName=font, fontSize=label_size, fillColor=LINE))
    drawing.add(
        String(
            size - 1,
            1.5,
            right,
            fontName=font,
            fontSize=label_size,
            fillColor=LINE,
            textAnchor="end",
        )
    )
    return drawing


def maps_grid(
    maps: Sequence[RegionMap], styles: Stylesheet, width: float, columns: int, notes: bool = True
) -> Flowable | None:
    """Return the maps side by side (``columns`` a row), each with its title (and orientation)."""
    if not maps:
        return None
    cell = width / columns
    size = cell - 6
    cells: list[object] = []
    for region_map in maps:
        content: list[object] = [
            paragraph(region_map.title, styles, "FieldLabel"),
            map_drawing(region_map, size),
        ]
        if notes:
            content.append(paragraph(region_map.note, styles, "FieldLabel"))
        cells.append(content)
    rows: list[list[object]] = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[cell] * columns, hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )
    return table
